package id.go.bkn.asn.topology.ingest;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The time of a record whose value has no usable event time: its own, else the partition's. */
final class FallbackTime {

  private FallbackTime() {}

  static long of(final ConsumerRecord<Object, Object> record, final long partitionTime) {
    if (record.timestamp() >= 0) {
      return record.timestamp();
    }
    return Math.max(partitionTime, 0L);
  }
}
