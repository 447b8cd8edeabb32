package id.go.bkn.asn.app;

import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.error.FailureBudget;
import id.go.bkn.asn.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class ThreadDeathPolicyTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T03:00:00Z"));
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @Test
  void shouldStopReplacingAndSayNotReadyWhenThreadsDieTooOftenInTheWindow() {
    final ThreadDeathPolicy policy = ThreadDeathPolicy.standard(clock, meters);
    final RuntimeException cause = new IllegalStateException("same record again");

    for (int i = 0; i < ThreadDeathPolicy.MAX_DEATHS; i++) {
      assertThat(policy.handle(cause)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
      clock.advance(Duration.ofMinutes(1));
    }
    assertThat(gauge()).isZero();

    assertThat(policy.handle(cause)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    assertThat(policy.stopped()).isTrue();
    assertThat(gauge()).isEqualTo(1.0);
    assertThat(meters.get("asn.pipeline.stream.thread.deaths").counter().count())
        .isEqualTo(ThreadDeathPolicy.MAX_DEATHS + 1.0);
  }

  @Test
  void shouldKeepReplacingWhenDeathsAreFarApart() {
    final ThreadDeathPolicy policy =
        new ThreadDeathPolicy(new FailureBudget(2, Duration.ofMinutes(10)), clock, meters);
    for (int i = 0; i < 10; i++) {
      assertThat(policy.handle(new IllegalStateException("rare")))
          .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
      clock.advance(Duration.ofMinutes(6));
    }
    assertThat(gauge()).isZero();
  }

  private double gauge() {
    return meters.get("asn.pipeline.thread.replacement.stopped").gauge().value();
  }
}
