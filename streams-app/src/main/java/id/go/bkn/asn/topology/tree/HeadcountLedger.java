package id.go.bkn.asn.topology.tree;

import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The active headcount of every unit subtree of a task's trees over time, in {@code
 * tree-headcount-changes}, as one small entry per fact so that a roster change costs O(depth)
 * constant-size writes however large the tree (loading a roster of N employees is linear):
 *
 * <ul>
 *   <li>{@code N|unitId} -> the current headcount, every change processed so far applied;
 *   <li>{@code C|unitId|time} -> the sum of the changes effective at that time (a 16-digit hex form
 *       of the epoch millis whose order is the time order), kept only while some window still to
 *       close may need to see it or not.
 * </ul>
 *
 * <p>The headcount as of an instant is the current one minus the changes effective at or after it:
 * one range read of the unit's pending changes from that instant on (those of the open windows and
 * the versions dated ahead), never a whole list rewritten. Changes before every unclosed window's
 * start are never asked apart: they are not kept as entries, and those kept from before are deleted
 * in bounded chunks ({@link #foldBefore}).
 */
final class HeadcountLedger {

  /** Prefix of the current headcounts. */
  private static final String NOW = "N" + TreeKeys.SEP;

  /** Prefix of the pending changes. */
  static final String CHANGES = "C" + TreeKeys.SEP;

  /** Sorts after every hex digit: the end of a unit's range of changes. */
  private static final String AFTER_TIMES = "~";

  private final KeyValueStore<String, Integer> store;
  private final ChunkedDeletes deletes;

  HeadcountLedger(final KeyValueStore<String, Integer> store, final ChunkedDeletes deletes) {
    this.store = store;
    this.deletes = deletes;
  }

  /**
   * Adds a change effective at {@code at} to every unit of the chain; it is kept apart only if it
   * is not before {@code foldBefore} (the earliest start an unclosed window can have).
   */
  void change(final List<String> chain, final long at, final int delta, final long foldBefore) {
    for (final String unitId : chain) {
      final String now = NOW + unitId;
      final Integer current = store.get(now);
      store.put(now, (current == null ? 0 : current) + delta);
      if (at >= foldBefore) {
        final String key = changeKey(unitId, at);
        final Integer stored = store.get(key);
        final int sum = (stored == null ? 0 : stored) + delta;
        if (sum == 0) {
          store.delete(key);
        } else {
          store.put(key, sum);
        }
      }
    }
  }

  /** Active employees of the unit's subtree as of the instant (changes before it applied). */
  int asOf(final String unitId, final long instant) {
    final Integer current = store.get(NOW + unitId);
    int count = current == null ? 0 : current;
    try (KeyValueIterator<String, Integer> it =
        store.range(changeKey(unitId, instant), CHANGES + unitId + TreeKeys.SEP + AFTER_TIMES)) {
      while (it.hasNext()) {
        final KeyValue<String, Integer> change = it.next();
        count -= change.value;
      }
    }
    return Math.max(0, count);
  }

  /** Active employees of the unit's subtree with every processed change applied. */
  int current(final String unitId) {
    final Integer current = store.get(NOW + unitId);
    return current == null ? 0 : Math.max(0, current);
  }

  /**
   * Forgets the pending changes before the horizon, which no unclosed window can see apart: queued
   * as a chunked delete, so that the first close after a roster load does not delete a whole
   * roster's entries in one transaction.
   */
  void foldBefore(final long horizon) {
    deletes.deleteBefore(TreeStores.HEADCOUNT, CHANGES, horizon);
  }

  /** The key of the unit's changes effective at the instant. */
  static String changeKey(final String unitId, final long at) {
    return CHANGES + unitId + TreeKeys.SEP + ChunkedDeletes.timeKey(at);
  }
}
