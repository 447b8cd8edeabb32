package id.go.bkn.asn.topology.tree;

import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A store of figures whose records the tree stage publishes, with each key's revision and changed
 * mark kept in the figure's entry ({@link Tracked}) and the changed keys indexed in the task's
 * {@link EmissionLog}. Every operation is O(1) store operations; only {@link #indexDirty} scans.
 *
 * @param <T> the figures' type
 */
final class TrackedStore<T> {

  private final KeyValueStore<String, Tracked<T>> store;
  private final EmissionLog log;

  TrackedStore(final KeyValueStore<String, Tracked<T>> store, final EmissionLog log) {
    this.store = store;
    this.log = log;
  }

  /** The figures under the key, or null. */
  T get(final String key) {
    final Tracked<T> entry = store.get(key);
    return entry == null ? null : entry.figures();
  }

  /**
   * The key's entry (figures, revision, mark), or null: read once by a caller that changes the
   * figures, and handed back to {@link #change(String, Tracked, Object)}, so the hot path reads and
   * decodes each entry once.
   */
  Tracked<T> read(final String key) {
    return store.get(key);
  }

  /** The entry's figures, or {@code empty} when there is no entry. */
  static <T> T figures(final Tracked<T> entry, final T empty) {
    return entry == null ? empty : entry.figures();
  }

  /**
   * Stores changed figures over {@code read}, the key's entry as {@link #read} returned it (null
   * when absent), marked changed since the key's last record.
   */
  void change(final String key, final Tracked<T> read, final T figures) {
    store.put(key, read == null ? new Tracked<>(figures, 0, true) : read.changed(figures));
    log.markDirty(key);
  }

  /**
   * Marks the key changed without new figures (a change elsewhere, such as its headcount, changes
   * its record); an absent key gets {@code empty} figures. Writes only when not marked yet.
   */
  void touch(final String key, final T empty) {
    final Tracked<T> entry = store.get(key);
    if (entry == null) {
      store.put(key, new Tracked<>(empty, 0, true));
    } else if (!entry.dirty()) {
      store.put(key, entry.changed(entry.figures()));
    }
    log.markDirty(key);
  }

  /** Stores figures whose record is not this task's to write: kept unmarked. */
  void putUnmarked(final String key, final T figures) {
    final Tracked<T> entry = store.get(key);
    store.put(key, entry == null ? new Tracked<>(figures, 0, false) : entry.unmarked(figures));
    log.clearDirty(key);
  }

  /** Takes the key's changed mark away (its record is written elsewhere, or not at all). */
  void clean(final String key) {
    clean(key, store.get(key));
  }

  /**
   * Takes the key's changed mark away, over {@code read}, the key's entry as {@link #read} returned
   * it (null when absent): for a caller that read the entry to write its record.
   */
  void clean(final String key, final Tracked<T> read) {
    if (read != null && read.dirty()) {
      store.put(key, read.clean());
    }
    log.clearDirty(key);
  }

  /**
   * The key's entry with one more record counted as written, for the record about to be written:
   * its revision and figures, read once; the mark goes in the same put. An absent key gets {@code
   * empty} figures.
   */
  Tracked<T> written(final String key, final T empty) {
    final Tracked<T> entry = store.get(key);
    final Tracked<T> next = entry == null ? new Tracked<>(empty, 1, false) : entry.written();
    store.put(key, next);
    log.clearDirty(key);
    return next;
  }

  /** Deletes the key's figures, revision and mark. */
  void delete(final String key) {
    store.delete(key);
    log.clearDirty(key);
  }

  /**
   * At most {@code limit} keys marked changed starting with the prefix, after {@code after} (from
   * the first when null), in key order.
   */
  List<String> dirtyKeys(final String prefix, final String after, final int limit) {
    return log.dirtyKeys(prefix, after, limit);
  }

  /**
   * Forgets the marks under the prefix in the dirty set: a closed period's, queued for deletion.
   */
  void forgetMarks(final String prefix) {
    log.clearDirtyPrefix(prefix);
  }

  /**
   * Puts every key marked changed in the store into the log: when the task starts, after its stores
   * are restored. One pass over the store (about the task's open windows, or its employees' open
   * years), once per start, never per record.
   */
  void indexDirty() {
    try (KeyValueIterator<String, Tracked<T>> it = store.all()) {
      while (it.hasNext()) {
        final KeyValue<String, Tracked<T>> entry = it.next();
        if (entry.value.dirty()) {
          log.markDirty(entry.key);
        }
      }
    }
  }
}
