package id.go.bkn.asn.topology.ingest;

import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.internal.TreeMessageKind;
import id.go.bkn.asn.schema.Employee;
import id.go.bkn.asn.schema.WorkUnit;
import id.go.bkn.asn.topology.UnitHierarchy;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
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

  private final String unitsStore;

  private ProcessorContext<String, TreeMessage> context;
  private VersionedKeyValueStore<String, Employee> roster;
  private UnitHierarchy hierarchy;

  /**
   * A processor.
   *
   * @param unitsStore the global store of reference.units, for the roots of units
   */
  public RosterProcessor(final String unitsStore) {
    this.unitsStore = unitsStore;
  }

  @Override
  public void init(final ProcessorContext<String, TreeMessage> context) {
    this.context = context;
    this.roster = context.getStateStore(IngestStores.ROSTER);
    final KeyValueStore<String, WorkUnit> units = context.getStateStore(unitsStore);
    this.hierarchy = new UnitHierarchy(units::get);
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
    final VersionedRecord<Employee> stored = roster.get(employeeId, from);
    if (stored != null && stored.timestamp() == from && stored.value().equals(employee)) {
      return;
    }
    final VersionedRecord<Employee> previous = roster.get(employeeId, from - 1);
    if (roster.put(employeeId, employee, from) == VersionedKeyValueStore.PUT_RETURN_CODE_NOT_PUT) {
      // Older than the roster's history: no event that could still be counted is affected.
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
    forward(message, previous, employee.getUnitId(), record);
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
    forward(message, previous, unitId, record);
  }

  private void forward(
      final TreeMessage.Builder message,
      final VersionedRecord<Employee> previous,
      final String unitId,
      final Record<String, Employee> record) {
    final String root = hierarchy.rootOf(unitId);
    String previousRoot = root;
    if (previous != null) {
      message
          .setPreviousUnitId(previous.value().getUnitId())
          .setPreviousActive(previous.value().getActive());
      previousRoot = hierarchy.rootOf(previous.value().getUnitId());
    }
    final TreeMessage built = message.setRootUnitId(root).build();
    final long time = built.getOccurredAt().toEpochMilli();
    context.forward(new Record<>(root, built, time, record.headers()));
    if (!previousRoot.equals(root)) {
      // The old tree must lose the employee as the new one gains them.
      context.forward(new Record<>(previousRoot, built, time, record.headers()));
    }
  }
}
