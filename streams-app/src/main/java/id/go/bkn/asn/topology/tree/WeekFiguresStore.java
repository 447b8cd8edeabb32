package id.go.bkn.asn.topology.tree;

import id.go.bkn.asn.function.CalendarWindow;
import id.go.bkn.asn.function.JakartaCalendar;
import id.go.bkn.asn.schema.WindowSize;
import java.time.LocalDate;
import java.util.function.Predicate;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The store of the units' window figures, one entry per unit and week ({@link WeekFigures}) under
 * the key of its WEEK window ({@code W|monday|unitId}), with each window's changed mark indexed in
 * the task's {@link EmissionLog} under the window's own key ({@code D|date|unitId} or {@code
 * W|monday|unitId}), so the emission finds a day's and a week's records as before. What {@link
 * TrackedStore} is to a store of one window per entry.
 *
 * <p>A window's slot stays in the entry after its FINAL record (the close only reads, as before, so
 * a close done again reads the same figures) and is dropped the next time the entry is written; the
 * week's entries are deleted in bounded chunks once the week and all its days are closed.
 */
final class WeekFiguresStore {

  private final KeyValueStore<String, WeekFigures> store;
  private final EmissionLog log;
  private final Predicate<CalendarWindow> finalized;

  /**
   * A store over the entries; {@code finalized} says whether a window's close is done (its FINAL
   * records written): its slot is then dropped when the entry is next written.
   */
  WeekFiguresStore(
      final KeyValueStore<String, WeekFigures> store,
      final EmissionLog log,
      final Predicate<CalendarWindow> finalized) {
    this.store = store;
    this.log = log;
    this.finalized = finalized;
  }

  /** The key of the unit's entry holding the window: its week's key. */
  static String entryKey(final CalendarWindow window, final String unitId) {
    return TreeKeys.window(weekOf(window), unitId);
  }

  private static CalendarWindow weekOf(final CalendarWindow window) {
    return window.size() == WindowSize.WEEK ? window : JakartaCalendar.week(window.start());
  }

  /** The unit's entry of the week holding the window; {@link WeekFigures#EMPTY} when none. */
  WeekFigures read(final CalendarWindow window, final String unitId) {
    final WeekFigures entry = store.get(entryKey(window, unitId));
    return entry == null ? WeekFigures.EMPTY : entry;
  }

  /**
   * Stores the unit's entry of the week holding the window, changed over {@code read} (as {@link
   * #read} returned it), without the slots of windows whose close is done: deleted when no slot is
   * left, not written when unchanged.
   */
  void write(
      final CalendarWindow window,
      final String unitId,
      final WeekFigures read,
      final WeekFigures changed) {
    if (changed.equals(read)) {
      return;
    }
    final CalendarWindow week = weekOf(window);
    WeekFigures kept = changed;
    for (int slot = 0; slot < SeenWeek.SLOTS; slot++) {
      if (kept.slot(slot) != null && finalized.test(WindowLedger.slotWindow(week, slot))) {
        kept = kept.with(slot, null);
      }
    }
    final String key = entryKey(window, unitId);
    if (!kept.isEmpty()) {
      store.put(key, kept);
    } else if (!read.isEmpty()) {
      store.delete(key);
    }
  }

  /** Marks the unit's window changed since its last record (its entry is written by the caller). */
  void markDirty(final CalendarWindow window, final String unitId) {
    log.markDirty(TreeKeys.window(window, unitId));
  }

  /**
   * The unit's figures of an open window with one more record counted as written, for the record
   * about to be written: its revision and figures, read once; the mark goes in the same put. No
   * entry yet gives empty figures.
   */
  Tracked<WindowCounts> written(final CalendarWindow window, final String unitId) {
    final int slot = SeenWeek.slot(window);
    final WeekFigures entry = read(window, unitId);
    final Tracked<WindowCounts> current = entry.slot(slot);
    final Tracked<WindowCounts> next =
        current == null ? new Tracked<>(WindowCounts.EMPTY, 1, false) : current.written();
    write(window, unitId, entry, entry.with(slot, next));
    log.clearDirty(TreeKeys.window(window, unitId));
    return next;
  }

  /** The unit's figures of a window with their revision, or null when it has none: one read. */
  Tracked<WindowCounts> figures(final CalendarWindow window, final String unitId) {
    return read(window, unitId).slot(SeenWeek.slot(window));
  }

  /** Forgets the marks of a closed window's keys in the dirty set. */
  void forgetMarks(final CalendarWindow window) {
    log.clearDirtyPrefix(TreeKeys.windowPrefix(window));
  }

  /**
   * Puts every window marked changed in the store into the log: when the task starts, after its
   * stores are restored. One pass over the store (the task's units with figures in open weeks),
   * once per start, never per record.
   */
  void indexDirty() {
    try (KeyValueIterator<String, WeekFigures> it = store.all()) {
      while (it.hasNext()) {
        final KeyValue<String, WeekFigures> entry = it.next();
        for (int slot = 0; slot < SeenWeek.SLOTS; slot++) {
          final Tracked<WindowCounts> value = entry.value.slot(slot);
          if (value != null && value.dirty()) {
            log.markDirty(windowKey(entry.key, slot));
          }
        }
      }
    }
  }

  /** The window key of a slot of the entry under {@code W|monday|unitId}. */
  static String windowKey(final String entryKey, final int slot) {
    if (slot == SeenWeek.WEEK) {
      return entryKey;
    }
    final TreeKeys.Parsed parsed = TreeKeys.parse(entryKey);
    final LocalDate day = parsed.window().startDate().plusDays(slot - 1L);
    return TreeKeys.window(
        JakartaCalendar.day(day.atStartOfDay(JakartaCalendar.ZONE).toInstant()), parsed.id());
  }
}
