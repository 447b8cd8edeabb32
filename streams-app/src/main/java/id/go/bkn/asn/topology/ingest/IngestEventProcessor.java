package id.go.bkn.asn.topology.ingest;

import id.go.bkn.asn.function.DeadLetterReason;
import id.go.bkn.asn.function.EventKeyRule;
import id.go.bkn.asn.function.EventValidator;
import id.go.bkn.asn.function.Rejection;
import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.internal.TreeMessageKind;
import id.go.bkn.asn.internal.YearTotals;
import id.go.bkn.asn.metrics.PipelineEvents;
import id.go.bkn.asn.metrics.PipelineEvents.Outcome;
import id.go.bkn.asn.schema.Employee;
import id.go.bkn.asn.schema.WorkUnit;
import id.go.bkn.asn.serde.Decoded;
import id.go.bkn.asn.topology.UnitHierarchy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.VersionedKeyValueStore;
import org.apache.kafka.streams.state.VersionedRecord;

/**
 * Ingests the decoded events of one input topic: validate, drop duplicates, attribute to the
 * employee's unit as of occurredAt, and forward either a {@link TreeMessage} keyed by the root of
 * that unit's tree (anonymous feedback: by programme) or the original bytes as a dead letter
 * (INVALID_FIELD, FUTURE_TIMESTAMP, UNKNOWN_EMPLOYEE) keyed by the original key, with headers that
 * say why and where it came from. A credited session or completion goes to the employee's {@link
 * YearLedger}, whose totals go to the tree of the employee's latest roster version, the one that
 * owns their year. Per event: a few window-store fetches and puts and at most two versioned gets;
 * no scans.
 *
 * @param <T> the generated record type of the input topic
 */
public final class IngestEventProcessor<T>
    implements Processor<String, Decoded<T>, String, IngestResult> {

  private static final String PRESENT = "PRESENT";
  private static final String LATE = "LATE";
  private static final String COMPLETED = "COMPLETED";

  private final EventKind<T> kind;
  private final String configuredTopic;
  private final Clock clock;
  private final EventValidator validator;
  private final long horizonMillis;
  private final PipelineEvents events;
  private final String unitsStore;
  private final boolean rebuildsIds;

  private ProcessorContext<String, IngestResult> context;
  private VersionedKeyValueStore<String, Employee> roster;
  private EventIdMemory ids;
  private SessionFacts facts;
  private YearLedger years;
  private UnitHierarchy hierarchy;

  /**
   * A processor.
   *
   * @param kind the event kind of the input topic
   * @param settings what the processor is told (topic, clock, limits, metrics)
   */
  public IngestEventProcessor(final EventKind<T> kind, final IngestSettings settings) {
    this.kind = kind;
    this.configuredTopic = settings.topic();
    this.clock = settings.clock();
    this.validator =
        new EventValidator(settings.clock(), settings.maxClockSkew(), settings.maxSessionJp());
    this.horizonMillis = settings.dedupHorizon().toMillis();
    this.events = settings.events();
    this.unitsStore = settings.unitsStore();
    this.rebuildsIds = settings.rebuildsEventIds();
  }

  @Override
  public void init(final ProcessorContext<String, IngestResult> context) {
    this.context = context;
    this.roster = context.getStateStore(IngestStores.ROSTER);
    this.ids =
        new EventIdMemory(
            context.getStateStore(EventIdMemory.LOG),
            context.getStateStore(EventIdMemory.OPEN),
            context.getStateStore(EventIdMemory.INDEX),
            Duration.ofMillis(horizonMillis),
            configuredTopic,
            EventIdMemory.batchLimit(context.appConfigs()));
    if (rebuildsIds) {
      ids.rebuild();
    }
    this.facts = new SessionFacts(context.getStateStore(SessionFacts.STORE));
    this.years = new YearLedger(context.getStateStore(YearLedger.STORE));
    final KeyValueStore<String, WorkUnit> units = context.getStateStore(unitsStore);
    this.hierarchy = new UnitHierarchy(units::get);
  }

  @Override
  public void process(final Record<String, Decoded<T>> record) {
    if (record.value() == null) {
      // A tombstone on an event topic: events are facts and are never deleted, so it is set
      // aside (with no bytes to keep) for the operator to see, not silently dropped.
      deadLetter(record, null, Rejection.invalidField("no value (a tombstone on an event topic)"));
      return;
    }
    final T event = record.value().value();
    final Optional<Rejection> invalid =
        kind.validate(validator, event)
            .or(
                () ->
                    EventKeyRule.check(
                        record.key(), kind.employeeId(event), kind.programId(event)));
    if (invalid.isPresent()) {
      deadLetter(record, invalid.get());
      return;
    }
    final Instant occurredAt = kind.occurredAt(event);
    final String eventId = kind.eventId(event);
    if (ids.seen(eventId, occurredAt.toEpochMilli())) {
      events.count(sourceTopic(), Outcome.DUPLICATE);
      return;
    }
    final TreeMessage.Builder message = message(record, event, occurredAt);
    final String employeeId = kind.employeeId(event);
    final String key;
    if (employeeId == null) {
      key = kind.programId(event);
    } else {
      final VersionedRecord<Employee> version = roster.get(employeeId, occurredAt.toEpochMilli());
      if (version == null || !version.value().getActive()) {
        deadLetter(record, unknownEmployee(version, occurredAt));
        return;
      }
      final String unitId = version.value().getUnitId();
      key = hierarchy.rootOf(unitId);
      message.setUnitId(unitId).setRootUnitId(key);
    }
    // Remembered only once accepted, so an event refused for an unknown employee can be replayed
    // from the dead letters after the roster is fixed.
    ids.remember(eventId, occurredAt.toEpochMilli(), offset());
    final TreeMessage accepted = message.build();
    final String factKey = kind.factKey(event);
    AttendanceFact previous = null;
    if (factKey != null) {
      final SessionFacts.Decision decision = facts.record(factKey, AttendanceFact.of(accepted));
      if (decision.replay()) {
        events.count(sourceTopic(), Outcome.DUPLICATE);
        return;
      }
      previous = decision.previous();
    }
    if (employeeId == null) {
      context.forward(record.withKey(key).withValue(IngestResult.accepted(accepted)));
    } else {
      forwardWithYears(record, employeeId, key, accepted, previous);
    }
    events.count(sourceTopic(), Outcome.ACCEPTED);
    events.delay(Duration.between(occurredAt, clock.instant()));
  }

  /**
   * Credits the event to the employee's year (and debits the version a correction replaces), then
   * sends the retraction, if any, and the event, each with the totals of its year once both are
   * applied, to the tree that owns the employee's year: on the message itself when it goes to that
   * tree anyway, in a YTD message otherwise.
   */
  private void forwardWithYears(
      final Record<String, Decoded<T>> record,
      final String employeeId,
      final String key,
      final TreeMessage accepted,
      final AttendanceFact previous) {
    YearTotals retracted = null;
    if (previous != null && credited(previous.status())) {
      retracted = years.add(employeeId, previous.occurredAt(), -jp(previous.sessionJp()), -1, 0);
    }
    YearTotals credit = null;
    final long at = accepted.getOccurredAt().toEpochMilli();
    if (accepted.getKind() == TreeMessageKind.ATTENDANCE && credited(accepted.getStatus())) {
      credit = years.add(employeeId, at, jp(accepted.getSessionJp()), 1, 0);
    } else if (accepted.getKind() == TreeMessageKind.ENROLLMENT
        && COMPLETED.equals(accepted.getAction())) {
      credit = years.add(employeeId, at, 0.0, 0, 1);
    }
    if (previous != null) {
      // A correction: the version it replaces leaves the open windows first. Its year's totals
      // travel with it only when the correction's own message does not carry the same year.
      final boolean sameYear =
          credit != null && retracted != null && credit.getYear() == retracted.getYear();
      send(
          record,
          previous.retraction(employeeId, sourceTopic()),
          previous.rootUnitId(),
          sameYear ? null : retracted);
    }
    send(record, accepted, key, credit);
  }

  /** Sends a message to its tree, and the year totals to the tree that owns the year. */
  private void send(
      final Record<String, Decoded<T>> record,
      final TreeMessage message,
      final String root,
      final YearTotals totals) {
    if (totals == null) {
      context.forward(record.withKey(root).withValue(IngestResult.accepted(message)));
      return;
    }
    final String employeeId = message.getEmployeeId();
    final VersionedRecord<Employee> latest = roster.get(employeeId);
    final String latestUnit = latest == null ? message.getUnitId() : latest.value().getUnitId();
    final String owner = hierarchy.rootOf(latestUnit);
    if (owner.equals(root)) {
      context.forward(
          record
              .withKey(root)
              .withValue(
                  IngestResult.accepted(
                      TreeMessage.newBuilder(message)
                          .setLatestUnitId(latestUnit)
                          .setYears(List.of(totals))
                          .build())));
      return;
    }
    context.forward(record.withKey(root).withValue(IngestResult.accepted(message)));
    final TreeMessage ytd =
        TreeMessage.newBuilder()
            .setKind(TreeMessageKind.YTD)
            .setEmployeeId(employeeId)
            .setUnitId(latestUnit)
            .setRootUnitId(owner)
            .setOccurredAt(message.getOccurredAt())
            .setSourceTopic(message.getSourceTopic())
            .setLatestUnitId(latestUnit)
            .setYears(List.of(totals))
            .build();
    context.forward(record.withKey(owner).withValue(IngestResult.accepted(ytd)));
  }

  private static boolean credited(final String status) {
    return PRESENT.equals(status) || LATE.equals(status);
  }

  private static double jp(final Double sessionJp) {
    return sessionJp == null ? 0.0 : sessionJp;
  }

  private long offset() {
    return context.recordMetadata().map(RecordMetadata::offset).orElse(-1L);
  }

  private TreeMessage.Builder message(
      final Record<String, Decoded<T>> record, final T event, final Instant occurredAt) {
    final TreeMessage.Builder message =
        TreeMessage.newBuilder()
            .setKind(kind.kind())
            .setEventId(kind.eventId(event))
            .setEmployeeId(kind.employeeId(event))
            .setProgramId(kind.programId(event))
            .setOccurredAt(occurredAt)
            .setSourceTopic(sourceTopic())
            .setOriginalKey(
                record.key() == null
                    ? null
                    : ByteBuffer.wrap(record.key().getBytes(StandardCharsets.UTF_8)))
            .setOriginalValue(ByteBuffer.wrap(record.value().original()));
    kind.copyFields(event, message);
    return message;
  }

  private static Rejection unknownEmployee(
      final VersionedRecord<Employee> version, final Instant occurredAt) {
    // Names no employee: the header goes wherever the dead letters go.
    final String detail =
        version == null
            ? "employee has no roster entry as of occurredAt " + occurredAt
            : "employee is inactive in the roster as of occurredAt " + occurredAt;
    return new Rejection(DeadLetterReason.UNKNOWN_EMPLOYEE, detail);
  }

  private void deadLetter(final Record<String, Decoded<T>> record, final Rejection rejection) {
    deadLetter(record, record.value().original(), rejection);
  }

  private void deadLetter(
      final Record<String, Decoded<T>> record, final byte[] original, final Rejection rejection) {
    final Optional<RecordMetadata> metadata = context.recordMetadata();
    final String topic = sourceTopic();
    final int partition = metadata.map(RecordMetadata::partition).orElse(-1);
    final long offset = metadata.map(RecordMetadata::offset).orElse(-1L);
    // Stamped with the time it is set aside, not its event time: the broker refuses a timestamp
    // more than an hour ahead (a FUTURE_TIMESTAMP event would abort the transaction and loop), and
    // the topic's 30-day retention would delete one dated years back at once. occurredAt stays in
    // the original bytes.
    context.forward(
        record
            .withValue(IngestResult.deadLetter(original))
            .withTimestamp(clock.millis())
            .withHeaders(
                RejectionHeaders.of(record.headers(), rejection, topic, partition, offset)));
    events.count(topic, Outcome.DEAD_LETTER);
  }

  private String sourceTopic() {
    return context.recordMetadata().map(RecordMetadata::topic).orElse(configuredTopic);
  }
}
