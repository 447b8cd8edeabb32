package id.go.bkn.asn.topology;

import static id.go.bkn.asn.topology.TreeFixture.KEL_A1;
import static id.go.bkn.asn.topology.TreeFixture.KEL_A2;
import static id.go.bkn.asn.topology.TreeFixture.KEL_B1;
import static id.go.bkn.asn.topology.TreeFixture.wib;
import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.config.TopologySettings;
import id.go.bkn.asn.internal.ProgramMessage;
import id.go.bkn.asn.internal.ProgramMessageKind;
import id.go.bkn.asn.schema.EmployeeJpProgress;
import id.go.bkn.asn.schema.ParticipationAlert;
import id.go.bkn.asn.schema.RecordStatus;
import id.go.bkn.asn.schema.UnitActivity;
import id.go.bkn.asn.schema.UnitJpProgress;
import id.go.bkn.asn.topology.tree.TreeStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A close done one unit per call, with the messages that arrive meanwhile waiting in {@code
 * tree-inbox}, writes the same figures as a close done in one call: the same scenario (transfers
 * and events arriving right after watermarks that close days, a week with alerts, and a year) run
 * with the default work chunk and with a chunk of one gives the same FINAL records, the same last
 * PROVISIONAL figures, the same alerts, late events, employee records and programme messages. Only
 * {@code emittedAt} and the revision may differ (how many PROVISIONAL records an emission spread
 * over calls writes depends on what changes meanwhile).
 */
class TreeStageWorkChunksTest {

  private static final List<String> LEAVES = List.of(KEL_A1, KEL_A2, KEL_B1);
  private static final int EMPLOYEES = 24;

  @TempDir Path stateDir;

  @Test
  void shouldWriteTheSameFiguresWhenACloseTakesOneUnitPerCall() throws Exception {
    // given the scenario run with the default work chunk (every close in one call)
    final Outcome whole = run(Files.createDirectory(stateDir.resolve("whole")), 0);
    // when it runs with a chunk of one unit, move or message per call
    final Outcome chunked = run(Files.createDirectory(stateDir.resolve("chunked")), 1);

    // then the closes took many calls and wrote the same records
    assertThat(whole.finalDaily()).hasSizeGreaterThan(290 * 6);
    assertThat(chunked.finalDaily()).isEqualTo(whole.finalDaily());
    assertThat(chunked.finalWeekly()).isEqualTo(whole.finalWeekly());
    assertThat(chunked.lastUnitJp()).isEqualTo(whole.lastUnitJp());
    assertThat(whole.lastUnitJp().values())
        .anySatisfy(r -> assertThat(r.getStatus()).isEqualTo(RecordStatus.FINAL));
    assertThat(chunked.lastEmployeeJp()).isEqualTo(whole.lastEmployeeJp());
    assertThat(whole.alerts()).isNotEmpty();
    assertThat(chunked.alerts()).isEqualTo(whole.alerts());
    assertThat(whole.late()).isNotEmpty();
    assertThat(chunked.late()).isEqualTo(whole.late());
    assertThat(chunked.programs()).isEqualTo(whole.programs());
  }

  private Outcome run(final Path dir, final int workChunk) {
    try (TreeFixture fx =
        new TreeFixture(dir, TopologySettings.DEFAULTS.withInternalPartitions(1), 0, workChunk)) {
      for (int e = 0; e < EMPLOYEES; e++) {
        fx.pipe(fx.hire("E" + e, LEAVES.get(e % 3), wib("2025-01-01T00:00")));
      }
      // Monday: ten present, five absent, six poor answers (alerts on the root's week)
      for (int e = 0; e < 15; e++) {
        fx.pipe(
            fx.attendance(
                "E" + e,
                LEAVES.get(e % 3),
                e < 10 ? "PRESENT" : "ABSENT",
                3,
                wib("2025-03-10T09:00").plusSeconds(e)));
      }
      for (int e = 0; e < 6; e++) {
        fx.pipe(fx.feedback("E" + e, LEAVES.get(e % 3), 1, 2, 3, wib("2025-03-10T15:00")));
      }
      fx.punctuate();
      // a watermark closes three days; right after it (while the close is under way when it goes
      // one unit per call) a transfer, an event of an open day and one late for its day
      fx.tick(wib("2025-03-13T00:00"));
      fx.pipe(fx.roster("E1", KEL_B1, true, wib("2025-03-12T00:00")));
      fx.pipe(fx.attendance("E1", KEL_B1, "PRESENT", 2, wib("2025-03-12T10:00")));
      fx.pipe(fx.attendance("E2", KEL_B1, "LATE", 2, wib("2025-03-10T11:00")));
      fx.pipe(fx.roster("E3", KEL_A1, false, wib("2025-03-14T00:00")));
      settle(fx, 3);
      // the week closes, with more arriving right after
      fx.tick(wib("2025-03-19T00:00"));
      fx.pipe(fx.attendance("E4", KEL_A2, "PRESENT", 4, wib("2025-03-18T09:00")));
      fx.pipe(fx.attendance("E5", KEL_B1, "PRESENT", 4, wib("2025-03-16T09:00")));
      fx.pipe(fx.hire("E99", KEL_A2, wib("2025-03-18T00:00")));
      settle(fx, 3);
      // the last days of the year, then the year closes (every day and week since March too)
      fx.pipe(fx.attendance("E6", KEL_A1, "PRESENT", 5, wib("2025-12-30T09:00")));
      fx.pipe(fx.attendance("E7", KEL_A2, "PRESENT", 5, wib("2025-12-31T09:00")));
      fx.punctuate();
      fx.tick(wib("2026-01-03T00:00"));
      fx.pipe(fx.attendance("E8", KEL_B1, "PRESENT", 1, wib("2025-12-31T10:00")));
      fx.pipe(fx.attendance("E9", KEL_B1, "PRESENT", 1, wib("2026-01-02T10:00")));
      settle(fx, 20_000);
      fx.drain();
      return new Outcome(fx);
    }
  }

  /**
   * Punctuates until, 50 punctuations in a row, no message waited, no close was under way and
   * nothing but watermarks was written; at most {@code limit} times (a small limit leaves a close
   * under way when the next messages come).
   */
  private static void settle(final TreeFixture fx, final int limit) {
    int quiet = 0;
    long total = count(fx);
    for (int i = 0; i < limit && quiet < 50; i++) {
      fx.punctuate();
      final long now = count(fx);
      quiet = now == total && !waiting(fx) ? quiet + 1 : 0;
      total = now;
    }
  }

  /** Whether messages wait in the tree stage's inbox or a close is under way there. */
  private static boolean waiting(final TreeFixture fx) {
    final KeyValueStore<String, Object> inbox = fx.driver.getKeyValueStore(TreeStores.INBOX);
    try (KeyValueIterator<String, Object> it = inbox.all()) {
      return it.hasNext();
    }
  }

  private static long count(final TreeFixture fx) {
    fx.drain();
    return fx.dailyRecords.size()
        + fx.weeklyKeyed.size()
        + fx.unitJpRecords.size()
        + fx.employeeJpRecords.size()
        + fx.alertRecords.size()
        + fx.lateRecords.size()
        + fx.programRecords.stream()
            .filter(r -> r.value().getKind() != ProgramMessageKind.WATERMARK)
            .count();
  }

  /** What is compared, without emittedAt and revisions. */
  private record Outcome(
      Map<String, UnitActivity> finalDaily,
      Map<String, UnitActivity> finalWeekly,
      Map<String, UnitJpProgress> lastUnitJp,
      Map<String, EmployeeJpProgress> lastEmployeeJp,
      List<ParticipationAlert> alerts,
      List<String> late,
      List<ProgramMessage> programs) {

    Outcome(final TreeFixture fx) {
      this(
          finals(fx.dailyRecords),
          finals(fx.weeklyRecords),
          lastJp(fx.unitJpRecords),
          lastEmployees(fx.employeeJpRecords),
          fx.alertRecords.stream()
              .map(a -> ParticipationAlert.newBuilder(a).setEmittedAt(Instant.EPOCH).build())
              .toList(),
          fx.lateRecords.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList(),
          fx.programRecords.stream()
              .map(r -> r.value())
              .filter(m -> m.getKind() != ProgramMessageKind.WATERMARK)
              .toList());
    }

    private static Map<String, UnitActivity> finals(final List<UnitActivity> records) {
      final Map<String, UnitActivity> finals = new TreeMap<>();
      for (final UnitActivity r : records) {
        if (r.getStatus() == RecordStatus.FINAL) {
          final String key = r.getUnitId() + "|" + r.getWindowStart();
          assertThat(finals).doesNotContainKey(key);
          finals.put(
              key, UnitActivity.newBuilder(r).setEmittedAt(Instant.EPOCH).setRevision(0).build());
        }
      }
      return finals;
    }

    private static Map<String, UnitJpProgress> lastJp(final List<UnitJpProgress> records) {
      final Map<String, UnitJpProgress> last = new TreeMap<>();
      for (final UnitJpProgress r : records) {
        last.put(
            r.getUnitId() + "|" + r.getYear(),
            UnitJpProgress.newBuilder(r).setEmittedAt(Instant.EPOCH).setRevision(0).build());
      }
      return last;
    }

    private static Map<String, EmployeeJpProgress> lastEmployees(
        final List<EmployeeJpProgress> records) {
      final Map<String, EmployeeJpProgress> last = new TreeMap<>();
      for (final EmployeeJpProgress r : records) {
        last.put(
            r.getEmployeeId() + "|" + r.getYear(),
            EmployeeJpProgress.newBuilder(r).setEmittedAt(Instant.EPOCH).build());
      }
      return last;
    }
  }
}
