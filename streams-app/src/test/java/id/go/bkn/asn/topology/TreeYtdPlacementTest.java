package id.go.bkn.asn.topology;

import static id.go.bkn.asn.topology.CrossTreeFixture.DINKES;
import static id.go.bkn.asn.topology.CrossTreeFixture.KEC_1;
import static id.go.bkn.asn.topology.CrossTreeFixture.KEC_2;
import static id.go.bkn.asn.topology.CrossTreeFixture.KEL_1;
import static id.go.bkn.asn.topology.CrossTreeFixture.KEL_2;
import static id.go.bkn.asn.topology.CrossTreeFixture.KOTA;
import static id.go.bkn.asn.topology.CrossTreeFixture.wib;
import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.schema.AttendanceStatus;
import id.go.bkn.asn.schema.EmployeeJpProgress;
import id.go.bkn.asn.schema.UnitJpProgress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The year-to-date counters place an employee where headcount does (issue #10, "Figures that
 * hold"): after a transfer within one tree, and after a transfer corrected at the same
 * effectiveFrom to another unit (the later version replaces the earlier one), the employee's whole
 * year's JP counts in the chain of the unit the roster places them in as of the clock, and their
 * restricted record names that unit. Checked after the week of the move has closed.
 */
class TreeYtdPlacementTest {

  @Test
  void shouldCountTheYearInTheUnitOfTheCorrectedVersionBeforeTheClockIsSet() {
    try (CrossTreeFixture fx = new CrossTreeFixture(stateDir, WALL)) {
      // given E1 in KEL-1, E3 in DINKES, transferred to KEC-1 and corrected at once to KEL-2
      // before any event has set the clocks
      fx.roster("E1", KEL_1, true, HIRED);
      fx.roster("E3", DINKES, true, HIRED);
      fx.roster("E1", KEC_1, true, MOVED);
      fx.roster("E1", KEL_2, true, MOVED);
      // when E1 earns 5 JP before the move and 3 after it, and the week closes
      fx.attend("E1", "S1", AttendanceStatus.PRESENT, 5, wib("2025-03-10T09:00"));
      fx.punctuate();
      fx.attend("E1", "S2", AttendanceStatus.PRESENT, 3, wib("2025-03-13T09:00"));
      closeTheWeek(fx);
      // then the year's 8 JP count in KEL-2's chain, where headcount has E1
      assertYear(fx, KEL_2, 1, 8.0, 0);
      assertYear(fx, KEC_2, 1, 8.0, 0);
      assertYear(fx, KEL_1, 0, 0.0, 0);
      assertYear(fx, KEC_1, 0, 0.0, 0);
      assertYear(fx, KOTA, 2, 8.0, 1);
      assertThat(lastOf(fx.kota().employeeRecords(E1_2025)).getUnitId()).isEqualTo(KEL_2);
    }
  }

  @Test
  void shouldCountTheYearInTheUnitOfTheCorrectedVersionArrivingAfterTheClockPassedIt() {
    try (CrossTreeFixture fx = new CrossTreeFixture(stateDir, WALL)) {
      // given E1 in KEL-1 with 5 JP, E3 in DINKES, and the clocks past 12 March
      fx.roster("E1", KEL_1, true, HIRED);
      fx.roster("E3", DINKES, true, HIRED);
      fx.attend("E1", "S1", AttendanceStatus.PRESENT, 5, wib("2025-03-10T09:00"));
      fx.attend("E3", "S8", AttendanceStatus.ABSENT, 2, wib("2025-03-13T08:00"));
      fx.punctuate();
      // when E1 is transferred on 12 March to KEC-1, corrected at once to KEL-2, earns 3 JP
      fx.roster("E1", KEC_1, true, MOVED);
      fx.roster("E1", KEL_2, true, MOVED);
      fx.attend("E1", "S2", AttendanceStatus.PRESENT, 3, wib("2025-03-13T09:00"));
      closeTheWeek(fx);
      // then the year's 8 JP count in KEL-2's chain, where headcount has E1
      assertYear(fx, KEL_2, 1, 8.0, 0);
      assertYear(fx, KEC_2, 1, 8.0, 0);
      assertYear(fx, KEL_1, 0, 0.0, 0);
      assertYear(fx, KEC_1, 0, 0.0, 0);
      assertYear(fx, KOTA, 2, 8.0, 1);
      assertThat(lastOf(fx.kota().employeeRecords(E1_2025)).getUnitId()).isEqualTo(KEL_2);
    }
  }

  /** The wall clock at the start: Friday 14 March 2025, after every roster version of the tests. */
  private static final Instant WALL = wib("2025-03-14T12:00");

  private static final Instant HIRED = wib("2025-01-01T00:00");
  private static final Instant MOVED = wib("2025-03-12T00:00");
  private static final String E1_2025 = "E1|2025";

  @TempDir Path stateDir;

  @Test
  void shouldCountTheYearInTheUnitOfTheCorrectedVersion() {
    try (CrossTreeFixture fx = new CrossTreeFixture(stateDir, WALL)) {
      // given E1 in KEL-1 with 5 JP, E3 in DINKES
      fx.roster("E1", KEL_1, true, HIRED);
      fx.roster("E3", DINKES, true, HIRED);
      fx.attend("E1", "S1", AttendanceStatus.PRESENT, 5, wib("2025-03-10T09:00"));
      fx.punctuate();
      // when E1 is transferred to KEC-1, corrected at once (same effectiveFrom) to KEL-2,
      fx.roster("E1", KEC_1, true, MOVED);
      fx.roster("E1", KEL_2, true, MOVED);
      // earns 3 JP there, and the week closes
      fx.attend("E1", "S2", AttendanceStatus.PRESENT, 3, wib("2025-03-13T09:00"));
      closeTheWeek(fx);
      // then the year's 8 JP count in KEL-2's chain, where headcount has E1
      assertYear(fx, KEL_2, 1, 8.0, 0);
      assertYear(fx, KEC_2, 1, 8.0, 0);
      assertYear(fx, KEL_1, 0, 0.0, 0);
      assertYear(fx, KEC_1, 0, 0.0, 0);
      assertYear(fx, KOTA, 2, 8.0, 1);
      final EmployeeJpProgress last = lastOf(fx.kota().employeeRecords(E1_2025));
      assertThat(last.getUnitId()).isEqualTo(KEL_2);
      assertThat(last.getJpTotal()).isEqualTo(8.0);
    }
  }

  @Test
  void shouldCountTheYearInTheNewUnitAfterAPlainTransfer() {
    try (CrossTreeFixture fx = new CrossTreeFixture(stateDir, WALL)) {
      // given E1 in KEL-1 with 5 JP, E3 in DINKES
      fx.roster("E1", KEL_1, true, HIRED);
      fx.roster("E3", DINKES, true, HIRED);
      fx.attend("E1", "S1", AttendanceStatus.PRESENT, 5, wib("2025-03-10T09:00"));
      fx.punctuate();
      // when E1 moves to KEL-2, earns 3 JP there, and the week closes
      fx.roster("E1", KEL_2, true, MOVED);
      fx.attend("E1", "S2", AttendanceStatus.PRESENT, 3, wib("2025-03-13T09:00"));
      closeTheWeek(fx);
      // then the year's 8 JP count in KEL-2's chain only
      assertYear(fx, KEL_2, 1, 8.0, 0);
      assertYear(fx, KEC_2, 1, 8.0, 0);
      assertYear(fx, KEL_1, 0, 0.0, 0);
      assertYear(fx, KEC_1, 0, 0.0, 0);
      assertYear(fx, KOTA, 2, 8.0, 1);
      final EmployeeJpProgress last = lastOf(fx.kota().employeeRecords(E1_2025));
      assertThat(last.getUnitId()).isEqualTo(KEL_2);
      assertThat(last.getJpTotal()).isEqualTo(8.0);
    }
  }

  /** The wall clock to Wednesday 19 March and an event of E3 move the clocks past the week. */
  private static void closeTheWeek(final CrossTreeFixture fx) {
    fx.punctuate();
    fx.advanceWall(Duration.ofDays(5));
    fx.attend("E3", "S9", AttendanceStatus.ABSENT, 2, wib("2025-03-19T09:00"));
    fx.punctuate();
    fx.punctuate();
  }

  private static void assertYear(
      final CrossTreeFixture fx,
      final String unit,
      final int headcount,
      final double totalJp,
      final int zeroJp) {
    final UnitJpProgress jp = fx.kota().lastUnitJp(unit);
    assertThat(jp).as(unit + " in " + fx.kota().drain().unitJpRecords).isNotNull();
    assertThat(jp.getHeadcount()).as(unit + " headcount").isEqualTo(headcount);
    assertThat(jp.getTotalJp()).as(unit + " totalJp").isEqualTo(totalJp);
    assertThat(jp.getEmployeesZeroJp()).as(unit + " employeesZeroJp").isEqualTo(zeroJp);
  }

  private static EmployeeJpProgress lastOf(final List<EmployeeJpProgress> records) {
    assertThat(records).isNotEmpty();
    return records.get(records.size() - 1);
  }
}
