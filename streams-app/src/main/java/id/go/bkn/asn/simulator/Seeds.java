package id.go.bkn.asn.simulator;

import java.util.SplittableRandom;

/**
 * Derives an independent random stream per purpose (roster, profiles, planning, each run, bad
 * input...) from the one seed, so that adding draws in one place never shifts another: with bad
 * input switched on, the clean events stay byte for byte the same.
 */
final class Seeds {

  static final long ROSTER = 1;
  static final long PROFILES = 2;
  static final long PLANNER = 3;
  static final long RUNS = 4;
  static final long TRANSFERS = 5;
  static final long BAD_INPUT = 6;
  static final long EVENT_IDS = 7;

  private Seeds() {}

  /** A random stream for a purpose (and an optional index within it, e.g. the run number). */
  static SplittableRandom random(final long seed, final long purpose, final long index) {
    return new SplittableRandom(mix(seed, purpose, index));
  }

  /** A well-mixed 64-bit value of the inputs (murmur3's finaliser over a golden-ratio sum). */
  static long mix(final long seed, final long purpose, final long index) {
    long z = seed + purpose * 0x9E3779B97F4A7C15L + index * 0xC2B2AE3D27D4EB4FL;
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
