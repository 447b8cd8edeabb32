package id.go.bkn.asn.simulator;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Simulated time: starts at {@code from} when the clock is created, runs {@code speed} times faster
 * than the given wall clock, and is never ahead of it: once it catches up it follows the wall clock
 * at its pace. It never goes backwards, even if the wall clock does (an NTP step), because the
 * generator has already emitted events up to the last value. The wall clock is injected, so tests
 * drive it by hand and never sleep.
 */
public final class SimulatedClock {

  private final Clock wall;
  private final long fromMillis;
  private final long wallStartMillis;
  private final double speed;
  private long last;

  /**
   * A simulated clock starting now (by the wall clock) at {@code from}.
   *
   * @param from start of simulated time, not after the wall clock's now
   * @param speed at least 1
   * @param wall the wall clock
   */
  public SimulatedClock(final Instant from, final double speed, final Clock wall) {
    this.wall = Objects.requireNonNull(wall, "wall");
    Objects.requireNonNull(from, "from");
    if (!(speed >= 1) || !Double.isFinite(speed)) {
      throw new IllegalArgumentException("speed must be a finite number >= 1, got " + speed);
    }
    this.wallStartMillis = wall.millis();
    if (from.toEpochMilli() > wallStartMillis) {
      throw new IllegalArgumentException(
          "from " + from + " is ahead of the wall clock " + Instant.ofEpochMilli(wallStartMillis));
    }
    this.fromMillis = from.toEpochMilli();
    this.speed = speed;
    this.last = fromMillis;
  }

  /** A simulated clock for a config's from and speed. */
  public static SimulatedClock of(final SimulationConfig config, final Clock wall) {
    return new SimulatedClock(config.from(), config.speed(), wall);
  }

  /** The current simulated time. */
  public synchronized Instant now() {
    final long wallNow = wall.millis();
    final double elapsed = Math.max(0, wallNow - wallStartMillis) * speed;
    // Capped by wallNow before the cast: a huge speed cannot overflow past the wall clock.
    final long simulated = (long) Math.min((double) fromMillis + elapsed, (double) wallNow);
    last = Math.max(last, simulated);
    return Instant.ofEpochMilli(last);
  }

  /** Whether simulated time has caught up with the wall clock (and now runs at its pace). */
  public boolean caughtUp() {
    return now().toEpochMilli() >= wall.millis();
  }
}
