package id.go.bkn.asn.topology;

import static id.go.bkn.asn.topology.CrossTreeFixture.BKPSDM;
import static id.go.bkn.asn.topology.CrossTreeFixture.DINKES;
import static id.go.bkn.asn.topology.CrossTreeFixture.KAB;
import static id.go.bkn.asn.topology.CrossTreeFixture.KOTA;
import static id.go.bkn.asn.topology.CrossTreeFixture.wib;
import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.schema.AttendanceStatus;
import id.go.bkn.asn.schema.EmployeeJpProgress;
import id.go.bkn.asn.schema.UnitJpProgress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An employee's year-to-date total follows them to another tree (CONTRACT.md section 5: "wherever
 * they worked when they earned it"), with the two trees in two tree-stage tasks: the new tree's
 * unit-jp-ytd and the employee's restricted record carry the whole year, the old tree stops
 * counting them, and after the move only the new tree writes {@code employeeId|yyyy}, also when a
 * late event or a correction of the time before the move reaches the old tree.
 */
class CrossTreeYtdTest {

  /** The wall clock: Friday 14 March 2025, after every roster version and event of the tests. */
  private static final Instant WALL = wib("2025-03-14T12:00");

  private static final Instant HIRED = wib("2025-01-01T00:00");
  private static final Instant MOVED = wib("2025-03-12T00:00");
  private static final String E1_2025 = "E1|2025";

  @TempDir Path stateDir;

  @Test
  void shouldCarryTheWholeYearToTheNewTreeAndLetOnlyItWriteTheEmployee() {
    try (CrossTreeFixture fx = new CrossTreeFixture(stateDir, WALL)) {
      // given E1 and E3 in DINKES (KOTA-SERANG), E2 in BKPSDM-KAB (KAB-SERANG); E1 earns 22 JP
      hireAll(fx);
      fx.attend("E1", "S1", AttendanceStatus.PRESENT, 12, wib("2025-03-10T09:00"));
      fx.attend("E1", "S2", AttendanceStatus.PRESENT, 10, wib("2025-03-11T09:00"));
      fx.sync();
      fx.punctuate();
      assertThat(fx.kota().lastUnitJp(KOTA).getTotalJp()).isEqualTo(22.0);
      final int writtenBefore = fx.kota().employeeRecords(E1_2025).size();
      assertThat(writtenBefore).isPositive();
      // when E1 moves to BKPSDM-KAB in the other tree, earns 3 JP there, and a session of the day
      // before the move (4 JP, counted for DINKES's day and week) arrives after it
      fx.roster("E1", BKPSDM, true, MOVED);
      fx.attend("E1", "S3", AttendanceStatus.PRESENT, 3, wib("2025-03-13T09:00"));
      fx.attend("E1", "S4", AttendanceStatus.PRESENT, 4, wib("2025-03-11T15:00"));
      fx.sync();
      fx.punctuate();
      // then the new tree counts E1 with the whole year's 29 JP
      for (final String unit : List.of(KAB, BKPSDM)) {
        final UnitJpProgress jp = fx.kab().lastUnitJp(unit);
        assertThat(jp.getHeadcount()).as(unit).isEqualTo(2);
        assertThat(jp.getTotalJp()).as(unit).isEqualTo(29.0);
        assertThat(jp.getEmployeesMeetingTarget()).as(unit).isEqualTo(1);
        assertThat(jp.getEmployeesZeroJp()).as(unit).isEqualTo(1);
      }
      // and the old tree no longer does
      for (final String unit : List.of(KOTA, DINKES)) {
        final UnitJpProgress jp = fx.kota().lastUnitJp(unit);
        assertThat(jp.getHeadcount()).as(unit).isEqualTo(1);
        assertThat(jp.getTotalJp()).as(unit).isZero();
        assertThat(jp.getEmployeesMeetingTarget()).as(unit).isZero();
        assertThat(jp.getEmployeesZeroJp()).as(unit).isEqualTo(1);
      }
      // and the old tree's task, which the transfer reached too, did not take the new tree on
      assertThat(fx.kota().drain().unitJpRecords)
          .extracting(UnitJpProgress::getUnitId)
          .doesNotContain(KAB, BKPSDM);
      // and E1's record comes from the new tree only, with the whole year
      assertThat(fx.kota().employeeRecords(E1_2025)).hasSize(writtenBefore);
      final EmployeeJpProgress last = lastOf(fx.kab().employeeRecords(E1_2025));
      assertThat(last.getUnitId()).isEqualTo(BKPSDM);
      assertThat(last.getJpTotal()).isEqualTo(29.0);
      assertThat(last.getSessionsAttended()).isEqualTo(4);
      assertThat(last.getMeetsTarget()).isTrue();
    }
  }

  @Test
  void shouldTakeACorrectionOfTheTimeBeforeTheMoveOutOfTheNewTreesYear() {
    try (CrossTreeFixture fx = new CrossTreeFixture(stateDir, WALL)) {
      // given E1 earned 22 JP in DINKES, then moved to BKPSDM-KAB
      hireAll(fx);
      fx.attend("E1", "S1", AttendanceStatus.PRESENT, 12, wib("2025-03-10T09:00"));
      fx.attend("E1", "S2", AttendanceStatus.PRESENT, 10, wib("2025-03-11T09:00"));
      fx.roster("E1", BKPSDM, true, MOVED);
      // (an event of someone else moves the clocks past the move)
      fx.attend("E2", "S9", AttendanceStatus.ABSENT, 2, wib("2025-03-13T09:00"));
      fx.sync();
      fx.punctuate();
      final int writtenBefore = fx.kota().employeeRecords(E1_2025).size();
      // when the session of 11 March is corrected to ABSENT
      fx.attend("E1", "S2", AttendanceStatus.ABSENT, 10, wib("2025-03-11T09:00"));
      fx.sync();
      fx.punctuate();
      // then E1 has 12 JP in the new tree and no longer meets the target
      final UnitJpProgress jp = fx.kab().lastUnitJp(KAB);
      assertThat(jp.getTotalJp()).isEqualTo(12.0);
      assertThat(jp.getEmployeesMeetingTarget()).isZero();
      final EmployeeJpProgress last = lastOf(fx.kab().employeeRecords(E1_2025));
      assertThat(last.getJpTotal()).isEqualTo(12.0);
      assertThat(last.getSessionsAttended()).isEqualTo(1);
      assertThat(last.getMeetsTarget()).isFalse();
      // and the old tree, which received the correction for its windows, wrote nothing for E1
      assertThat(fx.kota().employeeRecords(E1_2025)).hasSize(writtenBefore);
      assertThat(fx.kota().lastUnitJp(KOTA).getTotalJp()).isZero();
    }
  }

  @Test
  void shouldFollowADeactivationAndAReactivationInTheOtherTree() {
    try (CrossTreeFixture fx = new CrossTreeFixture(stateDir, WALL)) {
      // given E1 earned 22 JP in DINKES, moved to BKPSDM-KAB and was deactivated there
      hireAll(fx);
      fx.attend("E1", "S1", AttendanceStatus.PRESENT, 12, wib("2025-03-10T09:00"));
      fx.attend("E1", "S2", AttendanceStatus.PRESENT, 10, wib("2025-03-11T09:00"));
      fx.roster("E1", BKPSDM, true, MOVED);
      fx.roster("E1", BKPSDM, false, wib("2025-03-13T00:00"));
      fx.attend("E2", "S9", AttendanceStatus.ABSENT, 2, wib("2025-03-13T09:00"));
      fx.sync();
      fx.punctuate();
      assertThat(fx.kab().lastUnitJp(KAB).getHeadcount()).isEqualTo(1);
      assertThat(fx.kab().lastUnitJp(KAB).getTotalJp()).isZero();
      assertThat(lastOf(fx.kab().employeeRecords(E1_2025)).getJpTotal()).isEqualTo(22.0);
      final int writtenByKab = fx.kab().employeeRecords(E1_2025).size();
      // when E1 is reactivated back in DINKES
      fx.roster("E1", DINKES, true, wib("2025-03-14T00:00"));
      fx.attend("E2", "S10", AttendanceStatus.ABSENT, 2, wib("2025-03-14T09:00"));
      fx.sync();
      fx.punctuate();
      // then the old tree counts them again with the whole year, and writes their record
      final UnitJpProgress kota = fx.kota().lastUnitJp(KOTA);
      assertThat(kota.getHeadcount()).isEqualTo(2);
      assertThat(kota.getTotalJp()).isEqualTo(22.0);
      assertThat(kota.getEmployeesMeetingTarget()).isEqualTo(1);
      assertThat(fx.kab().lastUnitJp(KAB).getTotalJp()).isZero();
      final EmployeeJpProgress last = lastOf(fx.kota().employeeRecords(E1_2025));
      assertThat(last.getUnitId()).isEqualTo(DINKES);
      assertThat(last.getJpTotal()).isEqualTo(22.0);
      assertThat(fx.kab().employeeRecords(E1_2025)).hasSize(writtenByKab);
    }
  }

  private static void hireAll(final CrossTreeFixture fx) {
    fx.roster("E1", DINKES, true, HIRED);
    fx.roster("E2", BKPSDM, true, HIRED);
    fx.roster("E3", DINKES, true, HIRED);
  }

  private static EmployeeJpProgress lastOf(final List<EmployeeJpProgress> records) {
    assertThat(records).isNotEmpty();
    return records.get(records.size() - 1);
  }
}
