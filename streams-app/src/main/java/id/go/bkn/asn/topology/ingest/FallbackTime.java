package id.go.bkn.asn.topology.ingest;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The record times the input extractors give: a record's own timestamp (else the partition's) for a
 * value without a usable event time, and an event time capped at that timestamp otherwise.
 */
final class FallbackTime {

  private FallbackTime() {}

  /**
   * The event time, or the record's own time if that is earlier. The record's own timestamp is when
   * it was produced (or appended to the log), so an event time after it lies in the future of the
   * producer's clock: as a record time it would move stream time ahead of every other record of the
   * task and be copied onto every record derived from it, where the broker may refuse it. Earlier
   * event times are kept: reading a backlog in event-time order is what keeps the as-of roster join
   * right. The event time itself stays in the value, for the app's own clocks.
   */
  static long capped(
      final long eventTime, final ConsumerRecord<Object, Object> record, final long partitionTime) {
    return Math.min(eventTime, of(record, partitionTime));
  }

  static long of(final ConsumerRecord<Object, Object> record, final long partitionTime) {
    if (record.timestamp() >= 0) {
      return record.timestamp();
    }
    return Math.max(partitionTime, 0L);
  }
}
