package id.go.bkn.asn.topology.tree;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The one clock of a tree-stage task: the low watermark of the ingest tasks that send to it (see
 * {@link SenderWatermarks}), or the wall clock once every sender is idle (the contract's "when no
 * events arrive at all, the wall clock closes windows"); it never moves backwards. It also keeps,
 * per window kind, the start of the first window not closed yet (the close cursor), so windows
 * close in time order, each once, also across restarts; and, until the clock is first set, the
 * range of event times already counted, so that the first cursors reach back to them.
 */
public final class TreeClock {

  private static final String NOW = "clock";
  private static final String CURSOR = "cursor.";
  private static final String PENDING_FIRST = "pending.first";
  private static final String PENDING_LAST = "pending.last";
  private static final String COUNTED_LAST = "counted.last";
  private static final String YEARS_FIRST = "years.first";
  private static final String YEARS_LAST = "years.last";

  private final KeyValueStore<String, Long> store;
  private Long now;

  /** The cursors read so far (the store's, kept in step by {@link #setCursor}). */
  private final Map<String, Optional<Instant>> cursors = new HashMap<>();

  private Long latestCounted;

  /** The clock kept in the {@code tree-clock} store. */
  public TreeClock(final KeyValueStore<String, Long> store) {
    this.store = store;
    this.now = store.get(NOW);
    this.latestCounted = store.get(COUNTED_LAST);
  }

  /** Notes the time of an event counted in a window (the latest bounds the windows in use). */
  public void noteCounted(final Instant occurredAt) {
    final long millis = occurredAt.toEpochMilli();
    if (latestCounted == null || millis > latestCounted) {
      latestCounted = millis;
      store.put(COUNTED_LAST, millis);
    }
  }

  /** The latest event time ever counted, or null if none. */
  public Instant latestCounted() {
    return latestCounted == null ? null : Instant.ofEpochMilli(latestCounted);
  }

  /** Whether the task has a clock yet (every sender's watermark, or all idle, set it). */
  public boolean isSet() {
    return now != null;
  }

  /** The clock; only when {@link #isSet()}. */
  public Instant now() {
    return Instant.ofEpochMilli(now);
  }

  /** The clock in epoch millis, or the fallback when not set. */
  public long millisOr(final long fallback) {
    return now == null ? fallback : now;
  }

  /** Moves the clock forward to {@code instant}; returns whether it moved. */
  public boolean advanceTo(final Instant instant) {
    final long millis = instant.toEpochMilli();
    if (now != null && now >= millis) {
      return false;
    }
    now = millis;
    store.put(NOW, millis);
    return true;
  }

  /** The start of the first unclosed window of the kind, or null before the first. */
  public Instant cursor(final String kind) {
    return cursors
        .computeIfAbsent(
            kind, k -> Optional.ofNullable(store.get(CURSOR + k)).map(Instant::ofEpochMilli))
        .orElse(null);
  }

  /** Sets the start of the first unclosed window of the kind. */
  public void setCursor(final String kind, final Instant start) {
    store.put(CURSOR + kind, start.toEpochMilli());
    cursors.put(kind, Optional.of(start));
  }

  /** Notes the time of an event counted before the clock is set; nothing once it is. */
  public void notePending(final Instant occurredAt) {
    if (now != null) {
      return;
    }
    final long millis = occurredAt.toEpochMilli();
    final Long first = store.get(PENDING_FIRST);
    if (first == null || millis < first) {
      store.put(PENDING_FIRST, millis);
    }
    final Long last = store.get(PENDING_LAST);
    if (last == null || millis > last) {
      store.put(PENDING_LAST, millis);
    }
  }

  /**
   * Notes a year whose year-to-date totals the task took before the clock is set (from a roster
   * message, which notes no event time); nothing once it is.
   */
  public void noteYear(final int year) {
    if (now != null) {
      return;
    }
    final Long first = store.get(YEARS_FIRST);
    if (first == null || year < first) {
      store.put(YEARS_FIRST, (long) year);
    }
    final Long last = store.get(YEARS_LAST);
    if (last == null || year > last) {
      store.put(YEARS_LAST, (long) year);
    }
  }

  /** The first and last year noted before the clock was set, or null if none. */
  public int[] yearsNoted() {
    final Long first = store.get(YEARS_FIRST);
    final Long last = store.get(YEARS_LAST);
    return first == null || last == null ? null : new int[] {first.intValue(), last.intValue()};
  }

  /** The earliest event time counted before the clock was set, or null if none. */
  public Instant earliestPending() {
    final Long millis = store.get(PENDING_FIRST);
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }

  /** The latest event time counted before the clock was set, or null if none. */
  public Instant latestPending() {
    final Long millis = store.get(PENDING_LAST);
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }
}
