package id.go.bkn.asn.topology.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Deletes that can be large (a closed week's seen-set: one entry per participant; nationally
 * millions) done in bounded chunks across records and punctuations, so that no commit carries a
 * whole window's deletes (a transaction must end well inside {@code transaction.timeout.ms}, a poll
 * loop inside {@code max.poll.interval.ms}). A job is a key range of one store, remembered in
 * {@code tree-purge} with a resumable cursor (the last key examined), so a restart goes on where
 * the last commit left it:
 *
 * <ul>
 *   <li>{@code store|prefix} -> {@code |cursor}: delete every key with the prefix;
 *   <li>{@code store|prefix} -> {@code time|cursor}: delete the keys with the prefix whose last
 *       part is a {@link #timeKey} before that time (the headcount changes no window can see
 *       apart).
 * </ul>
 *
 * <p>Only keys nothing writes any more are queued (a closed window is never written again), so a
 * job that has not finished yet changes no figure: every reader of a closed window's keys is done.
 */
final class ChunkedDeletes {

  /** The default chunk: keys examined per run. */
  static final int DEFAULT_CHUNK = 10_000;

  private final KeyValueStore<String, String> jobs;
  private final Map<String, KeyValueStore<String, ?>> stores;
  private final int chunk;
  private boolean pending = true;

  /**
   * Jobs in {@code jobs} over the named stores, each run examining at most {@code chunk} keys.
   *
   * @param jobs the job store ({@code tree-purge})
   * @param stores the stores jobs may name, by name
   * @param chunk the keys one run examines at most
   */
  ChunkedDeletes(
      final KeyValueStore<String, String> jobs,
      final Map<String, KeyValueStore<String, ?>> stores,
      final int chunk) {
    if (chunk < 1) {
      throw new IllegalArgumentException("chunk must be at least 1, got " + chunk);
    }
    this.jobs = jobs;
    this.stores = Map.copyOf(stores);
    this.chunk = chunk;
  }

  /** The keys one run examines at most. */
  int chunk() {
    return chunk;
  }

  /** Queues the deletion of every key of the store starting with the prefix. */
  void deletePrefix(final String store, final String prefix) {
    requireStore(store);
    final String job = job(store, prefix);
    if (jobs.get(job) == null) {
      jobs.put(job, TreeKeys.SEP);
      pending = true;
    }
  }

  /**
   * Queues the deletion of the store's keys with the prefix whose time part is before the time; a
   * job under way goes on from its cursor with the later time (what it passed is caught next time).
   */
  void deleteBefore(final String store, final String prefix, final long before) {
    requireStore(store);
    final String job = job(store, prefix);
    final String value = jobs.get(job);
    final String cursor = value == null ? "" : cursorOf(value);
    final String next = timeKey(before) + TreeKeys.SEP + cursor;
    if (!next.equals(value)) {
      jobs.put(job, next);
      pending = true;
    }
  }

  /** Whether a job may be queued (always true after a restart until a run finds none). */
  boolean pending() {
    return pending;
  }

  /**
   * Runs the queued jobs, examining at most one chunk of keys in all.
   *
   * @return the keys deleted
   */
  int run() {
    if (!pending) {
      return 0;
    }
    final List<KeyValue<String, String>> queued = new ArrayList<>();
    try (KeyValueIterator<String, String> it = jobs.all()) {
      while (it.hasNext() && queued.size() < chunk) {
        queued.add(it.next());
      }
    }
    if (queued.isEmpty()) {
      pending = false;
      return 0;
    }
    int budget = chunk;
    int deleted = 0;
    for (final KeyValue<String, String> job : queued) {
      if (budget <= 0) {
        break;
      }
      final int sep = job.key.indexOf(TreeKeys.SEP);
      final KeyValueStore<String, ?> store = stores.get(job.key.substring(0, sep));
      final String prefix = job.key.substring(sep + 1);
      final String timePart = job.value.substring(0, job.value.indexOf(TreeKeys.SEP));
      final String cursor = cursorOf(job.value);
      final List<String> examined = new ArrayList<>();
      boolean exhausted = true;
      try (KeyValueIterator<String, ?> it =
          store.range(cursor.isEmpty() ? prefix : cursor, upperBound(prefix))) {
        while (it.hasNext()) {
          final String key = it.next().key;
          if (key.equals(cursor) || !key.startsWith(prefix)) {
            continue;
          }
          if (examined.size() >= budget) {
            exhausted = false;
            break;
          }
          examined.add(key);
        }
      }
      budget -= Math.max(1, examined.size());
      for (final String key : examined) {
        if (timePart.isEmpty()
            || key.substring(key.lastIndexOf(TreeKeys.SEP) + 1).compareTo(timePart) < 0) {
          store.delete(key);
          deleted++;
        }
      }
      if (exhausted) {
        jobs.delete(job.key);
      } else {
        jobs.put(job.key, timePart + TreeKeys.SEP + examined.get(examined.size() - 1));
      }
    }
    return deleted;
  }

  /**
   * A time as 16 hex digits whose string order is the time order (the sign bit flipped), for keys
   * ranged and compared by time.
   */
  static String timeKey(final long millis) {
    final String hex = Long.toHexString(millis ^ Long.MIN_VALUE);
    return "0".repeat(16 - hex.length()) + hex;
  }

  private void requireStore(final String store) {
    if (!stores.containsKey(store)) {
      throw new IllegalArgumentException("no store " + store + " for chunked deletes");
    }
  }

  private static String job(final String store, final String prefix) {
    return store + TreeKeys.SEP + prefix;
  }

  private static String cursorOf(final String value) {
    return value.substring(value.indexOf(TreeKeys.SEP) + 1);
  }

  /** A key after every key with the prefix (its last character plus one). */
  private static String upperBound(final String prefix) {
    final int last = prefix.length() - 1;
    return prefix.substring(0, last) + (char) (prefix.charAt(last) + 1);
  }
}
