package id.go.bkn.asn.app;

import id.go.bkn.asn.config.AlertThresholds;
import id.go.bkn.asn.config.TopologySettings;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * What the participation topology is told, as options: the grace after a window's end, the
 * de-duplication horizon, k of the satisfaction suppression, the yearly JP target and the alert
 * thresholds. Defaults are the contract's (TopologySettings and AlertThresholds); every value is
 * checked once at start-up and a bad one is a one-line {@link UserError}.
 */
final class TopologyOptions {

  private static final TopologySettings DEFAULTS = TopologySettings.DEFAULTS;
  private static final AlertThresholds ALERTS = AlertThresholds.DEFAULTS;

  @Option(
      names = "--grace",
      paramLabel = "DURATION",
      defaultValue = "48h",
      converter = DurationConverter.class,
      description =
          "How long after its end a window still takes events (default ${DEFAULT-VALUE}).")
  Duration grace;

  @Option(
      names = "--dedup-horizon",
      paramLabel = "DURATION",
      defaultValue = "7d",
      converter = DurationConverter.class,
      description =
          "How long an eventId is remembered to drop duplicates (default ${DEFAULT-VALUE}).")
  Duration dedupHorizon;

  @Option(
      names = "--idle-timeout",
      paramLabel = "DURATION",
      defaultValue = "5m",
      converter = DurationConverter.class,
      description =
          "An input partition with no events for this long stops holding windows open; when all"
              + " are quiet the wall clock closes windows (default ${DEFAULT-VALUE}).")
  Duration idleTimeout;

  @Option(
      names = "--reference-wait",
      paramLabel = "DURATION",
      defaultValue = "5m",
      converter = DurationConverter.class,
      description =
          "How long a roster version naming a unit not yet in reference.units waits for it before"
              + " it is set aside as a dead letter (default ${DEFAULT-VALUE}).")
  Duration referenceWait;

  @Option(
      names = "--min-responses",
      paramLabel = "K",
      defaultValue = "5",
      description =
          "Fewer feedback responses suppress satisfaction figures (default ${DEFAULT-VALUE}).")
  int minResponses;

  @Option(
      names = "--target-jp",
      paramLabel = "JP",
      defaultValue = "20",
      description = "Yearly JP target per employee (default ${DEFAULT-VALUE}).")
  double targetJp;

  @Option(
      names = "--alert-low-participation",
      paramLabel = "RATE",
      defaultValue = "0.05",
      description = "LOW_PARTICIPATION below this weekly rate, 0..1 (default ${DEFAULT-VALUE}).")
  double lowParticipation;

  @Option(
      names = "--alert-low-attendance",
      paramLabel = "RATE",
      defaultValue = "0.80",
      description = "LOW_ATTENDANCE below this weekly rate, 0..1 (default ${DEFAULT-VALUE}).")
  double lowAttendance;

  @Option(
      names = "--alert-low-satisfaction",
      paramLabel = "INDEX",
      defaultValue = "76.61",
      description = "LOW_SATISFACTION below this index, 0..100 (default ${DEFAULT-VALUE}).")
  double lowSatisfaction;

  @Option(
      names = "--alert-jp-behind-margin",
      paramLabel = "RATIO",
      defaultValue = "0.20",
      description = "JP_BEHIND_PACE this far below the pace line, 0..1 (default ${DEFAULT-VALUE}).")
  double jpBehindMargin;

  @Option(
      names = "--alert-min-cohort",
      paramLabel = "N",
      defaultValue = "20",
      description = "Units smaller than this get no weekly alerts (default ${DEFAULT-VALUE}).")
  int minCohort;

  /** The validated settings. */
  TopologySettings settings() {
    try {
      final AlertThresholds alerts =
          new AlertThresholds(
              lowParticipation,
              lowAttendance,
              lowSatisfaction,
              jpBehindMargin,
              ALERTS.noActivityCriticalWeeks(),
              minCohort);
      return DEFAULTS.toBuilder()
          .grace(grace)
          .dedupHorizon(dedupHorizon)
          .minResponses(minResponses)
          .targetJp(targetJp)
          .idleTimeout(idleTimeout)
          .alerts(alerts)
          .referenceWait(referenceWait)
          .build();
    } catch (final IllegalArgumentException e) {
      throw new UserError("Invalid topology setting: " + e.getMessage(), e);
    }
  }
}
