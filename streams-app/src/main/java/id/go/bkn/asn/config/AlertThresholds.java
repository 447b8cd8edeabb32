package id.go.bkn.asn.config;

/**
 * The thresholds of the participation alert rules (CONTRACT.md section 5, defaults from
 * reference/DOMAIN.md, which marks them all as assumptions to configure). A weekly rule fires when
 * its figure is strictly below its threshold on a closed week; units whose headcount is below
 * {@code minCohort} are not alerted on weekly figures, because a handful of people makes any weekly
 * rate swing. The default low-participation threshold of 5 % is this project's assumption:
 * DOMAIN.md names the rule but gives no number.
 *
 * @param lowParticipationRate LOW_PARTICIPATION when the weekly participation rate is below this
 *     (0..1, default 0.05, an assumption)
 * @param lowAttendanceRate LOW_ATTENDANCE when the weekly attendance rate is below this (0..1,
 *     default 0.80)
 * @param lowSatisfactionIndex LOW_SATISFACTION when the weekly, unsuppressed satisfaction index is
 *     below this (0..100, default 76.61: IKM bands C and D)
 * @param jpBehindPaceMargin JP_BEHIND_PACE when attainmentRatio is below expectedAttainment minus
 *     this (0..1, default 0.20, i.e. 20 points)
 * @param noActivityCriticalWeeks NO_ACTIVITY turns CRITICAL on this many silent weeks in a row (at
 *     least 1, default 4)
 * @param minCohort smallest headcount alerted on weekly figures (default 20)
 */
public record AlertThresholds(
    double lowParticipationRate,
    double lowAttendanceRate,
    double lowSatisfactionIndex,
    double jpBehindPaceMargin,
    int noActivityCriticalWeeks,
    int minCohort) {

  /** The defaults of DOMAIN.md. */
  public static final AlertThresholds DEFAULTS =
      new AlertThresholds(0.05, 0.80, 76.61, 0.20, 4, 20);

  /** Checks every threshold is in its range, so a bad setting fails at start-up. */
  public AlertThresholds {
    requireBetween("lowParticipationRate", lowParticipationRate, 0, 1);
    requireBetween("lowAttendanceRate", lowAttendanceRate, 0, 1);
    requireBetween("lowSatisfactionIndex", lowSatisfactionIndex, 0, 100);
    requireBetween("jpBehindPaceMargin", jpBehindPaceMargin, 0, 1);
    if (noActivityCriticalWeeks < 1) {
      throw new IllegalArgumentException(
          "noActivityCriticalWeeks must be at least 1: " + noActivityCriticalWeeks);
    }
    if (minCohort < 0) {
      throw new IllegalArgumentException("minCohort must not be negative: " + minCohort);
    }
  }

  private static void requireBetween(
      final String name, final double value, final double min, final double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          name + " must be between " + min + " and " + max + ": " + value);
    }
  }
}
