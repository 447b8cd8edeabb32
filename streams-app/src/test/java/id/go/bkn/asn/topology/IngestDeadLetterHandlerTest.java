package id.go.bkn.asn.topology;

import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.function.DeadLetterHeaders;
import id.go.bkn.asn.function.DeadLetterReason;
import id.go.bkn.asn.metrics.PipelineEvents.Outcome;
import id.go.bkn.asn.registry.MockSchemaRegistry;
import id.go.bkn.asn.registry.RegistryClientConfig;
import id.go.bkn.asn.registry.SchemaRegistryClient;
import id.go.bkn.asn.registry.SchemaRegistryClients;
import id.go.bkn.asn.schema.FeedbackEvent;
import id.go.bkn.asn.serde.AvroDeserializer;
import id.go.bkn.asn.topology.ingest.DeadLetterDeserializationHandler;
import id.go.bkn.asn.topology.ingest.IngestStreamsConfig;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.Response;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.Result;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

/** The deserialization handler on its own, against Kafka's LogAndContinueExceptionHandler. */
class IngestDeadLetterHandlerTest {

  private static final String TOPIC = "training.feedback";
  private static final byte[] KEY = "PROG-LATSAR".getBytes(StandardCharsets.UTF_8);
  private static final byte[] VALUE = {0, 0, 0, 0, 42, 1};
  private static final long TIMESTAMP = 1_741_000_000_000L;
  private static final Clock SET_ASIDE =
      Clock.fixed(Instant.parse("2026-12-02T03:00:00Z"), ZoneOffset.UTC);

  @Test
  void shouldReturnKafkaDeadLetterWithOurReasonWhenTopicIsConfigured() {
    // given
    final RecordingEvents events = new RecordingEvents();
    final Map<String, Object> config =
        Map.copyOf(IngestStreamsConfig.properties(TopicNames.contract(), events, SET_ASIDE));
    final DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
    handler.configure(config);
    final LogAndContinueExceptionHandler kafka = new LogAndContinueExceptionHandler();
    kafka.configure(config);
    final SerializationException failure = new SerializationException("cut short");

    // when
    final Response ours = handler.handleError(context(), record(), failure);
    final Response theirs = kafka.handleError(context(), record(), failure);

    // then
    assertThat(ours.result()).isEqualTo(Result.RESUME);
    assertThat(ours.deadLetterQueueRecords()).singleElement();
    final ProducerRecord<byte[], byte[]> dead = ours.deadLetterQueueRecords().get(0);
    final ProducerRecord<byte[], byte[]> expected = theirs.deadLetterQueueRecords().get(0);
    assertThat(dead.topic()).isEqualTo(TopicNames.contract().deadLetters());
    assertThat(dead.key()).isEqualTo(KEY);
    assertThat(dead.value()).isEqualTo(VALUE);
    assertThat(expected.timestamp()).as("Kafka's copies the input's time").isEqualTo(TIMESTAMP);
    assertThat(dead.timestamp())
        .as("ours: the time it was set aside")
        .isEqualTo(SET_ASIDE.millis());
    final Headers withoutReason = new RecordHeaders(dead.headers().toArray());
    withoutReason.remove(DeadLetterHeaders.REASON);
    assertThat(names(withoutReason)).isEqualTo(names(expected.headers()));
    assertThat(IngestStageTest.text(dead.headers(), DeadLetterHeaders.REASON))
        .isEqualTo(DeadLetterReason.DESERIALIZATION.name());
    assertThat(events.counted(TOPIC, Outcome.DEAD_LETTER)).isEqualTo(1);
  }

  @Test
  void shouldFailTheTaskInsteadOfSettingAsideWhenTheRegistryCannotBeReached() throws Exception {
    // given: the deserializer's own failure for a framed record whose schema it must fetch from
    // a registry nobody listens at (a port just closed)
    final int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    final Exception failure;
    try (SchemaRegistryClient unreachable =
        SchemaRegistryClients.create(RegistryClientConfig.of("http://127.0.0.1:" + port))) {
      failure = decodeFailure(unreachable);
    }
    final RecordingEvents events = new RecordingEvents();
    final DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
    handler.configure(
        Map.copyOf(IngestStreamsConfig.properties(TopicNames.contract(), events, SET_ASIDE)));

    // when
    final Response response = handler.handleError(context(), record(), failure);

    // then: the record is read again after the thread's replacement, never set aside
    assertThat(response.result()).isEqualTo(Result.FAIL);
    assertThat(response.deadLetterQueueRecords()).isEmpty();
    assertThat(events.counted(TOPIC, Outcome.DEAD_LETTER)).isZero();
  }

  @Test
  void shouldSetAsideARecordWhoseSchemaTheRegistryDoesNotHave() {
    // given: a registry that answers, without schema id 42
    final Exception failure;
    try (SchemaRegistryClient answering =
        MockSchemaRegistry.client("handler-" + UUID.randomUUID())) {
      failure = decodeFailure(answering);
    }
    final DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
    handler.configure(
        Map.copyOf(
            IngestStreamsConfig.properties(
                TopicNames.contract(), new RecordingEvents(), SET_ASIDE)));

    // when
    final Response response = handler.handleError(context(), record(), failure);

    // then
    assertThat(response.result()).isEqualTo(Result.RESUME);
    assertThat(response.deadLetterQueueRecords()).singleElement();
  }

  private static Exception decodeFailure(final SchemaRegistryClient registry) {
    final AvroDeserializer<FeedbackEvent> values =
        new AvroDeserializer<>(registry, FeedbackEvent.class);
    try {
      values.deserialize(TOPIC, VALUE);
    } catch (final SerializationException e) {
      return e;
    }
    throw new AssertionError("schema id 42 decoded");
  }

  @Test
  void shouldSkipWithoutDeadLetterWhenNoTopicIsConfigured() {
    // given
    final DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
    handler.configure(Map.of());

    // when
    final Response response =
        handler.handleError(context(), record(), new SerializationException("bad"));

    // then
    assertThat(response.result()).isEqualTo(Result.RESUME);
    assertThat(response.deadLetterQueueRecords()).isEmpty();
  }

  @Test
  void shouldBeTheHandlerTheStreamsConfigBuildsWhenPropertiesAreMerged() {
    // given
    final Map<String, Object> properties =
        new HashMap<>(IngestStreamsConfig.properties(TopicNames.contract()));
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "ingest-test");
    properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");

    // when
    final StreamsConfig config = new StreamsConfig(properties);

    // then
    assertThat(config.deserializationExceptionHandler())
        .isInstanceOf(DeadLetterDeserializationHandler.class);
  }

  private static String names(final Headers headers) {
    final StringBuilder names = new StringBuilder();
    for (final Header header : headers) {
      names.append(header.key()).append(';');
    }
    return names.toString();
  }

  private static ConsumerRecord<byte[], byte[]> record() {
    return new ConsumerRecord<>(TOPIC, 3, 17L, KEY, VALUE);
  }

  private static ErrorHandlerContext context() {
    return new ErrorHandlerContext() {
      @Override
      public String topic() {
        return TOPIC;
      }

      @Override
      public int partition() {
        return 3;
      }

      @Override
      public long offset() {
        return 17L;
      }

      @Override
      public Headers headers() {
        return new RecordHeaders();
      }

      @Override
      public String processorNodeId() {
        return "feedback-source";
      }

      @Override
      public TaskId taskId() {
        return new TaskId(0, 3);
      }

      @Override
      public long timestamp() {
        return TIMESTAMP;
      }

      @Override
      public byte[] sourceRawKey() {
        return KEY;
      }

      @Override
      public byte[] sourceRawValue() {
        return VALUE;
      }
    };
  }
}
