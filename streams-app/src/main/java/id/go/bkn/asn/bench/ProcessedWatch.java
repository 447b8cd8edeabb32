package id.go.bkn.asn.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.common.Metric;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Notes when the threads of one or more Streams clients (the instances of one application id) have
 * processed a number of records in all, from their own {@code process-total} metrics (group {@code
 * stream-thread-metrics}), read every 20 ms. The baselines move tens of thousands of records a
 * second, so the drain's committed offsets, which move once per commit interval, would measure them
 * to within a second of a phase lasting a few; this says when the last record went through, and the
 * commit after it is reported beside.
 */
final class ProcessedWatch implements AutoCloseable {

  private final List<KafkaStreams> clients;
  private final long expected;
  private final AtomicLong done = new AtomicLong();
  private final Thread thread;
  private volatile boolean stop;

  ProcessedWatch(final List<KafkaStreams> clients, final long expected) {
    this.clients = List.copyOf(clients);
    this.expected = expected;
    this.thread = new Thread(this::watch, "bench-processed-watch");
    thread.setDaemon(true);
    thread.start();
  }

  /** {@link System#nanoTime()} when the count was reached, or 0 if it has not been. */
  long doneNanos() {
    return done.get();
  }

  private void watch() {
    List<Metric> counters = List.of();
    long refreshed = 0;
    while (!stop && done.get() == 0) {
      final long now = System.nanoTime();
      // Reading every metric is costly; the list of thread counters is refreshed once a second.
      if (now - refreshed > 1_000_000_000L) {
        counters = counters();
        refreshed = now;
      }
      double total = 0;
      for (final Metric metric : counters) {
        if (metric.metricValue() instanceof Number number) {
          total += number.doubleValue();
        }
      }
      if (total >= expected) {
        done.set(System.nanoTime());
      }
      LockSupport.parkNanos(20_000_000L);
    }
  }

  private List<Metric> counters() {
    final List<Metric> found = new ArrayList<>();
    for (final KafkaStreams streams : clients) {
      found.addAll(processTotals(streams));
    }
    return found;
  }

  /** The {@code process-total} counters of a client's stream threads. */
  static List<Metric> processTotals(final KafkaStreams streams) {
    final List<Metric> found = new ArrayList<>();
    streams
        .metrics()
        .forEach(
            (name, metric) -> {
              if ("stream-thread-metrics".equals(name.group())
                  && "process-total".equals(name.name())) {
                found.add(metric);
              }
            });
    return found;
  }

  /** The records a client's stream threads have processed so far. */
  static long processed(final KafkaStreams streams) {
    double total = 0;
    for (final Metric metric : processTotals(streams)) {
      if (metric.metricValue() instanceof Number number) {
        total += number.doubleValue();
      }
    }
    return (long) total;
  }

  @Override
  public void close() throws InterruptedException {
    stop = true;
    thread.join(1_000);
  }
}
