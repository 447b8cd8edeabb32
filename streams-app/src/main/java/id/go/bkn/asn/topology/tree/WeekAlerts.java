package id.go.bkn.asn.topology.tree;

import id.go.bkn.asn.function.AlertEvaluation;
import id.go.bkn.asn.function.AlertEvaluator;
import id.go.bkn.asn.function.CalendarWindow;
import id.go.bkn.asn.function.JakartaCalendar;
import id.go.bkn.asn.function.UnitAlertState;
import id.go.bkn.asn.function.UnjudgeableReason;
import id.go.bkn.asn.schema.ParticipationAlert;
import id.go.bkn.asn.schema.UnitActivity;
import id.go.bkn.asn.schema.UnitJpProgress;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Runs the alert rules for a unit on each closed week, with its FINAL weekly record, its current
 * year-to-date record and its stored {@link UnitAlertState} ({@code tree-alerts}); publishes only
 * the FIRING and RESOLVED transitions the evaluator returns. A unit inactive in reference.units, or
 * gone from the task's trees, can no longer be judged: its open alerts are RESOLVED saying why, and
 * a gone unit's state is then dropped (found by one pass over {@code tree-alerts} per closed week,
 * as large as the task's units, done a bounded number of keys per call, never per record).
 */
final class WeekAlerts {

  private final AlertEvaluator evaluator;
  private final KeyValueStore<String, byte[]> states;

  WeekAlerts(final AlertEvaluator evaluator, final KeyValueStore<String, byte[]> states) {
    this.evaluator = evaluator;
    this.states = states;
  }

  /**
   * Evaluates the unit's closed week (or withdraws an inactive unit) and publishes what changed.
   */
  void evaluate(
      final UnitActivity week,
      final UnitJpProgress jpProgress,
      final boolean unitActive,
      final TreeSink sink) {
    final byte[] stored = states.get(week.getUnitId());
    final UnitAlertState before = stored == null ? null : UnitAlertState.fromBytes(stored);
    final AlertEvaluation evaluation =
        unitActive
            ? evaluator.evaluate(week, jpProgress, before)
            : evaluator.withdraw(
                before,
                week.getUnitId(),
                week.getUnitName(),
                JakartaCalendar.week(week.getWindowStart()),
                UnjudgeableReason.UNIT_INACTIVE);
    if (!evaluation.state().equals(before)) {
      states.put(week.getUnitId(), evaluation.state().toBytes());
    }
    publish(evaluation, sink);
  }

  /**
   * One step of the pass after a week closed for every unit of {@code units}: examines at most
   * {@code limit} stored states after {@code after} (from the first when null), resolves the open
   * alerts of each unit no longer among them, then forgets its state.
   *
   * @return the last key examined, to resume after; null when the pass is done
   */
  String withdrawGone(
      final CalendarWindow week,
      final TreeUnits units,
      final TreeSink sink,
      final String after,
      final int limit) {
    final List<String> gone = new ArrayList<>();
    String last = null;
    int examined = 0;
    boolean more = false;
    try (KeyValueIterator<String, byte[]> it =
        after == null ? states.all() : states.range(after, TreeKeys.AFTER_ALL)) {
      while (it.hasNext()) {
        final String unitId = it.next().key;
        if (unitId.equals(after)) {
          continue;
        }
        if (examined >= limit) {
          more = true;
          break;
        }
        examined++;
        last = unitId;
        if (units.get(unitId) == null) {
          gone.add(unitId);
        }
      }
    }
    for (final String unitId : gone) {
      final AlertEvaluation evaluation =
          evaluator.withdraw(
              UnitAlertState.fromBytes(states.get(unitId)),
              unitId,
              unitId,
              week,
              UnjudgeableReason.UNIT_DELETED);
      states.delete(unitId);
      publish(evaluation, sink);
    }
    return more ? last : null;
  }

  private static void publish(final AlertEvaluation evaluation, final TreeSink sink) {
    for (final ParticipationAlert alert : evaluation.alerts()) {
      sink.emit(
          TreeOutput.Target.ALERT,
          AlertEvaluator.alertKey(alert.getUnitId(), alert.getRule()),
          alert);
    }
  }
}
