package id.go.bkn.asn.topology.tree;

import id.go.bkn.asn.function.AlertEvaluation;
import id.go.bkn.asn.function.AlertEvaluator;
import id.go.bkn.asn.function.UnitAlertState;
import id.go.bkn.asn.schema.ParticipationAlert;
import id.go.bkn.asn.schema.UnitActivity;
import id.go.bkn.asn.schema.UnitJpProgress;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Runs the alert rules for a unit on each closed week, with its FINAL weekly record, its current
 * year-to-date record and its stored {@link UnitAlertState} ({@code tree-alerts}); publishes only
 * the FIRING and RESOLVED transitions the evaluator returns.
 */
final class WeekAlerts {

  private final AlertEvaluator evaluator;
  private final KeyValueStore<String, byte[]> states;

  WeekAlerts(final AlertEvaluator evaluator, final KeyValueStore<String, byte[]> states) {
    this.evaluator = evaluator;
    this.states = states;
  }

  /** Evaluates the unit's closed week and publishes what changed. */
  void evaluate(final UnitActivity week, final UnitJpProgress jpProgress, final TreeSink sink) {
    final byte[] stored = states.get(week.getUnitId());
    final UnitAlertState before = stored == null ? null : UnitAlertState.fromBytes(stored);
    final AlertEvaluation evaluation = evaluator.evaluate(week, jpProgress, before);
    if (!evaluation.state().equals(before)) {
      states.put(week.getUnitId(), evaluation.state().toBytes());
    }
    for (final ParticipationAlert alert : evaluation.alerts()) {
      sink.emit(
          TreeOutput.Target.ALERT,
          AlertEvaluator.alertKey(alert.getUnitId(), alert.getRule()),
          alert);
    }
  }
}
