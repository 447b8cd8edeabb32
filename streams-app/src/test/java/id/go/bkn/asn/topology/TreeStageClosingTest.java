package id.go.bkn.asn.topology;

import static id.go.bkn.asn.topology.TreeFixture.KEL_A1;
import static id.go.bkn.asn.topology.TreeFixture.KEL_B1;
import static id.go.bkn.asn.topology.TreeFixture.wib;
import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.function.DeadLetterHeaders;
import id.go.bkn.asn.schema.EmployeeJpProgress;
import id.go.bkn.asn.schema.RecordStatus;
import id.go.bkn.asn.schema.UnitActivity;
import id.go.bkn.asn.schema.UnitJpProgress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When windows close: the grace boundary, late events, the idle wall clock, revisions. */
class TreeStageClosingTest {

  private static final String MONDAY = "2025-03-10";

  /** The DAY of 2025-03-10 ends 03-11 00:00 WIB; with 48 h of grace it closes at 03-13 00:00. */
  private static final Instant DAY_CLOSES = wib("2025-03-13T00:00");

  private static final Instant WEEK_CLOSES = wib("2025-03-19T00:00");

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
  void shouldKeepDayOpenOneMillisecondBeforeGraceEndsAndCloseItAtGraceEnd() {
    // given
    fx.pipe(fx.attendance("E1", KEL_A1, "PRESENT", 2, wib("2025-03-10T09:00")));
    // when: the clock stands one millisecond before the close
    fx.tick(DAY_CLOSES.minusMillis(1));
    fx.pipe(fx.attendance("E2", KEL_A1, "PRESENT", 2, wib("2025-03-10T10:00")));
    fx.drain();
    // then: still open, the second event counted, nothing late
    assertThat(fx.lastDaily(KEL_A1, MONDAY, RecordStatus.FINAL)).isNull();
    assertThat(fx.lateRecords).isEmpty();
    // when: the clock reaches the close, and then one more millisecond
    fx.tick(DAY_CLOSES);
    fx.pipe(fx.attendance("E3", KEL_A1, "PRESENT", 2, wib("2025-03-10T11:00")));
    fx.tick(DAY_CLOSES.plusMillis(1));
    fx.drain();
    // then: one FINAL with the two events; the third is late for its DAY only
    assertThat(fx.finals(fx.dailyRecords, MONDAY))
        .filteredOn(r -> r.getUnitId().equals(KEL_A1))
        .singleElement()
        .satisfies(r -> assertThat(r.getParticipants()).isEqualTo(2));
    assertThat(fx.lateRecords).hasSize(1);
    assertThat(header(fx.lateRecords.get(0), DeadLetterHeaders.LATE_CLOSED_WINDOWS))
        .isEqualTo("DAY");
    fx.tick(WEEK_CLOSES);
    fx.drain();
    assertThat(fx.lastWeekly(KEL_A1, MONDAY, RecordStatus.FINAL).getParticipants()).isEqualTo(3);
  }

  @Test
  void shouldSetAsideLateEventButCountItInItsOpenYearWhenWeekAndDayAreClosed() {
    // given
    fx.pipe(fx.hire("E1", KEL_A1, wib("2025-01-01T00:00")));
    fx.pipe(fx.attendance("E1", KEL_A1, "PRESENT", 2, wib("2025-03-10T09:00")));
    fx.tick(WEEK_CLOSES);
    fx.drain();
    final int weeklyBefore = fx.weeklyRecords.size();
    // when: a session of that Monday reported after its week closed
    final var lateSession = fx.attendance("E1", KEL_A1, "PRESENT", 3, wib("2025-03-10T14:00"));
    fx.pipe(lateSession);
    fx.punctuate();
    fx.drain();
    // then: original key and bytes set aside, with the closed sizes named
    assertThat(fx.lateRecords).hasSize(1);
    final TestRecord<byte[], byte[]> late = fx.lateRecords.get(0);
    assertThat(new String(late.key(), StandardCharsets.UTF_8)).isEqualTo("E1");
    assertThat(late.value()).isEqualTo(lateSession.getOriginalValue().array());
    assertThat(header(late, DeadLetterHeaders.LATE_CLOSED_WINDOWS)).isEqualTo("WEEK,DAY");
    assertThat(header(late, DeadLetterHeaders.TOPIC)).isEqualTo("training.attendance");
    // the FINAL week never changes, the year still counts the session
    assertThat(fx.weeklyRecords.subList(weeklyBefore, fx.weeklyRecords.size()))
        .noneMatch(r -> TreeFixture.dateOf(r).equals(MONDAY));
    final EmployeeJpProgress year = fx.employeeJpRecords.get(fx.employeeJpRecords.size() - 1);
    assertThat(year.getEmployeeId()).isEqualTo("E1");
    assertThat(year.getJpTotal()).isEqualTo(5.0);
    assertThat(year.getSessionsAttended()).isEqualTo(2);
    assertThat(fx.lastUnitJp(KEL_A1).getTotalJp()).isEqualTo(5.0);
    // and nothing of it reached the programme stage
    assertThat(fx.programRecords)
        .noneMatch(r -> r.value().getOccurredAt().equals(lateSession.getOccurredAt()));
  }

  @Test
  void shouldCloseWindowsByWallClockWhenTaskIsIdle() {
    // given
    fx.pipe(fx.attendance("E1", KEL_A1, "PRESENT", 2, wib("2025-03-10T06:00")));
    fx.punctuate();
    fx.drain();
    assertThat(fx.finals(fx.weeklyRecords, MONDAY)).isEmpty();
    // when: no event arrives for ten days of wall clock
    fx.advanceWall(Duration.ofDays(10));
    fx.drain();
    // then
    assertThat(fx.finals(fx.weeklyRecords, MONDAY)).hasSize(TreeFixture.ALL_UNITS.size());
    assertThat(fx.lastWeekly(KEL_A1, MONDAY, RecordStatus.FINAL).getParticipants()).isEqualTo(1);
  }

  @Test
  void shouldWriteFinalZerosByWallClockWhenTreeHasNoEventsAtAll() {
    // given: no event at all; the idle timeout lets the wall clock (Mon 07:00 WIB) become the clock
    fx.advanceWall(fx.settings.idleTimeout());
    fx.drain();
    assertThat(fx.dailyRecords).isEmpty();
    // when: the wall clock passes the end of Saturday 03-08 plus its grace
    fx.advanceWall(Duration.ofDays(3));
    fx.drain();
    // then
    final List<UnitActivity> saturday = fx.finals(fx.dailyRecords, "2025-03-08");
    assertThat(saturday)
        .extracting(UnitActivity::getUnitId)
        .containsExactlyInAnyOrderElementsOf(TreeFixture.ALL_UNITS);
    assertThat(saturday).allSatisfy(r -> assertThat(r.getPresent()).isZero());
  }

  @Test
  void shouldCountRevisionsWhenProvisionalRecordsPrecedeTheFinal() {
    // given
    fx.pipe(fx.attendance("E1", KEL_A1, "PRESENT", 2, wib("2025-03-10T09:00")));
    fx.punctuate();
    fx.pipe(fx.attendance("E1", KEL_A1, "PRESENT", 2, wib("2025-03-10T13:00")));
    fx.punctuate();
    // when: nothing changed, then the day closes
    fx.punctuate();
    fx.tick(DAY_CLOSES);
    fx.drain();
    // then
    assertThat(fx.dailyRecords)
        .filteredOn(r -> r.getUnitId().equals(KEL_A1) && TreeFixture.dateOf(r).equals(MONDAY))
        .extracting(UnitActivity::getStatus, UnitActivity::getRevision, UnitActivity::getPresent)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(RecordStatus.PROVISIONAL, 1, 1),
            org.assertj.core.groups.Tuple.tuple(RecordStatus.PROVISIONAL, 2, 2),
            org.assertj.core.groups.Tuple.tuple(RecordStatus.FINAL, 3, 2));
    assertThat(fx.lastDaily(KEL_B1, MONDAY, RecordStatus.FINAL).getRevision()).isEqualTo(1);
  }

  @Test
  void shouldWriteOneFinalYearRecordPerUnitWhenYearCloses() {
    // given
    fx.pipe(fx.hire("E1", KEL_A1, wib("2025-01-01T00:00")));
    fx.pipe(fx.attendance("E1", KEL_A1, "PRESENT", 21, wib("2025-12-30T09:00")));
    fx.punctuate();
    // when: 2025 ends 2026-01-01 00:00 WIB; its grace ends two days later
    fx.tick(wib("2026-01-03T00:00"));
    fx.punctuate();
    fx.drain();
    // then
    final List<UnitJpProgress> finals =
        fx.unitJpRecords.stream()
            .filter(r -> r.getStatus() == RecordStatus.FINAL && r.getYear() == 2025)
            .toList();
    assertThat(finals)
        .extracting(UnitJpProgress::getUnitId)
        .containsExactlyInAnyOrderElementsOf(TreeFixture.ALL_UNITS);
    final UnitJpProgress unit =
        finals.stream().filter(r -> r.getUnitId().equals(KEL_A1)).findFirst().orElseThrow();
    assertThat(unit.getEmployeesMeetingTarget()).isEqualTo(1);
    // The event's PROVISIONAL, the one written when the week of 22 December closed, the FINAL.
    assertThat(unit.getRevision()).isEqualTo(3);
    assertThat(unit.getExpectedAttainment()).isEqualTo(1.0);
    assertThat(fx.unitJpRecords)
        .filteredOn(r -> r.getYear() == 2025)
        .last()
        .extracting(UnitJpProgress::getStatus)
        .isEqualTo(RecordStatus.FINAL);
  }

  @Test
  void shouldWriteYearFiguresForEveryUnitWhenWeekCloses() {
    // given: one employee trains; every other unit has nobody, or nobody who trained
    fx.pipe(fx.hire("E1", KEL_A1, wib("2025-03-03T00:00")));
    fx.pipe(fx.attendance("E1", KEL_A1, "PRESENT", 4, wib("2025-03-04T09:00")));
    fx.punctuate();
    fx.drain();
    fx.unitJpRecords.clear();
    // when: the week of 3 March closes (10 March + 48 h grace)
    fx.tick(wib("2025-03-12T01:00"));
    fx.punctuate();
    fx.drain();
    // then
    assertThat(fx.unitJpRecords)
        .filteredOn(r -> r.getStatus() == RecordStatus.PROVISIONAL && r.getYear() == 2025)
        .extracting(UnitJpProgress::getUnitId)
        .containsOnlyElementsOf(TreeFixture.ALL_UNITS)
        .containsAll(TreeFixture.ALL_UNITS);
    assertThat(fx.unitJpRecords)
        .filteredOn(r -> r.getUnitId().equals(KEL_A1))
        .last()
        .satisfies(
            r -> {
              assertThat(r.getTotalJp()).isEqualTo(4.0);
              assertThat(r.getEmployeesZeroJp()).isZero();
            });
  }

  private static String header(final TestRecord<byte[], byte[]> record, final String name) {
    final Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
