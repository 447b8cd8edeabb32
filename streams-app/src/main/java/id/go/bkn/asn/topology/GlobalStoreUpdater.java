package id.go.bkn.asn.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a global store equal to the valid records of its compacted reference topic: a value
 * replaces, and a record {@link ReferenceCheck} rejects (a tombstone among them) is skipped, so the
 * store keeps the unit's or programme's last valid version. It reads raw bytes and decodes them
 * through the check, so a record that does not decode never reaches Kafka's deserialization handler
 * on the global thread, which could only log it (Kafka Streams 4.4 cannot write dead letters from
 * there); the reference judge sets the same records aside and logs them (with the judge, the store
 * reads its copies of the accepted records, which the check passes). Global stores are restored
 * through this processor too (StreamsBuilder's global stores reprocess on restore), so a rebuilt
 * store skips the same records.
 *
 * @param <V> the reference record type
 */
final class GlobalStoreUpdater<V> implements Processor<byte[], byte[], Void, Void> {

  private static final Logger LOG = LoggerFactory.getLogger(GlobalStoreUpdater.class);

  private final String storeName;
  private final ReferenceCheck<V> check;
  private ProcessorContext<Void, Void> context;
  private KeyValueStore<String, V> store;

  GlobalStoreUpdater(final String storeName, final ReferenceCheck<V> check) {
    this.storeName = storeName;
    this.check = check;
  }

  @Override
  public void init(final ProcessorContext<Void, Void> context) {
    this.context = context;
    store = context.getStateStore(storeName);
  }

  @Override
  public void process(final Record<byte[], byte[]> record) {
    final String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(storeName);
    final ReferenceCheck.Verdict<V> verdict = check.check(topic, record.key(), record.value());
    if (!verdict.accepted()) {
      // The audit writes the dead letter and the WARN line; here only a trace for debugging.
      LOG.debug(
          "Skipped a record of {} at offset {}: {}",
          topic,
          context.recordMetadata().map(RecordMetadata::offset).orElse(-1L),
          verdict.rejection().reason());
      return;
    }
    store.put(verdict.key(), verdict.value());
  }
}
