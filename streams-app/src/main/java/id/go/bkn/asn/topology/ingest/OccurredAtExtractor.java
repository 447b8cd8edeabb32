package id.go.bkn.asn.topology.ingest;

import id.go.bkn.asn.serde.Decoded;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Record time of a training event: its occurredAt, unless that lies after the record's own
 * timestamp (the time it was produced or appended), see {@link FallbackTime}. Kafka Streams picks
 * the next record of a task by this time, so a backlog is read in event-time order, while an event
 * dated days ahead is read in its place: it neither races the task's stream time ahead nor holds
 * back the records behind it, and no record the app derives from it carries a time the broker
 * refuses. A value without a usable occurredAt (a tombstone, a time before 1970) gets the
 * partition's time, never a negative one, because Kafka Streams drops records with a negative
 * timestamp silently and such a record must still reach the validator.
 *
 * @param <T> the generated record type inside {@link Decoded}
 */
public final class OccurredAtExtractor<T> implements TimestampExtractor {

  private final EventKind<T> kind;

  public OccurredAtExtractor(final EventKind<T> kind) {
    this.kind = kind;
  }

  @Override
  public long extract(final ConsumerRecord<Object, Object> record, final long partitionTime) {
    if (record.value() instanceof Decoded<?> decoded && kind.type().isInstance(decoded.value())) {
      final Instant occurredAt = kind.occurredAt(kind.type().cast(decoded.value()));
      if (occurredAt != null && occurredAt.toEpochMilli() >= 0) {
        return FallbackTime.capped(occurredAt.toEpochMilli(), record, partitionTime);
      }
    }
    return FallbackTime.of(record, partitionTime);
  }
}
