package id.go.bkn.asn.topology;

import static id.go.bkn.asn.topology.TreeFixture.ALL_UNITS;
import static id.go.bkn.asn.topology.TreeFixture.KEC_A;
import static id.go.bkn.asn.topology.TreeFixture.KEL_A1;
import static id.go.bkn.asn.topology.TreeFixture.KEL_A2;
import static id.go.bkn.asn.topology.TreeFixture.KEL_B1;
import static id.go.bkn.asn.topology.TreeFixture.KOTA;
import static id.go.bkn.asn.topology.TreeFixture.wib;
import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.config.TopologySettings;
import id.go.bkn.asn.schema.RecordStatus;
import id.go.bkn.asn.schema.UnitActivity;
import id.go.bkn.asn.topology.tree.TreeStores;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A closed window's or year's state is deleted in bounded chunks across punctuations: with a chunk
 * of two keys the deletes of one close take many punctuations, and still every unit gets exactly
 * one FINAL record with the right figures (and every changed employee their year's last record),
 * and no state of the closed windows or year is left.
 */
class TreeStageChunkedCloseTest {

  private static final String MONDAY = "2025-03-10";
  private static final Instant WEEK_CLOSES = wib("2025-03-19T00:00");
  private static final int CHUNK = 2;

  /** The stores a window close clears, and the prefix of the keys it leaves to delete. */
  private static final Map<String, String> CLEARED =
      Map.of(
          TreeStores.WINDOWS, "",
          TreeStores.SEEN, "",
          TreeStores.HEADCOUNT, "C|",
          TreeStores.PURGE, "");

  @TempDir Path stateDir;
  private TreeFixture fx;

  @AfterEach
  void tearDown() {
    fx.close();
  }

  @Test
  void shouldSpreadTheDeletesOfACloseOverPunctuationsAndStillWriteOneFinalPerUnit() {
    // given: forty-eight employees, sixteen per leaf, twelve per leaf taking part on Monday,
    // PROVISIONAL records written (enough state that a close leaves far more than a chunk)
    fx = new TreeFixture(stateDir, TopologySettings.DEFAULTS.withInternalPartitions(1), CHUNK);
    final List<String> leaves = List.of(KEL_A1, KEL_A2, KEL_B1);
    for (int i = 0; i < 48; i++) {
      fx.pipe(fx.hire("E" + i, leaves.get(i % 3), wib("2025-01-01T00:00")));
    }
    for (int i = 0; i < 36; i++) {
      fx.pipe(fx.attendance("E" + i, leaves.get(i % 3), "PRESENT", 2, wib("2025-03-10T09:00")));
    }
    fx.pipe(fx.attendance("E0", KEL_A1, "LATE", 2, wib("2025-03-10T13:00")));
    fx.punctuate();
    // one seen-set entry per participant and week, holding the Monday and the week
    assertThat(left(TreeStores.SEEN, "")).isEqualTo(36);

    // when: the clock passes the week's close, then punctuation after punctuation
    fx.tick(WEEK_CLOSES);
    fx.drain();
    final int afterClose = leftInAll();
    int punctuations = 0;
    int largestStep = 0;
    int data = afterClose - left(TreeStores.PURGE, "");
    while (leftInAll() > 0 && punctuations < 500) {
      fx.punctuate();
      punctuations++;
      final int now = leftInAll() - left(TreeStores.PURGE, "");
      if (punctuations > 1) {
        // the first punctuation also drains the dirty marks, as every emission does; the jobs'
        // own entries in tree-purge are not counted as the windows' state
        largestStep = Math.max(largestStep, data - now);
      }
      data = now;
    }
    fx.punctuate();
    fx.punctuate();
    fx.drain();

    // then: it took many punctuations, each deleting at most a few keys, and nothing is left
    assertThat(afterClose).isGreaterThan(20 * CHUNK);
    assertThat(punctuations).isGreaterThan(10);
    // one chunk per record (the emulated ingest task's watermark) and one per punctuation
    assertThat(largestStep).isLessThanOrEqualTo(2 * CHUNK);
    assertThat(leftInAll()).isZero();
    // and every unit has exactly one FINAL of the Monday and of the week, with the right figures
    for (final List<UnitActivity> records : List.of(fx.dailyRecords, fx.weeklyRecords)) {
      final List<UnitActivity> finals = fx.finals(records, MONDAY);
      assertThat(finals)
          .extracting(UnitActivity::getUnitId)
          .containsExactlyInAnyOrderElementsOf(ALL_UNITS);
      final Map<String, UnitActivity> byUnit =
          finals.stream().collect(Collectors.toMap(UnitActivity::getUnitId, Function.identity()));
      assertThat(byUnit.get(KOTA).getParticipants()).isEqualTo(36);
      assertThat(byUnit.get(KOTA).getHeadcount()).isEqualTo(48);
      assertThat(byUnit.get(KEC_A).getParticipants()).isEqualTo(24);
      assertThat(byUnit.get(KEC_A).getPresent()).isEqualTo(24);
      assertThat(byUnit.get(KEC_A).getLate()).isEqualTo(1);
      assertThat(byUnit.get(KEL_A1).getParticipants()).isEqualTo(12);
      assertThat(byUnit.get(KEL_A1).getHeadcount()).isEqualTo(16);
      assertThat(byUnit.get(KEL_A1).getStatus()).isEqualTo(RecordStatus.FINAL);
    }
  }

  @Test
  void shouldWriteTheChangedEmployeesAtTheYearCloseAndDeleteTheYearInChunks() {
    // given: twelve employees with credited sessions in the last week of 2025, their records
    // written; then E0 takes one more session, not yet written
    fx = new TreeFixture(stateDir, TopologySettings.DEFAULTS.withInternalPartitions(1), CHUNK);
    final List<String> leaves = List.of(KEL_A1, KEL_A2, KEL_B1);
    for (int i = 0; i < 12; i++) {
      fx.pipe(fx.hire("E" + i, leaves.get(i % 3), wib("2025-01-01T00:00")));
      fx.pipe(fx.attendance("E" + i, leaves.get(i % 3), "PRESENT", 2, wib("2025-12-29T09:00")));
    }
    fx.punctuate();
    fx.pipe(fx.attendance("E0", KEL_A1, "PRESENT", 3, wib("2025-12-30T09:00")));
    assertThat(left(TreeStores.YTD_EMPLOYEE, "E|2025|")).isEqualTo(12);
    fx.drain();
    final int before = fx.employeeJpRecords.size();

    // when: the clock passes the year's close (01-01 00:00 WIB + 48 h)
    fx.tick(wib("2026-01-03T00:00"));
    fx.drain();

    // then: only E0, changed since the last emission, gets a record at the close, with both
    // sessions
    assertThat(fx.employeeJpRecords.subList(before, fx.employeeJpRecords.size()))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getEmployeeId()).isEqualTo("E0");
              assertThat(r.getYear()).isEqualTo(2025);
              assertThat(r.getJpTotal()).isEqualTo(5.0);
            });
    // and the year's employee entries go in chunks, punctuation after punctuation, to none
    final int afterClose = left(TreeStores.YTD_EMPLOYEE, "E|2025|");
    assertThat(afterClose).isGreaterThan(CHUNK);
    int punctuations = 0;
    while (yearLeft() > 0 && punctuations < 500) {
      fx.punctuate();
      punctuations++;
    }
    assertThat(punctuations).isGreaterThan(1);
    assertThat(yearLeft()).isZero();
  }

  /** The closed year's employee entries (their revisions and marks are in them). */
  private int yearLeft() {
    return left(TreeStores.YTD_EMPLOYEE, "E|2025|");
  }

  private int leftInAll() {
    int left = 0;
    for (final Map.Entry<String, String> store : CLEARED.entrySet()) {
      left += left(store.getKey(), store.getValue());
    }
    return left;
  }

  private int left(final String storeName, final String prefix) {
    final KeyValueStore<String, Object> store = fx.driver.getKeyValueStore(storeName);
    int count = 0;
    try (KeyValueIterator<String, Object> it = store.all()) {
      while (it.hasNext()) {
        final KeyValue<String, Object> entry = it.next();
        if (entry.key.startsWith(prefix)) {
          count++;
        }
      }
    }
    return count;
  }
}
