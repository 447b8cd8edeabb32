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
 * unit; unit-jp-ytd already publishes the same attainment for small units. A rule that cannot be
 * judged this week (null rate, suppressed satisfaction, no JP figure, cohort too small; or, through
 * {@link #withdraw}, a unit made inactive or deleted) fires nothing, and an alert of it that is
 * open is RESOLVED with value null and the reason in its message (CONTRACT.md, amended 2026-12-02):
 * otherwise nothing could ever end it and {@code asn_alert_active} would stay 1. The alerts carry
 * unit ids and names, never a person's identifier.
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
      final Verdict verdict =
          weekly && !largeEnough
              ? unjudged(rule, UnjudgeableReason.BELOW_COHORT)
              : verdict(rule, context).orElseGet(() -> unjudged(rule, UnjudgeableReason.NO_FIGURE));
      transition(rule, verdict, open, context).ifPresent(alerts::add);
    }
    return new AlertEvaluation(
        new UnitAlertState(week.getWindowStart(), silentWeeks, open), alerts);
  }

  /**
   * Resolves every open alert of a unit that can no longer be judged at all (inactive or deleted in
   * reference.units) when the week closes, with the reason in the message.
   *
   * @param previous the unit's state, or null for a unit never evaluated
   * @param unitId the unit
   * @param unitName its name (the id when it is deleted)
   * @param week the week that closed
   * @param reason why the unit cannot be judged
   * @return the state with nothing open and the RESOLVED records; nothing for a replayed week
   */
  public AlertEvaluation withdraw(
      final UnitAlertState previous,
      final String unitId,
      final String unitName,
      final CalendarWindow week,
      final UnjudgeableReason reason) {
    final UnitAlertState before = previous == null ? UnitAlertState.INITIAL : previous;
    if (before.lastWeekStart() != null && !week.start().isAfter(before.lastWeekStart())) {
      return new AlertEvaluation(before, List.of());
    }
    final Instant now = clock.instant();
    final List<ParticipationAlert> alerts = new ArrayList<>();
    for (final Map.Entry<AlertRule, OpenAlert> entry : before.open().entrySet()) {
      final AlertRule rule = entry.getKey();
      final OpenAlert alert = entry.getValue();
      alerts.add(
          ParticipationAlert.newBuilder()
              .setAlertId(alert.alertId())
              .setUnitId(unitId)
              .setUnitName(unitName)
              .setRule(rule)
              .setSeverity(alert.severity())
              .setState(AlertState.RESOLVED)
              .setWindowStart(week.start())
              .setWindowEnd(week.end())
              .setValue(null)
              .setThreshold(configuredThreshold(rule, alert.severity()))
              .setMessage(
                  AlertMessages.unjudgeable(
                      rule, unitName, reasonText(reason, 0), JakartaCalendar.dateOf(week.start())))
              .setEmittedAt(now)
              .build());
    }
    return new AlertEvaluation(new UnitAlertState(week.start(), 0, Map.of()), alerts);
  }

  /** A reading that cannot judge the rule: value null, the rule's configured threshold. */
  private Verdict unjudged(final AlertRule rule, final UnjudgeableReason reason) {
    return new Verdict(false, Severity.WARNING, null, configuredThreshold(rule, null), reason);
  }

  /**
   * The threshold an unjudged record carries: the rule's configured one (NO_ACTIVITY: the streak of
   * its severity; JP_BEHIND_PACE: its margin, as no pace line can be drawn without a figure).
   */
  private double configuredThreshold(final AlertRule rule, final Severity severity) {
    return switch (rule) {
      case LOW_PARTICIPATION -> thresholds.lowParticipationRate();
      case LOW_ATTENDANCE -> thresholds.lowAttendanceRate();
      case LOW_SATISFACTION -> thresholds.lowSatisfactionIndex();
      case NO_ACTIVITY -> severity == Severity.CRITICAL ? thresholds.noActivityCriticalWeeks() : 1;
      case JP_BEHIND_PACE -> thresholds.jpBehindPaceMargin();
    };
  }

  private String reasonText(final UnjudgeableReason reason, final int headcount) {
    return switch (reason) {
      case BELOW_COHORT -> AlertMessages.belowCohort(headcount, thresholds.minCohort());
      case NO_FIGURE -> AlertMessages.NO_FIGURE;
      case UNIT_INACTIVE -> AlertMessages.UNIT_INACTIVE;
      case UNIT_DELETED -> AlertMessages.UNIT_DELETED;
    };
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
    return Optional.of(new Verdict(value < threshold, Severity.WARNING, value, threshold, null));
  }

  private Verdict noActivity(final int silentWeeks) {
    // value counts the silent weeks; threshold is the streak at which the severity applies
    final int criticalWeeks = thresholds.noActivityCriticalWeeks();
    if (silentWeeks >= criticalWeeks) {
      return new Verdict(true, Severity.CRITICAL, (double) silentWeeks, criticalWeeks, null);
    }
    return new Verdict(silentWeeks > 0, Severity.WARNING, (double) silentWeeks, 1, null);
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
    if (verdict.unjudged() != null && current != null) {
      open.remove(rule);
      final Verdict closing =
          new Verdict(
              false,
              current.severity(),
              null,
              configuredThreshold(rule, current.severity()),
              verdict.unjudged());
      return Optional.of(record(rule, AlertState.RESOLVED, current, closing, context));
    }
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
    if (verdict.unjudged() != null) {
      return AlertMessages.unjudgeable(
          rule, unit, reasonText(verdict.unjudged(), context.week().getHeadcount()), weekDate);
    }
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

  /**
   * A rule's reading of one week: breached or not, at which severity, value and threshold; or, with
   * {@code unjudged} set, why it cannot be judged (value null).
   */
  private record Verdict(
      boolean breached,
      Severity severity,
      Double value,
      double threshold,
      UnjudgeableReason unjudged) {}

  /** What one evaluation looks at. */
  private record Context(
      UnitActivity week,
      UnitJpProgress jpProgress,
      int previousSilentWeeks,
      int silentWeeks,
      Instant now) {}
}
