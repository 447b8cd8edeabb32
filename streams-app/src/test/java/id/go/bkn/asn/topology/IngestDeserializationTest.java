package id.go.bkn.asn.topology;

import static id.go.bkn.asn.topology.IngestFixture.LONG_AGO;
import static id.go.bkn.asn.topology.IngestFixture.NOW;
import static id.go.bkn.asn.topology.IngestFixture.enrollment;
import static id.go.bkn.asn.topology.IngestStageTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.function.DeadLetterHeaders;
import id.go.bkn.asn.function.DeadLetterReason;
import id.go.bkn.asn.metrics.PipelineEvents.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records that do not decode, end to end in TopologyTestDriver: the driver runs Kafka's own
 * deserialization path, so the dead-letter records our handler returns reach the dead-letter topic
 * exactly as they would on a broker.
 */
class IngestDeserializationTest {

  private static final String NIP = "198703152010011002";
  private static final byte[] GARBAGE = "bukan avro".getBytes(StandardCharsets.UTF_8);

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
  void shouldSetAsideThroughKafkaDeadLetterQueueWhenValueDoesNotDecode() {
    // given
    final Headers inputHeaders = new RecordHeaders().add("trace", new byte[] {1, 2});
    final Instant sent = NOW.minus(Duration.ofHours(2));

    // when
    fixture
        .raw(fixture.topics.attendance())
        .pipeInput(new TestRecord<>(NIP, GARBAGE, inputHeaders, sent));

    // then
    final TestRecord<String, byte[]> dead = fixture.deadLetters.readRecord();
    assertThat(dead.key()).isEqualTo(NIP);
    assertThat(dead.value()).isEqualTo(GARBAGE);
    assertThat(dead.timestamp()).as("the time it was set aside").isEqualTo(NOW.toEpochMilli());
    final Headers headers = dead.headers();
    assertThat(text(headers, DeadLetterHeaders.REASON))
        .isEqualTo(DeadLetterReason.DESERIALIZATION.name());
    assertThat(text(headers, DeadLetterHeaders.EXCEPTION))
        .isEqualTo(SerializationException.class.getName());
    assertThat(text(headers, DeadLetterHeaders.MESSAGE)).isNotBlank();
    assertThat(text(headers, DeadLetterHeaders.STACKTRACE)).contains("SerializationException");
    assertThat(text(headers, DeadLetterHeaders.TOPIC)).isEqualTo(fixture.topics.attendance());
    assertThat(text(headers, DeadLetterHeaders.PARTITION)).isEqualTo("0");
    assertThat(text(headers, DeadLetterHeaders.OFFSET)).isEqualTo("0");
    assertThat(headers.lastHeader("trace").value()).containsExactly(1, 2);
    assertThat(headers.headers(DeadLetterHeaders.REASON)).hasSize(1);
    assertThat(fixture.deadLetters.isEmpty()).isTrue();
    assertThat(fixture.tree.isEmpty()).isTrue();
    assertThat(fixture.events.counted(fixture.topics.attendance(), Outcome.DEAD_LETTER))
        .isEqualTo(1);
  }

  @Test
  void shouldKeepProcessingWhenValueDoesNotDecode() {
    // given
    fixture.roster(NIP, "DINKES", true, LONG_AGO);
    fixture.tree.readRecordsToList();
    fixture.raw(fixture.topics.enrollments()).pipeInput(NIP, GARBAGE, NOW);
    final Instant at = NOW.minus(Duration.ofHours(1));

    // when
    fixture.enrollments.pipeInput(NIP, enrollment("e-1", NIP, at), at);

    // then
    assertThat(fixture.deadLetters.readRecordsToList()).hasSize(1);
    assertThat(fixture.tree.readRecord().value().getEventId()).isEqualTo("e-1");
    assertThat(fixture.events.counted(fixture.topics.enrollments(), Outcome.ACCEPTED)).isEqualTo(1);
  }
}
