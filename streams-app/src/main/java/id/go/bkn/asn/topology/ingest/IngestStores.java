package id.go.bkn.asn.topology.ingest;

import id.go.bkn.asn.schema.Employee;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.VersionedKeyValueStore;

/**
 * The ingest stage's roster store, RocksDB-backed and changelogged so that a restart never forgets
 * a version: {@value #ROSTER}, a versioned store (KIP-889) of employeeId to {@code Employee} read
 * as of each event's occurredAt. The eventIds of the duplicate rule are in {@link EventIdMemory}'s
 * stores.
 */
public final class IngestStores {

  /** The versioned roster store: employeeId to Employee, one version per effectiveFrom. */
  public static final String ROSTER = "roster";

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
}
