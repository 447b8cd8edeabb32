package id.go.bkn.asn.topology;

import static id.go.bkn.asn.topology.TreeFixture.KEC_A;
import static id.go.bkn.asn.topology.TreeFixture.KEC_B;
import static id.go.bkn.asn.topology.TreeFixture.KEL_A1;
import static id.go.bkn.asn.topology.TreeFixture.KEL_A2;
import static id.go.bkn.asn.topology.TreeFixture.KEL_B1;
import static id.go.bkn.asn.topology.TreeFixture.KOTA;
import static id.go.bkn.asn.topology.TreeFixture.wib;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import id.go.bkn.asn.schema.RecordStatus;
import id.go.bkn.asn.schema.UnitActivity;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DAY and WEEK figures of the tree stage: distinct counts, rates, subtrees, satisfaction. */
class TreeStageWindowsTest {

  private static final String MONDAY = "2025-03-10";
  private static final String TUESDAY = "2025-03-11";

  /** Past the close of the week of 2025-03-10 (ends 03-17 00:00 WIB, grace 48 h). */
  private static final Instant WEEK_CLOSED = wib("2025-03-19T00:00");

  @TempDir Path stateDir;
  private TreeFixture fx;

  @BeforeEach
  void setUp() {
    fx = new TreeFixture(stateDir);
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  @Test
  void shouldCountTwoParticipantDaysButOneWeeklyParticipantWhenSameEmployeeAttendsTwoDays() {
    // given
    fx.pipe(fx.hire("E1", KEL_A1, wib("2025-01-01T00:00")));
    // when
    fx.pipe(
        fx.attendance("E1", KEL_A1, "PRESENT", 2, wib("2025-03-10T09:00")),
        fx.attendance("E1", KEL_A1, "PRESENT", 2, wib("2025-03-11T09:00")));
    fx.tick(WEEK_CLOSED);
    fx.drain();
    // then
    assertThat(fx.lastDaily(KEL_A1, MONDAY, RecordStatus.FINAL).getParticipants()).isEqualTo(1);
    assertThat(fx.lastDaily(KEL_A1, TUESDAY, RecordStatus.FINAL).getParticipants()).isEqualTo(1);
    final UnitActivity week = fx.lastWeekly(KEL_A1, MONDAY, RecordStatus.FINAL);
    assertThat(week.getParticipants()).isEqualTo(1);
    assertThat(week.getPresent()).isEqualTo(2);
    assertThat(week.getJpDelivered()).isEqualTo(4.0);
    assertThat(week.getHeadcount()).isEqualTo(1);
    assertThat(week.getParticipationRate()).isEqualTo(1.0);
  }

  @Test
  void shouldLeaveExcusedOutOfAttendanceRateWhenSomeAreExcused() {
    // given
    final Instant monday = wib("2025-03-10T09:00");
    // when
    fx.pipe(
        fx.attendance("E1", KEL_A1, "PRESENT", 2, monday),
        fx.attendance("E2", KEL_A1, "ABSENT", 2, monday),
        fx.attendance("E3", KEL_A1, "EXCUSED", 2, monday),
        fx.attendance("E4", KEL_A1, "LATE", 2, monday));
    fx.tick(WEEK_CLOSED);
    fx.drain();
    // then
    final UnitActivity day = fx.lastDaily(KEL_A1, MONDAY, RecordStatus.FINAL);
    assertThat(day.getExcused()).isEqualTo(1);
    assertThat(day.getAbsent()).isEqualTo(1);
    assertThat(day.getAttendanceRate()).isCloseTo(2.0 / 3.0, within(1e-9));
    assertThat(day.getJpDelivered()).isEqualTo(4.0);
    assertThat(day.getParticipants()).isEqualTo(2);
  }

  @Test
  void shouldSumCountsAndCountParticipantsOnceWhenEventsSpreadOverTheSubtree() {
    // given
    final Instant monday = wib("2025-03-10T09:00");
    // when
    fx.pipe(
        fx.attendance("E1", KEL_A1, "PRESENT", 2, monday),
        fx.attendance("E1", KEL_A1, "PRESENT", 3, monday.plusSeconds(3600)),
        fx.attendance("E2", KEL_A2, "PRESENT", 2, monday),
        fx.attendance("E3", KEL_B1, "LATE", 1, monday),
        fx.enrollment("E3", KEL_B1, "ENROLLED", monday));
    fx.tick(WEEK_CLOSED);
    fx.drain();
    // then
    final UnitActivity kecA = fx.lastWeekly(KEC_A, MONDAY, RecordStatus.FINAL);
    assertThat(kecA.getPresent()).isEqualTo(3);
    assertThat(kecA.getParticipants()).isEqualTo(2);
    assertThat(kecA.getJpDelivered()).isEqualTo(7.0);
    assertThat(kecA.getDepth()).isEqualTo(1);
    assertThat(kecA.getLeaf()).isFalse();
    assertThat(kecA.getParentUnitId()).isEqualTo(KOTA);
    final UnitActivity kota = fx.lastWeekly(KOTA, MONDAY, RecordStatus.FINAL);
    assertThat(kota.getPresent()).isEqualTo(3);
    assertThat(kota.getLate()).isEqualTo(1);
    assertThat(kota.getParticipants()).isEqualTo(3);
    assertThat(kota.getEnrollments()).isEqualTo(1);
    assertThat(kota.getJpDelivered()).isEqualTo(8.0);
    assertThat(kota.getDepth()).isZero();
    assertThat(kota.getParentUnitId()).isNull();
    final UnitActivity kelB1 = fx.lastWeekly(KEL_B1, MONDAY, RecordStatus.FINAL);
    assertThat(kelB1.getParticipants()).isEqualTo(1);
    assertThat(kelB1.getDepth()).isEqualTo(2);
    assertThat(kelB1.getLeaf()).isTrue();
    assertThat(fx.lastWeekly(KEC_B, MONDAY, RecordStatus.FINAL).getEnrollments()).isEqualTo(1);
  }

  @Test
  void shouldSplitActivityAndCountEmployeeOnceAtCommonAncestorWhenTransferredMidWeek() {
    // given
    fx.pipe(
        fx.hire("E1", KEL_A1, wib("2025-01-01T00:00")),
        fx.hire("E2", KEL_A2, wib("2025-01-01T00:00")));
    // when
    fx.pipe(
        fx.attendance("E1", KEL_A1, "PRESENT", 2, wib("2025-03-10T09:00")),
        fx.roster("E1", KEL_A2, true, wib("2025-03-12T00:00")),
        fx.attendance("E1", KEL_A2, "PRESENT", 2, wib("2025-03-13T09:00")));
    fx.tick(WEEK_CLOSED);
    fx.drain();
    // then
    final UnitActivity oldUnit = fx.lastWeekly(KEL_A1, MONDAY, RecordStatus.FINAL);
    assertThat(oldUnit.getPresent()).isEqualTo(1);
    assertThat(oldUnit.getParticipants()).isEqualTo(1);
    assertThat(oldUnit.getHeadcount()).isZero();
    // E1 took part here and left by the week's end: 1 / (0 + 1)
    assertThat(oldUnit.getParticipationRate()).isEqualTo(1.0);
    final UnitActivity newUnit = fx.lastWeekly(KEL_A2, MONDAY, RecordStatus.FINAL);
    assertThat(newUnit.getPresent()).isEqualTo(1);
    assertThat(newUnit.getParticipants()).isEqualTo(1);
    assertThat(newUnit.getHeadcount()).isEqualTo(2);
    final UnitActivity kecamatan = fx.lastWeekly(KEC_A, MONDAY, RecordStatus.FINAL);
    assertThat(kecamatan.getPresent()).isEqualTo(2);
    assertThat(kecamatan.getParticipants()).isEqualTo(1);
    assertThat(kecamatan.getHeadcount()).isEqualTo(2);
    // Monday's day ended before the transfer took effect: E1 still counted in KEL-A1 then
    assertThat(fx.lastDaily(KEL_A1, MONDAY, RecordStatus.FINAL).getHeadcount()).isEqualTo(1);
    assertThat(fx.lastDaily(KEL_A2, MONDAY, RecordStatus.FINAL).getHeadcount()).isEqualTo(1);
  }

  @Test
  void shouldSuppressSatisfactionWhenFourResponsesAndPublishItWhenFive() {
    // given
    final Instant monday = wib("2025-03-10T10:00");
    // when: four responses in KEL-A1, five in KEL-A2 (each respondent also attended)
    for (int i = 1; i <= 4; i++) {
      fx.pipe(
          fx.attendance("A1-" + i, KEL_A1, "PRESENT", 2, monday),
          fx.feedback("A1-" + i, KEL_A1, 5, 5, 10, monday));
    }
    final int[] overall = {5, 4, 4, 3, 4};
    for (int i = 0; i < overall.length; i++) {
      fx.pipe(
          fx.attendance("A2-" + i, KEL_A2, "PRESENT", 2, monday),
          fx.feedback("A2-" + i, KEL_A2, overall[i], 4, 9, monday));
    }
    fx.tick(WEEK_CLOSED);
    fx.drain();
    // then
    final UnitActivity four = fx.lastWeekly(KEL_A1, MONDAY, RecordStatus.FINAL);
    assertThat(four.getFeedbackResponses()).isEqualTo(4);
    assertThat(four.getSatisfactionSuppressed()).isTrue();
    assertThat(four.getSatisfactionMean()).isNull();
    assertThat(four.getSatisfactionIndex()).isNull();
    assertThat(four.getCareerRelevanceMean()).isNull();
    assertThat(four.getNps()).isNull();
    assertThat(four.getResponseRate()).isEqualTo(1.0);
    final UnitActivity five = fx.lastWeekly(KEL_A2, MONDAY, RecordStatus.FINAL);
    assertThat(five.getSatisfactionSuppressed()).isFalse();
    assertThat(five.getSatisfactionMean()).isEqualTo(4.0);
    assertThat(five.getSatisfactionIndex()).isEqualTo(80.0);
    assertThat(five.getNps()).isEqualTo(100.0);
    final UnitActivity both = fx.lastWeekly(KEC_A, MONDAY, RecordStatus.FINAL);
    assertThat(both.getFeedbackResponses()).isEqualTo(9);
    assertThat(both.getSatisfactionSuppressed()).isFalse();
  }

  @Test
  void shouldComputeNpsOverAnsweredResponsesWhenSomeSkipRecommend() {
    // given
    final Instant monday = wib("2025-03-10T10:00");
    final Integer[] recommend = {10, 9, 3, null, 7};
    final Integer[] career = {5, null, 3, 4, null};
    // when
    for (int i = 0; i < recommend.length; i++) {
      fx.pipe(fx.feedback("F" + i, KEL_B1, 4, career[i], recommend[i], monday));
    }
    fx.tick(WEEK_CLOSED);
    fx.drain();
    // then: 4 answered, 2 promoters, 1 detractor
    final UnitActivity week = fx.lastWeekly(KEL_B1, MONDAY, RecordStatus.FINAL);
    assertThat(week.getFeedbackResponses()).isEqualTo(5);
    assertThat(week.getNps()).isCloseTo(25.0, within(1e-9));
    assertThat(week.getCareerRelevanceMean()).isCloseTo(4.0, within(1e-9));
    // five who answered, none who attended: everyone engaged answered
    assertThat(week.getResponseRate()).isEqualTo(1.0);
  }

  @Test
  void shouldWriteFinalZerosForEveryUnitWhenUnitHadNoActivity() {
    // given
    fx.pipe(fx.hire("E1", KEL_B1, wib("2025-01-01T00:00")));
    // when
    fx.pipe(fx.attendance("E9", KEL_A1, "PRESENT", 2, wib("2025-03-10T09:00")));
    fx.tick(WEEK_CLOSED);
    fx.drain();
    // then
    assertThat(fx.finals(fx.weeklyRecords, MONDAY))
        .extracting(UnitActivity::getUnitId)
        .containsExactlyInAnyOrderElementsOf(TreeFixture.ALL_UNITS);
    final UnitActivity quiet = fx.lastWeekly(KEL_B1, MONDAY, RecordStatus.FINAL);
    assertThat(quiet.getRevision()).isEqualTo(1);
    assertThat(quiet.getHeadcount()).isEqualTo(1);
    assertThat(quiet.getParticipants()).isZero();
    assertThat(quiet.getPresent()).isZero();
    assertThat(quiet.getJpDelivered()).isZero();
    assertThat(quiet.getParticipationRate()).isEqualTo(0.0);
    assertThat(quiet.getAttendanceRate()).isNull();
    assertThat(quiet.getResponseRate()).isNull();
    assertThat(quiet.getSatisfactionSuppressed()).isTrue();
    assertThat(quiet.getSatisfactionMean()).isNull();
    assertThat(quiet.getUnitName()).isEqualTo("Kelurahan B1");
  }
}
