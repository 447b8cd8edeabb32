package id.go.bkn.asn.simulator.kafka;

import id.go.bkn.asn.simulator.SimulatedClock;
import id.go.bkn.asn.simulator.Simulation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Paces the simulator: every tick it lets the generator catch up with simulated time, at most
 * {@code rate} events per second of wall clock, so that {@code --speed} sets how fast simulated
 * time runs and {@code --rate} how hard the cluster is driven. Stops when asked, after a duration
 * or after a number of events.
 */
public final class SimulationDriver {

  /** How often the driver wakes up; small enough for a smooth rate, large enough to batch. */
  static final Duration TICK = Duration.ofMillis(100);

  /** Sleeps between ticks; tests replace it with a fake that advances a fake clock. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final Simulation generator;
  private final SimulatedClock simulated;
  private final Clock wall;
  private final double rate;
  private final Sleeper sleeper;

  public SimulationDriver(
      final Simulation generator,
      final SimulatedClock simulated,
      final Clock wall,
      final double rate,
      final Sleeper sleeper) {
    if (!(rate > 0)) {
      throw new IllegalArgumentException("rate must be positive, got " + rate);
    }
    this.generator = generator;
    this.simulated = simulated;
    this.wall = wall;
    this.rate = rate;
    this.sleeper = sleeper;
  }

  /**
   * Runs until {@code stop} says so, {@code maxDuration} of wall clock has passed or {@code
   * maxEvents} events were generated (0 or null: no limit).
   *
   * @return how many events were generated
   */
  public long run(final Duration maxDuration, final long maxEvents, final BooleanSupplier stop)
      throws InterruptedException {
    return run(maxDuration, maxEvents, stop, () -> {});
  }

  /** The same, calling {@code afterTick} on the driver's thread after every tick. */
  public long run(
      final Duration maxDuration,
      final long maxEvents,
      final BooleanSupplier stop,
      final Runnable afterTick)
      throws InterruptedException {
    final Instant started = wall.instant();
    Instant last = started;
    double allowance = rate * TICK.toMillis() / 1000.0;
    long events = 0;
    while (!stop.getAsBoolean()) {
      final Instant now = wall.instant();
      if (maxDuration != null && !now.isBefore(started.plus(maxDuration))) {
        break;
      }
      // Never more than a second's worth after a pause, so a stall is not followed by a burst.
      allowance =
          Math.min(rate, allowance + rate * Duration.between(last, now).toMillis() / 1000.0);
      last = now;
      int budget = (int) Math.floor(allowance);
      if (maxEvents > 0) {
        budget = (int) Math.min(budget, maxEvents - events);
      }
      final int emitted = budget > 0 ? generator.advanceTo(simulated.now(), budget) : 0;
      allowance -= emitted;
      events += emitted;
      afterTick.run();
      if (maxEvents > 0 && events >= maxEvents) {
        break;
      }
      sleeper.sleep(TICK);
    }
    return events;
  }
}
