package id.go.bkn.asn.topology;

import static id.go.bkn.asn.topology.CrossTreeFixture.BKPSDM;
import static id.go.bkn.asn.topology.CrossTreeFixture.DINKES;
import static id.go.bkn.asn.topology.CrossTreeFixture.wib;
import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.schema.AttendanceStatus;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A programme's participants are distinct employees (CONTRACT.md section 5) also when an employee
 * took part in two trees in one week, each tree in its own tree-stage task, now that a tree task
 * tells the programme stage only when an employee starts or stops taking part there: the employee
 * counts once while either tree still counts a PRESENT or LATE session of theirs, and corrections
 * in one tree do not take them away while the other still counts them.
 */
class CrossTreeProgrammeTest {

  /** The wall clock: Friday 14 March 2025, after every roster version and event of the test. */
  private static final Instant WALL = wib("2025-03-14T12:00");

  private static final Instant HIRED = wib("2025-01-01T00:00");
  private static final String WEEK = "PROG-LATSAR|2025-03-10";

  @TempDir Path stateDir;

  @Test
  void shouldCountAnEmployeeOfTwoTreesOnceUntilBothTreesNoLongerCountThem() {
    try (CrossTreeFixture fx = new CrossTreeFixture(stateDir, WALL)) {
      // given E1 and E3 in DINKES (KOTA-SERANG), E2 in BKPSDM-KAB (KAB-SERANG); E1 takes part
      // twice on Monday in DINKES, moves to BKPSDM-KAB on Wednesday and takes part there too
      fx.roster("E1", DINKES, true, HIRED);
      fx.roster("E2", BKPSDM, true, HIRED);
      fx.roster("E3", DINKES, true, HIRED);
      fx.attend("E1", "S1", AttendanceStatus.PRESENT, 2, wib("2025-03-10T09:00"));
      fx.attend("E1", "S2", AttendanceStatus.LATE, 2, wib("2025-03-10T13:00"));
      fx.attend("E3", "S1", AttendanceStatus.PRESENT, 2, wib("2025-03-10T09:00"));
      fx.roster("E1", BKPSDM, true, wib("2025-03-12T00:00"));
      fx.attend("E1", "S3", AttendanceStatus.PRESENT, 2, wib("2025-03-12T09:00"));
      fx.sync();
      fx.punctuate();
      // then the programme's week counts E1 and E3 (E2 only answered feedback)
      assertThat(fx.programmeWeek(WEEK).getParticipants()).isEqualTo(2);
      // when both of E1's sessions in the first tree are corrected to ABSENT
      fx.attend("E1", "S1", AttendanceStatus.ABSENT, 2, wib("2025-03-10T09:00"));
      fx.attend("E1", "S2", AttendanceStatus.ABSENT, 2, wib("2025-03-10T13:00"));
      fx.punctuate();
      // then E1 still takes part, through the second tree
      assertThat(fx.programmeWeek(WEEK).getParticipants()).isEqualTo(2);
      // when the session in the second tree is corrected to ABSENT too
      fx.attend("E1", "S3", AttendanceStatus.ABSENT, 2, wib("2025-03-12T09:00"));
      fx.punctuate();
      // then only E3 is left
      assertThat(fx.programmeWeek(WEEK).getParticipants()).isEqualTo(1);
      // when E1's Monday session is corrected back to PRESENT in the first tree
      fx.attend("E1", "S2", AttendanceStatus.PRESENT, 2, wib("2025-03-10T13:00"));
      fx.punctuate();
      // then E1 counts again
      assertThat(fx.programmeWeek(WEEK).getParticipants()).isEqualTo(2);
    }
  }
}
