package id.go.bkn.asn.topology;

import static id.go.bkn.asn.topology.TreeFixture.KEC_A;
import static id.go.bkn.asn.topology.TreeFixture.KEC_B;
import static id.go.bkn.asn.topology.TreeFixture.KEL_A1;
import static id.go.bkn.asn.topology.TreeFixture.KEL_A2;
import static id.go.bkn.asn.topology.TreeFixture.KEL_B1;
import static id.go.bkn.asn.topology.TreeFixture.KOTA;
import static id.go.bkn.asn.topology.TreeFixture.wib;
import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.schema.EmployeeJpProgress;
import id.go.bkn.asn.schema.UnitJpProgress;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The year-to-date counters place an employee where headcount does, also when the tree clock is
 * first set after a transfer dated ahead of it: before the clock is set the latest version places
 * the employee, and the first advance must move their JP back to the version in force at the clock
 * (issue #10, "Figures that hold": ParticipationIT found the JP left in the later unit while
 * headcount had the employee in the earlier one, then moved twice when the clock reached the
 * transfer).
 */
class TreeStageYtdPlacementTest {

  private static final Instant HIRED = wib("2025-01-01T00:00");
  private static final Instant MOVED = wib("2025-03-12T00:00");
  private static final Instant WEEK_CLOSED = wib("2025-03-19T00:00");

  @TempDir Path stateDir;

  @Test
  void shouldFollowATransferCorrectedAtTheSameEffectiveFromWhenTheClockIsFirstSetBeforeIt() {
    try (TreeFixture fx = new TreeFixture(stateDir)) {
      // given E1 in KEL-A1 with 5 JP, transferred on 12 March to KEC-B, corrected at once to
      // KEL-A2, all before the clock is set
      fx.pipe(fx.hire("E1", KEL_A1, HIRED), fx.hire("E2", KEL_B1, HIRED));
      fx.pipe(fx.attendance("E1", KEL_A1, "PRESENT", 5, wib("2025-03-10T09:00")));
      fx.pipe(fx.roster("E1", KEC_B, true, MOVED), fx.roster("E1", KEL_A2, true, MOVED));
      // when the clock is first set on 10 March, E1 earns 3 JP in KEL-A2 and the week closes
      fx.tick(wib("2025-03-10T10:00"));
      fx.pipe(fx.attendance("E1", KEL_A2, "PRESENT", 3, wib("2025-03-13T09:00")));
      fx.tick(wib("2025-03-13T10:00"));
      fx.tick(WEEK_CLOSED);
      fx.punctuate();
      fx.drain();
      // then the year's 8 JP are in KEL-A2's chain, where headcount has E1
      assertYear(fx, KEL_A2, 1, 8.0, 0);
      assertYear(fx, KEL_A1, 0, 0.0, 0);
      assertYear(fx, KEC_A, 1, 8.0, 0);
      assertYear(fx, KEC_B, 1, 0.0, 1);
      assertYear(fx, KOTA, 2, 8.0, 1);
      final EmployeeJpProgress last = fx.employeeJpRecords.get(fx.employeeJpRecords.size() - 1);
      assertThat(last.getEmployeeId()).isEqualTo("E1");
      assertThat(last.getUnitId()).isEqualTo(KEL_A2);
      assertThat(last.getJpTotal()).isEqualTo(8.0);
    }
  }

  @Test
  void shouldFollowAPlainTransferWhenTheClockIsFirstSetBeforeIt() {
    try (TreeFixture fx = new TreeFixture(stateDir)) {
      // given E1 in KEL-A1 with 5 JP, transferred on 12 March to KEL-B1 before the clock is set
      fx.pipe(fx.hire("E1", KEL_A1, HIRED), fx.hire("E2", KEL_B1, HIRED));
      fx.pipe(fx.attendance("E1", KEL_A1, "PRESENT", 5, wib("2025-03-10T09:00")));
      fx.pipe(fx.roster("E1", KEL_B1, true, MOVED));
      // when the clock is first set on 10 March, E1 earns 3 JP in KEL-B1 and the week closes
      fx.tick(wib("2025-03-10T10:00"));
      fx.pipe(fx.attendance("E1", KEL_B1, "PRESENT", 3, wib("2025-03-13T09:00")));
      fx.tick(wib("2025-03-13T10:00"));
      fx.tick(WEEK_CLOSED);
      fx.punctuate();
      fx.drain();
      // then the year's 8 JP are in KEL-B1's chain only
      assertYear(fx, KEL_B1, 2, 8.0, 1);
      assertYear(fx, KEC_B, 2, 8.0, 1);
      assertYear(fx, KEL_A1, 0, 0.0, 0);
      assertYear(fx, KEC_A, 0, 0.0, 0);
      assertYear(fx, KOTA, 2, 8.0, 1);
      final EmployeeJpProgress last = fx.employeeJpRecords.get(fx.employeeJpRecords.size() - 1);
      assertThat(last.getEmployeeId()).isEqualTo("E1");
      assertThat(last.getUnitId()).isEqualTo(KEL_B1);
      assertThat(last.getJpTotal()).isEqualTo(8.0);
    }
  }

  private static void assertYear(
      final TreeFixture fx,
      final String unit,
      final int headcount,
      final double totalJp,
      final int zeroJp) {
    final UnitJpProgress jp = fx.lastUnitJp(unit);
    assertThat(jp).as(unit).isNotNull();
    assertThat(jp.getHeadcount()).as(unit + " headcount").isEqualTo(headcount);
    assertThat(jp.getTotalJp()).as(unit + " totalJp").isEqualTo(totalJp);
    assertThat(jp.getEmployeesZeroJp()).as(unit + " employeesZeroJp").isEqualTo(zeroJp);
  }
}
