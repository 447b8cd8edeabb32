package id.go.bkn.asn.app;

import id.go.bkn.asn.error.FailureBudget;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when a stream thread dies of an exception no handler took (a bug, a fault that
 * outlasted its bounded retries): the thread is replaced, at most {@link #MAX_DEATHS} times within
 * {@link #WINDOW}. The death after that is taken as deterministic (a fresh thread would read the
 * same record and die again, for ever): the instance stops processing (SHUTDOWN_CLIENT, so {@code
 * /health/ready} answers 503), says why in one ERROR line, and sets the gauge {@code
 * asn_pipeline_thread_replacement_stopped} to 1, on which the alert {@code
 * AsnPipelineStoppedReplacingThreads} fires (runbook docs/runbooks/). Every death counts in {@code
 * asn_pipeline_stream_thread_deaths_total}. The process stays up, so its metrics and health remain
 * readable until an operator restarts it.
 */
final class ThreadDeathPolicy implements StreamsUncaughtExceptionHandler {

  /** Replacements allowed within {@link #WINDOW}. */
  static final int MAX_DEATHS = 3;

  /** The window over which deaths are counted. */
  static final Duration WINDOW = Duration.ofMinutes(10);

  private static final Logger LOG = LoggerFactory.getLogger(ThreadDeathPolicy.class);

  private final FailureBudget budget;
  private final Clock clock;
  private final Counter deaths;
  private final AtomicBoolean stopped = new AtomicBoolean();

  ThreadDeathPolicy(final FailureBudget budget, final Clock clock, final MeterRegistry meters) {
    this.budget = budget;
    this.clock = clock;
    this.deaths =
        Counter.builder("asn.pipeline.stream.thread.deaths")
            .description("Stream threads that died of an exception no handler took")
            .register(meters);
    Gauge.builder("asn.pipeline.thread.replacement.stopped", stopped, s -> s.get() ? 1 : 0)
        .description("1 once too many stream threads died in a short time and none is replaced")
        .register(meters);
  }

  /** The policy of the app: {@value #MAX_DEATHS} replacements within ten minutes. */
  static ThreadDeathPolicy standard(final Clock clock, final MeterRegistry meters) {
    return new ThreadDeathPolicy(new FailureBudget(MAX_DEATHS, WINDOW), clock, meters);
  }

  @Override
  public StreamThreadExceptionResponse handle(final Throwable exception) {
    deaths.increment();
    final long now = clock.millis();
    if (budget.spend(now)) {
      LOG.error(
          "A stream thread died ({} of {} replacements allowed within {}); replacing it",
          budget.spent(now),
          budget.max(),
          budget.window(),
          exception);
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
    stopped.set(true);
    LOG.error(
        "Stream threads died {} times within {}, so the fault is not transient: no thread is"
            + " replaced, the instance stops processing and reports not ready until restarted;"
            + " last cause: {}",
        budget.max() + 1,
        budget.window(),
        exception.toString());
    return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
  }

  /** True once the policy stopped replacing threads. */
  boolean stopped() {
    return stopped.get();
  }
}
