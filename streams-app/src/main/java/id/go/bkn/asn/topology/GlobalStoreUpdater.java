package id.go.bkn.asn.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps a global store equal to its compacted reference topic: a value replaces, a tombstone
 * deletes. Global stores are restored from the topic itself, so they need no changelog.
 *
 * @param <V> the reference record type
 */
final class GlobalStoreUpdater<V> implements Processor<String, V, Void, Void> {

  private final String storeName;
  private KeyValueStore<String, V> store;

  GlobalStoreUpdater(final String storeName) {
    this.storeName = storeName;
  }

  @Override
  public void init(final ProcessorContext<Void, Void> context) {
    store = context.getStateStore(storeName);
  }

  @Override
  public void process(final Record<String, V> record) {
    if (record.key() == null) {
      return;
    }
    if (record.value() == null) {
      store.delete(record.key());
    } else {
      store.put(record.key(), record.value());
    }
  }
}
