package id.go.bkn.asn.topology;

import static id.go.bkn.asn.topology.TreeFixture.KEL_A1;
import static id.go.bkn.asn.topology.TreeFixture.watermark;
import static id.go.bkn.asn.topology.TreeFixture.wib;
import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.function.DeadLetterHeaders;
import id.go.bkn.asn.internal.ProgramMessageKind;
import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.schema.RecordStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tree clock as the low watermark of two ingest tasks (senders 0 and 1): nothing closes before
 * both reported, a week closes only when the slower one passed its end plus grace, an idle sender
 * holds nobody back, the clock never goes back, and the first windows start at the earliest event
 * any sender accepted.
 */
class TreeStageWatermarksTest {

  private static final String MONDAY = "2025-03-10";

  /** The WEEK of 2025-03-10 ends 03-17 00:00 WIB; with 48 h of grace it closes at 03-19 00:00. */
  private static final Instant WEEK_CLOSES = wib("2025-03-19T00:00");

  @TempDir Path stateDir;
  private TreeFixture fx;

  @BeforeEach
  void setUp() {
    fx = new TreeFixture(stateDir);
    fx.manualWatermarks();
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  @Test
  void shouldCloseNothingWhenOneSenderHasNotReportedYet() {
    // given
    fx.pipe(fx.attendance("E1", KEL_A1, "PRESENT", 2, wib("2025-03-10T09:00")));
    // when: sender 0 is a week past the close, sender 1 silent
    fx.pipe(watermark(0, 2, WEEK_CLOSES.plus(Duration.ofDays(7)), false));
    fx.punctuate();
    fx.drain();
    // then
    assertThat(fx.finals(fx.weeklyRecords, MONDAY)).isEmpty();
    assertThat(fx.finals(fx.dailyRecords, MONDAY)).isEmpty();
    assertThat(fx.programRecords)
        .noneMatch(r -> r.value().getKind() == ProgramMessageKind.WATERMARK);
  }

  @Test
  void shouldKeepWeekOpenWhileOneSenderLagsAndCloseItOnceBothPassed() {
    // given
    fx.pipe(fx.attendance("E1", KEL_A1, "PRESENT", 2, wib("2025-03-10T09:00")));
    // when: sender 0 is a day past the close, sender 1 one millisecond before it
    fx.pipe(
        watermark(0, 2, WEEK_CLOSES.plus(Duration.ofDays(1)), false),
        watermark(1, 2, WEEK_CLOSES.minusMillis(1), false));
    fx.drain();
    // then: the week is still open
    assertThat(fx.finals(fx.weeklyRecords, MONDAY)).isEmpty();
    // when: sender 1 passes the close by one millisecond
    fx.pipe(watermark(1, 2, WEEK_CLOSES.plusMillis(1), false));
    fx.drain();
    // then: one FINAL per unit
    assertThat(fx.finals(fx.weeklyRecords, MONDAY)).hasSize(TreeFixture.ALL_UNITS.size());
    assertThat(fx.lastWeekly(KEL_A1, MONDAY, RecordStatus.FINAL).getParticipants()).isEqualTo(1);
  }

  @Test
  void shouldLeaveIdleSenderOutWhenOthersHavePassedTheWeek() {
    // given: sender 1 far behind
    fx.pipe(fx.attendance("E1", KEL_A1, "PRESENT", 2, wib("2025-03-10T09:00")));
    fx.pipe(watermark(0, 2, WEEK_CLOSES, false), watermark(1, 2, wib("2025-03-10T08:00"), false));
    fx.drain();
    assertThat(fx.finals(fx.weeklyRecords, MONDAY)).isEmpty();
    // when: sender 1 says it is idle
    fx.pipe(watermark(1, 2, wib("2025-03-10T08:00"), true));
    fx.drain();
    // then
    assertThat(fx.finals(fx.weeklyRecords, MONDAY)).hasSize(TreeFixture.ALL_UNITS.size());
  }

  @Test
  void shouldCountEventOfLaggingSenderWhenTheOtherHasPassedItsWeek() {
    // given: sender 0 is past the week's close, sender 1 still in the week
    fx.pipe(fx.attendance("E1", KEL_A1, "PRESENT", 2, wib("2025-03-10T09:00")));
    fx.pipe(
        watermark(0, 2, WEEK_CLOSES.plus(Duration.ofDays(1)), false),
        watermark(1, 2, wib("2025-03-14T00:00"), false));
    // when: sender 1's event of that Friday arrives, then sender 1 passes the close
    fx.pipe(fx.attendance("E2", KEL_A1, "PRESENT", 2, wib("2025-03-14T10:00")));
    fx.pipe(watermark(1, 2, WEEK_CLOSES, false));
    fx.drain();
    // then: counted, not late
    assertThat(fx.lateRecords).isEmpty();
    assertThat(fx.lastWeekly(KEL_A1, MONDAY, RecordStatus.FINAL).getParticipants()).isEqualTo(2);
    assertThat(fx.lastDaily(KEL_A1, "2025-03-14", RecordStatus.FINAL).getParticipants())
        .isEqualTo(1);
  }

  @Test
  void shouldNeverMoveClockBackWhenIdleSenderReturnsBehindIt() {
    // given: sender 1 idle, sender 0 at the week's close: the week closed
    fx.pipe(fx.attendance("E0", KEL_A1, "PRESENT", 2, wib("2025-03-10T09:00")));
    fx.pipe(watermark(0, 2, WEEK_CLOSES, false), watermark(1, 2, wib("2025-03-01T00:00"), true));
    fx.drain();
    assertThat(fx.finals(fx.weeklyRecords, MONDAY)).hasSize(TreeFixture.ALL_UNITS.size());
    // when: sender 1 wakes up with a watermark inside that week and sends one of its events
    fx.pipe(watermark(1, 2, wib("2025-03-12T00:00"), false));
    fx.pipe(fx.attendance("E1", KEL_A1, "PRESENT", 2, wib("2025-03-12T09:00")));
    fx.punctuate();
    fx.drain();
    // then: the clock stayed; the event is late for its week and day, the FINAL never changed
    assertThat(fx.lateRecords).hasSize(1);
    assertThat(
            new String(
                fx.lateRecords
                    .get(0)
                    .headers()
                    .lastHeader(DeadLetterHeaders.LATE_CLOSED_WINDOWS)
                    .value(),
                StandardCharsets.UTF_8))
        .isEqualTo("WEEK,DAY");
    assertThat(fx.finals(fx.weeklyRecords, MONDAY)).hasSize(TreeFixture.ALL_UNITS.size());
    assertThat(fx.programRecords)
        .filteredOn(r -> r.value().getKind() == ProgramMessageKind.WATERMARK)
        .last()
        .satisfies(r -> assertThat(r.value().getOccurredAt()).isEqualTo(WEEK_CLOSES));
  }

  @Test
  void shouldStartTheFirstWindowsAtTheEarliestEventAnySenderAcceptedNotAtThisTasksFirstEvent() {
    // given: this task's first event is on Thursday, but the senders accepted events (for trees
    // of other tasks) from Monday 08:00 on
    fx.pipe(fx.attendance("E1", KEL_A1, "PRESENT", 2, wib("2025-03-13T09:00")));
    // when: both report, first inside the week, then past its close
    fx.pipe(
        withEarliest(watermark(0, 2, wib("2025-03-13T10:00"), false), wib("2025-03-11T08:00")),
        withEarliest(watermark(1, 2, wib("2025-03-13T10:00"), false), wib("2025-03-10T08:00")));
    fx.pipe(
        withEarliest(watermark(0, 2, WEEK_CLOSES, false), wib("2025-03-11T08:00")),
        withEarliest(watermark(1, 2, WEEK_CLOSES, false), wib("2025-03-10T08:00")));
    fx.drain();
    // then: the first day is the one holding the earliest event minus the grace (Saturday), as on
    // every other tree task; nothing before it
    assertThat(fx.finals(fx.dailyRecords, "2025-03-08")).hasSize(TreeFixture.ALL_UNITS.size());
    assertThat(fx.finals(fx.dailyRecords, "2025-03-10")).hasSize(TreeFixture.ALL_UNITS.size());
    assertThat(fx.finals(fx.dailyRecords, "2025-03-07")).isEmpty();
    assertThat(fx.finals(fx.weeklyRecords, "2025-03-03")).hasSize(TreeFixture.ALL_UNITS.size());
    assertThat(fx.finals(fx.weeklyRecords, MONDAY)).hasSize(TreeFixture.ALL_UNITS.size());
  }

  private static TreeMessage withEarliest(final TreeMessage watermark, final Instant earliest) {
    return TreeMessage.newBuilder(watermark).setEarliest(earliest).build();
  }
}
