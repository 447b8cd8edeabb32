package id.go.bkn.asn.topology;

import static id.go.bkn.asn.topology.IngestFixture.LONG_AGO;
import static id.go.bkn.asn.topology.IngestFixture.attendance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.internal.TreeMessageKind;
import id.go.bkn.asn.internal.YearTotals;
import id.go.bkn.asn.schema.AttendanceStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest stage's year ledger (docs/design/figures.md, "Year-to-date across trees"): every
 * credited fact changes the employee's year once, the totals go to the tree of their latest roster
 * version, and roster versions reach every tree whose placement of the employee they change.
 */
class IngestYearLedgerTest {

  private static final String NIP = "198703152010011002";
  private static final Instant MONDAY_9 = Instant.parse("2025-03-03T02:00:00Z"); // Mon 09:00 WIB
  private static final Instant TUESDAY_9 = Instant.parse("2025-03-04T02:00:00Z");
  private static final Instant TRANSFER = Instant.parse("2025-03-05T01:00:00Z"); // Wed 08:00 WIB
  private static final Instant FRIDAY = Instant.parse("2025-03-07T01:00:00Z");

  @TempDir Path stateDir;
  private IngestFixture fixture;

  @BeforeEach
  void start() {
    fixture = new IngestFixture(stateDir);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void shouldCreditASessionOnceAndDebitItWhenCorrectedToAbsent() {
    // given
    fixture.roster(NIP, "DINKES", true, LONG_AGO);
    fixture.tree.readRecordsToList();
    // when a session is attended, replayed under another event id, then corrected to ABSENT
    fixture.attendance.pipeInput(
        NIP, attendance("a-1", NIP, "S-1", AttendanceStatus.PRESENT, 6, MONDAY_9), MONDAY_9);
    fixture.attendance.pipeInput(
        NIP, attendance("a-2", NIP, "S-1", AttendanceStatus.PRESENT, 6, MONDAY_9), MONDAY_9);
    fixture.attendance.pipeInput(
        NIP, attendance("a-3", NIP, "S-1", AttendanceStatus.ABSENT, 6, MONDAY_9), MONDAY_9);
    // then the credit rides on the event, the replay sends nothing, and the retraction carries
    // the debited year (the ABSENT correction changes nothing more)
    final List<TreeMessage> out = values(fixture.tree.readRecordsToList());
    assertThat(out)
        .extracting(TreeMessage::getEventId, TreeMessage::getRetraction, m -> totals(m))
        .containsExactly(
            tuple("a-1", null, List.of(tuple(2025, 6.0, 1, 0))),
            tuple("a-1", true, List.of(tuple(2025, 0.0, 0, 0))),
            tuple("a-3", null, List.of()));
    assertThat(out.get(0).getLatestUnitId()).isEqualTo("DINKES");
  }

  @Test
  void shouldSendTheYearToTheNewTreeWhenAnEventOfTheOldTreeArrivesAfterTheMove() {
    // given 5 JP earned in DINKES (KOTA-SERANG), then a move to BKPSDM-KAB (KAB-SERANG)
    fixture.roster(NIP, "DINKES", true, LONG_AGO);
    fixture.attendance.pipeInput(NIP, attendance("a-1", NIP, 5, MONDAY_9), MONDAY_9);
    fixture.tree.readRecordsToList();
    fixture.roster(NIP, "BKPSDM-KAB", true, TRANSFER);
    final List<TestRecord<String, TreeMessage>> moved =
        rosterOnly(fixture.tree.readRecordsToList());
    // then the move reaches both trees with the year so far
    assertThat(moved)
        .extracting(TestRecord::key, r -> totals(r.value()), r -> r.value().getLatestUnitId())
        .containsExactlyInAnyOrder(
            tuple("KAB-SERANG", List.of(tuple(2025, 5.0, 1, 0)), "BKPSDM-KAB"),
            tuple("KOTA-SERANG", List.of(tuple(2025, 5.0, 1, 0)), "BKPSDM-KAB"));
    // when a session of Tuesday, still in DINKES, arrives after the move
    fixture.attendance.pipeInput(NIP, attendance("a-2", NIP, 3, TUESDAY_9), TUESDAY_9);
    // then the event goes to the old tree without the year, and the year to the new tree
    final List<TestRecord<String, TreeMessage>> out = fixture.tree.readRecordsToList();
    assertThat(out)
        .extracting(TestRecord::key, r -> r.value().getKind(), r -> totals(r.value()))
        .containsExactly(
            tuple("KOTA-SERANG", TreeMessageKind.ATTENDANCE, List.of()),
            tuple("KAB-SERANG", TreeMessageKind.YTD, List.of(tuple(2025, 8.0, 2, 0))));
    assertThat(out.get(0).value().getUnitId()).isEqualTo("DINKES");
    assertThat(out.get(1).value().getLatestUnitId()).isEqualTo("BKPSDM-KAB");
    assertThat(out.get(1).value().getOriginalValue()).isNull();
  }

  @Test
  void shouldTellTheTreeOfABackdatedVersionWhenTheEmployeeLeavesIt() {
    // given DINKES from long ago, DISDIK (same tree) from Friday
    fixture.roster(NIP, "DINKES", true, LONG_AGO);
    fixture.roster(NIP, "DISDIK", true, FRIDAY);
    fixture.tree.readRecordsToList();
    // when a version found later says BKPSDM-KAB (the other tree) from Wednesday
    fixture.roster(NIP, "BKPSDM-KAB", true, TRANSFER);
    // then it reaches its own tree and the tree before it, and its own tree also gets Friday's
    // version, which ends it; every message names DISDIK as the latest unit
    final List<TestRecord<String, TreeMessage>> out = fixture.tree.readRecordsToList();
    assertThat(out)
        .extracting(TestRecord::key, r -> r.value().getUnitId(), r -> r.value().getOccurredAt())
        .containsExactly(
            tuple("KAB-SERANG", "BKPSDM-KAB", TRANSFER),
            tuple("KOTA-SERANG", "BKPSDM-KAB", TRANSFER),
            tuple("KAB-SERANG", "DISDIK", FRIDAY));
    assertThat(out).allSatisfy(r -> assertThat(r.value().getLatestUnitId()).isEqualTo("DISDIK"));
  }

  @Test
  void shouldTellTheTreeOfAReplacedVersionWhenACorrectionMovesTheEmployeeToAnotherTree() {
    // given
    fixture.roster(NIP, "DINKES", true, LONG_AGO);
    fixture.tree.readRecordsToList();
    // when the same version is corrected: BKPSDM-KAB from the same instant
    fixture.roster(NIP, "BKPSDM-KAB", true, LONG_AGO);
    // then the tree it leaves hears of it too
    assertThat(fixture.tree.readRecordsToList())
        .extracting(TestRecord::key)
        .containsExactlyInAnyOrder("KAB-SERANG", "KOTA-SERANG");
  }

  private static List<TestRecord<String, TreeMessage>> rosterOnly(
      final List<TestRecord<String, TreeMessage>> records) {
    return records.stream().filter(r -> r.value().getKind() == TreeMessageKind.ROSTER).toList();
  }

  private static List<TreeMessage> values(final List<TestRecord<String, TreeMessage>> records) {
    return records.stream().map(TestRecord::value).toList();
  }

  private static List<org.assertj.core.groups.Tuple> totals(final TreeMessage message) {
    final List<YearTotals> years = message.getYears();
    return years == null
        ? List.of()
        : years.stream()
            .map(
                y ->
                    tuple(
                        y.getYear(),
                        y.getJpTotal(),
                        y.getSessionsAttended(),
                        y.getProgramsCompleted()))
            .toList();
  }
}
