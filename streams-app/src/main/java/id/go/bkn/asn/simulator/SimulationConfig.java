package id.go.bkn.asn.simulator;

import id.go.bkn.asn.function.JakartaCalendar;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * Everything that shapes a simulation, validated once at construction with messages that name the
 * setting: the same config (seed included) always gives the same records, byte for byte. {@code
 * from} is an instant so that tests can pin it; {@link #defaults(Clock)} starts on the Friday on or
 * before eight weeks before the clock's today (00:00 WIB). {@code rate} is not used by the
 * generator itself: it is carried here for whoever paces the generator (events per second).
 *
 * @param seed the random seed
 * @param from start of simulated time, in 2020-2099 (the roster's dates are derived from its year)
 * @param speed how many times faster than the wall clock simulated time runs until it catches up
 *     (at least 1)
 * @param rate events per second the driver should aim for (positive)
 * @param pnsCount number of PNS in the synthetic roster (500-500,000)
 * @param pppkCount number of PPPK (0 up to pnsCount)
 * @param transfersPerWeek mean number of transfers between units per simulated week (0-1,000)
 * @param badInput the bad-input rates, all zero by default
 */
public record SimulationConfig(
    long seed,
    Instant from,
    double speed,
    double rate,
    int pnsCount,
    int pppkCount,
    double transfersPerWeek,
    BadInputRates badInput) {

  /** The CLI's default seed. */
  public static final long DEFAULT_SEED = 20261128L;

  /** About 5,000 PNS in Kota Serang (an assumption of reference/DOMAIN.md). */
  public static final int DEFAULT_PNS = 5_000;

  /** 3,809 PPPK were sworn in on 2025-10-23 (reference/DOMAIN.md); rounded. */
  public static final int DEFAULT_PPPK = 3_800;

  /** A few transfers a week keeps the roster's history non-trivial without churning it. */
  public static final double DEFAULT_TRANSFERS_PER_WEEK = 2.0;

  /** The CLI's default pace. */
  public static final double DEFAULT_RATE = 200.0;

  /** How far before now the default simulation starts. */
  public static final int DEFAULT_WEEKS_BACK = 8;

  /** Checks every setting and names the first bad one. */
  public SimulationConfig {
    Objects.requireNonNull(from, "from must be set");
    Objects.requireNonNull(badInput, "badInput must be set (BadInputRates.NONE for none)");
    final int year = JakartaCalendar.yearOf(from);
    if (year < 2020 || year > 2099) {
      throw new IllegalArgumentException("from must lie in 2020-2099 (WIB), got " + from);
    }
    if (!(speed >= 1) || !Double.isFinite(speed)) {
      throw new IllegalArgumentException("speed must be a finite number >= 1, got " + speed);
    }
    if (!(rate > 0) || !Double.isFinite(rate)) {
      throw new IllegalArgumentException(
          "rate must be a positive number of events per second, got " + rate);
    }
    if (pnsCount < 500 || pnsCount > 500_000) {
      throw new IllegalArgumentException("pnsCount must be 500-500000, got " + pnsCount);
    }
    if (pppkCount < 0 || pppkCount > pnsCount) {
      throw new IllegalArgumentException(
          "pppkCount must be between 0 and pnsCount (" + pnsCount + "), got " + pppkCount);
    }
    if (!(transfersPerWeek >= 0 && transfersPerWeek <= 1_000)) {
      throw new IllegalArgumentException(
          "transfersPerWeek must be between 0 and 1000, got " + transfersPerWeek);
    }
  }

  /**
   * The defaults: seed 20261128, speed 1, no bad input, starting on the Friday on or before the day
   * eight weeks before today (WIB). Starting on a Friday makes the first week close (Monday plus
   * the 48-hour grace) five simulated days in, under four minutes at {@code --speed 2000}, whatever
   * the weekday the demo is started on; that first week holds only a Friday and a weekend.
   */
  public static SimulationConfig defaults(final Clock clock) {
    final LocalDate today = JakartaCalendar.dateOf(clock.instant());
    return startingAt(
        today
            .minusWeeks(DEFAULT_WEEKS_BACK)
            .with(TemporalAdjusters.previousOrSame(DayOfWeek.FRIDAY))
            .atStartOfDay(JakartaCalendar.ZONE)
            .toInstant());
  }

  /** The defaults, starting at the given instant. */
  public static SimulationConfig startingAt(final Instant from) {
    return new SimulationConfig(
        DEFAULT_SEED,
        from,
        1.0,
        DEFAULT_RATE,
        DEFAULT_PNS,
        DEFAULT_PPPK,
        DEFAULT_TRANSFERS_PER_WEEK,
        BadInputRates.NONE);
  }

  /** Total roster size. */
  public int rosterSize() {
    return pnsCount + pppkCount;
  }

  /** This config with another seed. */
  public SimulationConfig withSeed(final long newSeed) {
    return new SimulationConfig(
        newSeed, from, speed, rate, pnsCount, pppkCount, transfersPerWeek, badInput);
  }

  /** This config with another start. */
  public SimulationConfig withFrom(final Instant newFrom) {
    return new SimulationConfig(
        seed, newFrom, speed, rate, pnsCount, pppkCount, transfersPerWeek, badInput);
  }

  /** This config with another speed. */
  public SimulationConfig withSpeed(final double newSpeed) {
    return new SimulationConfig(
        seed, from, newSpeed, rate, pnsCount, pppkCount, transfersPerWeek, badInput);
  }

  /** This config with another rate. */
  public SimulationConfig withRate(final double newRate) {
    return new SimulationConfig(
        seed, from, speed, newRate, pnsCount, pppkCount, transfersPerWeek, badInput);
  }

  /** This config with another roster size. */
  public SimulationConfig withRoster(final int pns, final int pppk) {
    return new SimulationConfig(seed, from, speed, rate, pns, pppk, transfersPerWeek, badInput);
  }

  /** This config with another transfer rate. */
  public SimulationConfig withTransfersPerWeek(final double perWeek) {
    return new SimulationConfig(seed, from, speed, rate, pnsCount, pppkCount, perWeek, badInput);
  }

  /** This config with other bad-input rates. */
  public SimulationConfig withBadInput(final BadInputRates rates) {
    return new SimulationConfig(
        seed, from, speed, rate, pnsCount, pppkCount, transfersPerWeek, rates);
  }
}
