package id.go.bkn.asn.topology;

import static id.go.bkn.asn.topology.IngestFixture.LONG_AGO;
import static id.go.bkn.asn.topology.IngestFixture.NOW;
import static id.go.bkn.asn.topology.IngestFixture.attendance;
import static id.go.bkn.asn.topology.IngestFixture.enrollment;
import static id.go.bkn.asn.topology.IngestFixture.feedback;
import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.function.DeadLetterHeaders;
import id.go.bkn.asn.function.DeadLetterReason;
import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.internal.TreeMessageKind;
import id.go.bkn.asn.metrics.PipelineEvents.Outcome;
import id.go.bkn.asn.schema.AttendanceEvent;
import id.go.bkn.asn.schema.AttendanceStatus;
import id.go.bkn.asn.schema.EnrollmentEvent;
import id.go.bkn.asn.schema.FeedbackEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestStageTest {

  private static final String NIP = "198703152010011002";
  private static final Instant MONDAY = Instant.parse("2025-03-02T17:00:00Z"); // Mon 00:00 WIB
  private static final Instant TRANSFER = Instant.parse("2025-03-05T01:00:00Z"); // Wed 08:00 WIB

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
  void shouldAttributeToUnitAndRootWhenEmployeeIsInRoster() {
    // given
    fixture.roster(NIP, "DINKES", true, LONG_AGO);
    fixture.tree.readRecordsToList();
    final Instant at = MONDAY.plus(Duration.ofHours(3));
    final EnrollmentEvent event = enrollment("e-1", NIP, at);

    // when
    fixture.enrollments.pipeInput(NIP, event, at);

    // then
    final TestRecord<String, TreeMessage> out = fixture.tree.readRecord();
    assertThat(out.key()).isEqualTo("KOTA-SERANG");
    assertThat(out.timestamp()).isEqualTo(at.toEpochMilli());
    final TreeMessage message = out.value();
    assertThat(message.getKind()).isEqualTo(TreeMessageKind.ENROLLMENT);
    assertThat(message.getEventId()).isEqualTo("e-1");
    assertThat(message.getEmployeeId()).isEqualTo(NIP);
    assertThat(message.getUnitId()).isEqualTo("DINKES");
    assertThat(message.getRootUnitId()).isEqualTo("KOTA-SERANG");
    assertThat(message.getProgramId()).isEqualTo("PROG-LATSAR");
    assertThat(message.getAction()).isEqualTo("ENROLLED");
    assertThat(message.getOccurredAt()).isEqualTo(at);
    assertThat(message.getSourceTopic()).isEqualTo(fixture.topics.enrollments());
    assertThat(bytes(message.getOriginalKey())).isEqualTo(NIP.getBytes(StandardCharsets.UTF_8));
    assertThat(bytes(message.getOriginalValue()))
        .isEqualTo(fixture.bytesOf(fixture.topics.enrollments(), event));
    assertThat(fixture.tree.isEmpty()).isTrue();
    assertThat(fixture.deadLetters.isEmpty()).isTrue();
    assertThat(fixture.events.counted(fixture.topics.enrollments(), Outcome.ACCEPTED)).isEqualTo(1);
    assertThat(fixture.events.delays()).containsExactly(Duration.between(at, NOW));
  }

  @Test
  void shouldDeadLetterInvalidFieldWhenOverallIsSeven() {
    // given
    fixture.roster(NIP, "DINKES", true, LONG_AGO);
    final FeedbackEvent event = feedback("f-1", NIP, 7, MONDAY);

    // when
    fixture.feedback.pipeInput(NIP, event, MONDAY);

    // then
    final TestRecord<String, byte[]> dead = fixture.deadLetters.readRecord();
    assertRejected(dead, DeadLetterReason.INVALID_FIELD, fixture.topics.feedback(), 0);
    assertThat(text(dead.headers(), DeadLetterHeaders.MESSAGE)).contains("overall 7");
    assertThat(dead.value()).isEqualTo(fixture.bytesOf(fixture.topics.feedback(), event));
    assertThat(fixture.tree.readRecordsToList())
        .extracting(r -> r.value().getKind())
        .containsOnly(TreeMessageKind.ROSTER);
    assertThat(fixture.events.counted(fixture.topics.feedback(), Outcome.DEAD_LETTER)).isEqualTo(1);
  }

  @Test
  void shouldDeadLetterInvalidFieldWhenSessionJpIsNegative() {
    // given
    fixture.roster(NIP, "DINKES", true, LONG_AGO);
    fixture.tree.readRecordsToList();
    final AttendanceEvent event = attendance("a-1", NIP, -1.0, MONDAY);

    // when
    fixture.attendance.pipeInput(NIP, event, MONDAY);

    // then
    final TestRecord<String, byte[]> dead = fixture.deadLetters.readRecord();
    assertRejected(dead, DeadLetterReason.INVALID_FIELD, fixture.topics.attendance(), 0);
    assertThat(text(dead.headers(), DeadLetterHeaders.MESSAGE)).contains("sessionJp");
    assertThat(dead.value()).isEqualTo(fixture.bytesOf(fixture.topics.attendance(), event));
    assertThat(fixture.tree.isEmpty()).isTrue();
  }

  @Test
  void shouldDeadLetterFutureTimestampWhenMoreThanAnHourAhead() {
    // given
    fixture.roster(NIP, "DINKES", true, LONG_AGO);
    fixture.tree.readRecordsToList();
    final Instant tooFar = NOW.plus(Duration.ofHours(1)).plusMillis(1);
    final AttendanceEvent event = attendance("a-1", NIP, 2.0, tooFar);

    // when
    fixture.attendance.pipeInput(NIP, event, tooFar);

    // then
    final TestRecord<String, byte[]> dead = fixture.deadLetters.readRecord();
    assertRejected(dead, DeadLetterReason.FUTURE_TIMESTAMP, fixture.topics.attendance(), 0);
    assertThat(dead.value()).isEqualTo(fixture.bytesOf(fixture.topics.attendance(), event));
    assertThat(fixture.tree.isEmpty()).isTrue();
  }

  @Test
  void shouldAcceptWhenExactlyAnHourAhead() {
    // given
    fixture.roster(NIP, "DINKES", true, LONG_AGO);
    fixture.tree.readRecordsToList();
    final Instant edge = NOW.plus(Duration.ofHours(1));

    // when
    fixture.attendance.pipeInput(NIP, attendance("a-1", NIP, 2.0, edge), edge);

    // then
    assertThat(fixture.deadLetters.isEmpty()).isTrue();
    assertThat(fixture.tree.readRecord().value().getOccurredAt()).isEqualTo(edge);
  }

  @Test
  void shouldDeadLetterUnknownEmployeeWhenNotInRoster() {
    // given
    fixture.roster("OTHER", "DINKES", true, LONG_AGO);
    fixture.tree.readRecordsToList();
    final EnrollmentEvent event = enrollment("e-1", NIP, MONDAY);

    // when
    fixture.enrollments.pipeInput(NIP, event, MONDAY);

    // then
    final TestRecord<String, byte[]> dead = fixture.deadLetters.readRecord();
    assertRejected(dead, DeadLetterReason.UNKNOWN_EMPLOYEE, fixture.topics.enrollments(), 0);
    assertThat(dead.value()).isEqualTo(fixture.bytesOf(fixture.topics.enrollments(), event));
    assertThat(text(dead.headers(), DeadLetterHeaders.MESSAGE)).doesNotContain(NIP);
    assertThat(fixture.tree.isEmpty()).isTrue();
    assertThat(fixture.events.counted(fixture.topics.enrollments(), Outcome.DEAD_LETTER))
        .isEqualTo(1);
  }

  @Test
  void shouldDeadLetterUnknownEmployeeWhenRosterEntryStartsAfterEvent() {
    // given
    fixture.roster(NIP, "DINKES", true, TRANSFER);
    fixture.tree.readRecordsToList();
    final EnrollmentEvent before = enrollment("e-1", NIP, MONDAY);

    // when
    fixture.enrollments.pipeInput(NIP, before, MONDAY);

    // then
    final TestRecord<String, byte[]> dead = fixture.deadLetters.readRecord();
    assertRejected(dead, DeadLetterReason.UNKNOWN_EMPLOYEE, fixture.topics.enrollments(), 0);
    assertThat(dead.value()).isEqualTo(fixture.bytesOf(fixture.topics.enrollments(), before));
    assertThat(fixture.tree.isEmpty()).isTrue();
  }

  @Test
  void shouldDeadLetterUnknownEmployeeWhenInactiveAtOccurredAt() {
    // given
    fixture.roster(NIP, "DINKES", true, LONG_AGO);
    fixture.roster(NIP, "DINKES", false, TRANSFER);
    fixture.tree.readRecordsToList();
    final Instant after = TRANSFER.plus(Duration.ofHours(1));

    // when
    fixture.enrollments.pipeInput(NIP, enrollment("e-1", NIP, after), after);

    // then
    assertRejected(
        fixture.deadLetters.readRecord(),
        DeadLetterReason.UNKNOWN_EMPLOYEE,
        fixture.topics.enrollments(),
        0);
    assertThat(fixture.tree.isEmpty()).isTrue();
  }

  @Test
  void shouldDropDuplicateWhenSeenWithinHorizon() {
    // given
    fixture.roster(NIP, "DINKES", true, LONG_AGO);
    fixture.tree.readRecordsToList();
    final AttendanceEvent event = attendance("a-1", NIP, 2.0, MONDAY);
    fixture.attendance.pipeInput(NIP, event, MONDAY);

    // when
    fixture.attendance.pipeInput(NIP, event, MONDAY);

    // then
    assertThat(fixture.tree.readRecordsToList()).hasSize(1);
    assertThat(fixture.deadLetters.isEmpty()).isTrue();
    assertThat(fixture.events.counted(fixture.topics.attendance(), Outcome.ACCEPTED)).isEqualTo(1);
    assertThat(fixture.events.counted(fixture.topics.attendance(), Outcome.DUPLICATE)).isEqualTo(1);
  }

  @Test
  void shouldAcceptRepeatedEventIdOfAnotherSessionWhenHorizonHasPassed() {
    // given an event, then the stage's event time moved 7 days and 1 ms past it
    fixture.roster(NIP, "DINKES", true, LONG_AGO);
    fixture.tree.readRecordsToList();
    final Instant first = NOW.minus(Duration.ofDays(10));
    fixture.attendance.pipeInput(NIP, attendance("a-1", NIP, 2.0, first), first);
    final Instant later = first.plus(Duration.ofDays(7)).plusMillis(1);
    fixture.attendance.pipeInput(NIP, attendance("a-2", NIP, 2.0, later), later);

    // when the id a-1 comes again, for another session
    final AttendanceEvent other =
        attendance("a-1", NIP, "S-other", AttendanceStatus.PRESENT, 2.0, first);
    fixture.attendance.pipeInput(NIP, other, first);

    // then
    assertThat(fixture.tree.readRecordsToList())
        .extracting(r -> r.value().getEventId())
        .containsExactly("a-1", "a-2", "a-1");
    assertThat(fixture.events.counted(fixture.topics.attendance(), Outcome.DUPLICATE)).isZero();
  }

  @Test
  void shouldDropReplayOfTheSameSessionWhenTheEventIdHorizonHasPassed() {
    // given a session attended, then the stage's event time moved 7 days and 1 ms past it
    fixture.roster(NIP, "DINKES", true, LONG_AGO);
    fixture.tree.readRecordsToList();
    final Instant first = NOW.minus(Duration.ofDays(10));
    final AttendanceEvent event = attendance("a-1", NIP, 2.0, first);
    fixture.attendance.pipeInput(NIP, event, first);
    final Instant later = first.plus(Duration.ofDays(7)).plusMillis(1);
    fixture.attendance.pipeInput(NIP, attendance("a-2", NIP, 2.0, later), later);

    // when the LMS export is re-sent: the same record, and the same fact under a new id
    fixture.attendance.pipeInput(NIP, event, first);
    final AttendanceEvent reissued = AttendanceEvent.newBuilder(event).setEventId("a-9").build();
    fixture.attendance.pipeInput(NIP, reissued, first);

    // then the session's JP can reach the tree stage once only
    assertThat(fixture.tree.readRecordsToList())
        .extracting(r -> r.value().getEventId())
        .containsExactly("a-1", "a-2");
    assertThat(fixture.events.counted(fixture.topics.attendance(), Outcome.DUPLICATE)).isEqualTo(2);
  }

  @Test
  void shouldRetractTheEarlierVersionThenSendTheCorrectionWhenAttendanceIsCorrected() {
    // given a session marked ABSENT
    fixture.roster(NIP, "DINKES", true, LONG_AGO);
    fixture.tree.readRecordsToList();
    fixture.attendance.pipeInput(
        NIP, attendance("a-1", NIP, "S-1", AttendanceStatus.ABSENT, 2.0, MONDAY), MONDAY);

    // when the late sign-in sheet turns it into PRESENT (another event id, a day later)
    final Instant corrected = MONDAY.plus(Duration.ofDays(1));
    fixture.attendance.pipeInput(
        NIP, attendance("a-2", NIP, "S-1", AttendanceStatus.PRESENT, 2.0, MONDAY), corrected);

    // then the ABSENT version is undone, then the PRESENT one counted
    final List<TreeMessage> sent =
        fixture.tree.readRecordsToList().stream().map(TestRecord::value).toList();
    assertThat(sent)
        .extracting(TreeMessage::getEventId, TreeMessage::getStatus, TreeMessage::getRetraction)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a-1", "ABSENT", null),
            org.assertj.core.groups.Tuple.tuple("a-1", "ABSENT", true),
            org.assertj.core.groups.Tuple.tuple("a-2", "PRESENT", null));
    final TreeMessage retraction = sent.get(1);
    assertThat(retraction.getUnitId()).isEqualTo("DINKES");
    assertThat(retraction.getRootUnitId()).isEqualTo("KOTA-SERANG");
    assertThat(retraction.getOccurredAt()).isEqualTo(MONDAY);
    assertThat(retraction.getSessionJp()).isEqualTo(2.0);
    assertThat(retraction.getOriginalValue()).isNull();
    assertThat(fixture.events.counted(fixture.topics.attendance(), Outcome.ACCEPTED)).isEqualTo(2);
  }

  @Test
  void shouldAttributeEventsToUnitInForceWhenTransferIsMidWeek() {
    // given a transfer from DINKES to DISDIK on Wednesday
    fixture.roster(NIP, "DINKES", true, LONG_AGO);
    fixture.roster(NIP, "DISDIK", true, TRANSFER);
    fixture.tree.readRecordsToList();
    final Instant before = TRANSFER.minusMillis(1);
    final Instant after = TRANSFER.plus(Duration.ofDays(1));

    // when the events of the week arrive after the transfer was recorded
    fixture.attendance.pipeInput(NIP, attendance("a-mon", NIP, 2.0, MONDAY), MONDAY);
    fixture.attendance.pipeInput(NIP, attendance("a-wed", NIP, 2.0, before), before);
    fixture.attendance.pipeInput(NIP, attendance("a-at", NIP, 2.0, TRANSFER), TRANSFER);
    fixture.attendance.pipeInput(NIP, attendance("a-thu", NIP, 2.0, after), after);

    // then
    assertThat(fixture.tree.readRecordsToList())
        .extracting(r -> KeyValue.pair(r.value().getEventId(), r.value().getUnitId()))
        .containsExactly(
            KeyValue.pair("a-mon", "DINKES"),
            KeyValue.pair("a-wed", "DINKES"),
            KeyValue.pair("a-at", "DISDIK"),
            KeyValue.pair("a-thu", "DISDIK"));
  }

  @Test
  void shouldKeyAnonymousFeedbackByProgramWhenEmployeeIdIsNull() {
    // given no roster at all
    final FeedbackEvent anonymous = feedback("f-1", null, 5, MONDAY);

    // when
    fixture.feedback.pipeInput("PROG-LATSAR", anonymous, MONDAY);

    // then
    final TestRecord<String, TreeMessage> out = fixture.tree.readRecord();
    assertThat(out.key()).isEqualTo("PROG-LATSAR");
    assertThat(out.value().getKind()).isEqualTo(TreeMessageKind.FEEDBACK);
    assertThat(out.value().getEmployeeId()).isNull();
    assertThat(out.value().getUnitId()).isNull();
    assertThat(out.value().getRootUnitId()).isNull();
    assertThat(out.value().getOverall()).isEqualTo(5);
    assertThat(out.value().getCareerRelevance()).isEqualTo(4);
    assertThat(out.value().getRecommend()).isEqualTo(9);
    assertThat(fixture.deadLetters.isEmpty()).isTrue();
  }

  @Test
  void shouldForwardRosterChangeWhenEmployeeJoinsOrMovesWithinTree() {
    // when
    fixture.roster(NIP, "DINKES", true, LONG_AGO);
    fixture.roster(NIP, "DISDIK", true, TRANSFER);

    // then
    final List<TestRecord<String, TreeMessage>> out = fixture.tree.readRecordsToList();
    assertThat(out).extracting(TestRecord::key).containsExactly("KOTA-SERANG", "KOTA-SERANG");
    final TreeMessage joined = out.get(0).value();
    assertThat(joined.getKind()).isEqualTo(TreeMessageKind.ROSTER);
    assertThat(joined.getEmployeeId()).isEqualTo(NIP);
    assertThat(joined.getUnitId()).isEqualTo("DINKES");
    assertThat(joined.getRootUnitId()).isEqualTo("KOTA-SERANG");
    assertThat(joined.getActive()).isTrue();
    assertThat(joined.getLatestUnitId()).isEqualTo("DINKES");
    assertThat(joined.getYears()).isEmpty();
    assertThat(joined.getOccurredAt()).isEqualTo(LONG_AGO);
    final TreeMessage moved = out.get(1).value();
    assertThat(moved.getUnitId()).isEqualTo("DISDIK");
    assertThat(moved.getLatestUnitId()).isEqualTo("DISDIK");
    assertThat(moved.getOccurredAt()).isEqualTo(TRANSFER);
    assertThat(out.get(1).timestamp()).isEqualTo(TRANSFER.toEpochMilli());
  }

  @Test
  void shouldForwardToBothTreesWhenTransferCrossesTrees() {
    // given
    fixture.roster(NIP, "DINKES", true, LONG_AGO);
    fixture.tree.readRecordsToList();

    // when
    fixture.roster(NIP, "BKPSDM-KAB", true, TRANSFER);

    // then
    final List<TestRecord<String, TreeMessage>> out = fixture.tree.readRecordsToList();
    assertThat(out)
        .extracting(TestRecord::key)
        .containsExactlyInAnyOrder("KAB-SERANG", "KOTA-SERANG");
    assertThat(out)
        .allSatisfy(
            r -> {
              assertThat(r.value().getUnitId()).isEqualTo("BKPSDM-KAB");
              assertThat(r.value().getRootUnitId()).isEqualTo("KAB-SERANG");
              assertThat(r.value().getLatestUnitId()).isEqualTo("BKPSDM-KAB");
            });
  }

  @Test
  void shouldNotForwardRosterWhenSameVersionIsRepublished() {
    // given
    fixture.roster(NIP, "DINKES", true, LONG_AGO);
    fixture.tree.readRecordsToList();

    // when
    fixture.roster(NIP, "DINKES", true, LONG_AGO);

    // then
    assertThat(fixture.tree.isEmpty()).isTrue();
  }

  private static void assertRejected(
      final TestRecord<String, byte[]> dead,
      final DeadLetterReason reason,
      final String topic,
      final long offset) {
    assertThat(dead.key()).isEqualTo(NIP);
    final Headers headers = dead.headers();
    assertThat(text(headers, DeadLetterHeaders.REASON)).isEqualTo(reason.name());
    assertThat(text(headers, DeadLetterHeaders.EXCEPTION))
        .isEqualTo(DeadLetterHeaders.VALIDATION_EXCEPTION);
    assertThat(text(headers, DeadLetterHeaders.MESSAGE)).isNotBlank();
    assertThat(text(headers, DeadLetterHeaders.TOPIC)).isEqualTo(topic);
    assertThat(text(headers, DeadLetterHeaders.PARTITION)).isEqualTo("0");
    assertThat(text(headers, DeadLetterHeaders.OFFSET)).isEqualTo(Long.toString(offset));
  }

  static String text(final Headers headers, final String name) {
    final Header header = headers.lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(final ByteBuffer buffer) {
    final byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}
