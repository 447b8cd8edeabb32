package id.go.bkn.asn.topology;

import static id.go.bkn.asn.topology.TreeFixture.KEC_A;
import static id.go.bkn.asn.topology.TreeFixture.KEC_B;
import static id.go.bkn.asn.topology.TreeFixture.KEL_A1;
import static id.go.bkn.asn.topology.TreeFixture.KEL_A2;
import static id.go.bkn.asn.topology.TreeFixture.KEL_B1;
import static id.go.bkn.asn.topology.TreeFixture.KOTA;
import static id.go.bkn.asn.topology.TreeFixture.wib;
import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.schema.RecordStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Roster reality in the tree stage: corrections at the same effectiveFrom, backdated versions,
 * repeated messages and deactivation with reactivation leave every subtree's headcount as of the
 * window end exactly what the roster says, whatever order the versions arrive in.
 */
class TreeStageRosterTest {

  private static final String MONDAY = "2025-03-10";
  private static final Instant HIRED = wib("2025-01-01T00:00");
  private static final Instant WEEK_CLOSED = wib("2025-03-19T00:00");

  /** A clock in the week under test, so its windows are open and get a FINAL record. */
  private static final Instant OPEN = wib("2025-03-10T08:00");

  @TempDir Path stateDir;

  @Test
  void shouldCountTheEmployeeOnceWhenAVersionIsCorrectedAtTheSameEffectiveFrom() {
    try (TreeFixture fx = new TreeFixture(stateDir)) {
      // given E1 hired into KEL-A1; then the record is corrected: KEL-A2 from the same instant
      fx.pipe(fx.hire("E1", KEL_A1, HIRED), fx.hire("E2", KEL_B1, HIRED));
      fx.tick(OPEN);
      fx.pipe(fx.roster("E1", KEL_A2, true, HIRED));
      // when
      fx.tick(WEEK_CLOSED);
      fx.drain();
      // then
      assertThat(headcounts(fx))
          .containsExactlyEntriesOf(
              counts(KOTA, 2, KEC_A, 1, KEC_B, 1, KEL_A1, 0, KEL_A2, 1, KEL_B1, 1));
    }
  }

  @Test
  void shouldKeepEveryUnitRightWhenABackdatedVersionIsInsertedBetweenTwo() {
    try (TreeFixture fx = new TreeFixture(stateDir)) {
      // given E1 in KEL-A1, transferred to KEL-B1 on Wednesday 03-12
      fx.pipe(fx.hire("E1", KEL_A1, HIRED));
      fx.tick(OPEN);
      fx.pipe(fx.roster("E1", KEL_B1, true, wib("2025-03-12T00:00")));
      // when a version found later says E1 was in KEL-A2 from 03-05
      fx.pipe(fx.roster("E1", KEL_A2, true, wib("2025-03-05T00:00")));
      fx.tick(WEEK_CLOSED);
      fx.drain();
      // then at the week's end E1 is in KEL-B1 only
      assertThat(headcounts(fx))
          .containsExactlyEntriesOf(
              counts(KOTA, 1, KEC_A, 0, KEC_B, 1, KEL_A1, 0, KEL_A2, 0, KEL_B1, 1));
    }
  }

  @Test
  void shouldChangeNothingWhenTheSameVersionArrivesTwice() {
    try (TreeFixture fx = new TreeFixture(stateDir)) {
      // given a transfer whose message reaches the task twice (two trees of one task, a replay)
      fx.pipe(fx.hire("E1", KEL_A1, HIRED));
      fx.tick(OPEN);
      final TreeMessage transfer = fx.roster("E1", KEL_B1, true, wib("2025-03-12T00:00"));
      // when
      fx.pipe(transfer, transfer);
      fx.tick(WEEK_CLOSED);
      fx.drain();
      // then
      assertThat(headcounts(fx))
          .containsExactlyEntriesOf(
              counts(KOTA, 1, KEC_A, 0, KEC_B, 1, KEL_A1, 0, KEL_A2, 0, KEL_B1, 1));
    }
  }

  @Test
  void shouldCountTheEmployeeWhenDeactivatedThenReactivatedBeforeTheWindowEnds() {
    try (TreeFixture fx = new TreeFixture(stateDir)) {
      // given E1 inactive from Tuesday, active again (in KEL-A2) from Thursday; the versions
      // arrive in reverse order
      fx.pipe(fx.hire("E1", KEL_A1, HIRED));
      fx.tick(OPEN);
      fx.pipe(fx.roster("E1", KEL_A2, true, wib("2025-03-13T00:00")));
      fx.pipe(fx.roster("E1", KEL_A1, false, wib("2025-03-11T00:00")));
      // when
      fx.tick(WEEK_CLOSED);
      fx.drain();
      // then the week ends with E1 active in KEL-A2; Tuesday ends with nobody
      assertThat(headcounts(fx))
          .containsExactlyEntriesOf(
              counts(KOTA, 1, KEC_A, 1, KEC_B, 0, KEL_A1, 0, KEL_A2, 1, KEL_B1, 0));
      assertThat(fx.lastDaily(KOTA, "2025-03-11", RecordStatus.FINAL).getHeadcount()).isZero();
      assertThat(fx.lastDaily(KEL_A1, "2025-03-10", RecordStatus.FINAL).getHeadcount())
          .isEqualTo(1);
    }
  }

  @Test
  void shouldMoveYearFiguresOnlyWhenTheClockPassesAFutureDatedTransfer() {
    try (TreeFixture fx = new TreeFixture(stateDir)) {
      // given E1 in KEL-A1 with 6 JP this year
      fx.pipe(fx.hire("E1", KEL_A1, HIRED));
      fx.tick(OPEN);
      fx.pipe(fx.attendance("E1", KEL_A1, "PRESENT", 6, wib("2025-03-10T09:00")));
      // when a transfer to KEL-B1 effective 1 April is published in March
      fx.pipe(fx.roster("E1", KEL_B1, true, wib("2025-04-01T00:00")));
      fx.tick(wib("2025-03-12T00:00"));
      fx.punctuate();
      fx.drain();
      // then the year figures as of the clock still place E1 in KEL-A1
      assertThat(fx.lastUnitJp(KEL_A1).getTotalJp()).isEqualTo(6.0);
      assertThat(fx.lastUnitJp(KEL_A1).getHeadcount()).isEqualTo(1);
      assertThat(fx.lastUnitJp(KEC_B).getHeadcount()).isZero();
      assertThat(fx.lastUnitJp(KEC_B).getTotalJp()).isZero();
      // and when the clock passes 1 April, they follow E1 to KEL-B1
      fx.tick(wib("2025-04-02T00:00"));
      fx.punctuate();
      fx.drain();
      assertThat(fx.lastUnitJp(KEL_A1).getTotalJp()).isZero();
      assertThat(fx.lastUnitJp(KEL_A1).getHeadcount()).isZero();
      assertThat(fx.lastUnitJp(KEL_B1).getTotalJp()).isEqualTo(6.0);
      assertThat(fx.lastUnitJp(KEL_B1).getHeadcount()).isEqualTo(1);
      assertThat(fx.lastUnitJp(KOTA).getTotalJp()).isEqualTo(6.0);
    }
  }

  private static Map<String, Integer> headcounts(final TreeFixture fx) {
    final Map<String, Integer> out = new LinkedHashMap<>();
    for (final String unit : List.of(KOTA, KEC_A, KEC_B, KEL_A1, KEL_A2, KEL_B1)) {
      out.put(unit, fx.lastWeekly(unit, MONDAY, RecordStatus.FINAL).getHeadcount());
    }
    return out;
  }

  private static Map<String, Integer> counts(final Object... pairs) {
    final Map<String, Integer> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put((String) pairs[i], (Integer) pairs[i + 1]);
    }
    return out;
  }
}
