package id.go.bkn.asn.topology.tree;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What the tree stage has to publish and has published: the dirty set (what changed since the last
 * emission, in {@code tree-dirty}, holding the time of the first change since then) and the
 * revision of each output key (records written for it, in {@code tree-emitted}). Both use the key
 * forms of {@link TreeKeys}; a window's or year's entries are dropped when it closes, because its
 * FINAL record is the last one.
 */
final class EmissionLog {

  private final KeyValueStore<String, Integer> emitted;
  private final KeyValueStore<String, Long> dirty;

  EmissionLog(
      final KeyValueStore<String, Integer> emitted, final KeyValueStore<String, Long> dirty) {
    this.emitted = emitted;
    this.dirty = dirty;
  }

  /**
   * Marks the key as changed at the event time, once per emission: a key already dirty is not
   * written again (a read costs no changelog record, a put does; a busy unit-window would otherwise
   * write one record per event for every unit of the chain).
   */
  void markDirty(final String key, final long at) {
    if (dirty.get(key) == null) {
      dirty.put(key, at);
    }
  }

  /** Forgets that the key changed: nothing is to be written for it. */
  void clearDirty(final String key) {
    dirty.delete(key);
  }

  /** Whether the key changed since the last emission. */
  boolean isDirty(final String key) {
    return dirty.get(key) != null;
  }

  /**
   * At most {@code limit} dirty keys starting with the prefix, after {@code after} (from the first
   * when null), in key order.
   */
  List<String> dirtyKeys(final String prefix, final String after, final int limit) {
    if (after == null) {
      return StorePrefixes.keys(dirty, prefix, limit);
    }
    final List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, Long> it = dirty.range(after, prefix + TreeKeys.AFTER_ALL)) {
      while (it.hasNext() && keys.size() < limit) {
        final String key = it.next().key;
        if (!key.equals(after) && key.startsWith(prefix)) {
          keys.add(key);
        }
      }
    }
    return keys;
  }

  /**
   * Takes at most {@code limit} keys of the dirty set after {@code after} (from the first when
   * null), in key order: an emission goes through the set a bounded number per call, each key at
   * most once (a key dirtied again behind it waits for the next emission). Fewer than {@code limit}
   * when no key after them is left.
   */
  List<String> drainDirty(final String after, final int limit) {
    final List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, Long> it =
        after == null ? dirty.all() : dirty.range(after, TreeKeys.AFTER_ALL)) {
      while (it.hasNext() && keys.size() < limit) {
        final KeyValue<String, Long> entry = it.next();
        if (!entry.key.equals(after)) {
          keys.add(entry.key);
        }
      }
    }
    for (final String key : keys) {
      dirty.delete(key);
    }
    return keys;
  }

  /** The revision of a PROVISIONAL record about to be written for the key. */
  int nextRevision(final String key) {
    final Integer count = emitted.get(key);
    final int next = count == null ? 1 : count + 1;
    emitted.put(key, next);
    return next;
  }

  /** The revision of the key's FINAL record; forgets the key, which is never written again. */
  int finalRevision(final String key) {
    final Integer count = emitted.get(key);
    emitted.delete(key);
    dirty.delete(key);
    return count == null ? 1 : count + 1;
  }

  /** The records written so far for the key. */
  int revision(final String key) {
    final Integer count = emitted.get(key);
    return count == null ? 0 : count;
  }
}
