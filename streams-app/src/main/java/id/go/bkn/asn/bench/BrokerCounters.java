package id.go.bkn.asn.bench;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * What the broker has appended, per topic: bytes and records, from the broker's own {@code
 * kafka.server:type=BrokerTopicMetrics} meters ({@code BytesInPerSec}, {@code MessagesInPerSec};
 * their {@code Count} is the running total). Readable only when the broker runs in this process
 * (the embedded broker); against another cluster {@link #available()} is false and the bench says
 * so instead of a figure.
 */
final class BrokerCounters {

  /** Bytes and records appended to one topic so far. */
  record Written(long bytes, long records) {
    Written minus(final Written before) {
      return new Written(bytes - before.bytes, records - before.records);
    }
  }

  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

  /** Whether the broker's meters are in this JVM. */
  boolean available() {
    return !server
        .queryNames(pattern("kafka.server:type=BrokerTopicMetrics,name=BytesInPerSec,*"), null)
        .isEmpty();
  }

  /** Every topic's totals now. */
  Map<String, Written> snapshot() {
    final Map<String, Written> totals = new TreeMap<>();
    final Map<String, Long> bytes = counts("BytesInPerSec");
    final Map<String, Long> records = counts("MessagesInPerSec");
    for (final Map.Entry<String, Long> entry : bytes.entrySet()) {
      totals.put(
          entry.getKey(), new Written(entry.getValue(), records.getOrDefault(entry.getKey(), 0L)));
    }
    return totals;
  }

  /** What was appended between two snapshots, per topic (topics with nothing new left out). */
  static Map<String, Written> delta(
      final Map<String, Written> before, final Map<String, Written> after) {
    final Map<String, Written> delta = new TreeMap<>();
    after.forEach(
        (topic, now) -> {
          final Written written = now.minus(before.getOrDefault(topic, new Written(0, 0)));
          if (written.bytes() > 0 || written.records() > 0) {
            delta.put(topic, written);
          }
        });
    return delta;
  }

  private Map<String, Long> counts(final String meter) {
    final Map<String, Long> counts = new TreeMap<>();
    for (final ObjectName name :
        server.queryNames(
            pattern("kafka.server:type=BrokerTopicMetrics,name=" + meter + ",topic=*"), null)) {
      try {
        counts.put(
            name.getKeyProperty("topic"),
            ((Number) server.getAttribute(name, "Count")).longValue());
      } catch (final javax.management.JMException e) {
        throw new IllegalStateException("cannot read " + name + ": " + e.getMessage(), e);
      }
    }
    return counts;
  }

  private static ObjectName pattern(final String text) {
    try {
      return new ObjectName(text);
    } catch (final javax.management.MalformedObjectNameException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
