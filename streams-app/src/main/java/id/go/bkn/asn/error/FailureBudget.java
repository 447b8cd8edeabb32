package id.go.bkn.asn.error;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * At most {@code max} failures within a sliding {@code window}: the bound that keeps a retry or a
 * thread replacement from looping for ever on a fault that is not transient. Written by hand: Kafka
 * Streams retries and replaces without a bound of its own. Thread-safe; the handlers that hold one
 * are shared by every stream thread of the instance.
 */
public final class FailureBudget {

  private final int max;
  private final long windowMillis;
  private final Deque<Long> failures = new ArrayDeque<>();

  /**
   * A budget.
   *
   * @param max how many failures the window may hold, at least 1
   * @param window how far back failures count, positive
   */
  public FailureBudget(final int max, final Duration window) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1: " + max);
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive: " + window);
    }
    this.max = max;
    this.windowMillis = window.toMillis();
  }

  /**
   * Records a failure at {@code now} (epoch millis) and says whether it is still within the budget:
   * true for the first {@code max} failures of any window, false from the one after.
   */
  public synchronized boolean spend(final long now) {
    while (!failures.isEmpty() && failures.peekFirst() <= now - windowMillis) {
      failures.removeFirst();
    }
    failures.addLast(now);
    return failures.size() <= max;
  }

  /** The failures counted in the window ending at {@code now}, the last one included. */
  public synchronized int spent(final long now) {
    return (int) failures.stream().filter(t -> t > now - windowMillis).count();
  }

  /** The most failures the window allows. */
  public int max() {
    return max;
  }

  /** The window. */
  public Duration window() {
    return Duration.ofMillis(windowMillis);
  }
}
