package id.go.bkn.asn.topology.ingest;

import id.go.bkn.asn.schema.Employee;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Roster versions whose effectiveFrom still lies ahead of the wall clock (a transfer scheduled for
 * next month), kept in the store {@value #STORE} until they take effect. They cannot go into the
 * versioned roster store at once: its changelog record carries the version's timestamp (that is how
 * a restore rebuilds the versions), which the broker refuses more than an hour ahead, and a version
 * far in the future would move the store's observed stream time with it, so that every lookup more
 * than the history retention before that time answers nothing (every event UNKNOWN_EMPLOYEE). Keys
 * are {@code <effectiveFrom millis, 19 digits>|<employeeId>}, so a range scan up to now yields the
 * due versions in time order and nothing else; a version published twice overwrites itself.
 */
final class PendingRoster {

  /** The store of versions not yet in effect. */
  static final String STORE = "roster-pending";

  private final KeyValueStore<String, Employee> store;

  PendingRoster(final KeyValueStore<String, Employee> store) {
    this.store = store;
  }

  /** The builder of {@value #STORE}: RocksDB-backed and changelogged like the roster. */
  static StoreBuilder<KeyValueStore<String, Employee>> store(final Serde<Employee> employees) {
    return Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(STORE), Serdes.String(), employees);
  }

  /** Keeps the version until {@code effectiveFrom}. */
  void hold(final String employeeId, final long effectiveFrom, final Employee employee) {
    store.put(key(effectiveFrom, employeeId), employee);
  }

  /**
   * Removes and returns every version due at {@code now} (effectiveFrom at or before it), earliest
   * first, as employeeId to version.
   */
  List<KeyValue<String, Employee>> takeDue(final long now) {
    final List<KeyValue<String, Employee>> due = new ArrayList<>();
    final List<String> keys = new ArrayList<>();
    // The upper bound ends with '|' + 1 (the character '}'), so every employee at `now` is in.
    try (KeyValueIterator<String, Employee> entries =
        store.range(key(0L, ""), String.format(Locale.ROOT, "%019d}", now))) {
      entries.forEachRemaining(
          entry -> {
            keys.add(entry.key);
            due.add(KeyValue.pair(employeeOf(entry.key), entry.value));
          });
    }
    keys.forEach(store::delete);
    return due;
  }

  private static String key(final long effectiveFrom, final String employeeId) {
    return String.format(Locale.ROOT, "%019d|%s", effectiveFrom, employeeId);
  }

  private static String employeeOf(final String key) {
    return key.substring(key.indexOf('|') + 1);
  }
}
