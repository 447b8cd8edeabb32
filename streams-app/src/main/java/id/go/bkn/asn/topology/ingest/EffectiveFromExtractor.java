package id.go.bkn.asn.topology.ingest;

import id.go.bkn.asn.schema.Employee;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time of a roster record: its effectiveFrom, so that Kafka Streams, which picks the next
 * record of a task by timestamp across its co-partitioned inputs, applies a transfer before the
 * events that follow it. A tombstone keeps the record's own timestamp.
 */
public final class EffectiveFromExtractor implements TimestampExtractor {

  @Override
  public long extract(final ConsumerRecord<Object, Object> record, final long partitionTime) {
    if (record.value() instanceof Employee employee) {
      final Instant from = employee.getEffectiveFrom();
      if (from != null && from.toEpochMilli() >= 0) {
        return from.toEpochMilli();
      }
    }
    return FallbackTime.of(record, partitionTime);
  }
}
