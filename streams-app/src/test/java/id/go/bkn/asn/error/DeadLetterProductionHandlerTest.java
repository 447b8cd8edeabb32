package id.go.bkn.asn.error;

import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.function.DeadLetterHeaders;
import id.go.bkn.asn.function.DeadLetterReason;
import id.go.bkn.asn.registry.SchemaRegistryException;
import id.go.bkn.asn.testing.MutableClock;
import id.go.bkn.asn.topology.TopicNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Response;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Result;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeadLetterProductionHandlerTest {

  private static final byte[] KEY = "E-1".getBytes(StandardCharsets.UTF_8);
  private static final byte[] VALUE = {0, 0, 0, 0, 7, 2};

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T03:00:00Z"));
  private final DeadLetterProductionHandler handler = new DeadLetterProductionHandler();

  @BeforeEach
  void configure() {
    final Map<String, Object> config = new HashMap<>();
    config.put(
        StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG,
        TopicNames.contract().deadLetters());
    config.put(HandlerConfig.CLOCK, clock);
    handler.configure(config);
  }

  @Test
  void shouldSetAsideInputWhenOutputRecordIsTooLarge() {
    final Response response =
        handler.handleError(context(), output("analytics.unit-activity-weekly"), tooLarge());

    assertThat(response.result()).isEqualTo(Result.RESUME);
    assertThat(response.deadLetterQueueRecords()).singleElement();
    final ProducerRecord<byte[], byte[]> letter = response.deadLetterQueueRecords().get(0);
    assertThat(letter.topic()).isEqualTo("training.dead-letters");
    assertThat(letter.key()).isEqualTo(KEY);
    assertThat(letter.value()).isEqualTo(VALUE);
    assertThat(letter.timestamp()).isEqualTo(clock.millis());
    assertThat(
            new String(
                letter.headers().lastHeader(DeadLetterHeaders.REASON).value(),
                StandardCharsets.UTF_8))
        .isEqualTo(DeadLetterReason.PRODUCTION_ERROR.name());
  }

  @Test
  void shouldRetryTransientFaultsAThreeTimesThenFailWhenTheyGoOn() {
    final ProducerRecord<byte[], byte[]> record = output("analytics.unit-activity-weekly");
    for (int i = 0; i < DeadLetterProductionHandler.MAX_RETRIES; i++) {
      assertThat(handler.handleError(context(), record, new TimeoutException("t")).result())
          .isEqualTo(Result.RETRY);
      clock.advance(Duration.ofMinutes(2));
    }
    assertThat(handler.handleError(context(), record, new TimeoutException("t")).result())
        .isEqualTo(Result.FAIL);
    // once the earlier faults left the window, a new one is retried again
    clock.advance(DeadLetterProductionHandler.RETRY_WINDOW);
    assertThat(handler.handleError(context(), record, new TimeoutException("t")).result())
        .isEqualTo(Result.RETRY);
  }

  @Test
  void shouldFailTheTaskWhenTheRegistryCannotServeTheOutputsSchema() {
    // given: the serializer's failure when no registry answered (after the client's retries)
    final SerializationException unreachable =
        new SerializationException(
            "Error resolving the schema id for topic analytics.unit-activity-weekly",
            new SchemaRegistryException(
                SchemaRegistryException.NO_RESPONSE,
                SchemaRegistryException.NO_RESPONSE,
                "Schema registry unreachable",
                null));

    // when
    final Response response =
        handler.handleSerializationError(
            context(),
            output("analytics.unit-activity-weekly"),
            unreachable,
            SerializationExceptionOrigin.VALUE);

    // then: nothing set aside, the task is retried from its last commit
    assertThat(response.result()).isEqualTo(Result.FAIL);
    assertThat(response.deadLetterQueueRecords()).isEmpty();
  }

  @Test
  void shouldSetAsideTheInputWhenTheRegistryRefusesTheOutputsSchema() {
    // given: the registry answered: the schema is incompatible with the subject's
    final SerializationException refused =
        new SerializationException(
            "Error registering",
            new SchemaRegistryException(SchemaRegistryException.INCOMPATIBLE_SCHEMA, "no"));

    // when
    final Response response =
        handler.handleSerializationError(
            context(),
            output("analytics.unit-activity-weekly"),
            refused,
            SerializationExceptionOrigin.VALUE);

    // then
    assertThat(response.result()).isEqualTo(Result.RESUME);
    assertThat(response.deadLetterQueueRecords()).singleElement();
  }

  @Test
  void shouldNotSetAsideAgainWhenTheDeadLetterItselfFails() {
    final Response response =
        handler.handleError(context(), output("training.dead-letters"), tooLarge());

    assertThat(response.result()).isEqualTo(Result.RESUME);
    assertThat(response.deadLetterQueueRecords()).isEmpty();
  }

  private static RecordTooLargeException tooLarge() {
    return new RecordTooLargeException("too large");
  }

  private static ProducerRecord<byte[], byte[]> output(final String topic) {
    return new ProducerRecord<>(
        topic, "KOTA-SERANG|2026-11-30".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3});
  }

  static ErrorHandlerContext context() {
    return new ErrorHandlerContext() {
      @Override
      public String topic() {
        return "training.attendance";
      }

      @Override
      public int partition() {
        return 2;
      }

      @Override
      public long offset() {
        return 41L;
      }

      @Override
      public Headers headers() {
        return new RecordHeaders();
      }

      @Override
      public String processorNodeId() {
        return "tree-unit-activity-weekly-sink";
      }

      @Override
      public TaskId taskId() {
        return new TaskId(1, 0);
      }

      @Override
      public long timestamp() {
        return 0L;
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
