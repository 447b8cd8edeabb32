package id.go.bkn.asn.topology.tree;

import id.go.bkn.asn.function.CalendarWindow;
import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.schema.RecordStatus;
import id.go.bkn.asn.schema.UnitActivity;
import id.go.bkn.asn.schema.WindowSize;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The open DAY and WEEK windows of a task's trees: counts an event for its unit and every ancestor
 * (O(depth) store operations, distinct participants through a seen-set per window, unit and
 * employee, so a transfer inside a subtree still counts the employee once there), writes the
 * PROVISIONAL record of a changed unit-window, and on close one FINAL record per unit of the trees,
 * zeros included, then deletes the window's state.
 */
final class WindowLedger {

  private final KeyValueStore<String, WindowCounts> windows;
  private final KeyValueStore<String, Long> seen;
  private final HeadcountLedger headcounts;
  private final EmissionLog log;
  private final int minResponses;

  WindowLedger(
      final KeyValueStore<String, WindowCounts> windows,
      final KeyValueStore<String, Long> seen,
      final HeadcountLedger headcounts,
      final EmissionLog log,
      final int minResponses) {
    this.windows = windows;
    this.seen = seen;
    this.headcounts = headcounts;
    this.log = log;
    this.minResponses = minResponses;
  }

  /** Counts a non-anonymous event in an open window for every unit of its chain. */
  void count(final CalendarWindow window, final List<String> chain, final TreeMessage event) {
    final long at = event.getOccurredAt().toEpochMilli();
    final boolean participant =
        "PRESENT".equals(event.getStatus()) || "LATE".equals(event.getStatus());
    for (final String unitId : chain) {
      final String key = TreeKeys.window(window, unitId);
      final WindowCounts before = windows.get(key);
      WindowCounts after = counted(before == null ? WindowCounts.EMPTY : before, event);
      if (participant
          && seen.putIfAbsent(TreeKeys.seen(window, unitId, event.getEmployeeId()), at) == null) {
        after = after.withParticipant();
      }
      windows.put(key, after);
      log.markDirty(key, at);
    }
  }

  private static WindowCounts counted(final WindowCounts counts, final TreeMessage event) {
    return switch (event.getKind()) {
      case ENROLLMENT -> counts.withEnrollment(event.getAction());
      case ATTENDANCE ->
          counts.withAttendance(
              event.getStatus(), event.getSessionJp() == null ? 0.0 : event.getSessionJp());
      case FEEDBACK ->
          event.getOverall() == null
              ? counts
              : counts.withFeedback(
                  event.getOverall(), event.getCareerRelevance(), event.getRecommend());
      case ROSTER, WATERMARK -> counts;
    };
  }

  /** The PROVISIONAL record of a unit in an open window. */
  UnitActivity provisional(final UnitInfo unit, final CalendarWindow window, final Instant now) {
    final String key = TreeKeys.window(window, unit.unitId());
    final WindowCounts counts = windows.get(key);
    return TreeRecords.activity(
        unit,
        window,
        RecordStatus.PROVISIONAL,
        log.nextRevision(key),
        headcounts.asOf(unit.unitId(), window.end().toEpochMilli()),
        counts == null ? WindowCounts.EMPTY : counts,
        minResponses,
        now);
  }

  /**
   * Closes a window: one FINAL record per unit of {@code units} handed to {@code finals}, then the
   * window's counts, seen-set, revisions and dirty marks deleted.
   */
  void close(
      final CalendarWindow window,
      final TreeUnits units,
      final Instant now,
      final BiConsumer<UnitInfo, UnitActivity> finals) {
    for (final UnitInfo unit : units.all()) {
      final String key = TreeKeys.window(window, unit.unitId());
      final WindowCounts counts = windows.get(key);
      if (counts != null) {
        windows.delete(key);
      }
      final UnitActivity record =
          TreeRecords.activity(
              unit,
              window,
              RecordStatus.FINAL,
              log.finalRevision(key),
              headcounts.asOf(unit.unitId(), window.end().toEpochMilli()),
              counts == null ? WindowCounts.EMPTY : counts,
              minResponses,
              now);
      finals.accept(unit, record);
    }
    // Entries of units outside the snapshot (unknown to reference.units) must not outlive it.
    final String prefix = TreeKeys.windowPrefix(window);
    StorePrefixes.delete(windows, prefix);
    StorePrefixes.delete(seen, prefix);
    log.forgetPrefix(prefix);
  }

  /** The output target of a window size. */
  static TreeOutput.Target target(final WindowSize size) {
    return size == WindowSize.DAY
        ? TreeOutput.Target.UNIT_ACTIVITY_DAILY
        : TreeOutput.Target.UNIT_ACTIVITY_WEEKLY;
  }
}
