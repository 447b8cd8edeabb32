package id.go.bkn.asn.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.simulator.kafka.SimulationDriver;
import id.go.bkn.asn.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SimulationDriverTest {

  private static final Instant WALL = Instant.parse("2026-11-28T06:00:00Z");

  private final MutableClock wall = new MutableClock(WALL);

  private SimulationDriver driver(final RecordingSink sink, final double speed, final double rate) {
    final SimulationConfig config =
        SimulationConfig.startingAt(WALL.minus(Duration.ofDays(56))).withSpeed(speed);
    final EventGenerator generator = EventGenerator.create(config, sink);
    final SimulatedClock simulated = new SimulatedClock(config.from(), speed, wall);
    return new SimulationDriver(generator, simulated, wall, rate, wall::advance);
  }

  @Test
  void shouldKeepToTheRateWhenSimulatedTimeHasMoreEventsThanAllowed() throws Exception {
    final RecordingSink sink = new RecordingSink();

    final long events = driver(sink, 100_000, 50).run(Duration.ofSeconds(10), 0, () -> false);

    // 10 s at 50/s, plus the first tick's allowance.
    assertThat(events).isBetween(495L, 505L);
    assertThat(sink.enrollments.size() + sink.attendance.size() + sink.feedback.size())
        .isEqualTo((int) events);
  }

  @Test
  void shouldNeverGenerateBeyondSimulatedTimeWhenRateIsHigh() throws Exception {
    final RecordingSink sink = new RecordingSink();

    driver(sink, 1, 1_000_000).run(Duration.ofSeconds(5), 0, () -> false);

    final Instant simulatedNow = WALL.minus(Duration.ofDays(56)).plusSeconds(5);
    assertThat(sink.attendance)
        .allSatisfy(a -> assertThat(a.getOccurredAt()).isBeforeOrEqualTo(simulatedNow));
  }

  @Test
  void shouldStopAtTheEventCountWhenOneIsGiven() throws Exception {
    final RecordingSink sink = new RecordingSink();

    final long events = driver(sink, 100_000, 1_000).run(null, 123, () -> false);

    assertThat(events).isEqualTo(123);
  }

  @Test
  void shouldStopWhenAsked() throws Exception {
    final RecordingSink sink = new RecordingSink();

    final long events = driver(sink, 100_000, 1_000).run(null, 0, () -> true);

    assertThat(events).isZero();
  }
}
