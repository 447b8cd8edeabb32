package id.go.bkn.asn.topology;

import id.go.bkn.asn.metrics.PipelineEvents;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Metrics hooks that remember what they were told, for tests. */
final class RecordingEvents implements PipelineEvents {

  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private final List<Duration> delays = new CopyOnWriteArrayList<>();

  @Override
  public void count(final String topic, final Outcome outcome) {
    counts.computeIfAbsent(topic + "/" + outcome, k -> new AtomicLong()).incrementAndGet();
  }

  @Override
  public void delay(final Duration delay) {
    delays.add(delay);
  }

  long counted(final String topic, final Outcome outcome) {
    final AtomicLong count = counts.get(topic + "/" + outcome);
    return count == null ? 0 : count.get();
  }

  List<Duration> delays() {
    return delays;
  }
}
