package id.go.bkn.asn.topology;

import static id.go.bkn.asn.topology.TreeFixture.KEC_A;
import static id.go.bkn.asn.topology.TreeFixture.KEL_A1;
import static id.go.bkn.asn.topology.TreeFixture.KOTA;
import static id.go.bkn.asn.topology.TreeFixture.retraction;
import static id.go.bkn.asn.topology.TreeFixture.wib;
import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.config.TopologySettings;
import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.schema.RecordStatus;
import id.go.bkn.asn.schema.UnitActivity;
import id.go.bkn.asn.topology.tree.TreeStores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seen-set keeps one entry per employee and week ({@code tree-seen-weeks}), holding the week's
 * roles and each day's: an attendance counted in its DAY and WEEK writes one seen-set record, and
 * still a day closes with exact figures, a retraction in the open week of a closed day counts the
 * participant out of the week only, and the entries go once the week and all its days are closed,
 * whichever closes last.
 */
class TreeStageSeenWeekTest {

  private static final String MONDAY = "2025-03-10";
  private static final String TUESDAY = "2025-03-11";
  private static final String SUNDAY = "2025-03-16";
  private static final Instant HIRED = wib("2025-01-01T00:00");
  private static final String CHANGELOG = "tree-test-" + TreeStores.SEEN + "-changelog";

  @TempDir Path stateDir;

  @Test
  void shouldWriteOneSeenRecordPerAttendanceForItsDayAndWeek() {
    try (TreeFixture fx = new TreeFixture(stateDir)) {
      // given
      fx.pipe(fx.hire("E1", KEL_A1, HIRED));
      final TestOutputTopic<String, byte[]> changelog =
          fx.driver.createOutputTopic(
              CHANGELOG, Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
      changelog.readRecordsToList();
      // when E1 takes part on Monday, then answers feedback on Tuesday
      fx.pipe(fx.attendance("E1", KEL_A1, "PRESENT", 2, wib("2025-03-10T09:00")));
      final List<TestRecord<String, byte[]>> afterAttendance = changelog.readRecordsToList();
      fx.pipe(fx.feedback("E1", KEL_A1, 4, 4, 5, wib("2025-03-11T10:00")));
      final List<TestRecord<String, byte[]>> afterFeedback = changelog.readRecordsToList();

      // then each event wrote one record of the one entry of E1's week, for the day and the week
      // (the driver commits after every record, flushing the store's cache)
      assertThat(afterAttendance)
          .extracting(TestRecord::key)
          .containsExactly("W|" + MONDAY + "|E1");
      assertThat(afterFeedback).extracting(TestRecord::key).containsExactly("W|" + MONDAY + "|E1");
      assertThat(seenKeys(fx)).containsExactly("W|" + MONDAY + "|E1");
      // and both windows counted E1 once in every unit of the chain
      fx.punctuate();
      fx.drain();
      for (final String unit : List.of(KEL_A1, KEC_A, KOTA)) {
        final UnitActivity monday = fx.lastDaily(unit, MONDAY, RecordStatus.PROVISIONAL);
        assertThat(monday.getParticipants()).as(unit).isEqualTo(1);
        final UnitActivity tuesday = fx.lastDaily(unit, TUESDAY, RecordStatus.PROVISIONAL);
        assertThat(tuesday.getParticipants()).as(unit).isZero();
        assertThat(tuesday.getResponseRate()).as(unit).isEqualTo(1.0);
        final UnitActivity week = fx.lastWeekly(unit, MONDAY, RecordStatus.PROVISIONAL);
        assertThat(week.getParticipants()).as(unit).isEqualTo(1);
        assertThat(week.getResponseRate()).as(unit).isEqualTo(1.0);
      }
    }
  }

  @Test
  void shouldCloseTheDayExactlyAndRetractFromTheOpenWeekOnly() {
    try (TreeFixture fx = new TreeFixture(stateDir)) {
      // given E1 PRESENT on Monday (a) and Tuesday (b), E2 PRESENT on Monday (c)
      fx.pipe(fx.hire("E1", KEL_A1, HIRED), fx.hire("E2", KEL_A1, HIRED));
      final TreeMessage a = fx.attendance("E1", KEL_A1, "PRESENT", 2, wib("2025-03-10T09:00"));
      final TreeMessage b = fx.attendance("E1", KEL_A1, "PRESENT", 2, wib("2025-03-11T09:00"));
      final TreeMessage c = fx.attendance("E2", KEL_A1, "PRESENT", 2, wib("2025-03-10T09:00"));
      fx.pipe(a, b, c);
      // and Monday closed (its end + 48 h), the week and Tuesday still open
      fx.tick(wib("2025-03-13T00:00"));
      fx.punctuate();
      fx.drain();
      assertThat(fx.lastDaily(KEL_A1, MONDAY, RecordStatus.FINAL).getParticipants()).isEqualTo(2);

      // when E2's only session and then both of E1's are corrected to ABSENT, step by step
      fx.pipe(retraction(c), fx.attendance("E2", KEL_A1, "ABSENT", 2, wib("2025-03-10T09:00")));
      fx.punctuate();
      fx.drain();
      final UnitActivity withoutE2 = fx.lastWeekly(KEL_A1, MONDAY, RecordStatus.PROVISIONAL);
      fx.pipe(retraction(a), fx.attendance("E1", KEL_A1, "ABSENT", 2, wib("2025-03-10T09:00")));
      fx.punctuate();
      fx.drain();
      final UnitActivity withTuesdayOnly = fx.lastWeekly(KEL_A1, MONDAY, RecordStatus.PROVISIONAL);
      fx.pipe(retraction(b), fx.attendance("E1", KEL_A1, "ABSENT", 2, wib("2025-03-11T09:00")));
      fx.tick(wib("2025-03-19T00:00"));
      fx.punctuate();
      fx.drain();

      // then the week counts E1 while the Tuesday session stands, then nobody
      assertThat(withoutE2.getParticipants()).isEqualTo(1);
      assertThat(withTuesdayOnly.getParticipants()).isEqualTo(1);
      for (final String unit : List.of(KEL_A1, KEC_A, KOTA)) {
        final UnitActivity week = fx.lastWeekly(unit, MONDAY, RecordStatus.FINAL);
        assertThat(week.getParticipants()).as(unit).isZero();
        assertThat(week.getPresent()).as(unit).isZero();
        assertThat(week.getAbsent()).as(unit).isEqualTo(3);
        assertThat(week.getResponseRate()).as(unit).isNull();
        // the closed Monday keeps its one FINAL record, the corrections are late for it
        assertThat(fx.finals(fx.dailyRecords, MONDAY))
            .filteredOn(r -> r.getUnitId().equals(unit))
            .singleElement()
            .satisfies(
                r -> {
                  assertThat(r.getParticipants()).isEqualTo(2);
                  assertThat(r.getPresent()).isEqualTo(2);
                });
        // the Tuesday, open at its correction, closes without E1
        final UnitActivity tuesday = fx.lastDaily(unit, TUESDAY, RecordStatus.FINAL);
        assertThat(tuesday.getParticipants()).as(unit).isZero();
        assertThat(tuesday.getAbsent()).as(unit).isEqualTo(1);
      }
      assertThat(fx.lateRecords).hasSize(2);
      // and once the week and its days are closed, its seen-set entries go
      assertThat(seenKeys(fx)).isEmpty();
    }
  }

  @Test
  void shouldKeepTheWeeksEntriesUntilItsSundayClosesAfterTheWeek() {
    // given a week grace shorter than the day grace: the week closes before its Sunday
    final TopologySettings d = TopologySettings.DEFAULTS.withInternalPartitions(1);
    final TopologySettings settings =
        d.toBuilder().dayGrace(Duration.ofHours(48)).weekGrace(Duration.ofHours(1)).build();
    try (TreeFixture fx = new TreeFixture(stateDir, settings)) {
      fx.pipe(fx.hire("E1", KEL_A1, HIRED), fx.hire("E2", KEL_A1, HIRED));
      final TreeMessage first = fx.attendance("E1", KEL_A1, "PRESENT", 2, wib("2025-03-16T09:00"));
      fx.pipe(first);
      // when the week closes (next Monday 01:00; the Sunday closes on Wednesday), and a punctuation
      // runs the queued deletes
      fx.tick(wib("2025-03-17T02:00"));
      fx.punctuate();
      // then E1's entry is kept: their Sunday is still open
      assertThat(seenKeys(fx)).containsExactly("W|" + MONDAY + "|E1");
      // when E2 takes part on the Sunday (late for the week only) and E1's session is corrected
      fx.pipe(fx.attendance("E2", KEL_A1, "PRESENT", 2, wib("2025-03-16T11:00")));
      fx.pipe(retraction(first), fx.attendance("E1", KEL_A1, "ABSENT", 2, wib("2025-03-16T09:00")));
      fx.tick(wib("2025-03-19T00:00"));
      fx.punctuate();
      fx.drain();

      // then the Sunday counts E2 only, the week (closed before) E1 only
      for (final String unit : List.of(KEL_A1, KEC_A, KOTA)) {
        final UnitActivity sunday = fx.lastDaily(unit, SUNDAY, RecordStatus.FINAL);
        assertThat(sunday.getParticipants()).as(unit).isEqualTo(1);
        assertThat(sunday.getPresent()).as(unit).isEqualTo(1);
        assertThat(sunday.getAbsent()).as(unit).isEqualTo(1);
        final UnitActivity week = fx.lastWeekly(unit, MONDAY, RecordStatus.FINAL);
        assertThat(week.getParticipants()).as(unit).isEqualTo(1);
        assertThat(week.getPresent()).as(unit).isEqualTo(1);
      }
      // and with the Sunday closed too, the week's entries are gone
      assertThat(seenKeys(fx)).isEmpty();
    }
  }

  private static List<String> seenKeys(final TreeFixture fx) {
    final KeyValueStore<String, Object> store = fx.driver.getKeyValueStore(TreeStores.SEEN);
    final List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, Object> it = store.all()) {
      while (it.hasNext()) {
        final KeyValue<String, Object> entry = it.next();
        keys.add(entry.key);
      }
    }
    return keys;
  }
}
