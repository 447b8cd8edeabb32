package id.go.bkn.asn.bench;

import id.go.bkn.asn.schema.AttendanceEvent;
import id.go.bkn.asn.schema.AttendanceStatus;
import id.go.bkn.asn.schema.Employee;
import id.go.bkn.asn.schema.EnrollmentEvent;
import id.go.bkn.asn.schema.FeedbackEvent;
import id.go.bkn.asn.schema.TrainingProgram;
import id.go.bkn.asn.schema.WorkUnit;
import id.go.bkn.asn.serde.AvroSerializer;
import id.go.bkn.asn.simulator.Simulation;
import id.go.bkn.asn.simulator.SimulationSink;
import id.go.bkn.asn.topics.ContractTopic;
import id.go.bkn.asn.topics.TopicKeys;
import id.go.bkn.asn.topology.TopicNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The bench's input, generated once per run from a seeded simulation: the reference data (units,
 * roster, programmes), which goes straight to the broker before any phase, and the stream of events
 * and roster changes, kept in memory serialized (Confluent wire format) so that every phase reads
 * the very same bytes and generating them is not part of any figure. The attendance events (up to
 * {@value #TEMPLATES}) are kept as templates for the fresh events of the steady and latency phases,
 * so those events spread over the employees as the backlog's do.
 */
final class BenchInput {

  /** How many attendance events are kept as templates for the steady and latency phases. */
  private static final int TEMPLATES = 200_000;

  private final List<ProducerRecord<String, byte[]>> stream;
  private final long streamBytes;
  private final long events;
  private final long referenceRecords;
  private final Map<String, Long> perTopic;
  private final Instant lastEventTime;
  private final List<AttendanceEvent> templates;

  private BenchInput(final Recorder recorder) {
    this.stream = List.copyOf(recorder.stream);
    this.streamBytes = recorder.streamBytes;
    this.events = recorder.events;
    this.referenceRecords = recorder.referenceRecords;
    this.perTopic = Map.copyOf(recorder.perTopic);
    this.lastEventTime = recorder.lastEventTime;
    this.templates = List.copyOf(recorder.templates);
  }

  /**
   * Runs the simulation until {@code maxEvents} events (or until simulated time reaches {@code
   * until}); reference records go to {@code reference} as they come.
   */
  static BenchInput generate(
      final java.util.function.Function<SimulationSink, Simulation> simulation,
      final TopicNames topics,
      final AvroSerializer<SpecificRecord> serializer,
      final Consumer<ProducerRecord<String, byte[]>> reference,
      final long maxEvents,
      final Instant until) {
    final Recorder recorder = new Recorder(topics, serializer, reference);
    final Simulation sim = simulation.apply(recorder);
    sim.emitReference();
    recorder.referenceDone = true;
    while (recorder.events < maxEvents) {
      final int budget = (int) Math.min(10_000, maxEvents - recorder.events);
      if (sim.advanceTo(until, budget) == 0) {
        break;
      }
    }
    return new BenchInput(recorder);
  }

  /** Events and roster changes, in simulated-time order, ready to send. */
  List<ProducerRecord<String, byte[]>> stream() {
    return stream;
  }

  /** Serialized size of {@link #stream()}: keys and values. */
  long streamBytes() {
    return streamBytes;
  }

  /** Records of the three event topics in {@link #stream()}. */
  long events() {
    return events;
  }

  /** Units, initial roster and programmes written before the phases. */
  long referenceRecords() {
    return referenceRecords;
  }

  /** Records of {@link #stream()} per topic. */
  Map<String, Long> perTopic() {
    return perTopic;
  }

  /** The greatest occurredAt of the events. */
  Instant lastEventTime() {
    return lastEventTime;
  }

  /** Attendance events to copy for the steady and latency phases. */
  List<AttendanceEvent> templates() {
    return templates;
  }

  /**
   * A new fact made from a template: the template's employee and run, a session and event id of its
   * own, PRESENT, at {@code occurredAt}. Each is counted (a new session credits its JP), never
   * taken for a duplicate or a correction.
   */
  static AttendanceEvent fresh(
      final AttendanceEvent template, final String id, final Instant occurredAt) {
    return AttendanceEvent.newBuilder(template)
        .setEventId("bench-" + id)
        .setSessionId("bench-" + id)
        .setStatus(AttendanceStatus.PRESENT)
        .setOccurredAt(occurredAt)
        .build();
  }

  /**
   * {@code count} fresh facts (see {@link #fresh}) dated {@code occurredAt}, the templates taken in
   * turn, serialized for {@code topic}.
   */
  List<ProducerRecord<String, byte[]>> freshAttendance(
      final String tag,
      final long count,
      final Instant occurredAt,
      final String topic,
      final AvroSerializer<SpecificRecord> serializer) {
    if (templates.isEmpty()) {
      throw new IllegalStateException("the input has no attendance event to copy");
    }
    final List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      final AttendanceEvent event =
          fresh(templates.get((int) (i % templates.size())), tag + "-" + i, occurredAt);
      records.add(
          new ProducerRecord<>(topic, event.getEmployeeId(), serializer.serialize(topic, event)));
    }
    return records;
  }

  /** Serializes what the simulation emits, the reference to the broker, the rest to memory. */
  private static final class Recorder implements SimulationSink {
    private final TopicNames topics;
    private final AvroSerializer<SpecificRecord> serializer;
    private final Consumer<ProducerRecord<String, byte[]>> reference;
    private final List<ProducerRecord<String, byte[]>> stream = new ArrayList<>();
    private final Map<String, Long> perTopic = new TreeMap<>();
    private final List<AttendanceEvent> templates = new ArrayList<>();
    private boolean referenceDone;
    private long streamBytes;
    private long events;
    private long referenceRecords;
    private Instant lastEventTime = Instant.EPOCH;

    Recorder(
        final TopicNames topics,
        final AvroSerializer<SpecificRecord> serializer,
        final Consumer<ProducerRecord<String, byte[]>> reference) {
      this.topics = topics;
      this.serializer = serializer;
      this.reference = reference;
    }

    @Override
    public void unit(final WorkUnit unit) {
      add(ContractTopic.REFERENCE_UNITS, topics.units(), unit, false);
    }

    @Override
    public void employee(final Employee employee) {
      add(ContractTopic.REFERENCE_EMPLOYEES, topics.employees(), employee, false);
    }

    @Override
    public void program(final TrainingProgram program) {
      add(ContractTopic.REFERENCE_PROGRAMS, topics.programs(), program, false);
    }

    @Override
    public void enrollment(final EnrollmentEvent event) {
      add(ContractTopic.ENROLLMENTS, topics.enrollments(), event, true);
      seen(event.getOccurredAt());
    }

    @Override
    public void attendance(final AttendanceEvent event) {
      add(ContractTopic.ATTENDANCE, topics.attendance(), event, true);
      seen(event.getOccurredAt());
      if (templates.size() < TEMPLATES && event.getEmployeeId() != null) {
        templates.add(event);
      }
    }

    @Override
    public void feedback(final FeedbackEvent event) {
      add(ContractTopic.FEEDBACK, topics.feedback(), event, true);
      seen(event.getOccurredAt());
    }

    @Override
    public void badRecord(
        final String topic, final String key, final byte[] value, final String kind) {
      // The bench runs without bad input: its figures are for the clean path.
    }

    private void seen(final Instant occurredAt) {
      if (occurredAt.isAfter(lastEventTime)) {
        lastEventTime = occurredAt;
      }
    }

    private void add(
        final ContractTopic contract,
        final String topic,
        final SpecificRecordBase value,
        final boolean event) {
      final String key = TopicKeys.keyOf(contract, value);
      final byte[] bytes = serializer.serialize(topic, value);
      final ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, bytes);
      if (!referenceDone) {
        reference.accept(record);
        referenceRecords++;
        return;
      }
      stream.add(record);
      streamBytes += bytes.length + key.length();
      perTopic.merge(topic, 1L, Long::sum);
      if (event) {
        events++;
      }
    }
  }
}
