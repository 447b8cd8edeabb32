package id.go.bkn.asn.topology.tree;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** Prefix scans of the tree stage's string-keyed stores, to clear a closed window or year. */
final class StorePrefixes {

  private static final StringSerializer KEYS = new StringSerializer();

  private StorePrefixes() {}

  /** The keys starting with the prefix, read before any is deleted. */
  static <V> List<String> keys(final KeyValueStore<String, V> store, final String prefix) {
    final List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, V> it = store.prefixScan(prefix, KEYS)) {
      while (it.hasNext()) {
        final KeyValue<String, V> entry = it.next();
        keys.add(entry.key);
      }
    }
    return keys;
  }

  /** Deletes every key starting with the prefix. */
  static <V> void delete(final KeyValueStore<String, V> store, final String prefix) {
    for (final String key : keys(store, prefix)) {
      store.delete(key);
    }
  }
}
