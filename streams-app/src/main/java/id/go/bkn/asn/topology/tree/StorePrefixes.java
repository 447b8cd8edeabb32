package id.go.bkn.asn.topology.tree;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** Bounded prefix scans of the tree stage's string-keyed stores. */
final class StorePrefixes {

  private static final StringSerializer KEYS = new StringSerializer();

  private StorePrefixes() {}

  /** At most {@code limit} keys starting with the prefix, read before any is deleted. */
  static <V> List<String> keys(
      final KeyValueStore<String, V> store, final String prefix, final int limit) {
    final List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, V> it = store.prefixScan(prefix, KEYS)) {
      while (it.hasNext() && keys.size() < limit) {
        final KeyValue<String, V> entry = it.next();
        keys.add(entry.key);
      }
    }
    return keys;
  }
}
