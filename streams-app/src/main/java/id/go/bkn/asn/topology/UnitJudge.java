package id.go.bkn.asn.topology;

import id.go.bkn.asn.function.DeadLetterReason;
import id.go.bkn.asn.function.Rejection;
import id.go.bkn.asn.internal.HeldUnit;
import id.go.bkn.asn.metrics.PipelineEvents.Outcome;
import id.go.bkn.asn.schema.WorkUnit;
import id.go.bkn.asn.serde.InternalAvroSerde;
import id.go.bkn.asn.topology.ReferenceAuditTopology.Judged;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;

/**
 * The one decision over the units of {@code reference.units} that passed the stateless {@link
 * ReferenceCheck}, made by the single task of the judge's one-partition repartition topic, so every
 * unit is judged once, in one order, whatever instance runs it. The accepted units ({@value
 * #ACCEPTED}) form a forest: a unit is accepted only when it is a root or its parent is accepted
 * and the parent's chain does not reach the unit, so by induction no chain loops (the walk is still
 * bounded). For a unit:
 *
 * <ul>
 *   <li>no parent, or an accepted parent whose chain does not reach it: accepted (stored and
 *       forwarded as valid); then every unit waiting for it is judged in turn;
 *   <li>an accepted parent whose chain reaches it (A under B under A, whatever the length): set
 *       aside at once, CYCLIC_PARENT; the unit keeps its last accepted version;
 *   <li>a parent not accepted (yet): held in {@value #WAITING} until the parent is accepted or the
 *       wait runs out, checked by a wall-clock punctuator every emit interval: DANGLING_PARENT. A
 *       later version of a waiting unit supersedes it (the waiting one is set aside at once,
 *       DANGLING_PARENT "superseded"); the same bytes again leave it waiting.
 * </ul>
 *
 * Nothing here is Kafka Streams' own mechanism because none decides over a whole keyed set in one
 * place; the stores are ordinary persistent, changelogged stores of the judge's task.
 */
final class UnitJudge implements Processor<byte[], byte[], byte[], Judged> {

  /** The accepted units, by id. */
  static final String ACCEPTED = "reference-units-accepted";

  /**
   * The units waiting for their parent: {@code U<NUL>id} -> the held unit, and the same unit under
   * {@code P<NUL>parent<NUL>id}, so that accepting a parent finds its waiting children with one
   * prefix scan instead of a scan of every waiting unit (a national first load interleaves six
   * partitions, so thousands of children may wait at once).
   */
  static final String WAITING = "reference-units-waiting";

  private static final String SEP = "\u0000";
  private static final String BY_ID = "U" + SEP;
  private static final String BY_PARENT = "P" + SEP;
  private static final StringSerializer KEYS = new StringSerializer();

  /** A bound on a parent walk; the accepted units form a forest, so it is never reached. */
  static final int MAX_WALK = 10_000;

  private final TopologyContext topology;
  private final Deserializer<WorkUnit> units;
  private final String unitsTopic;
  private final Logger log;
  private ProcessorContext<byte[], Judged> context;
  private KeyValueStore<String, WorkUnit> accepted;
  private KeyValueStore<String, HeldUnit> waiting;

  UnitJudge(
      final TopologyContext topology,
      final Deserializer<WorkUnit> units,
      final String unitsTopic,
      final Logger log) {
    this.topology = topology;
    this.units = units;
    this.unitsTopic = unitsTopic;
    this.log = log;
  }

  static StoreBuilder<KeyValueStore<String, WorkUnit>> acceptedStore(final Serde<WorkUnit> serde) {
    return Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(ACCEPTED), Serdes.String(), serde);
  }

  static StoreBuilder<KeyValueStore<String, HeldUnit>> waitingStore() {
    return Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(WAITING),
        Serdes.String(),
        new InternalAvroSerde<>(HeldUnit.class));
  }

  @Override
  public void init(final ProcessorContext<byte[], Judged> context) {
    this.context = context;
    this.accepted = context.getStateStore(ACCEPTED);
    this.waiting = context.getStateStore(WAITING);
    context.schedule(
        topology.settings().emitInterval(), PunctuationType.WALL_CLOCK_TIME, now -> expire());
  }

  @Override
  public void process(final Record<byte[], byte[]> record) {
    final String id = new String(record.key(), StandardCharsets.UTF_8);
    final HeldUnit unit =
        HeldUnit.newBuilder()
            .setOriginal(ByteBuffer.wrap(record.value()))
            .setParentUnitId("")
            .setTopic(header(record.headers(), ReferenceAuditTopology.SOURCE_TOPIC, unitsTopic))
            .setPartition(
                Integer.parseInt(
                    header(record.headers(), ReferenceAuditTopology.SOURCE_PARTITION, "-1")))
            .setOffset(
                Long.parseLong(
                    header(record.headers(), ReferenceAuditTopology.SOURCE_OFFSET, "-1")))
            .setHeldAt(Instant.ofEpochMilli(topology.clock().millis()))
            .build();
    final HeldUnit before = waiting.get(BY_ID + id);
    if (before != null) {
      if (before.getOriginal().equals(unit.getOriginal())) {
        return; // the same version again: it keeps waiting, its wait unchanged
      }
      stopWaiting(id, before);
      setAside(
          id,
          before,
          DeadLetterReason.DANGLING_PARENT,
          "parentUnitId is not an accepted unit, and a later version of the unit superseded this"
              + " one while it waited");
    }
    judge(id, unit);
  }

  /** Judges one unit, then every unit its acceptance releases, in the order they waited. */
  private void judge(final String firstId, final HeldUnit first) {
    final Deque<KeyValue<String, HeldUnit>> work = new ArrayDeque<>();
    work.add(KeyValue.pair(firstId, first));
    while (!work.isEmpty()) {
      final KeyValue<String, HeldUnit> next = work.poll();
      final String id = next.key;
      final HeldUnit held = next.value;
      final WorkUnit unit = units.deserialize(held.getTopic(), bytes(held.getOriginal()));
      final String parent =
          unit.getParentUnitId() == null ? null : unit.getParentUnitId().toString();
      if (parent == null) {
        accept(id, unit, held, work);
      } else if (accepted.get(parent) == null) {
        final HeldUnit waitingUnit = HeldUnit.newBuilder(held).setParentUnitId(parent).build();
        waiting.put(BY_ID + id, waitingUnit);
        waiting.put(BY_PARENT + parent + SEP + id, waitingUnit);
      } else if (reaches(parent, id)) {
        setAside(
            id,
            held,
            DeadLetterReason.CYCLIC_PARENT,
            "parentUnitId leads back to the unit itself through the accepted units");
      } else {
        accept(id, unit, held, work);
      }
    }
  }

  private void accept(
      final String id,
      final WorkUnit unit,
      final HeldUnit held,
      final Deque<KeyValue<String, HeldUnit>> work) {
    accepted.put(id, unit);
    context.forward(
        new Record<>(
            id.getBytes(StandardCharsets.UTF_8),
            new Judged(bytes(held.getOriginal()), true),
            topology.clock().millis(),
            new RecordHeaders()));
    final String prefix = BY_PARENT + id + SEP;
    final List<KeyValue<String, HeldUnit>> children = new ArrayList<>();
    try (KeyValueIterator<String, HeldUnit> waitingForIt = waiting.prefixScan(prefix, KEYS)) {
      waitingForIt.forEachRemaining(
          entry -> children.add(KeyValue.pair(entry.key.substring(prefix.length()), entry.value)));
    }
    for (final KeyValue<String, HeldUnit> child : children) {
      stopWaiting(child.key, child.value);
      work.add(child);
    }
  }

  /** Whether the chain of accepted units from {@code start} up reaches {@code target}. */
  private boolean reaches(final String start, final String target) {
    String at = start;
    for (int steps = 0; at != null; steps++) {
      if (at.equals(target)) {
        return true;
      }
      if (steps >= MAX_WALK) {
        return true; // cannot happen in a forest; refusing is the safe side
      }
      final WorkUnit unit = accepted.get(at);
      at =
          unit == null || unit.getParentUnitId() == null ? null : unit.getParentUnitId().toString();
    }
    return false;
  }

  /** Sets aside every unit that has waited the reference wait for its parent. */
  private void expire() {
    final long now = topology.clock().millis();
    final long wait = topology.settings().referenceWait().toMillis();
    final List<KeyValue<String, HeldUnit>> due = new ArrayList<>();
    try (KeyValueIterator<String, HeldUnit> all = waiting.prefixScan(BY_ID, KEYS)) {
      all.forEachRemaining(
          entry -> {
            if (now - entry.value.getHeldAt().toEpochMilli() >= wait) {
              due.add(KeyValue.pair(entry.key.substring(BY_ID.length()), entry.value));
            }
          });
    }
    for (final KeyValue<String, HeldUnit> entry : due) {
      stopWaiting(entry.key, entry.value);
      setAside(
          entry.key,
          entry.value,
          DeadLetterReason.DANGLING_PARENT,
          "parentUnitId is not an accepted unit after waiting "
              + topology.settings().referenceWait());
    }
  }

  /** Removes a waiting unit under both of its keys. */
  private void stopWaiting(final String id, final HeldUnit held) {
    waiting.delete(BY_ID + id);
    waiting.delete(BY_PARENT + held.getParentUnitId() + SEP + id);
  }

  private void setAside(
      final String id, final HeldUnit held, final DeadLetterReason reason, final String detail) {
    log.warn(
        "Reference record set aside as a dead letter: topic {} partition {} offset {}: {}: {}",
        held.getTopic(),
        held.getPartition(),
        held.getOffset(),
        reason,
        detail);
    topology.events().count(held.getTopic(), Outcome.DEAD_LETTER);
    context.forward(
        new Record<>(
            id.getBytes(StandardCharsets.UTF_8),
            new Judged(bytes(held.getOriginal()), false),
            topology.clock().millis(),
            ReferenceAuditTopology.deadLetterHeaders(
                new RecordHeaders(),
                new Rejection(reason, detail),
                null,
                held.getTopic(),
                held.getPartition(),
                held.getOffset())));
  }

  private static String header(final Headers headers, final String name, final String fallback) {
    final Header header = headers.lastHeader(name);
    return header == null ? fallback : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(final ByteBuffer buffer) {
    final ByteBuffer copy = buffer.duplicate();
    final byte[] out = new byte[copy.remaining()];
    copy.get(out);
    return out;
  }
}
