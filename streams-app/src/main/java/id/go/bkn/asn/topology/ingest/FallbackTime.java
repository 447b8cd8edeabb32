package id.go.bkn.asn.topology.ingest;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The record times the input extractors give (docs/design/time.md). An event time at or before the
 * record's own timestamp (when it was produced or appended) is kept: reading a backlog in
 * event-time order across the roster and the event topics is what keeps the as-of roster join
 * right. A record whose event time lies after its own timestamp (the producer's future: an event
 * dated days ahead, a transfer scheduled for next month), or whose value has no usable event time
 * (a tombstone), gets the partition's time instead, so it is read in its place: it neither races
 * the task's stream time ahead nor, carrying a time far ahead of a backlog's event times, holds its
 * partition back until every other input of the task has caught up. Kafka's own
 * UsePartitionTimeOnInvalidTimestamp answers invalid timestamps the same way.
 */
final class FallbackTime {

  private FallbackTime() {}

  /** The event time if the record's own timestamp does not contradict it, else {@link #of}. */
  static long capped(
      final long eventTime, final ConsumerRecord<Object, Object> record, final long partitionTime) {
    if (record.timestamp() < 0 || eventTime <= record.timestamp()) {
      return eventTime;
    }
    return of(record, partitionTime);
  }

  /** The partition's time; before the partition has one, the record's own (never negative). */
  static long of(final ConsumerRecord<Object, Object> record, final long partitionTime) {
    if (partitionTime >= 0) {
      return partitionTime;
    }
    return Math.max(record.timestamp(), 0L);
  }
}
