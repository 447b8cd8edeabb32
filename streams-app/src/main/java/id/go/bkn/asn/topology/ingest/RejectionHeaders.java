package id.go.bkn.asn.topology.ingest;

import id.go.bkn.asn.function.DeadLetterHeaders;
import id.go.bkn.asn.function.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers of a dead letter the ingest stage writes itself: the input record's own headers, as
 * Kafka's dead-letter queue keeps them, then {@link DeadLetterHeaders#forRejection}. A header of
 * the same name already on the input (a record replayed from the dead letters) is replaced, so
 * every name appears once.
 */
final class RejectionHeaders {

  private RejectionHeaders() {}

  static Headers of(
      final Headers input,
      final Rejection rejection,
      final String topic,
      final int partition,
      final long offset) {
    final Headers headers = new RecordHeaders(input.toArray());
    final Map<String, String> ours =
        DeadLetterHeaders.forRejection(rejection, topic, partition, offset);
    for (final Map.Entry<String, String> header : ours.entrySet()) {
      headers.remove(header.getKey());
      headers.add(header.getKey(), header.getValue().getBytes(StandardCharsets.UTF_8));
    }
    return headers;
  }
}
