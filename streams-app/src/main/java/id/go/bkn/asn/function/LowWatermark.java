package id.go.bkn.asn.function;

import java.time.Instant;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * The event time every sender has passed: the minimum of the latest watermark of each sender
 * partition 0..senders-1. A stage that receives watermarks from several upstream tasks may only
 * close what the slowest of them has passed, and while any sender has not reported yet nothing is
 * known to be passed at all. A sender that says it is idle (it has had no input for a while) holds
 * nobody back: waiting for it would stop the stage for as long as its partition stays empty.
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

  /**
   * The minimum over the senders that are not idle; empty while a sender has neither a watermark
   * nor an idle report, and when every sender is idle (then the caller decides, e.g. by the wall
   * clock).
   *
   * @param latest the latest watermark (epoch millis) of a sender partition, or null if none yet
   * @param idle whether a sender's latest report says it is idle
   * @param senders how many sender partitions there are
   */
  public static Optional<Instant> ofActive(
      final IntFunction<Long> latest, final IntPredicate idle, final int senders) {
    if (senders < 1) {
      return Optional.empty();
    }
    long minimum = Long.MAX_VALUE;
    boolean anyActive = false;
    for (int sender = 0; sender < senders; sender++) {
      if (idle.test(sender)) {
        continue;
      }
      final Long mark = latest.apply(sender);
      if (mark == null) {
        return Optional.empty();
      }
      anyActive = true;
      minimum = Math.min(minimum, mark);
    }
    return anyActive ? Optional.of(Instant.ofEpochMilli(minimum)) : Optional.empty();
  }

  /** Whether every one of the senders says it is idle (false when there are none). */
  public static boolean allIdle(final IntPredicate idle, final int senders) {
    if (senders < 1) {
      return false;
    }
    for (int sender = 0; sender < senders; sender++) {
      if (!idle.test(sender)) {
        return false;
      }
    }
    return true;
  }
}
