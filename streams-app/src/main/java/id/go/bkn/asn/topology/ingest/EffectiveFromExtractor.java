package id.go.bkn.asn.topology.ingest;

import id.go.bkn.asn.schema.Employee;
import id.go.bkn.asn.serde.Decoded;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Record time of a roster record: its effectiveFrom, so that Kafka Streams, which picks the next
 * record of a task by timestamp across its co-partitioned inputs, applies a transfer read from a
 * backlog before the events that follow it; unless that lies after the record's own timestamp (see
 * {@link FallbackTime#capped}): a transfer scheduled for next month is read in its place instead of
 * stalling the roster partition, and every record behind it, until the events catch up. A tombstone
 * gets the partition's time.
 */
public final class EffectiveFromExtractor implements TimestampExtractor {

  @Override
  public long extract(final ConsumerRecord<Object, Object> record, final long partitionTime) {
    final Object value =
        record.value() instanceof Decoded<?> decoded ? decoded.value() : record.value();
    if (value instanceof Employee employee) {
      final Instant from = employee.getEffectiveFrom();
      if (from != null && from.toEpochMilli() >= 0) {
        return FallbackTime.capped(from.toEpochMilli(), record, partitionTime);
      }
    }
    return FallbackTime.of(record, partitionTime);
  }
}
