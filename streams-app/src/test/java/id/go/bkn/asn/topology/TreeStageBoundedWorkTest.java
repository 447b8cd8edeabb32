package id.go.bkn.asn.topology;

import static id.go.bkn.asn.topology.TreeFixture.KEC_A;
import static id.go.bkn.asn.topology.TreeFixture.KEC_B;
import static id.go.bkn.asn.topology.TreeFixture.KOTA;
import static id.go.bkn.asn.topology.TreeFixture.wib;
import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.config.TopologySettings;
import id.go.bkn.asn.schema.RecordStatus;
import id.go.bkn.asn.schema.UnitActivity;
import id.go.bkn.asn.schema.UnitJpProgress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under exactly_once_v2 everything a task does between two commits is one transaction, which the
 * broker aborts after {@code transaction.timeout.ms} (10 s in Kafka Streams): the national bench
 * never drained because the first watermark after a large roster load made one call apply every
 * year-to-date move of the roster and write every unit's FINAL record of every window it closed.
 * Here a tree of 2,006 units and 4,000 employees gets its first watermark nine days and two weeks
 * past their close; no single step of the driver (a record processed, or the wall clock moved: one
 * process call, or the punctuations due) may then write more than a bounded number of records
 * (outputs and changelogs), whatever the tree's size, and every unit still gets exactly one FINAL
 * record per closed window with the right figures.
 */
class TreeStageBoundedWorkTest {

  private static final int LEAVES = 2_000;
  private static final int UNITS = LEAVES + 6;
  private static final int EMPLOYEES = 4_000;
  private static final int PARTICIPANTS = 100;

  /** Keys a chunk of deletes examines (one chunk per emit punctuation and per 100 records). */
  private static final int DELETE_CHUNK = 1_000;

  /** Units of work one process or punctuate call does at most (the app's default). */
  private static final int WORK_CHUNK = 1_000;

  /**
   * Output records one step of the driver may write: a step runs at most two punctuators (the
   * emission's and the one that goes on with work under way), each doing at most a chunk of 1,000
   * units of a week's close, each unit with its FINAL weekly record, its year-to-date record and at
   * most one alert transition.
   */
  private static final int OUTPUTS_PER_STEP = 2 * 3 * WORK_CHUNK;

  /**
   * Changelog records one step may write: for each of those units its revision and alert state (or,
   * for a chunk of year-to-date moves, the roster entry and the pending move's tombstone), plus a
   * chunk of deletes.
   */
  private static final int CHANGELOG_PER_STEP = 2 * 2 * WORK_CHUNK + DELETE_CHUNK;

  private static final Instant FIRST_CLOCK = wib("2025-03-19T00:00");
  private static final List<String> CLOSED_DAYS =
      List.of(
          "2025-03-08",
          "2025-03-09",
          "2025-03-10",
          "2025-03-11",
          "2025-03-12",
          "2025-03-13",
          "2025-03-14",
          "2025-03-15",
          "2025-03-16");
  private static final List<String> CLOSED_WEEKS = List.of("2025-03-03", "2025-03-10");

  @TempDir Path stateDir;
  private TreeFixture fx;
  private Set<String> changelogs = new TreeSet<>();

  @AfterEach
  void tearDown() {
    fx.close();
  }

  @Test
  void shouldSpreadTheFirstClosesOfALargeTreeOverCallsOfBoundedWork() {
    // given: 2,000 more leaves, 4,000 employees hired before any watermark (as a roster loads
    // before the first events), and 100 of them present on Monday 2025-03-10
    fx =
        new TreeFixture(
            stateDir, TopologySettings.DEFAULTS.withInternalPartitions(1), DELETE_CHUNK);
    for (int i = 0; i < LEAVES; i++) {
      fx.updateUnit(leaf(i), "Kelurahan " + i, "KELURAHAN", i % 2 == 0 ? KEC_A : KEC_B, true);
    }
    for (int e = 0; e < EMPLOYEES; e++) {
      fx.pipe(fx.hire("E" + e, leaf(e % LEAVES), wib("2025-01-01T00:00")));
    }
    for (int e = 0; e < PARTICIPANTS; e++) {
      fx.pipe(fx.attendance("E" + e, leaf(e % LEAVES), "PRESENT", 2, wib("2025-03-10T09:00")));
    }
    fx.manualWatermarks();
    written();

    // when: the ingest task's first watermark sets the clock past nine days' and two weeks' close,
    // then punctuation after punctuation
    fx.pipe(TreeFixture.watermark(0, 1, FIRST_CLOCK, false));
    final int[] first = written();
    int largestOutputs = first[0];
    int largestChangelog = first[1];
    int calls = 1;
    while (!allClosed() && calls < 500) {
      fx.advanceWall(Duration.ofSeconds(5));
      final int[] call = written();
      largestOutputs = Math.max(largestOutputs, call[0]);
      largestChangelog = Math.max(largestChangelog, call[1]);
      calls++;
    }

    // then: no step wrote more than its bound, so the closes took many steps
    assertThat(largestOutputs).isLessThanOrEqualTo(OUTPUTS_PER_STEP);
    assertThat(largestChangelog).isLessThanOrEqualTo(CHANGELOG_PER_STEP);
    assertThat(calls).isGreaterThan(10);
    // and every unit has exactly one FINAL record of each closed day and week, with the roster's
    // headcount and the participants
    for (final String day : CLOSED_DAYS) {
      assertThat(fx.finals(fx.dailyRecords, day)).hasSize(UNITS);
    }
    for (final String week : CLOSED_WEEKS) {
      assertThat(fx.finals(fx.weeklyRecords, week)).hasSize(UNITS);
    }
    final UnitActivity root = fx.lastWeekly(KOTA, "2025-03-10", RecordStatus.FINAL);
    assertThat(root.getHeadcount()).isEqualTo(EMPLOYEES);
    assertThat(root.getParticipants()).isEqualTo(PARTICIPANTS);
    assertThat(fx.lastWeekly(leaf(7), "2025-03-10", RecordStatus.FINAL).getHeadcount())
        .isEqualTo(EMPLOYEES / LEAVES);
    // and the week's year-to-date record of the root counts the whole roster and its JP
    final UnitJpProgress jp = fx.lastUnitJp(KOTA);
    assertThat(jp.getHeadcount()).isEqualTo(EMPLOYEES);
    assertThat(jp.getTotalJp()).isEqualTo(2.0 * PARTICIPANTS);
  }

  private boolean allClosed() {
    return fx.finals(fx.weeklyRecords, "2025-03-10").size() >= UNITS
        && fx.unitJpRecords.stream().filter(r -> r.getUnitId().equals(KOTA)).count() >= 1;
  }

  private static String leaf(final int i) {
    return String.format(java.util.Locale.ROOT, "KEL-X%04d", i);
  }

  /**
   * The records written since the last call: outputs (read into the fixture's lists) and changelog
   * records of every store.
   */
  private int[] written() {
    final int before =
        fx.dailyRecords.size()
            + fx.weeklyKeyed.size()
            + fx.unitJpRecords.size()
            + fx.employeeJpRecords.size()
            + fx.alertRecords.size();
    fx.drain();
    final int outputs =
        fx.dailyRecords.size()
            + fx.weeklyKeyed.size()
            + fx.unitJpRecords.size()
            + fx.employeeJpRecords.size()
            + fx.alertRecords.size()
            - before;
    int changelog = 0;
    for (final String topic : fx.driver.producedTopicNames()) {
      if (topic.endsWith("-changelog")) {
        changelogs.add(topic);
      }
    }
    for (final String topic : changelogs) {
      final TestOutputTopic<byte[], byte[]> records =
          fx.driver.createOutputTopic(
              topic, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer());
      changelog += (int) records.getQueueSize();
      records.readRecordsToList();
    }
    return new int[] {outputs, changelog};
  }
}
