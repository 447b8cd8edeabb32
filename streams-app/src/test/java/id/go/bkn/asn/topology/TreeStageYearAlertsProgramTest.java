package id.go.bkn.asn.topology;

import static id.go.bkn.asn.topology.TreeFixture.KEL_A1;
import static id.go.bkn.asn.topology.TreeFixture.KEL_A2;
import static id.go.bkn.asn.topology.TreeFixture.KOTA;
import static id.go.bkn.asn.topology.TreeFixture.PROGRAM;
import static id.go.bkn.asn.topology.TreeFixture.wib;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import id.go.bkn.asn.config.AlertThresholds;
import id.go.bkn.asn.internal.ProgramMessage;
import id.go.bkn.asn.internal.ProgramMessageKind;
import id.go.bkn.asn.schema.AlertRule;
import id.go.bkn.asn.schema.AlertState;
import id.go.bkn.asn.schema.EmployeeJpProgress;
import id.go.bkn.asn.schema.ParticipationAlert;
import id.go.bkn.asn.schema.UnitJpProgress;
import id.go.bkn.asn.topology.tree.ProgramPartitioner;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Year-to-date JP, alerts, privacy of the aggregates and what goes on to the programme stage. */
class TreeStageYearAlertsProgramTest {

  private static final String NIP = "198609262015051001";

  @TempDir Path stateDir;

  @Test
  void shouldMeetTargetWhenJpReachesExactlyTwenty() {
    try (TreeFixture fx = new TreeFixture(stateDir)) {
      // given
      final Instant hired = wib("2025-01-01T00:00");
      fx.pipe(
          fx.hire("E1", KEL_A1, hired), fx.hire("E2", KEL_A1, hired), fx.hire("E3", KEL_A2, hired));
      // when
      fx.pipe(
          fx.attendance("E1", KEL_A1, "PRESENT", 8, wib("2025-03-10T09:00")),
          fx.attendance("E1", KEL_A1, "LATE", 8, wib("2025-03-10T13:00")),
          fx.attendance("E1", KEL_A1, "PRESENT", 4, wib("2025-03-11T09:00")),
          fx.attendance("E2", KEL_A1, "PRESENT", 19.5, wib("2025-03-11T09:00")),
          fx.attendance("E2", KEL_A1, "ABSENT", 4, wib("2025-03-11T13:00")));
      fx.punctuate();
      fx.drain();
      // then
      final EmployeeJpProgress e1 = last(fx.employeeJpRecords, "E1");
      assertThat(e1.getJpTotal()).isEqualTo(20.0);
      assertThat(e1.getMeetsTarget()).isTrue();
      assertThat(e1.getSessionsAttended()).isEqualTo(3);
      assertThat(e1.getYear()).isEqualTo(2025);
      assertThat(last(fx.employeeJpRecords, "E2").getMeetsTarget()).isFalse();
      final UnitJpProgress unit = fx.lastUnitJp(KEL_A1);
      assertThat(unit.getHeadcount()).isEqualTo(2);
      assertThat(unit.getEmployeesMeetingTarget()).isEqualTo(1);
      assertThat(unit.getEmployeesZeroJp()).isZero();
      assertThat(unit.getTotalJp()).isEqualTo(39.5);
      assertThat(unit.getMeanJp()).isEqualTo(19.75);
      assertThat(unit.getAttainmentRatio()).isEqualTo(0.5);
      assertThat(unit.getTargetJp()).isEqualTo(20.0);
      final UnitJpProgress city = fx.lastUnitJp(KOTA);
      assertThat(city.getHeadcount()).isEqualTo(3);
      assertThat(city.getEmployeesZeroJp()).isEqualTo(1);
      assertThat(city.getAsOf()).isEqualTo(wib("2025-03-11T13:00"));
      assertThat(city.getExpectedAttainment())
          .isCloseTo(Duration365.fractionAt(wib("2025-03-11T13:00")), within(1e-9));
    }
  }

  @Test
  void shouldMoveWholeYearJpToNewSubtreeWhenEmployeeTransfers() {
    try (TreeFixture fx = new TreeFixture(stateDir)) {
      // given
      fx.pipe(fx.hire("E1", KEL_A1, wib("2025-01-01T00:00")));
      fx.pipe(fx.attendance("E1", KEL_A1, "PRESENT", 6, wib("2025-03-10T09:00")));
      // when
      fx.pipe(fx.roster("E1", TreeFixture.KEL_B1, true, wib("2025-03-11T00:00")));
      // (year figures are as of the clock: the move shows once the clock has passed it)
      fx.tick(wib("2025-03-11T09:00"));
      fx.punctuate();
      fx.drain();
      // then
      assertThat(fx.lastUnitJp(KEL_A1).getTotalJp()).isZero();
      assertThat(fx.lastUnitJp(KEL_A1).getHeadcount()).isZero();
      assertThat(fx.lastUnitJp(TreeFixture.KEL_B1).getTotalJp()).isEqualTo(6.0);
      assertThat(fx.lastUnitJp(TreeFixture.KEC_B).getHeadcount()).isEqualTo(1);
      assertThat(fx.lastUnitJp(KOTA).getTotalJp()).isEqualTo(6.0);
    }
  }

  @Test
  void shouldFireOnceStayQuietAndResolveOnceWhenNoActivityLastsThenEnds() {
    final AlertThresholds small = new AlertThresholds(0.05, 0.80, 76.61, 0.20, 4, 1);
    try (TreeFixture fx = new TreeFixture(stateDir, TreeFixture.settingsWith(small))) {
      // given: one employee in KEL-A1 and three silent weeks (03-03, 03-10, 03-17)
      fx.pipe(fx.hire("E1", KEL_A1, wib("2025-01-01T00:00")));
      fx.tick(wib("2025-03-10T08:00"));
      fx.tick(wib("2025-03-19T00:00"));
      fx.tick(wib("2025-03-26T00:00"));
      fx.drain();
      assertThat(noActivity(fx.alertRecords))
          .extracting(ParticipationAlert::getState)
          .containsExactly(AlertState.FIRING);
      // when: a session in the week of 03-24, then that week closes
      fx.pipe(fx.attendance("E1", KEL_A1, "PRESENT", 2, wib("2025-03-25T09:00")));
      fx.tick(wib("2025-04-02T00:00"));
      fx.drain();
      // then
      assertThat(noActivity(fx.alertRecords))
          .extracting(ParticipationAlert::getState)
          .containsExactly(AlertState.FIRING, AlertState.RESOLVED);
      assertThat(noActivity(fx.alertRecords).get(0).getAlertId())
          .isEqualTo(noActivity(fx.alertRecords).get(1).getAlertId());
    }
  }

  @Test
  void shouldNeverWriteEmployeeIdWhenPublishingAggregates() {
    final AlertThresholds small = new AlertThresholds(0.05, 0.80, 76.61, 0.20, 4, 1);
    try (TreeFixture fx = new TreeFixture(stateDir, TreeFixture.settingsWith(small))) {
      // given
      fx.pipe(fx.hire(NIP, KEL_A1, wib("2025-01-01T00:00")));
      // when
      fx.pipe(
          fx.attendance(NIP, KEL_A1, "PRESENT", 2, wib("2025-03-10T09:00")),
          fx.feedback(NIP, KEL_A1, 5, 5, 10, wib("2025-03-10T10:00")),
          fx.enrollment(NIP, KEL_A1, "COMPLETED", wib("2025-03-10T11:00")));
      fx.punctuate();
      fx.tick(wib("2025-03-19T00:00"));
      fx.punctuate();
      fx.drain();
      // then
      final List<Object> aggregates = new ArrayList<>();
      aggregates.addAll(fx.dailyRecords);
      aggregates.addAll(fx.weeklyRecords);
      aggregates.addAll(fx.unitJpRecords);
      aggregates.addAll(fx.alertRecords);
      assertThat(fx.weeklyRecords).isNotEmpty();
      assertThat(fx.unitJpRecords).isNotEmpty();
      assertThat(aggregates).allSatisfy(r -> assertThat(r.toString()).doesNotContain(NIP));
      assertThat(fx.weeklyKeyed).allSatisfy(r -> assertThat(r.key()).doesNotContain(NIP));
    }
  }

  @Test
  void shouldForwardCountedEventsThenWatermarkWhenPunctuated() {
    try (TreeFixture fx = new TreeFixture(stateDir)) {
      // given
      final Instant monday = wib("2025-03-10T09:00");
      // when
      fx.pipe(
          fx.attendance("E1", KEL_A1, "EXCUSED", 2, monday),
          fx.enrollment("E1", KEL_A1, "ENROLLED", monday),
          fx.feedback("E1", KEL_A1, 4, 3, 8, monday.plusSeconds(60)),
          fx.anonymousFeedback(monday.plusSeconds(120)));
      fx.punctuate();
      fx.drain();
      // then
      final List<TestRecord<String, ProgramMessage>> out = fx.programRecords;
      assertThat(out)
          .extracting(r -> r.value().getKind())
          .containsExactly(
              ProgramMessageKind.ATTENDANCE,
              ProgramMessageKind.FEEDBACK,
              ProgramMessageKind.FEEDBACK,
              ProgramMessageKind.WATERMARK);
      final ProgramMessage attendance = out.get(0).value();
      assertThat(out.get(0).key()).isEqualTo(PROGRAM);
      assertThat(attendance.getEmployeeId()).isEqualTo("E1");
      assertThat(attendance.getStatus()).isEqualTo("EXCUSED");
      assertThat(out.get(1).value().getRecommend()).isEqualTo(8);
      assertThat(out.get(2).value().getEmployeeId()).isNull();
      final TestRecord<String, ProgramMessage> watermark = out.get(3);
      assertThat(watermark.key()).isEqualTo(ProgramPartitioner.WATERMARK_KEY);
      assertThat(watermark.value().getOccurredAt()).isEqualTo(monday.plusSeconds(120));
      assertThat(watermark.value().getSenderPartition()).isZero();
      assertThat(watermark.value().getSenderPartitions()).isEqualTo(1);
    }
  }

  private static List<ParticipationAlert> noActivity(final List<ParticipationAlert> alerts) {
    return alerts.stream()
        .filter(a -> a.getUnitId().equals(KEL_A1) && a.getRule() == AlertRule.NO_ACTIVITY)
        .toList();
  }

  private static EmployeeJpProgress last(final List<EmployeeJpProgress> records, final String id) {
    EmployeeJpProgress found = null;
    for (final EmployeeJpProgress r : records) {
      if (r.getEmployeeId().equals(id)) {
        found = r;
      }
    }
    return found;
  }

  /** The elapsed fraction of 2025 (a 365-day year) in WIB at an instant. */
  private static final class Duration365 {
    static double fractionAt(final Instant at) {
      final Instant start = wib("2025-01-01T00:00");
      return (double) java.time.Duration.between(start, at).toMillis()
          / java.time.Duration.ofDays(365).toMillis();
    }
  }
}
