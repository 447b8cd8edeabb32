package id.go.bkn.asn.function;

/**
 * Why an alert rule can no longer be judged for a unit (CONTRACT.md section 5, "Alerts"): an open
 * alert is then RESOLVED with this reason in its message, so that no alert stays FIRING for ever
 * once nothing can end it. Each reason carries its Bahasa Indonesia phrase for that message.
 */
public enum UnjudgeableReason {
  /** The unit's headcount fell below the minimum cohort of the weekly rules. */
  BELOW_COHORT,
  /** The rule's figure is null this week (zero denominator, suppressed satisfaction, no JP). */
  NO_FIGURE,
  /** The unit is inactive in reference.units. */
  UNIT_INACTIVE,
  /** The unit is no longer in reference.units (deleted, or moved out of the task's trees). */
  UNIT_DELETED
}
