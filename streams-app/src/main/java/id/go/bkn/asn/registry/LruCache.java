package id.go.bkn.asn.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A bounded least-recently-used map, synchronized: small enough for a registry client's caches,
 * which are hit once per new schema or id, not once per record.
 */
final class LruCache<K, V> {
  private final Map<K, V> entries;

  LruCache(final int capacity) {
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(final Map.Entry<K, V> eldest) {
            return size() > capacity;
          }
        };
  }

  synchronized V get(final K key) {
    return entries.get(key);
  }

  synchronized void put(final K key, final V value) {
    entries.put(key, value);
  }

  /**
   * The cached value, or the loaded one. The loader runs outside the lock, so a slow registry call
   * does not block readers of other keys; two threads may then both load the same key, harmlessly.
   */
  V computeIfAbsent(final K key, final Function<K, V> loader) {
    final V cached = get(key);
    if (cached != null) {
      return cached;
    }
    final V loaded = loader.apply(key);
    put(key, loaded);
    return loaded;
  }

  synchronized int size() {
    return entries.size();
  }
}
