package id.go.bkn.asn.topology.tree;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * What the tree stage has to publish: the keys of the figures changed since their last record (the
 * dirty set), in key order, across the task's tracked stores ({@link TrackedStore}), in the key
 * forms of {@link TreeKeys}.
 *
 * <p>Held in memory only. The mark that survives a restart is the {@link Tracked#dirty} flag in the
 * figure's own entry, written with the change that set it; {@link TrackedStore#indexDirty} rebuilds
 * this set from those flags when the task starts (after its stores are restored, so under
 * exactly_once_v2 it is the set as of the last commit). The set holds the keys changed within an
 * emit interval, not the task's state.
 */
final class EmissionLog {

  private final NavigableSet<String> dirty = new TreeSet<>();

  /** Marks the key as changed since its last record. */
  void markDirty(final String key) {
    dirty.add(key);
  }

  /** Forgets that the key changed. */
  void clearDirty(final String key) {
    dirty.remove(key);
  }

  /** Forgets every key starting with the prefix (a closed period's, about to be deleted). */
  void clearDirtyPrefix(final String prefix) {
    dirty.subSet(prefix, true, prefix + TreeKeys.AFTER_ALL, false).clear();
  }

  /** Whether the key changed since its last record. */
  boolean isDirty(final String key) {
    return dirty.contains(key);
  }

  /** How many keys changed since their last record. */
  int size() {
    return dirty.size();
  }

  /**
   * At most {@code limit} dirty keys starting with the prefix, after {@code after} (from the first
   * when null), in key order.
   */
  List<String> dirtyKeys(final String prefix, final String after, final int limit) {
    final NavigableSet<String> range =
        after == null
            ? dirty.subSet(prefix, true, prefix + TreeKeys.AFTER_ALL, false)
            : dirty.subSet(after, false, prefix + TreeKeys.AFTER_ALL, false);
    final List<String> keys = new ArrayList<>();
    for (final String key : range) {
      if (keys.size() >= limit) {
        break;
      }
      if (key.startsWith(prefix)) {
        keys.add(key);
      }
    }
    return keys;
  }

  /**
   * Takes at most {@code limit} keys of the dirty set after {@code after} (from the first when
   * null), in key order: an emission goes through the set a bounded number per call, each key at
   * most once (a key dirtied again behind it waits for the next emission). Fewer than {@code limit}
   * when no key after them is left. The caller writes each key's record, which clears its flag.
   */
  List<String> drainDirty(final String after, final int limit) {
    final List<String> keys = new ArrayList<>();
    final Iterator<String> it = (after == null ? dirty : dirty.tailSet(after, false)).iterator();
    while (it.hasNext() && keys.size() < limit) {
      keys.add(it.next());
      it.remove();
    }
    return keys;
  }
}
