package id.go.bkn.asn.metrics;

import java.time.Duration;
import java.util.Locale;

/**
 * What the topology tells the metrics about each input event ({@code asn_pipeline_events_total} and
 * {@code asn_pipeline_event_delay_seconds} of CONTRACT.md section 6). Implementations must be cheap
 * and thread-safe: they are called once per record.
 */
public interface PipelineEvents {

  /** The outcome label of {@code asn_pipeline_events_total}. */
  enum Outcome {
    ACCEPTED,
    DUPLICATE,
    DEAD_LETTER,
    LATE;

    /** The label value, as the contract writes it. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One event of {@code topic} had this outcome. */
  void count(String topic, Outcome outcome);

  /** Processing time minus occurredAt of an accepted event. */
  void delay(Duration delay);

  /** Counts nothing: for tests that do not look at metrics. */
  PipelineEvents NONE =
      new PipelineEvents() {
        @Override
        public void count(final String topic, final Outcome outcome) {}

        @Override
        public void delay(final Duration delay) {}
      };
}
