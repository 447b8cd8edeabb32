package id.go.bkn.asn.topology.ingest;

import id.go.bkn.asn.error.TransientRegistryFault;
import id.go.bkn.asn.function.DeadLetterHeaders;
import id.go.bkn.asn.function.DeadLetterReason;
import id.go.bkn.asn.metrics.PipelineEvents;
import id.go.bkn.asn.metrics.PipelineEvents.Outcome;
import id.go.bkn.asn.registry.SchemaRegistryException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets a record that does not decode aside in the dead-letter queue of KIP-1034 and goes on (unless
 * the schema registry could not be reached: then the task fails, see {@link
 * TransientRegistryFault}): the record Kafka Streams itself builds for {@link
 * StreamsConfig#ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG} (original key and value bytes, the
 * input's headers, and Kafka's exception, message, stack trace, topic, partition and offset
 * headers), plus our {@link DeadLetterHeaders#REASON} header set to DESERIALIZATION. It logs one
 * WARN per record naming the position and the exception, never the payload, and counts the record
 * as DEAD_LETTER on the {@link PipelineEvents} passed under {@link
 * IngestStreamsConfig#PIPELINE_EVENTS_CONFIG} (Kafka instantiates the handler from its class name,
 * so the metrics arrive through the config map; without it nothing is counted). Without a
 * dead-letter topic configured the record is only logged and skipped, as Kafka's
 * LogAndContinueExceptionHandler does. The dead letter is stamped with the time it is set aside
 * (the clock under {@link IngestStreamsConfig#CLOCK_CONFIG}, else the system's), not the input's
 * timestamp, which a producer may have set years back: the topic's retention would delete it at
 * once.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

  private static final byte[] REASON =
      DeadLetterReason.DESERIALIZATION.name().getBytes(StandardCharsets.UTF_8);

  private String deadLetterTopic;
  private PipelineEvents events = PipelineEvents.NONE;
  private Clock clock = Clock.systemUTC();

  @Override
  public void configure(final Map<String, ?> configs) {
    final Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
    deadLetterTopic = topic == null ? null : topic.toString();
    if (configs.get(IngestStreamsConfig.PIPELINE_EVENTS_CONFIG) instanceof PipelineEvents given) {
      events = given;
    }
    if (configs.get(IngestStreamsConfig.CLOCK_CONFIG) instanceof Clock given) {
      clock = given;
    }
    if (deadLetterTopic == null) {
      LOG.warn(
          "No {} configured: records that do not decode will be skipped, not set aside",
          StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
    }
  }

  @Override
  public Response handleError(
      final ErrorHandlerContext context,
      final ConsumerRecord<byte[], byte[]> record,
      final Exception exception) {
    final SchemaRegistryException registry = TransientRegistryFault.of(exception);
    if (registry != null) {
      // The record is very likely valid: only its schema could not be fetched (the client has
      // already retried with backoff). Setting it aside would take it out of the figures for
      // good, so the task fails instead and the record is read again by the replacement thread,
      // within the thread-death budget (ThreadDeathPolicy): a short outage costs a replacement,
      // a long one stops the client with its alert, and nothing is lost either way.
      LOG.error(
          "Schema registry unavailable while decoding topic {} partition {} offset {}; failing"
              + " the task to read the record again rather than setting it aside: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          registry.getMessage());
      return Response.fail();
    }
    // The exception's message, not its stack trace: the serdes' messages name the topic, schema
    // id and length, never the payload, and the stack trace goes into the dead letter's header.
    LOG.warn(
        "Record does not decode, set aside as a dead letter: topic {} partition {} offset {}: {}:"
            + " {}",
        record.topic(),
        record.partition(),
        record.offset(),
        exception.getClass().getName(),
        exception.getMessage());
    events.count(record.topic(), Outcome.DEAD_LETTER);
    final List<ProducerRecord<byte[], byte[]>> deadLetters =
        ExceptionHandlerUtils.maybeBuildDeadLetterQueueRecords(
            deadLetterTopic, context.sourceRawKey(), context.sourceRawValue(), context, exception);
    final long setAside = clock.millis();
    final List<ProducerRecord<byte[], byte[]>> stamped = new ArrayList<>(deadLetters.size());
    for (final ProducerRecord<byte[], byte[]> deadLetter : deadLetters) {
      deadLetter.headers().remove(DeadLetterHeaders.REASON);
      deadLetter.headers().add(DeadLetterHeaders.REASON, REASON);
      stamped.add(
          new ProducerRecord<>(
              deadLetter.topic(),
              deadLetter.partition(),
              setAside,
              deadLetter.key(),
              deadLetter.value(),
              deadLetter.headers()));
    }
    return Response.resume(stamped);
  }
}
