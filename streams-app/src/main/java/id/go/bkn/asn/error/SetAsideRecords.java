package id.go.bkn.asn.error;

import id.go.bkn.asn.function.DeadLetterHeaders;
import id.go.bkn.asn.function.DeadLetterReason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;

/**
 * Builds the dead letters the exception handlers return to Kafka Streams (KIP-1034): the record
 * Kafka itself builds (key and value given, the input's headers, Kafka's exception, message, stack
 * trace, topic, partition and offset headers), plus our {@link DeadLetterHeaders#REASON}, stamped
 * with the time it is set aside rather than the input's timestamp, so the broker accepts it and the
 * topic keeps it for its whole retention (docs/design/time.md).
 */
public final class SetAsideRecords {

  private SetAsideRecords() {}

  /** The dead letters for this failure, none when no dead-letter topic is configured. */
  public static List<ProducerRecord<byte[], byte[]>> of(
      final String deadLetterTopic,
      final byte[] key,
      final byte[] value,
      final ErrorHandlerContext context,
      final Exception exception,
      final DeadLetterReason reason,
      final long setAsideAt) {
    if (deadLetterTopic == null) {
      return List.of();
    }
    if (context.topic() == null) {
      // Written from a punctuation: no input record, so no source position to name.
      final Headers headers = new RecordHeaders();
      headers.add(DeadLetterHeaders.REASON, reason.name().getBytes(StandardCharsets.UTF_8));
      headers.add(
          DeadLetterHeaders.EXCEPTION,
          exception.getClass().getName().getBytes(StandardCharsets.UTF_8));
      headers.add(
          DeadLetterHeaders.MESSAGE,
          String.valueOf(exception.getMessage()).getBytes(StandardCharsets.UTF_8));
      return List.of(new ProducerRecord<>(deadLetterTopic, null, setAsideAt, key, value, headers));
    }
    final ProducerRecord<byte[], byte[]> built =
        ExceptionHandlerUtils.buildDeadLetterQueueRecord(
            deadLetterTopic, key, value, context, exception);
    final Headers headers = built.headers();
    headers.remove(DeadLetterHeaders.REASON);
    headers.add(DeadLetterHeaders.REASON, reason.name().getBytes(StandardCharsets.UTF_8));
    return List.of(
        new ProducerRecord<>(built.topic(), null, setAsideAt, built.key(), built.value(), headers));
  }
}
