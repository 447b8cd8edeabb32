package id.go.bkn.asn.topology.ingest;

import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * One session, one credit (CONTRACT.md section 5, amended 2026-12-02): remembers, per attendance
 * fact {@code employeeId|runId|sessionId}, the version last sent on, in the window store {@value
 * #STORE} at its occurredAt. The ingest stage is partitioned by employee, so every version of a
 * fact reaches the same task and the decision is local: a record stating the same as the stored
 * version (a replay, however late, under any event id) is a duplicate; one stating something else
 * (a correction) replaces it, and the caller first sends the stored version's retraction. The store
 * keeps a fact for {@link #RETENTION} of the task's event time, longer than any calendar year stays
 * open plus its grace, so a replay can never be credited twice in an open year. Per event: one
 * fetch of one key and at most two puts, no scan; old facts leave with their segments.
 */
public final class SessionFacts {

  /** The store of attendance facts: fact key -> {@link AttendanceFact}, at its occurredAt. */
  public static final String STORE = "attendance-facts";

  /**
   * How long a fact is remembered, in event time: the year of its occurredAt closes at most 366
   * days plus the grace after it, and the event topics keep records 400 days.
   */
  public static final Duration RETENTION = Duration.ofDays(400);

  private final WindowStore<String, AttendanceFact> store;

  SessionFacts(final WindowStore<String, AttendanceFact> store) {
    this.store = store;
  }

  /** The builder of {@value #STORE}. */
  public static StoreBuilder<WindowStore<String, AttendanceFact>> store() {
    return Stores.windowStoreBuilder(
        Stores.persistentWindowStore(STORE, RETENTION, Duration.ofMillis(1), false),
        Serdes.String(),
        AttendanceFact.SERDE);
  }

  /** The key of a fact. */
  static String key(final String employeeId, final String runId, final String sessionId) {
    return employeeId + "|" + runId + "|" + sessionId;
  }

  /**
   * Records the version about to be sent.
   *
   * @return what to do: drop it as a replay, or send it after retracting the previous version
   */
  Decision record(final String key, final AttendanceFact fact) {
    final AttendanceFact previous = find(key, fact.occurredAt());
    if (previous != null && previous.sameFactAs(fact)) {
      return new Decision(true, previous);
    }
    if (previous != null && previous.occurredAt() != fact.occurredAt()) {
      store.put(key, null, previous.occurredAt());
    }
    store.put(key, fact, fact.occurredAt());
    return new Decision(false, previous);
  }

  private AttendanceFact find(final String key, final long occurredAt) {
    final long span = RETENTION.toMillis();
    final long to = occurredAt + span < occurredAt ? Long.MAX_VALUE : occurredAt + span;
    AttendanceFact latest = null;
    try (WindowStoreIterator<AttendanceFact> it =
        store.fetch(key, Math.max(0L, occurredAt - span), to)) {
      while (it.hasNext()) {
        final KeyValue<Long, AttendanceFact> entry = it.next();
        latest = entry.value;
      }
    }
    return latest;
  }

  /**
   * What to do with an attendance record.
   *
   * @param replay true when it states what was already sent: drop it
   * @param previous the version it replaces (to retract first), or null for a new fact
   */
  record Decision(boolean replay, AttendanceFact previous) {}
}
