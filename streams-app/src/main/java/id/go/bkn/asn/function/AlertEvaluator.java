package id.go.bkn.asn.function;

import id.go.bkn.asn.config.AlertThresholds;
import id.go.bkn.asn.function.UnitAlertState.OpenAlert;
import id.go.bkn.asn.schema.AlertRule;
import id.go.bkn.asn.schema.AlertState;
import id.go.bkn.asn.schema.ParticipationAlert;
import id.go.bkn.asn.schema.RecordStatus;
import id.go.bkn.asn.schema.Severity;
import id.go.bkn.asn.schema.UnitActivity;
import id.go.bkn.asn.schema.UnitJpProgress;
import id.go.bkn.asn.schema.WindowSize;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Evaluates the participation alert rules for one unit when one of its weekly windows closes
 * (CONTRACT.md section 5, "Alerts"), from the unit's FINAL weekly {@link UnitActivity}, its latest
 * {@link UnitJpProgress} and its {@link UnitAlertState}. A rule writes FIRING when its condition
 * starts, nothing while it lasts, and RESOLVED when it ends; a severity change while it lasts
 * (NO_ACTIVITY turning CRITICAL) writes a new FIRING record with the same alertId. The rules:
 *
 * <ul>
 *   <li>LOW_PARTICIPATION: participationRate below its threshold;
 *   <li>LOW_ATTENDANCE: attendanceRate below its threshold;
 *   <li>LOW_SATISFACTION: satisfactionIndex below its threshold, only when not suppressed;
 *   <li>NO_ACTIVITY: no attendance at all (present + late + absent + excused = 0), WARNING, and
 *       CRITICAL from the configured number of silent weeks in a row;
 *   <li>JP_BEHIND_PACE: attainmentRatio below expectedAttainment minus the margin.
 * </ul>
 *
 * <p>The minimum cohort keeps units with a small headcount out of the four weekly rules
 * (NO_ACTIVITY included: a kelurahan office of eight with no session in a week is normal, not
 * news). JP_BEHIND_PACE is a year-to-date figure, not a weekly rate, so it is evaluated for every
 * unit; unit-jp-ytd already publishes the same attainment for small units. A rule whose figure is
 * missing this week (null rate, suppressed satisfaction, no JP record, cohort too small) is not
 * evaluated: an open alert stays open and a quiet rule stays quiet, because no figure is no
 * evidence either way. The alerts carry unit ids and names, never a person's identifier.
 */
public final class AlertEvaluator {

  private final AlertThresholds thresholds;
  private final Clock clock;

  /**
   * An evaluator.
   *
   * @param thresholds the rules' thresholds
   * @param clock the wall clock of the records' emittedAt
   */
  public AlertEvaluator(final AlertThresholds thresholds, final Clock clock) {
    this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The key of a unit's rule in {@code alerts.participation}: {@code unitId|RULE}. */
  public static String alertKey(final String unitId, final AlertRule rule) {
    return unitId + JakartaCalendar.KEY_SEPARATOR + rule.name();
  }

  /**
   * Evaluates the unit's rules on a closed week.
   *
   * @param week the unit's FINAL WEEK record
   * @param jpProgress the unit's latest year-to-date record, or null when there is none yet
   * @param previous the unit's state after the week before, or null for a unit never evaluated
   * @return the new state and the records to write; a week not after the last evaluated one (a
   *     replay) changes nothing and writes nothing
   * @throws IllegalArgumentException when the record is not a FINAL week or the JP record is of
   *     another unit
   */
  public AlertEvaluation evaluate(
      final UnitActivity week, final UnitJpProgress jpProgress, final UnitAlertState previous) {
    requireFinalWeek(week);
    if (jpProgress != null && !jpProgress.getUnitId().equals(week.getUnitId())) {
      throw new IllegalArgumentException("JP progress of another unit: " + jpProgress.getUnitId());
    }
    final UnitAlertState before = previous == null ? UnitAlertState.INITIAL : previous;
    if (before.lastWeekStart() != null && !week.getWindowStart().isAfter(before.lastWeekStart())) {
      return new AlertEvaluation(before, List.of());
    }

    final boolean silent =
        week.getPresent() + week.getLate() + week.getAbsent() + week.getExcused() == 0;
    final int silentWeeks = silent ? before.silentWeeks() + 1 : 0;
    final boolean largeEnough = week.getHeadcount() >= thresholds.minCohort();
    final Context context =
        new Context(week, jpProgress, before.silentWeeks(), silentWeeks, clock.instant());

    final Map<AlertRule, OpenAlert> open = new EnumMap<>(AlertRule.class);
    open.putAll(before.open());
    final List<ParticipationAlert> alerts = new ArrayList<>();
    for (final AlertRule rule : AlertRule.values()) {
      final boolean weekly = rule != AlertRule.JP_BEHIND_PACE;
      final Optional<Verdict> verdict =
          weekly && !largeEnough ? Optional.empty() : verdict(rule, context);
      verdict.flatMap(v -> transition(rule, v, open, context)).ifPresent(alerts::add);
    }
    return new AlertEvaluation(
        new UnitAlertState(week.getWindowStart(), silentWeeks, open), alerts);
  }

  private static void requireFinalWeek(final UnitActivity week) {
    if (week.getWindowSize() != WindowSize.WEEK || week.getStatus() != RecordStatus.FINAL) {
      throw new IllegalArgumentException(
          "alerts are evaluated on FINAL WEEK records, not "
              + week.getStatus()
              + " "
              + week.getWindowSize());
    }
  }

  /** The rule's reading of this week, or empty when its figure is missing. */
  private Optional<Verdict> verdict(final AlertRule rule, final Context context) {
    final UnitActivity week = context.week();
    return switch (rule) {
      case LOW_PARTICIPATION ->
          below(week.getParticipationRate(), thresholds.lowParticipationRate());
      case LOW_ATTENDANCE -> below(week.getAttendanceRate(), thresholds.lowAttendanceRate());
      case LOW_SATISFACTION ->
          week.getSatisfactionSuppressed()
              ? Optional.empty()
              : below(week.getSatisfactionIndex(), thresholds.lowSatisfactionIndex());
      case NO_ACTIVITY -> Optional.of(noActivity(context.silentWeeks()));
      case JP_BEHIND_PACE -> behindPace(context.jpProgress());
    };
  }

  private static Optional<Verdict> below(final Double value, final double threshold) {
    if (value == null) {
      return Optional.empty();
    }
    return Optional.of(new Verdict(value < threshold, Severity.WARNING, value, threshold));
  }

  private Verdict noActivity(final int silentWeeks) {
    // value counts the silent weeks; threshold is the streak at which the severity applies
    final int criticalWeeks = thresholds.noActivityCriticalWeeks();
    if (silentWeeks >= criticalWeeks) {
      return new Verdict(true, Severity.CRITICAL, silentWeeks, criticalWeeks);
    }
    return new Verdict(silentWeeks > 0, Severity.WARNING, silentWeeks, 1);
  }

  private Optional<Verdict> behindPace(final UnitJpProgress jpProgress) {
    if (jpProgress == null || jpProgress.getAttainmentRatio() == null) {
      return Optional.empty();
    }
    final double paceLine = jpProgress.getExpectedAttainment() - thresholds.jpBehindPaceMargin();
    return below(jpProgress.getAttainmentRatio(), paceLine);
  }

  /** The record to write when the verdict changes the rule's state, updating {@code open}. */
  private Optional<ParticipationAlert> transition(
      final AlertRule rule,
      final Verdict verdict,
      final Map<AlertRule, OpenAlert> open,
      final Context context) {
    final OpenAlert current = open.get(rule);
    final Instant weekStart = context.week().getWindowStart();
    if (verdict.breached()) {
      if (current != null && current.severity() == verdict.severity()) {
        return Optional.empty();
      }
      // A new alert is named after the week it started; an escalation keeps its name.
      final OpenAlert firing =
          current == null
              ? new OpenAlert(alertId(context.week(), rule), verdict.severity(), weekStart)
              : new OpenAlert(current.alertId(), verdict.severity(), current.startedWeek());
      open.put(rule, firing);
      return Optional.of(record(rule, AlertState.FIRING, firing, verdict, context));
    }
    if (current == null) {
      return Optional.empty();
    }
    open.remove(rule);
    return Optional.of(record(rule, AlertState.RESOLVED, current, verdict, context));
  }

  private static String alertId(final UnitActivity week, final AlertRule rule) {
    return alertKey(week.getUnitId(), rule)
        + JakartaCalendar.KEY_SEPARATOR
        + JakartaCalendar.dateOf(week.getWindowStart());
  }

  private ParticipationAlert record(
      final AlertRule rule,
      final AlertState state,
      final OpenAlert alert,
      final Verdict verdict,
      final Context context) {
    final UnitActivity week = context.week();
    return ParticipationAlert.newBuilder()
        .setAlertId(alert.alertId())
        .setUnitId(week.getUnitId())
        .setUnitName(week.getUnitName())
        .setRule(rule)
        .setSeverity(alert.severity())
        .setState(state)
        .setWindowStart(week.getWindowStart())
        .setWindowEnd(week.getWindowEnd())
        .setValue(verdict.value())
        .setThreshold(verdict.threshold())
        .setMessage(message(rule, state == AlertState.FIRING, verdict, context))
        .setEmittedAt(context.now())
        .build();
  }

  private String message(
      final AlertRule rule, final boolean firing, final Verdict verdict, final Context context) {
    final String unit = context.week().getUnitName();
    final LocalDate weekDate = JakartaCalendar.dateOf(context.week().getWindowStart());
    return switch (rule) {
      case LOW_PARTICIPATION ->
          AlertMessages.lowParticipation(
              firing, unit, verdict.value(), verdict.threshold(), weekDate);
      case LOW_ATTENDANCE ->
          AlertMessages.lowAttendance(firing, unit, verdict.value(), verdict.threshold(), weekDate);
      case LOW_SATISFACTION ->
          AlertMessages.lowSatisfaction(
              firing, unit, verdict.value(), verdict.threshold(), weekDate);
      case NO_ACTIVITY ->
          firing
              ? AlertMessages.noActivity(
                  unit,
                  context.silentWeeks(),
                  verdict.severity() == Severity.CRITICAL
                      ? thresholds.noActivityCriticalWeeks()
                      : null,
                  weekDate)
              : AlertMessages.activityResumed(unit, context.previousSilentWeeks(), weekDate);
      case JP_BEHIND_PACE ->
          AlertMessages.jpBehindPace(
              firing,
              unit,
              verdict.value(),
              context.jpProgress().getTargetJp(),
              verdict.threshold(),
              weekDate);
    };
  }

  /** A rule's reading of one week: breached or not, at which severity, value and threshold. */
  private record Verdict(boolean breached, Severity severity, double value, double threshold) {}

  /** What one evaluation looks at. */
  private record Context(
      UnitActivity week,
      UnitJpProgress jpProgress,
      int previousSilentWeeks,
      int silentWeeks,
      Instant now) {}
}
