package id.go.bkn.asn.simulator;

import java.util.Locale;

/**
 * Deterministic, unique event ids: {@code sim-<8 hex digits of the seed>-<stream><counter>}, e.g.
 * {@code sim-3fa2c4d1-e1041}. The same seed gives the same ids, so a replay of a simulation is
 * recognised as duplicates downstream; the stream letter keeps the injector's ids ({@code x}) apart
 * from the clean events' ({@code e}). Cheap: one string concatenation per id.
 */
final class EventIds {

  private final String prefix;
  private long next;

  EventIds(final long seed, final char stream) {
    this.prefix =
        String.format(Locale.ROOT, "sim-%08x-", (int) Seeds.mix(seed, Seeds.EVENT_IDS, 0)) + stream;
  }

  /** The next id. */
  String next() {
    return prefix + next++;
  }

  /** How many ids were handed out. */
  long count() {
    return next;
  }
}
