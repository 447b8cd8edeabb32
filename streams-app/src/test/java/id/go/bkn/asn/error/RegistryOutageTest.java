package id.go.bkn.asn.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.go.bkn.asn.registry.RegistryClientConfig;
import id.go.bkn.asn.registry.SchemaRegistryClient;
import id.go.bkn.asn.registry.SchemaRegistryClients;
import id.go.bkn.asn.schema.WorkUnit;
import id.go.bkn.asn.serde.AvroDeserializer;
import id.go.bkn.asn.topology.ReferenceCheck;
import id.go.bkn.asn.topology.TopicNames;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler.Response;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler.Result;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/**
 * A reference record whose schema cannot be fetched because the registry does not answer is not bad
 * input: the reference check lets the failure through instead of rejecting the record, and the
 * processing handler fails the task (the record is read again) instead of setting it aside.
 */
class RegistryOutageTest {

  private static final byte[] KEY = "DINKES".getBytes(StandardCharsets.UTF_8);

  /** Confluent framing with schema id 42, which the deserializer must fetch. */
  private static final byte[] VALUE = {0, 0, 0, 0, 42, 2};

  @Test
  void shouldFailTheTaskNotSetTheReferenceRecordAsideWhenTheRegistryDoesNotAnswer()
      throws Exception {
    // given: a registry nobody listens at
    final int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    final RuntimeException failure;
    try (SchemaRegistryClient unreachable =
        SchemaRegistryClients.create(RegistryClientConfig.of("http://127.0.0.1:" + port))) {
      final ReferenceCheck<WorkUnit> check =
          ReferenceCheck.units(new AvroDeserializer<>(unreachable, WorkUnit.class));

      // when / then: the check does not judge the record
      assertThatThrownBy(() -> check.check("reference.units", KEY, VALUE))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("schema registry unreachable");
      failure = catchFailure(check);
    }
    final DeadLetterProcessingHandler handler = handler();
    final Response response =
        handler.handleError(
            DeadLetterProductionHandlerTest.context(), new Record<>(KEY, VALUE, 0L), failure);

    // then: nothing set aside; the task fails and reads the record again
    assertThat(response.result()).isEqualTo(Result.FAIL);
    assertThat(response.deadLetterQueueRecords()).isEmpty();
  }

  @Test
  void shouldFailTheTaskWhenAPunctuationFailsSoItsPartialWorkIsRolledBack() {
    // given: a punctuation (no record) that failed part way, e.g. a window close whose next
    // record could not be written
    final DeadLetterProcessingHandler handler = handler();

    // when
    final Response response =
        handler.handleError(
            DeadLetterProductionHandlerTest.context(), null, new StreamsException("send failed"));

    // then: not resumed (that would commit the part done without the rest)
    assertThat(response.result()).isEqualTo(Result.FAIL);
    assertThat(response.deadLetterQueueRecords()).isEmpty();
  }

  /** The app's processing handler, configured with the contract's dead-letter topic. */
  private static DeadLetterProcessingHandler handler() {
    final DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler();
    final Map<String, Object> config = new HashMap<>();
    config.put(
        StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG,
        TopicNames.contract().deadLetters());
    handler.configure(config);
    return handler;
  }

  private static RuntimeException catchFailure(final ReferenceCheck<WorkUnit> check) {
    try {
      check.check("reference.units", KEY, VALUE);
    } catch (final RuntimeException e) {
      return e;
    }
    throw new AssertionError("the check judged a record it could not decode");
  }
}
