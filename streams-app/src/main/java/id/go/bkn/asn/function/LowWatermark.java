package id.go.bkn.asn.function;

import java.time.Instant;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The event time every sender has passed: the minimum of the latest watermark of each sender
 * partition 0..senders-1. A stage that receives watermarks from several upstream tasks may only
 * close what the slowest of them has passed, and while any sender has not reported yet nothing is
 * known to be passed at all.
 */
public final class LowWatermark {

  private LowWatermark() {}

  /**
   * The minimum over all senders, or empty while a sender has not reported (or there are none).
   *
   * @param latest the latest watermark (epoch millis) of a sender partition, or null if none yet
   * @param senders how many sender partitions there are
   */
  public static Optional<Instant> of(final IntFunction<Long> latest, final int senders) {
    if (senders < 1) {
      return Optional.empty();
    }
    long minimum = Long.MAX_VALUE;
    for (int sender = 0; sender < senders; sender++) {
      final Long mark = latest.apply(sender);
      if (mark == null) {
        return Optional.empty();
      }
      minimum = Math.min(minimum, mark);
    }
    return Optional.of(Instant.ofEpochMilli(minimum));
  }
}
