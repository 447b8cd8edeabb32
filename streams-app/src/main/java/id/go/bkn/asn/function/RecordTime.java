package id.go.bkn.asn.function;

import java.time.Clock;

/**
 * The timestamp of a record the app writes whose natural time is an event time (a task clock, a
 * watermark, the time of the event it came from): that time, but never later than the wall clock.
 * Brokers refuse a timestamp more than {@code message.timestamp.after.max.ms} ahead of their clock
 * (one hour by default since Kafka 4.0), and a refused record aborts the transaction of an
 * exactly-once task, which then reads the same input again: an endless loop. Event times of
 * accepted events are at most the allowed clock skew ahead, but the skew is configurable, and a
 * bound that holds by construction is cheaper to trust. Times in the past are kept: every topic the
 * app writes such records to is compacted or never deleted by time (docs/design/time.md).
 */
public final class RecordTime {

  private RecordTime() {}

  /** The natural time, or the wall clock's now if that is earlier. */
  public static long atMost(final long natural, final Clock wall) {
    return Math.min(natural, wall.millis());
  }
}
