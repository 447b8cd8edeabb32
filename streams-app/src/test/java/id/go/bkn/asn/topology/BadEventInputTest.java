package id.go.bkn.asn.topology;

import static id.go.bkn.asn.topology.IngestFixture.LONG_AGO;
import static id.go.bkn.asn.topology.IngestFixture.NOW;
import static id.go.bkn.asn.topology.IngestFixture.attendance;
import static id.go.bkn.asn.topology.IngestFixture.employee;
import static id.go.bkn.asn.topology.IngestFixture.feedback;
import static id.go.bkn.asn.topology.IngestStageTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.function.DeadLetterHeaders;
import id.go.bkn.asn.function.DeadLetterReason;
import id.go.bkn.asn.schema.AttendanceEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input on the event topics (issue #9 item 3, README "Bad input"): each kind goes to the dead
 * letters with its reason and the detail names what is wrong, and the valid event after it is still
 * counted.
 */
class BadEventInputTest {

  private static final String NIP = "198703152010011002";
  private static final Instant AT = NOW.minus(Duration.ofHours(2));

  @TempDir Path stateDir;
  private IngestFixture fixture;

  @BeforeEach
  void start() {
    fixture = new IngestFixture(stateDir);
    fixture.roster(NIP, "DINKES", true, LONG_AGO);
    fixture.tree.readRecordsToList();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void shouldSetAsideTombstoneWhenEventTopicGetsANullValue() {
    fixture.raw(fixture.topics.attendance()).pipeInput(NIP, null, AT);

    final TestRecord<String, byte[]> dead =
        assertSetAside(DeadLetterReason.INVALID_FIELD, "tombstone");
    assertThat(dead.value()).isNull();
  }

  @Test
  void shouldSetAsideDeserializationWhenValueIsEmpty() {
    fixture.raw(fixture.topics.attendance()).pipeInput(NIP, new byte[0], AT);

    assertSetAside(DeadLetterReason.DESERIALIZATION, null);
  }

  @Test
  void shouldSetAsideDeserializationWhenValueIsARosterRecord() {
    final byte[] roster =
        fixture.bytesOf(fixture.topics.employees(), employee(NIP, "DINKES", true, LONG_AGO));

    fixture.raw(fixture.topics.attendance()).pipeInput(NIP, roster, AT);

    assertSetAside(DeadLetterReason.DESERIALIZATION, null);
  }

  @Test
  void shouldSetAsideInvalidFieldWhenKeyIsNull() {
    fixture.attendance.pipeInput(null, attendance("a-1", NIP, 2, AT), AT);

    assertSetAside(DeadLetterReason.INVALID_FIELD, "no key");
  }

  @Test
  void shouldSetAsideInvalidFieldWhenKeyIsNotTheEmployee() {
    fixture.attendance.pipeInput("199001012015011001", attendance("a-1", NIP, 2, AT), AT);

    assertSetAside(DeadLetterReason.INVALID_FIELD, "not the employeeId");
  }

  @Test
  void shouldSetAsideInvalidFieldWhenAnonymousFeedbackIsNotKeyedByProgramme() {
    fixture.feedback.pipeInput("OTHER-PROGRAM", feedback("f-1", null, 4, AT), AT);

    assertSetAside(DeadLetterReason.INVALID_FIELD, "programId");
  }

  @Test
  void shouldSetAsideInvalidFieldWhenOccurredAtIsBefore2000() {
    final Instant old = Instant.parse("1999-12-31T16:59:59Z");
    fixture.attendance.pipeInput(NIP, attendance("a-1", NIP, 2, old), old);

    assertSetAside(DeadLetterReason.INVALID_FIELD, "before");
  }

  @Test
  void shouldSetAsideInvalidFieldWhenEventIdIsOversized() {
    final AttendanceEvent event = attendance("x".repeat(129), NIP, 2, AT);
    fixture.attendance.pipeInput(NIP, event, AT);

    assertSetAside(DeadLetterReason.INVALID_FIELD, "eventId is 129 characters");
  }

  @Test
  void shouldSetAsideInvalidFieldWhenSessionJpIsNotFinite() {
    fixture.attendance.pipeInput(NIP, attendance("a-1", NIP, Double.NaN, AT), AT);
    fixture.attendance.pipeInput(NIP, attendance("a-2", NIP, Double.POSITIVE_INFINITY, AT), AT);
    fixture.attendance.pipeInput(NIP, attendance("a-3", NIP, 1e300, AT), AT);

    assertThat(fixture.deadLetters.readRecordsToList())
        .hasSize(3)
        .allSatisfy(
            dead ->
                assertThat(text(dead.headers(), DeadLetterHeaders.REASON))
                    .isEqualTo(DeadLetterReason.INVALID_FIELD.name()));
    assertValidStillCounted();
  }

  private TestRecord<String, byte[]> assertSetAside(
      final DeadLetterReason reason, final String detail) {
    final TestRecord<String, byte[]> dead = fixture.deadLetters.readRecord();
    assertThat(text(dead.headers(), DeadLetterHeaders.REASON)).isEqualTo(reason.name());
    if (detail != null) {
      assertThat(text(dead.headers(), DeadLetterHeaders.MESSAGE)).contains(detail);
    }
    assertThat(text(dead.headers(), DeadLetterHeaders.TOPIC)).startsWith("training.");
    assertThat(dead.timestamp()).isEqualTo(NOW.toEpochMilli());
    assertThat(fixture.deadLetters.isEmpty()).isTrue();
    assertValidStillCounted();
    return dead;
  }

  private void assertValidStillCounted() {
    assertThat(fixture.tree.isEmpty()).as("nothing of the bad record went on").isTrue();
    fixture.attendance.pipeInput(NIP, attendance("valid", NIP, 2, AT), AT);
    assertThat(fixture.tree.readRecord().value().getEventId()).isEqualTo("valid");
  }
}
