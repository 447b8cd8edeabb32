package id.go.bkn.asn.function;

import id.go.bkn.asn.schema.ParticipationAlert;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of evaluating one unit's closed week: the state to store for the next week and the
 * alert records to write to {@code alerts.participation} (keyed by {@link
 * AlertEvaluator#alertKey}), usually none.
 *
 * @param state the unit's new alert state
 * @param alerts FIRING and RESOLVED records, in rule order
 */
public record AlertEvaluation(UnitAlertState state, List<ParticipationAlert> alerts) {

  /** Copies the alerts into an unmodifiable list. */
  public AlertEvaluation {
    Objects.requireNonNull(state, "state");
    alerts = List.copyOf(alerts);
  }
}
