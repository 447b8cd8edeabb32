package id.go.bkn.asn.topology;

import static id.go.bkn.asn.topology.TreeFixture.KEC_A;
import static id.go.bkn.asn.topology.TreeFixture.KEL_A1;
import static id.go.bkn.asn.topology.TreeFixture.KOTA;
import static id.go.bkn.asn.topology.TreeFixture.retraction;
import static id.go.bkn.asn.topology.TreeFixture.wib;
import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.schema.EmployeeJpProgress;
import id.go.bkn.asn.schema.RecordStatus;
import id.go.bkn.asn.schema.UnitActivity;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CONTRACT.md section 5, "Attendance corrections and replays" (amended 2026-12-02): a later record
 * of the same session replaces the earlier one in every window still open; a window already closed
 * keeps its FINAL record and the correction goes to the late events for it; the year credits the
 * session once.
 */
class TreeStageCorrectionsTest {

  private static final String MONDAY = "2025-03-10";
  private static final Instant HIRED = wib("2025-01-01T00:00");

  @TempDir Path stateDir;

  @Test
  void shouldReplaceAbsentByPresentInEveryOpenWindowWhenCorrected() {
    try (TreeFixture fx = new TreeFixture(stateDir)) {
      // given E1 marked ABSENT on Monday
      fx.pipe(fx.hire("E1", KEL_A1, HIRED), fx.hire("E2", KEL_A1, HIRED));
      final TreeMessage absent = fx.attendance("E1", KEL_A1, "ABSENT", 3, wib("2025-03-10T09:00"));
      fx.pipe(absent);
      fx.punctuate();
      // when the sheet turns it into PRESENT while the day and week are open
      fx.pipe(
          retraction(absent), fx.attendance("E1", KEL_A1, "PRESENT", 3, wib("2025-03-10T09:00")));
      fx.punctuate();
      fx.tick(wib("2025-03-19T00:00"));
      fx.drain();

      // then every open window holds the PRESENT version only
      for (final String unit : new String[] {KEL_A1, KEC_A, KOTA}) {
        final UnitActivity week = fx.lastWeekly(unit, MONDAY, RecordStatus.FINAL);
        assertThat(week.getAbsent()).as(unit).isZero();
        assertThat(week.getPresent()).as(unit).isEqualTo(1);
        assertThat(week.getParticipants()).as(unit).isEqualTo(1);
        assertThat(week.getJpDelivered()).as(unit).isEqualTo(3.0);
        assertThat(week.getAttendanceRate()).as(unit).isEqualTo(1.0);
      }
      assertThat(fx.lastDaily(KEL_A1, MONDAY, RecordStatus.FINAL).getAbsent()).isZero();
      assertThat(lastEmployee(fx, "E1").getJpTotal()).isEqualTo(3.0);
      assertThat(fx.lastUnitJp(KOTA).getTotalJp()).isEqualTo(3.0);
      assertThat(fx.lateRecords).isEmpty();
    }
  }

  @Test
  void shouldUncountTheParticipantWhenPresentIsCorrectedToAbsent() {
    try (TreeFixture fx = new TreeFixture(stateDir)) {
      // given E1 PRESENT twice on Monday (two sessions), E2 PRESENT once
      fx.pipe(fx.hire("E1", KEL_A1, HIRED), fx.hire("E2", KEL_A1, HIRED));
      final TreeMessage morning =
          fx.attendance("E1", KEL_A1, "PRESENT", 2, wib("2025-03-10T09:00"));
      final TreeMessage afternoon =
          fx.attendance("E1", KEL_A1, "PRESENT", 2, wib("2025-03-10T13:00"));
      final TreeMessage other = fx.attendance("E2", KEL_A1, "PRESENT", 2, wib("2025-03-10T09:00"));
      fx.pipe(morning, afternoon, other);
      // when E1's afternoon and E2's only session are corrected to ABSENT
      fx.pipe(
          retraction(afternoon),
          fx.attendance("E1", KEL_A1, "ABSENT", 2, wib("2025-03-10T13:00")),
          retraction(other),
          fx.attendance("E2", KEL_A1, "ABSENT", 2, wib("2025-03-10T09:00")));
      fx.tick(wib("2025-03-19T00:00"));
      fx.punctuate();
      fx.drain();

      // then E1 still took part (morning), E2 no longer did
      final UnitActivity week = fx.lastWeekly(KEL_A1, MONDAY, RecordStatus.FINAL);
      assertThat(week.getParticipants()).isEqualTo(1);
      assertThat(week.getPresent()).isEqualTo(1);
      assertThat(week.getAbsent()).isEqualTo(2);
      assertThat(week.getJpDelivered()).isEqualTo(2.0);
      assertThat(week.getParticipationRate()).isEqualTo(0.5);
      assertThat(lastEmployee(fx, "E2").getJpTotal()).isZero();
      assertThat(lastEmployee(fx, "E2").getSessionsAttended()).isZero();
      assertThat(fx.lastUnitJp(KEL_A1).getTotalJp()).isEqualTo(2.0);
      assertThat(fx.lastUnitJp(KEL_A1).getEmployeesZeroJp()).isEqualTo(1);
    }
  }

  @Test
  void shouldCreditTheYearOnceAndSetTheCorrectionAsideWhenItsWeekIsClosed() {
    try (TreeFixture fx = new TreeFixture(stateDir)) {
      // given E1 PRESENT (3 JP) on Monday, and the week closed
      fx.pipe(fx.hire("E1", KEL_A1, HIRED));
      final TreeMessage present =
          fx.attendance("E1", KEL_A1, "PRESENT", 3, wib("2025-03-10T09:00"));
      fx.pipe(present);
      fx.tick(wib("2025-03-19T00:00"));
      fx.drain();
      final UnitActivity closed = fx.lastWeekly(KEL_A1, MONDAY, RecordStatus.FINAL);

      // when a correction to LATE arrives three weeks later
      fx.pipe(retraction(present), fx.attendance("E1", KEL_A1, "LATE", 3, wib("2025-03-10T09:00")));
      fx.punctuate();
      fx.drain();

      // then the FINAL week stands, the correction is set aside for DAY and WEEK, the year has
      // the session once
      assertThat(fx.finals(fx.weeklyRecords, MONDAY))
          .filteredOn(r -> r.getUnitId().equals(KEL_A1))
          .containsExactly(closed);
      assertThat(fx.lateRecords).hasSize(1);
      final EmployeeJpProgress e1 = lastEmployee(fx, "E1");
      assertThat(e1.getJpTotal()).isEqualTo(3.0);
      assertThat(e1.getSessionsAttended()).isEqualTo(1);
      assertThat(fx.lastUnitJp(KOTA).getTotalJp()).isEqualTo(3.0);
    }
  }

  private static EmployeeJpProgress lastEmployee(final TreeFixture fx, final String employee) {
    EmployeeJpProgress found = null;
    for (final EmployeeJpProgress r : fx.employeeJpRecords) {
      if (r.getEmployeeId().equals(employee)) {
        found = r;
      }
    }
    return found;
  }
}
