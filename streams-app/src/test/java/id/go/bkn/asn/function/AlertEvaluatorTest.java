package id.go.bkn.asn.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import id.go.bkn.asn.config.AlertThresholds;
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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertEvaluatorTest {

  private static final Instant NOW = Instant.parse("2026-11-25T01:00:00Z");
  private static final LocalDate FIRST_MONDAY = LocalDate.of(2026, 11, 16);
  private static final String UNIT = "DINKES";
  private static final String UNIT_NAME = "Dinas Kesehatan";

  private final AlertEvaluator evaluator =
      new AlertEvaluator(AlertThresholds.DEFAULTS, Clock.fixed(NOW, ZoneOffset.UTC));

  /** A healthy FINAL week: 30 % participation, 90 % attendance, index 84 (unsuppressed). */
  private static UnitActivity.Builder week(final int weekIndex) {
    final CalendarWindow window =
        JakartaCalendar.week(
            FIRST_MONDAY.plusWeeks(weekIndex).atStartOfDay(JakartaCalendar.ZONE).toInstant());
    return UnitActivity.newBuilder()
        .setUnitId(UNIT)
        .setUnitName(UNIT_NAME)
        .setParentUnitId("KOTA-SERANG")
        .setDepth(1)
        .setLeaf(true)
        .setWindowSize(WindowSize.WEEK)
        .setWindowStart(window.start())
        .setWindowEnd(window.end())
        .setStatus(RecordStatus.FINAL)
        .setRevision(3)
        .setHeadcount(1000)
        .setEnrollments(10)
        .setWithdrawals(1)
        .setCompletions(4)
        .setParticipants(300)
        .setParticipationRate(0.30)
        .setPresent(400)
        .setLate(50)
        .setAbsent(50)
        .setExcused(5)
        .setAttendanceRate(0.90)
        .setJpDelivered(1800.0)
        .setFeedbackResponses(40)
        .setResponseRate(40.0 / 300)
        .setSatisfactionSuppressed(false)
        .setSatisfactionMean(4.2)
        .setSatisfactionIndex(84.0)
        .setCareerRelevanceMean(3.9)
        .setNps(20.0)
        .setEmittedAt(NOW);
  }

  private static UnitActivity.Builder silentWeek(final int weekIndex) {
    return week(weekIndex)
        .setParticipants(0)
        .setParticipationRate(0.0)
        .setPresent(0)
        .setLate(0)
        .setAbsent(0)
        .setExcused(0)
        .setAttendanceRate(null)
        .setJpDelivered(0.0)
        .setFeedbackResponses(0)
        .setResponseRate(null)
        .setSatisfactionSuppressed(true)
        .setSatisfactionMean(null)
        .setSatisfactionIndex(null)
        .setCareerRelevanceMean(null)
        .setNps(null);
  }

  private static UnitJpProgress jp(final double attainment, final double expected) {
    return UnitJpProgress.newBuilder()
        .setUnitId(UNIT)
        .setUnitName(UNIT_NAME)
        .setParentUnitId("KOTA-SERANG")
        .setDepth(1)
        .setLeaf(true)
        .setYear(2026)
        .setStatus(RecordStatus.PROVISIONAL)
        .setRevision(120)
        .setAsOf(Instant.parse("2026-11-20T05:00:00Z"))
        .setHeadcount(1000)
        .setTargetJp(20.0)
        .setEmployeesMeetingTarget((int) Math.round(attainment * 1000))
        .setEmployeesZeroJp(200)
        .setTotalJp(15000.0)
        .setMeanJp(15.0)
        .setAttainmentRatio(attainment)
        .setExpectedAttainment(expected)
        .setEmittedAt(NOW)
        .build();
  }

  private static List<ParticipationAlert> ofRule(
      final AlertEvaluation evaluation, final AlertRule rule) {
    return evaluation.alerts().stream().filter(a -> a.getRule() == rule).toList();
  }

  @Test
  void shouldWriteNothingWhenEveryFigureIsHealthy() {
    // given
    final UnitActivity healthy = week(0).build();

    // when
    final AlertEvaluation evaluation = evaluator.evaluate(healthy, jp(0.7, 0.88), null);

    // then
    assertThat(evaluation.alerts()).isEmpty();
    assertThat(evaluation.state().open()).isEmpty();
    assertThat(evaluation.state().lastWeekStart()).isEqualTo(healthy.getWindowStart());
  }

  @Test
  void shouldFireOnceStayQuietAndResolveOnceWhenParticipationDropsThenRecovers() {
    // given weeks: healthy, 3.2 % (starts), 2.0 % (lasts), 6.1 % (ends), 7 % (quiet)
    final List<UnitActivity> weeks =
        List.of(
            week(0).build(),
            week(1).setParticipants(32).setParticipationRate(0.032).build(),
            week(2).setParticipants(20).setParticipationRate(0.020).build(),
            week(3).setParticipants(61).setParticipationRate(0.061).build(),
            week(4).setParticipants(70).setParticipationRate(0.070).build());

    // when
    final List<List<ParticipationAlert>> written = new ArrayList<>();
    UnitAlertState state = null;
    for (final UnitActivity week : weeks) {
      final AlertEvaluation evaluation = evaluator.evaluate(week, null, state);
      written.add(ofRule(evaluation, AlertRule.LOW_PARTICIPATION));
      state = evaluation.state();
    }

    // then
    assertThat(written.get(0)).isEmpty();
    assertThat(written.get(1)).hasSize(1);
    final ParticipationAlert firing = written.get(1).get(0);
    assertThat(firing.getState()).isEqualTo(AlertState.FIRING);
    assertThat(firing.getSeverity()).isEqualTo(Severity.WARNING);
    assertThat(firing.getAlertId()).isEqualTo("DINKES|LOW_PARTICIPATION|2026-11-23");
    assertThat(firing.getUnitId()).isEqualTo(UNIT);
    assertThat(firing.getUnitName()).isEqualTo(UNIT_NAME);
    assertThat(firing.getValue()).isEqualTo(0.032);
    assertThat(firing.getThreshold()).isEqualTo(0.05);
    assertThat(firing.getWindowStart()).isEqualTo(weeks.get(1).getWindowStart());
    assertThat(firing.getWindowEnd()).isEqualTo(weeks.get(1).getWindowEnd());
    assertThat(firing.getEmittedAt()).isEqualTo(NOW);
    assertThat(firing.getMessage())
        .isEqualTo(
            "Partisipasi mingguan Dinas Kesehatan 3,2% di bawah ambang 5,0% (minggu 2026-11-23)");
    assertThat(written.get(2)).isEmpty();
    assertThat(written.get(3)).hasSize(1);
    final ParticipationAlert resolved = written.get(3).get(0);
    assertThat(resolved.getState()).isEqualTo(AlertState.RESOLVED);
    assertThat(resolved.getAlertId()).isEqualTo(firing.getAlertId());
    assertThat(resolved.getValue()).isEqualTo(0.061);
    assertThat(resolved.getMessage())
        .isEqualTo(
            "Partisipasi mingguan Dinas Kesehatan 6,1% tidak lagi di bawah ambang 5,0%"
                + " (minggu 2026-12-07)");
    assertThat(written.get(4)).isEmpty();
    assertThat(state.open()).isEmpty();
  }

  @Test
  void shouldEscalateNoActivityToCriticalWhenTheFourthSilentWeekCloses() {
    // given five silent weeks, then an active one
    final List<UnitActivity> weeks =
        List.of(
            silentWeek(0).build(),
            silentWeek(1).build(),
            silentWeek(2).build(),
            silentWeek(3).build(),
            silentWeek(4).build(),
            week(5).build());

    // when
    final List<List<ParticipationAlert>> written = new ArrayList<>();
    UnitAlertState state = UnitAlertState.INITIAL;
    for (final UnitActivity week : weeks) {
      final AlertEvaluation evaluation = evaluator.evaluate(week, null, state);
      written.add(ofRule(evaluation, AlertRule.NO_ACTIVITY));
      state = evaluation.state();
    }

    // then WARNING on the first, CRITICAL on the fourth, RESOLVED on the sixth, same alertId
    assertThat(written.get(0)).hasSize(1);
    final ParticipationAlert warning = written.get(0).get(0);
    assertThat(warning.getState()).isEqualTo(AlertState.FIRING);
    assertThat(warning.getSeverity()).isEqualTo(Severity.WARNING);
    assertThat(warning.getAlertId()).isEqualTo("DINKES|NO_ACTIVITY|2026-11-16");
    assertThat(warning.getValue()).isEqualTo(1.0);
    assertThat(warning.getMessage())
        .isEqualTo(
            "Tidak ada kehadiran pelatihan di Dinas Kesehatan selama 1 minggu berturut-turut"
                + " (minggu 2026-11-16)");
    assertThat(written.get(1)).isEmpty();
    assertThat(written.get(2)).isEmpty();
    assertThat(written.get(3)).hasSize(1);
    final ParticipationAlert critical = written.get(3).get(0);
    assertThat(critical.getState()).isEqualTo(AlertState.FIRING);
    assertThat(critical.getSeverity()).isEqualTo(Severity.CRITICAL);
    assertThat(critical.getAlertId()).isEqualTo(warning.getAlertId());
    assertThat(critical.getValue()).isEqualTo(4.0);
    assertThat(critical.getThreshold()).isEqualTo(4.0);
    assertThat(critical.getMessage())
        .isEqualTo(
            "Tidak ada kehadiran pelatihan di Dinas Kesehatan selama 4 minggu berturut-turut,"
                + " mencapai batas kritis 4 minggu (minggu 2026-12-07)");
    assertThat(written.get(4)).isEmpty();
    assertThat(written.get(5)).hasSize(1);
    final ParticipationAlert resolved = written.get(5).get(0);
    assertThat(resolved.getState()).isEqualTo(AlertState.RESOLVED);
    assertThat(resolved.getSeverity()).isEqualTo(Severity.CRITICAL);
    assertThat(resolved.getAlertId()).isEqualTo(warning.getAlertId());
    assertThat(resolved.getValue()).isEqualTo(0.0);
    assertThat(resolved.getMessage())
        .isEqualTo(
            "Kehadiran pelatihan di Dinas Kesehatan tercatat kembali setelah 5 minggu tanpa"
                + " kegiatan (minggu 2026-12-21)");
    assertThat(state.silentWeeks()).isZero();
  }

  @Test
  void shouldCountExcusedAttendanceAsActivityWhenCheckingNoActivity() {
    // given a week in which everyone was excused
    final UnitActivity excusedOnly = silentWeek(0).setExcused(3).build();

    // when
    final AlertEvaluation evaluation = evaluator.evaluate(excusedOnly, null, null);

    // then
    assertThat(ofRule(evaluation, AlertRule.NO_ACTIVITY)).isEmpty();
    assertThat(evaluation.state().silentWeeks()).isZero();
  }

  @Test
  void shouldNotAlertOnWeeklyFiguresButStillOnJpPaceWhenTheCohortIsSmall() {
    // given a kelurahan of 12: silent week, then a week with every weekly figure bad
    final UnitActivity silent = silentWeek(0).setHeadcount(12).build();
    final UnitActivity bad =
        week(1)
            .setHeadcount(12)
            .setParticipants(0)
            .setParticipationRate(0.0)
            .setAttendanceRate(0.10)
            .setSatisfactionIndex(40.0)
            .build();
    final UnitJpProgress behind = jp(0.0, 0.85);

    // when
    final AlertEvaluation first = evaluator.evaluate(silent, behind, null);
    final AlertEvaluation second = evaluator.evaluate(bad, behind, first.state());

    // then only JP_BEHIND_PACE fires, once
    assertThat(first.alerts())
        .extracting(ParticipationAlert::getRule)
        .containsExactly(AlertRule.JP_BEHIND_PACE);
    assertThat(second.alerts()).isEmpty();
    assertThat(second.state().open().keySet()).containsExactly(AlertRule.JP_BEHIND_PACE);
  }

  @Test
  void shouldAlertOnWeeklyFiguresWhenHeadcountEqualsTheMinimumCohort() {
    // given
    final UnitActivity week = week(0).setHeadcount(20).setParticipationRate(0.0).build();

    // when
    final AlertEvaluation evaluation = evaluator.evaluate(week, null, null);

    // then
    assertThat(ofRule(evaluation, AlertRule.LOW_PARTICIPATION)).hasSize(1);
  }

  @Test
  void shouldNeverFireLowSatisfactionWhenSatisfactionIsSuppressed() {
    // given a suppressed week that (wrongly) still carries a low index
    final UnitActivity suppressed =
        week(0).setSatisfactionSuppressed(true).setSatisfactionIndex(30.0).build();

    // when
    final AlertEvaluation evaluation = evaluator.evaluate(suppressed, null, null);

    // then
    assertThat(ofRule(evaluation, AlertRule.LOW_SATISFACTION)).isEmpty();
    assertThat(evaluation.state().isFiring(AlertRule.LOW_SATISFACTION)).isFalse();
  }

  @Test
  void shouldResolveLowSatisfactionSayingWhyWhenTheNextWeekIsSuppressed() {
    // given a low week, then a suppressed one (the figure became null), then a low one again
    final UnitActivity low = week(0).setSatisfactionIndex(70.4).setSatisfactionMean(3.52).build();
    final UnitActivity suppressed =
        week(1).setSatisfactionSuppressed(true).setSatisfactionIndex(null).build();
    final UnitActivity lowAgain = week(2).setSatisfactionIndex(70.4).build();

    // when
    final AlertEvaluation first = evaluator.evaluate(low, null, null);
    final AlertEvaluation second = evaluator.evaluate(suppressed, null, first.state());
    final AlertEvaluation third = evaluator.evaluate(lowAgain, null, second.state());

    // then
    final List<ParticipationAlert> fired = ofRule(first, AlertRule.LOW_SATISFACTION);
    assertThat(fired).hasSize(1);
    assertThat(fired.get(0).getMessage())
        .isEqualTo(
            "Indeks kepuasan pelatihan mingguan Dinas Kesehatan 70,40 (Kurang Baik) di bawah"
                + " ambang 76,61 (minggu 2026-11-16)");
    assertThat(fired.get(0).getThreshold()).isEqualTo(76.61);
    final ParticipationAlert resolved =
        ofRule(second, AlertRule.LOW_SATISFACTION).stream().findFirst().orElseThrow();
    assertThat(resolved.getState()).isEqualTo(AlertState.RESOLVED);
    assertThat(resolved.getAlertId()).isEqualTo(fired.get(0).getAlertId());
    assertThat(resolved.getValue()).isNull();
    assertThat(resolved.getThreshold()).isEqualTo(76.61);
    assertThat(resolved.getMessage())
        .isEqualTo(
            "Peringatan indeks kepuasan rendah untuk Dinas Kesehatan ditutup karena tidak dapat"
                + " dinilai lagi: angka minggu ini tidak tersedia (minggu 2026-11-23)");
    assertThat(second.state().isFiring(AlertRule.LOW_SATISFACTION)).isFalse();
    assertThat(ofRule(third, AlertRule.LOW_SATISFACTION))
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.getState()).isEqualTo(AlertState.FIRING);
              assertThat(alert.getAlertId()).isEqualTo("DINKES|LOW_SATISFACTION|2026-11-30");
            });
  }

  @Test
  void shouldResolveEveryWeeklyAlertSayingWhyWhenTheUnitFallsBelowTheCohort() {
    // given a unit of 1000 with low participation and no activity, then only 12 people left
    final UnitActivity low = silentWeek(0).setParticipationRate(0.0).build();
    final UnitActivity small = silentWeek(1).setHeadcount(12).setParticipationRate(0.0).build();

    // when
    final AlertEvaluation first = evaluator.evaluate(low, jp(0.0, 0.9), null);
    final AlertEvaluation second = evaluator.evaluate(small, jp(0.0, 0.9), first.state());

    // then both weekly alerts resolve; JP pace (not a weekly rate) stays open
    assertThat(first.state().open().keySet())
        .containsExactlyInAnyOrder(
            AlertRule.LOW_PARTICIPATION, AlertRule.NO_ACTIVITY, AlertRule.JP_BEHIND_PACE);
    assertThat(second.alerts())
        .extracting(ParticipationAlert::getRule, ParticipationAlert::getState)
        .containsExactlyInAnyOrder(
            tuple(AlertRule.LOW_PARTICIPATION, AlertState.RESOLVED),
            tuple(AlertRule.NO_ACTIVITY, AlertState.RESOLVED));
    assertThat(ofRule(second, AlertRule.LOW_PARTICIPATION).get(0).getMessage())
        .isEqualTo(
            "Peringatan partisipasi mingguan rendah untuk Dinas Kesehatan ditutup karena tidak"
                + " dapat dinilai lagi: jumlah pegawai 12 di bawah kohort minimum 20"
                + " (minggu 2026-11-23)");
    assertThat(ofRule(second, AlertRule.NO_ACTIVITY).get(0).getMessage())
        .isEqualTo(
            "Peringatan tidak ada kegiatan pelatihan untuk Dinas Kesehatan ditutup karena tidak"
                + " dapat dinilai lagi: jumlah pegawai 12 di bawah kohort minimum 20"
                + " (minggu 2026-11-23)");
    assertThat(second.state().open().keySet()).containsExactly(AlertRule.JP_BEHIND_PACE);
  }

  @Test
  void shouldResolveEveryOpenAlertSayingWhyWhenTheUnitIsInactiveOrDeleted() {
    // given a unit with two open alerts
    final UnitActivity low = silentWeek(0).setParticipationRate(0.0).build();
    final UnitAlertState open = evaluator.evaluate(low, jp(0.0, 0.9), null).state();
    final CalendarWindow next =
        JakartaCalendar.week(
            FIRST_MONDAY.plusWeeks(1).atStartOfDay(JakartaCalendar.ZONE).toInstant());

    // when
    final AlertEvaluation inactive =
        evaluator.withdraw(open, UNIT, UNIT_NAME, next, UnjudgeableReason.UNIT_INACTIVE);
    final AlertEvaluation deleted =
        evaluator.withdraw(open, UNIT, UNIT, next, UnjudgeableReason.UNIT_DELETED);
    final AlertEvaluation again =
        evaluator.withdraw(
            inactive.state(), UNIT, UNIT_NAME, next, UnjudgeableReason.UNIT_INACTIVE);

    // then
    assertThat(inactive.alerts())
        .extracting(ParticipationAlert::getRule)
        .containsExactly(
            AlertRule.LOW_PARTICIPATION, AlertRule.NO_ACTIVITY, AlertRule.JP_BEHIND_PACE);
    assertThat(inactive.alerts())
        .allSatisfy(
            alert -> {
              assertThat(alert.getState()).isEqualTo(AlertState.RESOLVED);
              assertThat(alert.getValue()).isNull();
              assertThat(alert.getWindowStart()).isEqualTo(next.start());
              assertThat(alert.getMessage()).contains("unit kerja tidak lagi aktif");
            });
    assertThat(ofRule(inactive, AlertRule.JP_BEHIND_PACE).get(0).getMessage())
        .isEqualTo(
            "Peringatan capaian JP di bawah laju untuk Dinas Kesehatan ditutup karena tidak dapat"
                + " dinilai lagi: unit kerja tidak lagi aktif (minggu 2026-11-23)");
    assertThat(inactive.state().open()).isEmpty();
    assertThat(inactive.state().lastWeekStart()).isEqualTo(next.start());
    assertThat(deleted.alerts())
        .allSatisfy(a -> assertThat(a.getMessage()).contains("unit kerja tidak lagi terdaftar"));
    assertThat(again.alerts()).isEmpty();
  }

  @Test
  void shouldFireLowAttendanceOnlyWhenTheRateIsBelowEightyPercent() {
    // given
    final UnitActivity atThreshold = week(0).setAttendanceRate(0.80).build();
    final UnitActivity below = week(1).setAttendanceRate(0.79).build();

    // when
    final AlertEvaluation first = evaluator.evaluate(atThreshold, null, null);
    final AlertEvaluation second = evaluator.evaluate(below, null, first.state());

    // then
    assertThat(first.alerts()).isEmpty();
    assertThat(ofRule(second, AlertRule.LOW_ATTENDANCE))
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.getValue()).isEqualTo(0.79);
              assertThat(alert.getThreshold()).isEqualTo(0.80);
              assertThat(alert.getMessage())
                  .isEqualTo(
                      "Tingkat kehadiran mingguan Dinas Kesehatan 79,0% di bawah ambang 80,0%"
                          + " (minggu 2026-11-23)");
            });
  }

  @Test
  void shouldFireJpBehindPaceWhenAttainmentIsMoreThanTwentyPointsBelowThePaceLine() {
    // given expected 61.3 %: the alert line is 41.3 %
    final UnitJpProgress behind = jp(0.12, 0.613);
    final UnitJpProgress close = jp(0.45, 0.613);

    // when
    final AlertEvaluation first = evaluator.evaluate(week(0).build(), behind, null);
    final AlertEvaluation second = evaluator.evaluate(week(1).build(), close, first.state());

    // then
    final List<ParticipationAlert> fired = ofRule(first, AlertRule.JP_BEHIND_PACE);
    assertThat(fired).hasSize(1);
    assertThat(fired.get(0).getValue()).isEqualTo(0.12);
    assertThat(fired.get(0).getThreshold()).isCloseTo(0.413, within(1e-12));
    assertThat(fired.get(0).getMessage())
        .isEqualTo(
            "Capaian JP Dinas Kesehatan: 12,0% pegawai memenuhi target 20 JP, di bawah batas"
                + " laju 41,3% (minggu 2026-11-16)");
    assertThat(ofRule(second, AlertRule.JP_BEHIND_PACE))
        .singleElement()
        .extracting(ParticipationAlert::getState)
        .isEqualTo(AlertState.RESOLVED);
  }

  @Test
  void shouldNotFireJpBehindPaceEarlyInTheYearWhenThePaceLineIsBelowZero() {
    // given nobody has 20 JP yet, 10 % of the year elapsed
    final UnitJpProgress january = jp(0.0, 0.10);

    // when
    final AlertEvaluation evaluation = evaluator.evaluate(week(0).build(), january, null);

    // then
    assertThat(ofRule(evaluation, AlertRule.JP_BEHIND_PACE)).isEmpty();
  }

  @Test
  void shouldResolveAnOpenJpAlertSayingWhyWhenNoJpFigureIsGiven() {
    // given
    final AlertEvaluation first = evaluator.evaluate(week(0).build(), jp(0.1, 0.9), null);

    // when
    final AlertEvaluation second = evaluator.evaluate(week(1).build(), null, first.state());

    // then
    assertThat(ofRule(second, AlertRule.JP_BEHIND_PACE))
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.getState()).isEqualTo(AlertState.RESOLVED);
              assertThat(alert.getMessage()).contains("angka minggu ini tidak tersedia");
            });
    assertThat(second.state().isFiring(AlertRule.JP_BEHIND_PACE)).isFalse();
  }

  @Test
  void shouldChangeNothingWhenTheSameWeekIsEvaluatedAgain() {
    // given
    final UnitActivity low = week(0).setParticipationRate(0.01).build();
    final AlertEvaluation first = evaluator.evaluate(low, null, null);

    // when
    final AlertEvaluation replay = evaluator.evaluate(low, null, first.state());

    // then
    assertThat(first.alerts()).hasSize(1);
    assertThat(replay.alerts()).isEmpty();
    assertThat(replay.state()).isEqualTo(first.state());
  }

  @Test
  void shouldRefuseWhenTheRecordIsProvisionalOrDaily() {
    // given
    final UnitActivity provisional = week(0).setStatus(RecordStatus.PROVISIONAL).build();
    final UnitActivity daily = week(0).setWindowSize(WindowSize.DAY).build();

    // when / then
    assertThatThrownBy(() -> evaluator.evaluate(provisional, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> evaluator.evaluate(daily, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldUseConfiguredThresholdsWhenGivenThem() {
    // given a 40 % participation threshold and CRITICAL from the second silent week
    final AlertEvaluator strict =
        new AlertEvaluator(
            new AlertThresholds(0.40, 0.80, 76.61, 0.20, 2, 20), Clock.fixed(NOW, ZoneOffset.UTC));

    // when
    final AlertEvaluation first = strict.evaluate(silentWeek(0).build(), null, null);
    final AlertEvaluation second = strict.evaluate(silentWeek(1).build(), null, first.state());
    final AlertEvaluation thirtyPercent = strict.evaluate(week(2).build(), null, null);

    // then
    assertThat(ofRule(second, AlertRule.NO_ACTIVITY))
        .singleElement()
        .extracting(ParticipationAlert::getSeverity)
        .isEqualTo(Severity.CRITICAL);
    assertThat(ofRule(thirtyPercent, AlertRule.LOW_PARTICIPATION))
        .singleElement()
        .extracting(ParticipationAlert::getState)
        .isEqualTo(AlertState.FIRING);
  }

  @Test
  void shouldKeyByUnitAndRuleWhenWritingAlerts() {
    // given / when / then
    assertThat(AlertEvaluator.alertKey(UNIT, AlertRule.NO_ACTIVITY))
        .isEqualTo("DINKES|NO_ACTIVITY");
  }
}
