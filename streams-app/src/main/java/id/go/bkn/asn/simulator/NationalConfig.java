package id.go.bkn.asn.simulator;

import id.go.bkn.asn.function.JakartaCalendar;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The national profile's settings: about 550 trees (central ministries and agencies, provinces,
 * kabupaten and kota) and 4.7 million ASN by default, with about 120 million training events a year
 * at full size (the event rate scales with the roster). Validated at construction; the same config
 * gives the same records.
 *
 * @param seed the random seed
 * @param from start of simulated time, in 2020-2099
 * @param employees roster size over all trees (10,000 - 13,000,000)
 */
public record NationalConfig(long seed, Instant from, int employees) {

  /** ASN in Indonesia, rounded (BKN statistics, 2025). */
  public static final int DEFAULT_EMPLOYEES = 4_700_000;

  /** Training events a year at the default size (the national figure). */
  public static final double EVENTS_PER_YEAR = 120_000_000.0;

  /** The largest roster employee ids stay unique for (see {@link NationalReference}). */
  public static final int MAX_EMPLOYEES = 13_000_000;

  public NationalConfig {
    Objects.requireNonNull(from, "from must be set");
    final int year = JakartaCalendar.yearOf(from);
    if (year < 2020 || year > 2099) {
      throw new IllegalArgumentException("from must lie in 2020-2099 (WIB), got " + from);
    }
    if (employees < 10_000 || employees > MAX_EMPLOYEES) {
      throw new IllegalArgumentException(
          "the national roster must have 10000-" + MAX_EMPLOYEES + " employees, got " + employees);
    }
  }

  /** The default size and seed, from the same default start as the Kota Serang profile. */
  public static NationalConfig defaults(final Clock clock) {
    return new NationalConfig(
        SimulationConfig.DEFAULT_SEED, SimulationConfig.defaults(clock).from(), DEFAULT_EMPLOYEES);
  }

  /** Mean events per simulated second over the year, for this roster. */
  public double eventsPerSecond() {
    return EVENTS_PER_YEAR * employees / DEFAULT_EMPLOYEES / (365.25 * 86_400);
  }

  public NationalConfig withSeed(final long newSeed) {
    return new NationalConfig(newSeed, from, employees);
  }

  public NationalConfig withFrom(final Instant newFrom) {
    return new NationalConfig(seed, newFrom, employees);
  }

  public NationalConfig withEmployees(final int count) {
    return new NationalConfig(seed, from, count);
  }
}
