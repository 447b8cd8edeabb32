package id.go.bkn.asn.topology;

import id.go.bkn.asn.config.TopologySettings;
import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.registry.MockSchemaRegistry;
import id.go.bkn.asn.registry.SchemaRegistryClient;
import id.go.bkn.asn.schema.AttendanceEvent;
import id.go.bkn.asn.schema.AttendanceStatus;
import id.go.bkn.asn.schema.Employee;
import id.go.bkn.asn.schema.EmploymentType;
import id.go.bkn.asn.schema.EnrollmentAction;
import id.go.bkn.asn.schema.EnrollmentEvent;
import id.go.bkn.asn.schema.FeedbackEvent;
import id.go.bkn.asn.schema.PositionType;
import id.go.bkn.asn.schema.WorkUnit;
import id.go.bkn.asn.serde.AvroClassTrust;
import id.go.bkn.asn.serde.AvroSerdes;
import id.go.bkn.asn.topology.ingest.IngestStreamsConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The ingest stage alone in a TopologyTestDriver: the global reference stores, the stage, and its
 * output written to {@value #TREE_OUT}; a mock registry scope per fixture, a fixed clock, explicit
 * naming enforced and the stage's own streams properties (dead-letter queue, handler, metrics). Two
 * trees: KOTA-SERANG (DINKES, DISDIK) and KAB-SERANG (BKPSDM-KAB).
 */
final class IngestFixture implements AutoCloseable {

  static final String TREE_OUT = "tree-out";
  static final Instant NOW = Instant.parse("2025-03-09T00:00:00Z");
  static final Instant LONG_AGO = Instant.parse("2024-01-01T00:00:00Z");

  static {
    AvroClassTrust.trustPackage("id.go.bkn.asn.schema");
  }

  final TopicNames topics = TopicNames.contract();
  final RecordingEvents events = new RecordingEvents();
  final TopologyTestDriver driver;
  final TestInputTopic<String, WorkUnit> units;
  final TestInputTopic<String, Employee> employees;
  final TestInputTopic<String, EnrollmentEvent> enrollments;
  final TestInputTopic<String, AttendanceEvent> attendance;
  final TestInputTopic<String, FeedbackEvent> feedback;
  final TestOutputTopic<String, TreeMessage> tree;
  final TestOutputTopic<String, byte[]> deadLetters;
  private final String scope = "scope-" + UUID.randomUUID();
  private final SchemaRegistryClient client = MockSchemaRegistry.client(scope);

  IngestFixture(final Path stateDir) {
    this(stateDir, Clock.fixed(NOW, ZoneOffset.UTC), false);
  }

  /** A fixture on a wall clock the test moves, the driver's wall clock starting with it. */
  IngestFixture(final Path stateDir, final Clock clock) {
    this(stateDir, clock, true);
  }

  private IngestFixture(final Path stateDir, final Clock clock, final boolean driverOnClock) {
    final Properties properties = properties(stateDir, topics, events);
    properties.put(IngestStreamsConfig.CLOCK_CONFIG, clock);
    final TopologyContext context =
        new TopologyContext(
            TopologySettings.DEFAULTS, topics, TopologySerdes.on(client), clock, events);
    final Topology topology = topology(context, properties);
    driver =
        driverOnClock
            ? new TopologyTestDriver(topology, properties, clock.instant())
            : new TopologyTestDriver(topology, properties);
    units = input(topics.units(), AvroSerdes.specific(WorkUnit.class, client));
    employees = input(topics.employees(), AvroSerdes.specific(Employee.class, client));
    enrollments = input(topics.enrollments(), AvroSerdes.specific(EnrollmentEvent.class, client));
    attendance = input(topics.attendance(), AvroSerdes.specific(AttendanceEvent.class, client));
    feedback = input(topics.feedback(), AvroSerdes.specific(FeedbackEvent.class, client));
    tree =
        driver.createOutputTopic(
            TREE_OUT, new StringDeserializer(), context.serdes().treeMessage().deserializer());
    deadLetters =
        driver.createOutputTopic(
            topics.deadLetters(), new StringDeserializer(), new ByteArrayDeserializer());
    units.pipeInput("KOTA-SERANG", unit("KOTA-SERANG", null), LONG_AGO);
    units.pipeInput("DINKES", unit("DINKES", "KOTA-SERANG"), LONG_AGO);
    units.pipeInput("DISDIK", unit("DISDIK", "KOTA-SERANG"), LONG_AGO);
    units.pipeInput("KAB-SERANG", unit("KAB-SERANG", null), LONG_AGO);
    units.pipeInput("BKPSDM-KAB", unit("BKPSDM-KAB", "KAB-SERANG"), LONG_AGO);
  }

  /** The driver's properties: what the app sets for this stage, explicit naming on. */
  static Properties properties(
      final Path stateDir, final TopicNames topics, final RecordingEvents events) {
    final Properties properties = new Properties();
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "ingest-test");
    properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    properties.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    properties.putAll(IngestStreamsConfig.properties(topics, events));
    return properties;
  }

  /** The stage on its own, its output to {@value #TREE_OUT}. */
  static Topology topology(final TopologyContext context, final Properties properties) {
    final StreamsBuilder builder =
        new StreamsBuilder(new TopologyConfig(new StreamsConfig(properties)));
    ParticipationTopology.addReferenceStores(builder, context);
    new IngestStage(context)
        .build(builder)
        .to(
            TREE_OUT,
            Produced.with(Serdes.String(), context.serdes().treeMessage())
                .withName("tree-out-sink"));
    return builder.build();
  }

  /** A raw input of an event topic, for bytes that are not Avro. */
  TestInputTopic<String, byte[]> raw(final String topic) {
    return driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer());
  }

  /** The bytes the fixture's serializer writes for an enrolment, as they land on the topic. */
  byte[] bytesOf(final String topic, final EnrollmentEvent event) {
    return AvroSerdes.specific(EnrollmentEvent.class, client).serializer().serialize(topic, event);
  }

  byte[] bytesOf(final String topic, final AttendanceEvent event) {
    return AvroSerdes.specific(AttendanceEvent.class, client).serializer().serialize(topic, event);
  }

  /** Any record as the fixture's serializer writes it for the topic. */
  @SuppressWarnings("unchecked")
  <T extends org.apache.avro.specific.SpecificRecord> byte[] avro(
      final String topic, final T value) {
    final Class<T> type = (Class<T>) value.getClass();
    return AvroSerdes.specific(type, client).serializer().serialize(topic, value);
  }

  /** A roster record framed for its own subject: a valid record of another type elsewhere. */
  byte[] bytesOf(final String topic, final Employee employee) {
    return AvroSerdes.specific(Employee.class, client).serializer().serialize(topic, employee);
  }

  byte[] bytesOf(final String topic, final FeedbackEvent event) {
    return AvroSerdes.specific(FeedbackEvent.class, client).serializer().serialize(topic, event);
  }

  /** An employee's roster record, piped at effectiveFrom. */
  void roster(
      final String employeeId, final String unitId, final boolean active, final Instant from) {
    employees.pipeInput(employeeId, employee(employeeId, unitId, active, from), from);
  }

  static WorkUnit unit(final String unitId, final String parent) {
    return WorkUnit.newBuilder()
        .setUnitId(unitId)
        .setName("Unit " + unitId)
        .setKind(parent == null ? "PEMDA" : "DINAS")
        .setParentUnitId(parent)
        .setActive(true)
        .build();
  }

  static Employee employee(
      final String employeeId, final String unitId, final boolean active, final Instant from) {
    return Employee.newBuilder()
        .setEmployeeId(employeeId)
        .setUnitId(unitId)
        .setEmploymentType(EmploymentType.PNS)
        .setPositionType(PositionType.FUNCTIONAL)
        .setActive(active)
        .setEffectiveFrom(from)
        .build();
  }

  static EnrollmentEvent enrollment(
      final String eventId, final String employeeId, final Instant occurredAt) {
    return EnrollmentEvent.newBuilder()
        .setEventId(eventId)
        .setEmployeeId(employeeId)
        .setProgramId("PROG-LATSAR")
        .setRunId("RUN-1")
        .setAction(EnrollmentAction.ENROLLED)
        .setOccurredAt(occurredAt)
        .setSource("LMS")
        .build();
  }

  /** A PRESENT attendance of its own session (named after the event). */
  static AttendanceEvent attendance(
      final String eventId,
      final String employeeId,
      final double sessionJp,
      final Instant occurredAt) {
    return attendance(
        eventId, employeeId, "S-" + eventId, AttendanceStatus.PRESENT, sessionJp, occurredAt);
  }

  /** An attendance of the given session of RUN-1. */
  static AttendanceEvent attendance(
      final String eventId,
      final String employeeId,
      final String sessionId,
      final AttendanceStatus status,
      final double sessionJp,
      final Instant occurredAt) {
    return AttendanceEvent.newBuilder()
        .setEventId(eventId)
        .setEmployeeId(employeeId)
        .setProgramId("PROG-LATSAR")
        .setRunId("RUN-1")
        .setSessionId(sessionId)
        .setStatus(status)
        .setSessionJp(sessionJp)
        .setOccurredAt(occurredAt)
        .setSource("SIASN")
        .build();
  }

  static FeedbackEvent feedback(
      final String eventId, final String employeeId, final int overall, final Instant occurredAt) {
    return FeedbackEvent.newBuilder()
        .setEventId(eventId)
        .setEmployeeId(employeeId)
        .setProgramId("PROG-LATSAR")
        .setRunId("RUN-1")
        .setOverall(overall)
        .setCareerRelevance(4)
        .setRecommend(9)
        .setComment("Materi bermanfaat, terima kasih")
        .setOccurredAt(occurredAt)
        .setSource("LMS")
        .build();
  }

  private <V> TestInputTopic<String, V> input(
      final String topic, final org.apache.kafka.common.serialization.Serde<V> serde) {
    return driver.createInputTopic(topic, new StringSerializer(), serde.serializer());
  }

  @Override
  public void close() {
    driver.close();
    MockSchemaRegistry.drop(scope);
  }
}
