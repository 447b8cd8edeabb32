package id.go.bkn.asn.topology.ingest;

import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.internal.TreeMessageKind;
import id.go.bkn.asn.schema.Employee;
import id.go.bkn.asn.schema.WorkUnit;
import id.go.bkn.asn.topology.UnitHierarchy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.VersionedKeyValueStore;
import org.apache.kafka.streams.state.VersionedRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the versioned {@value IngestStores#ROSTER} store equal to {@code reference.employees}, one
 * version per effectiveFrom, and forwards each change as a ROSTER {@link TreeMessage} keyed by the
 * root of the new unit's tree, with the unit and activity in force just before effectiveFrom. A
 * transfer between two trees is forwarded twice, keyed by each root, so that both trees see it. A
 * record identical to the version already stored at the same effectiveFrom (a re-publication of the
 * roster) changes nothing and is not forwarded. A tombstone ends the employee's roster entry at the
 * record's timestamp and is forwarded as a change to inactive.
 */
public final class RosterProcessor implements Processor<String, Employee, String, TreeMessage> {

  private static final Logger LOG = LoggerFactory.getLogger(RosterProcessor.class);

  /**
   * How far inside the roster's history a version older than it is stored: a day of margin, so that
   * the store's observed stream time (at most the wall clock) never puts it out of reach.
   */
  private static final Duration HISTORY_MARGIN = Duration.ofDays(1);

  private final String unitsStore;
  private final Clock wall;
  private final Duration checkInterval;

  private ProcessorContext<String, TreeMessage> context;
  private VersionedKeyValueStore<String, Employee> roster;
  private PendingRoster pending;
  private UnitHierarchy hierarchy;

  /**
   * A processor.
   *
   * @param unitsStore the global store of reference.units, for the roots of units
   * @param wall the wall clock that decides when a scheduled version takes effect
   * @param checkInterval how often scheduled versions are checked
   */
  public RosterProcessor(final String unitsStore, final Clock wall, final Duration checkInterval) {
    this.unitsStore = unitsStore;
    this.wall = wall;
    this.checkInterval = checkInterval;
  }

  /** The builder of the store of versions not yet in effect. */
  public static StoreBuilder<KeyValueStore<String, Employee>> pendingStore(
      final Serde<Employee> employees) {
    return PendingRoster.store(employees);
  }

  /** The name of the store of versions not yet in effect. */
  public static String pendingStoreName() {
    return PendingRoster.STORE;
  }

  @Override
  public void init(final ProcessorContext<String, TreeMessage> context) {
    this.context = context;
    this.roster = context.getStateStore(IngestStores.ROSTER);
    this.pending = new PendingRoster(context.getStateStore(PendingRoster.STORE));
    final KeyValueStore<String, WorkUnit> units = context.getStateStore(unitsStore);
    this.hierarchy = new UnitHierarchy(units::get);
    context.schedule(checkInterval, PunctuationType.WALL_CLOCK_TIME, now -> applyDue());
  }

  /** Applies the scheduled versions that took effect, earliest first. */
  private void applyDue() {
    final long now = wall.millis();
    final List<KeyValue<String, Employee>> due = pending.takeDue(now);
    for (final KeyValue<String, Employee> version : due) {
      apply(version.key, version.value, now, new RecordHeaders());
    }
  }

  @Override
  public void process(final Record<String, Employee> record) {
    if (record.key() == null) {
      LOG.debug("Roster record without a key ignored");
      return;
    }
    if (record.value() == null) {
      end(record);
    } else {
      change(record.key(), record.value(), record);
    }
  }

  private void change(
      final String employeeId, final Employee employee, final Record<String, Employee> record) {
    final long from = employee.getEffectiveFrom().toEpochMilli();
    if (from > wall.millis()) {
      pending.hold(employeeId, from, employee);
      return;
    }
    apply(employeeId, employee, record.timestamp(), record.headers());
  }

  private void apply(
      final String employeeId, final Employee employee, final long time, final Headers headers) {
    final long at = storedAt(employee.getEffectiveFrom().toEpochMilli());
    final VersionedRecord<Employee> stored = roster.get(employeeId, at);
    if (stored != null && stored.timestamp() == at && stored.value().equals(employee)) {
      return;
    }
    final VersionedRecord<Employee> previous = roster.get(employeeId, at - 1);
    if (roster.put(employeeId, employee, at) == VersionedKeyValueStore.PUT_RETURN_CODE_NOT_PUT) {
      // Cannot happen with storedAt's floor; kept as the store's contract allows it.
      LOG.debug("Roster change older than the store's history ignored");
      return;
    }
    final TreeMessage.Builder message =
        TreeMessage.newBuilder()
            .setKind(TreeMessageKind.ROSTER)
            .setEmployeeId(employeeId)
            .setUnitId(employee.getUnitId())
            .setActive(employee.getActive())
            .setOccurredAt(employee.getEffectiveFrom());
    forward(message, previous, employee.getUnitId(), time, headers);
  }

  /**
   * The version's timestamp in the store: effectiveFrom, or the start of the store's history if
   * that is later. An older version would be refused by the store although it may still be the
   * employee's current one; no event before the history can be attributed anyway.
   */
  private long storedAt(final long effectiveFrom) {
    final long floor = wall.millis() - IngestStores.ROSTER_HISTORY.minus(HISTORY_MARGIN).toMillis();
    return Math.max(effectiveFrom, floor);
  }

  private void end(final Record<String, Employee> record) {
    final VersionedRecord<Employee> previous = roster.delete(record.key(), record.timestamp());
    if (previous == null) {
      return;
    }
    final String unitId = previous.value().getUnitId();
    final TreeMessage.Builder message =
        TreeMessage.newBuilder()
            .setKind(TreeMessageKind.ROSTER)
            .setEmployeeId(record.key())
            .setUnitId(unitId)
            .setActive(false)
            .setOccurredAt(Instant.ofEpochMilli(record.timestamp()));
    forward(message, previous, unitId, record.timestamp(), record.headers());
  }

  private void forward(
      final TreeMessage.Builder message,
      final VersionedRecord<Employee> previous,
      final String unitId,
      final long time,
      final Headers headers) {
    final String root = hierarchy.rootOf(unitId);
    String previousRoot = root;
    if (previous != null) {
      message
          .setPreviousUnitId(previous.value().getUnitId())
          .setPreviousActive(previous.value().getActive());
      previousRoot = hierarchy.rootOf(previous.value().getUnitId());
    }
    final TreeMessage built = message.setRootUnitId(root).build();
    // The record's own time, not effectiveFrom (which travels in the message): a version dated
    // ahead must not carry a timestamp the broker refuses onto the repartition topic.
    context.forward(new Record<>(root, built, time, headers));
    if (!previousRoot.equals(root)) {
      // The old tree must lose the employee as the new one gains them.
      context.forward(new Record<>(previousRoot, built, time, headers));
    }
  }
}
