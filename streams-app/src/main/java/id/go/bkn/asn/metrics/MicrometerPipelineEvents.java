package id.go.bkn.asn.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link PipelineEvents} on Micrometer: {@code asn_pipeline_events_total{topic,outcome}} and the
 * histogram {@code asn_pipeline_event_delay_seconds}. Topic labels come from the input topics only,
 * a bounded set. Counters are cached so a record costs a map lookup, not a registry lookup.
 */
public final class MicrometerPipelineEvents implements PipelineEvents {

  private static final String EVENTS = "asn.pipeline.events";

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final DistributionSummary delay;

  public MicrometerPipelineEvents(final MeterRegistry registry) {
    this.registry = registry;
    this.delay =
        DistributionSummary.builder("asn.pipeline.event.delay")
            .baseUnit("seconds")
            .description("Processing time minus occurredAt of accepted events")
            .serviceLevelObjectives(1, 5, 30, 60, 300, 900, 3600, 21_600, 86_400, 172_800)
            .register(registry);
  }

  @Override
  public void count(final String topic, final Outcome outcome) {
    counters
        .computeIfAbsent(
            topic + '\u0000' + outcome.label(),
            k ->
                Counter.builder(EVENTS)
                    .description("Input events by topic and outcome")
                    .tag("topic", topic)
                    .tag("outcome", outcome.label())
                    .register(registry))
        .increment();
  }

  /**
   * What the counters of a registry say so far, summed over topics: every outcome is present, zero
   * before its first event.
   */
  public static Map<Outcome, Long> totals(final MeterRegistry registry) {
    final Map<Outcome, Long> totals = new EnumMap<>(Outcome.class);
    for (final Outcome outcome : Outcome.values()) {
      final double sum =
          registry.find(EVENTS).tag("outcome", outcome.label()).counters().stream()
              .mapToDouble(Counter::count)
              .sum();
      totals.put(outcome, Math.round(sum));
    }
    return totals;
  }

  @Override
  public void delay(final Duration value) {
    delay.record(Math.max(0, value.toMillis()) / 1000.0);
  }
}
