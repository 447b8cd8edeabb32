package id.go.bkn.asn.topology.ingest;

import id.go.bkn.asn.internal.HeldRosterVersion;
import id.go.bkn.asn.serde.InternalAvroSerde;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Roster versions whose unit is not (yet) in {@code reference.units}, kept in the store {@value
 * #STORE} until the unit appears or the wait runs out: the roster and the units come from different
 * exports, so a new unit's staff may be read before the unit reaches the global store. At most one
 * per employee (the key is the employeeId): a later version of the employee supersedes the held
 * one, as compaction of the roster topic would. Persistent and changelogged like the roster, so a
 * held version survives a restart or a move of the task, with the time it was first held.
 */
final class UnknownUnitRoster {

  /** The store of versions waiting for their unit. */
  static final String STORE = "roster-unknown-unit";

  private final KeyValueStore<String, HeldRosterVersion> store;

  UnknownUnitRoster(final KeyValueStore<String, HeldRosterVersion> store) {
    this.store = store;
  }

  /** The builder of {@value #STORE}: RocksDB-backed and changelogged. */
  static StoreBuilder<KeyValueStore<String, HeldRosterVersion>> store() {
    return Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(STORE),
        Serdes.String(),
        new InternalAvroSerde<>(HeldRosterVersion.class));
  }

  /** The version held for the employee, or null. */
  HeldRosterVersion get(final String employeeId) {
    return store.get(employeeId);
  }

  /** Holds the version, replacing any held for the employee. */
  void hold(final String employeeId, final HeldRosterVersion version) {
    store.put(employeeId, version);
  }

  /** Forgets the employee's held version. */
  void release(final String employeeId) {
    store.delete(employeeId);
  }

  /** Every held version, as employeeId to version, read before any is released. */
  List<KeyValue<String, HeldRosterVersion>> all() {
    final List<KeyValue<String, HeldRosterVersion>> held = new ArrayList<>();
    try (KeyValueIterator<String, HeldRosterVersion> entries = store.all()) {
      entries.forEachRemaining(held::add);
    }
    return held;
  }
}
