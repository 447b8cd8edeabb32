package id.go.bkn.asn.topology.ingest;

import id.go.bkn.asn.function.DeadLetterReason;
import id.go.bkn.asn.function.Rejection;
import id.go.bkn.asn.internal.HeldRosterVersion;
import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.internal.TreeMessageKind;
import id.go.bkn.asn.metrics.PipelineEvents;
import id.go.bkn.asn.metrics.PipelineEvents.Outcome;
import id.go.bkn.asn.schema.Employee;
import id.go.bkn.asn.schema.WorkUnit;
import id.go.bkn.asn.serde.Decoded;
import id.go.bkn.asn.topology.UnitHierarchy;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.VersionedKeyValueStore;
import org.apache.kafka.streams.state.VersionedRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the versioned {@value IngestStores#ROSTER} store equal to {@code reference.employees}, one
 * version per effectiveFrom, and forwards each change as a ROSTER {@link TreeMessage} to every tree
 * whose placement of the employee it changes: keyed by the root of the new unit's tree, of the
 * version in force just before it and of the version it replaces at the same effectiveFrom (a
 * transfer between two trees reaches both). A version inserted before a later one also sends that
 * later one to its own tree, so that tree knows when the employee leaves it. Every message carries
 * the unit of the employee's latest version (its tree owns their year) and their year totals from
 * the {@link YearLedger}. A record identical to the version already stored at the same
 * effectiveFrom (a re-publication of the roster) changes nothing and is not forwarded. A tombstone
 * is bad input (an employee leaves with an active=false version, never by deletion: CONTRACT.md
 * section 5): it goes to {@code training.dead-letters} and changes nothing, the employee's last
 * valid version stays.
 *
 * <p>A version whose unit is not in {@code reference.units} is not applied at once: the roster and
 * the units come from different exports, and a new unit's staff may be read before the unit reaches
 * the global store. It is held in {@value UnknownUnitRoster#STORE} (one per employee), re-checked
 * by the wall-clock punctuator every check interval, applied as soon as its unit is there, and set
 * aside as a dead letter (UNKNOWN_UNIT, original key and bytes, source position) once it has waited
 * the {@code referenceWait}. Until then it changes nothing. A later version of the same employee
 * supersedes a held one: the held version is set aside at once (UNKNOWN_UNIT, "superseded") and the
 * later one goes its own way, so what is applied keeps the order it was read in and nothing held
 * can overwrite a later version when its unit arrives (a compacted roster topic would keep only the
 * later one anyway). A version equal to the held one (a re-export) leaves it waiting, its wait
 * unchanged.
 */
public final class RosterProcessor
    implements Processor<String, Decoded<Employee>, String, IngestResult> {

  /** The detail of a roster tombstone's dead letter. */
  static final String TOMBSTONE =
      "a tombstone: employees leave the roster with active=false, never deleted";

  private static final Logger LOG = LoggerFactory.getLogger(RosterProcessor.class);

  /**
   * How far inside the roster's history a version older than it is stored: a day of margin, so that
   * the store's observed stream time (at most the wall clock) never puts it out of reach.
   */
  private static final Duration HISTORY_MARGIN = Duration.ofDays(1);

  private final String unitsStore;
  private final Clock wall;
  private final Duration checkInterval;
  private final PipelineEvents events;
  private final String topic;
  private final Duration referenceWait;
  private final Deserializer<Employee> employees;

  private ProcessorContext<String, IngestResult> context;
  private VersionedKeyValueStore<String, Employee> roster;
  private PendingRoster pending;
  private UnknownUnitRoster waiting;
  private KeyValueStore<String, WorkUnit> units;
  private YearLedger years;
  private UnitHierarchy hierarchy;

  /**
   * A processor.
   *
   * @param unitsStore the global store of reference.units, for the roots of units
   * @param wall the wall clock that decides when a scheduled version takes effect
   * @param checkInterval how often scheduled versions are checked
   * @param events counts the dead letters
   * @param topic the roster topic, named in a dead letter's headers
   * @param referenceWait how long a version waits for its unit before it is set aside
   * @param employees decodes a held version's original bytes when it is applied
   */
  public RosterProcessor(
      final String unitsStore,
      final Clock wall,
      final Duration checkInterval,
      final PipelineEvents events,
      final String topic,
      final Duration referenceWait,
      final Deserializer<Employee> employees) {
    this.unitsStore = unitsStore;
    this.wall = wall;
    this.checkInterval = checkInterval;
    this.events = events;
    this.topic = topic;
    this.referenceWait = referenceWait;
    this.employees = employees;
  }

  /** The builder of the store of versions waiting for their unit. */
  public static StoreBuilder<KeyValueStore<String, HeldRosterVersion>> unknownUnitStore() {
    return UnknownUnitRoster.store();
  }

  /** The name of the store of versions waiting for their unit. */
  public static String unknownUnitStoreName() {
    return UnknownUnitRoster.STORE;
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
  public void init(final ProcessorContext<String, IngestResult> context) {
    this.context = context;
    this.roster = context.getStateStore(IngestStores.ROSTER);
    this.pending = new PendingRoster(context.getStateStore(PendingRoster.STORE));
    this.waiting = new UnknownUnitRoster(context.getStateStore(UnknownUnitRoster.STORE));
    this.years = new YearLedger(context.getStateStore(YearLedger.STORE));
    this.units = context.getStateStore(unitsStore);
    this.hierarchy = new UnitHierarchy(units::get);
    context.schedule(
        checkInterval,
        PunctuationType.WALL_CLOCK_TIME,
        now -> {
          recheckWaiting();
          applyDue();
        });
  }

  /**
   * The versions waiting for their unit: applied (or scheduled, if dated ahead) when the unit is
   * there, set aside when they have waited {@code referenceWait}, left waiting otherwise.
   */
  private void recheckWaiting() {
    final long now = wall.millis();
    for (final KeyValue<String, HeldRosterVersion> entry : waiting.all()) {
      final HeldRosterVersion held = entry.value;
      final byte[] original = bytes(held.getOriginal());
      final Employee employee = employees.deserialize(held.getTopic(), original);
      if (units.get(employee.getUnitId()) != null) {
        waiting.release(entry.key);
        applyOrSchedule(entry.key, employee, now, new RecordHeaders());
      } else if (now - held.getHeldAt().toEpochMilli() >= referenceWait.toMillis()) {
        waiting.release(entry.key);
        deadLetter(
            entry.key,
            original,
            new RecordHeaders(),
            new Rejection(
                DeadLetterReason.UNKNOWN_UNIT,
                "unitId is not in reference.units after waiting " + referenceWait),
            held.getTopic(),
            held.getPartition(),
            held.getOffset());
      }
    }
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
  public void process(final Record<String, Decoded<Employee>> record) {
    if (record.key() == null) {
      LOG.debug("Roster record without a key ignored");
      return;
    }
    if (record.value() == null) {
      final RecordMetadata at = context.recordMetadata().orElseThrow();
      deadLetter(
          record.key(),
          null,
          record.headers(),
          Rejection.invalidField(TOMBSTONE),
          at.topic(),
          at.partition(),
          at.offset());
    } else {
      change(record.key(), record.value(), record);
    }
  }

  /**
   * Sets a roster record aside in {@code training.dead-letters}: its key and original bytes (null
   * for a tombstone), the input's headers and the reason's, stamped with the wall clock.
   */
  private void deadLetter(
      final String employeeId,
      final byte[] original,
      final Headers input,
      final Rejection rejection,
      final String sourceTopic,
      final int partition,
      final long offset) {
    LOG.warn(
        "Roster record set aside as a dead letter: partition {} offset {}: {}: {}",
        partition,
        offset,
        rejection.reason(),
        rejection.detail());
    context.forward(
        new Record<>(
            employeeId,
            IngestResult.deadLetter(original),
            wall.millis(),
            RejectionHeaders.of(input, rejection, sourceTopic, partition, offset)));
    events.count(topic, Outcome.DEAD_LETTER);
  }

  private void change(
      final String employeeId,
      final Decoded<Employee> decoded,
      final Record<String, Decoded<Employee>> record) {
    final Employee employee = decoded.value();
    final HeldRosterVersion held = waiting.get(employeeId);
    if (held != null) {
      if (held.getOriginal().equals(ByteBuffer.wrap(decoded.original()))) {
        return; // the same version again: it keeps waiting, its wait unchanged
      }
      waiting.release(employeeId);
      deadLetter(
          employeeId,
          bytes(held.getOriginal()),
          new RecordHeaders(),
          new Rejection(
              DeadLetterReason.UNKNOWN_UNIT,
              "unitId is not in reference.units, and a later version of the employee superseded"
                  + " this one while it waited"),
          held.getTopic(),
          held.getPartition(),
          held.getOffset());
    }
    if (units.get(employee.getUnitId()) == null) {
      final RecordMetadata at = context.recordMetadata().orElseThrow();
      waiting.hold(
          employeeId,
          HeldRosterVersion.newBuilder()
              .setOriginal(ByteBuffer.wrap(decoded.original()))
              .setTopic(at.topic())
              .setPartition(at.partition())
              .setOffset(at.offset())
              .setHeldAt(Instant.ofEpochMilli(wall.millis()))
              .build());
      return;
    }
    applyOrSchedule(employeeId, employee, record.timestamp(), record.headers());
  }

  /** Applies the version now, or holds it until its effectiveFrom if that lies ahead. */
  private void applyOrSchedule(
      final String employeeId, final Employee employee, final long time, final Headers headers) {
    final long from = employee.getEffectiveFrom().toEpochMilli();
    if (from > wall.millis()) {
      pending.hold(employeeId, from, employee);
      return;
    }
    apply(employeeId, employee, time, headers);
  }

  private static byte[] bytes(final ByteBuffer buffer) {
    final ByteBuffer copy = buffer.duplicate();
    final byte[] out = new byte[copy.remaining()];
    copy.get(out);
    return out;
  }

  private void apply(
      final String employeeId, final Employee employee, final long time, final Headers headers) {
    final long at = storedAt(employee.getEffectiveFrom().toEpochMilli());
    final VersionedRecord<Employee> stored = roster.get(employeeId, at);
    if (stored != null && stored.timestamp() == at && stored.value().equals(employee)) {
      return;
    }
    final Employee replaced = stored != null && stored.timestamp() == at ? stored.value() : null;
    final VersionedRecord<Employee> previous = roster.get(employeeId, at - 1);
    if (roster.put(employeeId, employee, at) == VersionedKeyValueStore.PUT_RETURN_CODE_NOT_PUT) {
      // Cannot happen with storedAt's floor; kept as the store's contract allows it.
      LOG.debug("Roster change older than the store's history ignored");
      return;
    }
    final TreeMessage message =
        message(
            employeeId, employee.getUnitId(), employee.getActive(), employee.getEffectiveFrom());
    final String root = hierarchy.rootOf(employee.getUnitId());
    final Set<String> roots = new LinkedHashSet<>();
    roots.add(root);
    if (previous != null) {
      roots.add(hierarchy.rootOf(previous.value().getUnitId()));
    }
    if (replaced != null) {
      roots.add(hierarchy.rootOf(replaced.getUnitId()));
    }
    forward(message, roots, time, headers);
    // A version inserted before a later one (backdated): its tree must also know when it ends.
    final VersionedRecord<Employee> next = nextAfter(employeeId, at);
    if (next != null && !hierarchy.rootOf(next.value().getUnitId()).equals(root)) {
      final Employee later = next.value();
      forward(
          message(employeeId, later.getUnitId(), later.getActive(), later.getEffectiveFrom()),
          Set.of(root),
          time,
          headers);
    }
  }

  /**
   * The first version after {@code at}, or null: walked back from the latest, one get per later
   * version (a backdated version has one or two after it).
   */
  private VersionedRecord<Employee> nextAfter(final String employeeId, final long at) {
    VersionedRecord<Employee> candidate = roster.get(employeeId);
    if (candidate == null || candidate.timestamp() <= at) {
      return null;
    }
    while (true) {
      final VersionedRecord<Employee> before = roster.get(employeeId, candidate.timestamp() - 1);
      if (before == null || before.timestamp() <= at) {
        return before == null ? null : candidate;
      }
      candidate = before;
    }
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

  /**
   * A ROSTER message for one version, with what every tree receiving it needs for the employee's
   * year: the unit of their latest version (whose tree owns their year) and every year total the
   * ledger holds, so that a move to another tree carries the whole year.
   */
  private TreeMessage message(
      final String employeeId, final String unitId, final boolean active, final Instant from) {
    final VersionedRecord<Employee> latest = roster.get(employeeId);
    return TreeMessage.newBuilder()
        .setKind(TreeMessageKind.ROSTER)
        .setEmployeeId(employeeId)
        .setUnitId(unitId)
        .setRootUnitId(hierarchy.rootOf(unitId))
        .setActive(active)
        .setOccurredAt(from)
        .setLatestUnitId(latest == null ? unitId : latest.value().getUnitId())
        .setYears(years.all(employeeId))
        .build();
  }

  /**
   * Sends the message to every tree whose placement of the employee it changes: the new version's,
   * the one in force just before it, and the one it replaces at the same effectiveFrom.
   */
  private void forward(
      final TreeMessage message, final Set<String> roots, final long time, final Headers headers) {
    for (final String root : roots) {
      // The record's own time, not effectiveFrom (which travels in the message): a version dated
      // ahead must not carry a timestamp the broker refuses onto the repartition topic.
      context.forward(new Record<>(root, IngestResult.accepted(message), time, headers));
    }
  }
}
