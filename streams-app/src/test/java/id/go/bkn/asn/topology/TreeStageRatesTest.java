package id.go.bkn.asn.topology;

import static id.go.bkn.asn.topology.TreeFixture.KEC_A;
import static id.go.bkn.asn.topology.TreeFixture.KEL_A1;
import static id.go.bkn.asn.topology.TreeFixture.KEL_B1;
import static id.go.bkn.asn.topology.TreeFixture.KOTA;
import static id.go.bkn.asn.topology.TreeFixture.wib;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import id.go.bkn.asn.schema.RecordStatus;
import id.go.bkn.asn.schema.UnitActivity;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CONTRACT.md section 5 (amended 2026-12-02): participationRate = participants / (headcount at the
 * window end + participants no longer in the subtree then), responseRate = distinct respondents /
 * distinct employees who took part or responded; both stay in 0..1 when people transfer out or
 * answer a week after their session.
 */
class TreeStageRatesTest {

  private static final String MONDAY = "2025-03-10";
  private static final String NEXT_MONDAY = "2025-03-17";
  private static final Instant HIRED = wib("2025-01-01T00:00");

  @TempDir Path stateDir;

  @Test
  void shouldCountParticipantsWhoLeftTheSubtreeInTheDenominatorWhenTheyTransferOrRetire() {
    try (TreeFixture fx = new TreeFixture(stateDir)) {
      // given four in KEL-A1; E1's transfer to KEL-B1 (Wednesday) is known before his session
      fx.pipe(
          fx.hire("E1", KEL_A1, HIRED),
          fx.hire("E2", KEL_A1, HIRED),
          fx.hire("E3", KEL_A1, HIRED),
          fx.hire("E4", KEL_A1, HIRED));
      fx.pipe(fx.roster("E1", KEL_B1, true, wib("2025-03-12T00:00")));
      // when E1, E2 and E3 take part on Monday, then E2 transfers and E3 retires, reported after
      fx.pipe(
          fx.attendance("E1", KEL_A1, "PRESENT", 2, wib("2025-03-10T09:00")),
          fx.attendance("E2", KEL_A1, "PRESENT", 2, wib("2025-03-10T09:00")),
          fx.attendance("E3", KEL_A1, "LATE", 2, wib("2025-03-10T09:00")));
      fx.pipe(
          fx.roster("E2", KEL_B1, true, wib("2025-03-13T00:00")),
          fx.roster("E3", KEL_A1, false, wib("2025-03-14T00:00")));
      fx.punctuate();
      fx.tick(wib("2025-03-19T00:00"));
      fx.drain();

      // then KEL-A1 keeps one of four but three took part: 3 / (1 + 3), never 3 / 1
      final UnitActivity kelA1 = fx.lastWeekly(KEL_A1, MONDAY, RecordStatus.FINAL);
      assertThat(kelA1.getHeadcount()).isEqualTo(1);
      assertThat(kelA1.getParticipants()).isEqualTo(3);
      assertThat(kelA1.getParticipationRate()).isCloseTo(0.75, within(1e-12));
      assertThat(fx.lastWeekly(KEC_A, MONDAY, RecordStatus.FINAL).getParticipationRate())
          .isCloseTo(0.75, within(1e-12));
      // the city still holds the two who transferred; only the retiree left it
      final UnitActivity city = fx.lastWeekly(KOTA, MONDAY, RecordStatus.FINAL);
      assertThat(city.getHeadcount()).isEqualTo(3);
      assertThat(city.getParticipationRate()).isCloseTo(3.0 / 4, within(1e-12));
      // the day: as of Monday's end all four were still in KEL-A1
      assertThat(fx.lastDaily(KEL_A1, MONDAY, RecordStatus.FINAL).getParticipationRate())
          .isCloseTo(0.75, within(1e-12));
      assertThat(fx.weeklyRecords)
          .allSatisfy(
              r -> {
                if (r.getParticipationRate() != null) {
                  assertThat(r.getParticipationRate()).isBetween(0.0, 1.0);
                }
              });
    }
  }

  @Test
  void shouldCountDistinctRespondentsOverEveryoneEngagedWhenFeedbackComesAWeekLater() {
    try (TreeFixture fx = new TreeFixture(stateDir)) {
      // given E1 and E2 trained in the week of 03-10
      fx.pipe(
          fx.hire("E1", KEL_A1, HIRED), fx.hire("E2", KEL_A1, HIRED), fx.hire("E3", KEL_A1, HIRED));
      fx.pipe(
          fx.attendance("E1", KEL_A1, "PRESENT", 2, wib("2025-03-10T09:00")),
          fx.attendance("E2", KEL_A1, "PRESENT", 2, wib("2025-03-10T09:00")));
      // when they answer the next week (E1 twice), and only E3 trains that week
      fx.pipe(
          fx.feedback("E1", KEL_A1, 4, 4, 9, wib("2025-03-17T09:00")),
          fx.feedback("E1", KEL_A1, 5, 4, 9, wib("2025-03-18T09:00")),
          fx.feedback("E2", KEL_A1, 4, 4, 9, wib("2025-03-17T10:00")),
          fx.attendance("E3", KEL_A1, "PRESENT", 2, wib("2025-03-17T09:00")));
      fx.punctuate();
      fx.tick(wib("2025-03-26T00:00"));
      fx.drain();

      // then 2 distinct respondents of 3 engaged (E1, E2 answered; E3 took part): 2 / 3
      final UnitActivity week = fx.lastWeekly(KEL_A1, NEXT_MONDAY, RecordStatus.FINAL);
      assertThat(week.getFeedbackResponses()).isEqualTo(3);
      assertThat(week.getParticipants()).isEqualTo(1);
      assertThat(week.getResponseRate()).isCloseTo(2.0 / 3, within(1e-12));
      assertThat(fx.lastWeekly(KEL_A1, MONDAY, RecordStatus.FINAL).getResponseRate()).isZero();
      assertThat(fx.weeklyRecords)
          .allSatisfy(
              r -> {
                if (r.getResponseRate() != null) {
                  assertThat(r.getResponseRate()).isBetween(0.0, 1.0);
                }
              });
    }
  }
}
