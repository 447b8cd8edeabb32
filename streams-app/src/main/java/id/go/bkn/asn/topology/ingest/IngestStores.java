package id.go.bkn.asn.topology.ingest;

import id.go.bkn.asn.schema.Employee;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.VersionedKeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The ingest stage's local stores, both RocksDB-backed and changelogged so that a restart neither
 * forgets a roster version nor double-counts an event: {@value #ROSTER}, a versioned store
 * (KIP-889) of employeeId to {@code Employee} read as of each event's occurredAt, and {@value
 * #DEDUP}, a window store of eventId to the wall-clock time it was first accepted, whose retention
 * is the de-duplication horizon so that old ids expire with their segments and no scan is needed.
 */
public final class IngestStores {

  /** The versioned roster store: employeeId to Employee, one version per effectiveFrom. */
  public static final String ROSTER = "roster";

  /** The de-duplication store: eventId to first-accepted wall-clock millis, at occurredAt. */
  public static final String DEDUP = "dedup";

  /**
   * How far back the roster answers as-of lookups: longer than the 400 days the event topics keep,
   * so that any event still on a topic can be attributed when it is reprocessed.
   */
  public static final Duration ROSTER_HISTORY = Duration.ofDays(410);

  private IngestStores() {}

  /**
   * The roster store. Its changelog is its own: reusing the compacted {@code reference.employees}
   * as changelog would lose every version but the latest.
   */
  public static StoreBuilder<VersionedKeyValueStore<String, Employee>> roster(
      final Serde<Employee> employeeSerde) {
    return Stores.versionedKeyValueStoreBuilder(
        Stores.persistentVersionedKeyValueStore(ROSTER, ROSTER_HISTORY),
        Serdes.String(),
        employeeSerde);
  }

  /** The de-duplication store, remembering ids for {@code horizon} of event time. */
  public static StoreBuilder<WindowStore<String, Long>> dedup(final Duration horizon) {
    return Stores.windowStoreBuilder(
        Stores.persistentWindowStore(DEDUP, horizon, Duration.ofMillis(1), false),
        Serdes.String(),
        Serdes.Long());
  }
}
