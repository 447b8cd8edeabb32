package id.go.bkn.asn.topology;

import id.go.bkn.asn.config.TopologySettings;
import id.go.bkn.asn.function.JakartaCalendar;
import id.go.bkn.asn.internal.ProgramMessage;
import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.registry.MockSchemaRegistry;
import id.go.bkn.asn.registry.SchemaRegistryClient;
import id.go.bkn.asn.schema.AttendanceEvent;
import id.go.bkn.asn.schema.AttendanceStatus;
import id.go.bkn.asn.schema.Employee;
import id.go.bkn.asn.schema.EmployeeJpProgress;
import id.go.bkn.asn.schema.EnrollmentEvent;
import id.go.bkn.asn.schema.FeedbackEvent;
import id.go.bkn.asn.schema.ProgramSatisfaction;
import id.go.bkn.asn.schema.UnitJpProgress;
import id.go.bkn.asn.schema.WorkUnit;
import id.go.bkn.asn.serde.AvroClassTrust;
import id.go.bkn.asn.serde.AvroSerdes;
import id.go.bkn.asn.testing.MutableClock;
import id.go.bkn.asn.topology.ingest.IngestStreamsConfig;
import id.go.bkn.asn.topology.ingest.TreePartitioner;
import id.go.bkn.asn.topology.tree.TreeOwnership;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The ingest stage and two tree-stage tasks, each in its own TopologyTestDriver, so that two trees
 * live in two tasks with their own state, as they do when asn-tree has several partitions: the
 * ingest driver's asn-tree output is routed by key (the root) to the task of that tree, watermarks
 * to both. Two trees: KOTA-SERANG (DINKES; KEC-1 over KEL-1, KEC-2 over KEL-2) and KAB-SERANG
 * (BKPSDM-KAB). Both roots fall in partition 1 of 2, so neither driver (TopologyTestDriver's task
 * is always partition 0) answers for a tree by its hash: each answers exactly for the tree whose
 * messages it receives, as the task of that tree's partition would. What both tree tasks send to
 * the programme stage goes to a fourth driver running it. All four drivers run on one wall clock
 * the test moves.
 */
final class CrossTreeFixture implements AutoCloseable {

  static {
    AvroClassTrust.trustPackage("id.go.bkn.asn.schema");
    AvroClassTrust.trustPackage("id.go.bkn.asn.internal");
  }

  static final String KOTA = "KOTA-SERANG";
  static final String DINKES = "DINKES";
  static final String KAB = "KAB-SERANG";
  static final String BKPSDM = "BKPSDM-KAB";
  static final String KEC_1 = "KEC-1";
  static final String KEL_1 = "KEL-1";
  static final String KEC_2 = "KEC-2";
  static final String KEL_2 = "KEL-2";

  private static final String TREE_TOPIC = "test.tree";
  private static final String PROGRAM_TOPIC = "test.program-messages";

  final MutableClock wall;
  final TopologySettings settings =
      TopologySettings.DEFAULTS.withInternalPartitions(2).withInputPartitions(1);
  private final String scope = "scope-" + UUID.randomUUID();
  private final SchemaRegistryClient client = MockSchemaRegistry.client(scope);
  private final TopologyContext context;
  private final TopologyTestDriver ingest;
  private final TestInputTopic<String, Employee> employees;
  private final TestInputTopic<String, AttendanceEvent> attendance;
  private final TestInputTopic<String, EnrollmentEvent> enrollments;
  private final TestInputTopic<String, FeedbackEvent> feedback;
  private Instant latestAttendance;
  private final TestOutputTopic<String, TreeMessage> toTrees;
  private final TreeTask kota;
  private final TreeTask kab;
  private final TopologyTestDriver programme;
  private final TestInputTopic<String, ProgramMessage> toProgramme;
  private final TestOutputTopic<String, ProgramSatisfaction> programmeOut;
  private final List<ProgramSatisfaction> programmeRecords = new ArrayList<>();
  private int eventIds;

  CrossTreeFixture(final Path stateDir, final Instant start) {
    if (TreeOwnership.partitionOf(KOTA, 2) == 0 || TreeOwnership.partitionOf(KAB, 2) == 0) {
      throw new IllegalStateException("both roots must fall outside partition 0");
    }
    wall = new MutableClock(start);
    context =
        new TopologyContext(
            settings,
            TopicNames.contract(),
            TopologySerdes.on(client),
            wall,
            id.go.bkn.asn.metrics.PipelineEvents.NONE);
    final Properties properties =
        IngestFixture.properties(
            stateDir.resolve("ingest"), context.topics(), new RecordingEvents());
    properties.put(IngestStreamsConfig.CLOCK_CONFIG, wall);
    ingest = new TopologyTestDriver(IngestFixture.topology(context, properties), properties, start);
    employees =
        input(ingest, context.topics().employees(), AvroSerdes.specific(Employee.class, client));
    attendance =
        input(
            ingest,
            context.topics().attendance(),
            AvroSerdes.specific(AttendanceEvent.class, client));
    enrollments =
        input(
            ingest,
            context.topics().enrollments(),
            AvroSerdes.specific(EnrollmentEvent.class, client));
    feedback =
        input(
            ingest, context.topics().feedback(), AvroSerdes.specific(FeedbackEvent.class, client));
    toTrees =
        ingest.createOutputTopic(
            IngestFixture.TREE_OUT,
            new StringDeserializer(),
            context.serdes().treeMessage().deserializer());
    kota = new TreeTask(stateDir.resolve("tree-kota"), "kota");
    kab = new TreeTask(stateDir.resolve("tree-kab"), "kab");
    final StreamsBuilder programmeBuilder = new StreamsBuilder();
    ParticipationTopology.addReferenceStores(programmeBuilder, context);
    new ProgramStage(context)
        .build(
            programmeBuilder,
            programmeBuilder.stream(
                PROGRAM_TOPIC,
                Consumed.with(Serdes.String(), context.serdes().programMessage())
                    .withName("test-programme-source")));
    final Properties programmeProps = new Properties();
    programmeProps.put(StreamsConfig.APPLICATION_ID_CONFIG, "programme");
    programmeProps.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
    programmeProps.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("programme").toString());
    programme = new TopologyTestDriver(programmeBuilder.build(), programmeProps, start);
    toProgramme = input(programme, PROGRAM_TOPIC, context.serdes().programMessage());
    programmeOut =
        programme.createOutputTopic(
            context.topics().programSatisfactionWeekly(),
            new StringDeserializer(),
            context.serdes().programSatisfaction().deserializer());
    final List<KeyValue<String, WorkUnit>> units =
        List.of(
            KeyValue.pair(KOTA, IngestFixture.unit(KOTA, null)),
            KeyValue.pair(DINKES, IngestFixture.unit(DINKES, KOTA)),
            KeyValue.pair(KEC_1, IngestFixture.unit(KEC_1, KOTA)),
            KeyValue.pair(KEL_1, IngestFixture.unit(KEL_1, KEC_1)),
            KeyValue.pair(KEC_2, IngestFixture.unit(KEC_2, KOTA)),
            KeyValue.pair(KEL_2, IngestFixture.unit(KEL_2, KEC_2)),
            KeyValue.pair(KAB, IngestFixture.unit(KAB, null)),
            KeyValue.pair(BKPSDM, IngestFixture.unit(BKPSDM, KAB)));
    final Instant longAgo = start.minus(Duration.ofDays(365));
    input(ingest, context.topics().units(), context.serdes().unit())
        .pipeKeyValueList(units, longAgo, Duration.ZERO);
    kota.units.pipeKeyValueList(units, longAgo, Duration.ZERO);
    kab.units.pipeKeyValueList(units, longAgo, Duration.ZERO);
  }

  /** The instant of a WIB local date-time such as 2025-03-10T09:00. */
  static Instant wib(final String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(JakartaCalendar.ZONE).toInstant();
  }

  /** A roster version of the employee, active or not in the unit from {@code from}. */
  void roster(final String employee, final String unit, final boolean active, final Instant from) {
    employees.pipeInput(employee, IngestFixture.employee(employee, unit, active, from), from);
    route();
  }

  /** An attendance of the employee for the session, under a fresh event id. */
  void attend(
      final String employee,
      final String session,
      final AttendanceStatus status,
      final double jp,
      final Instant at) {
    final String eventId = "ev-" + ++eventIds;
    attendance.pipeInput(
        employee, IngestFixture.attendance(eventId, employee, session, status, jp, at), at);
    latestAttendance =
        latestAttendance == null || at.isAfter(latestAttendance) ? at : latestAttendance;
    route();
  }

  /**
   * An enrolment and a feedback of E2 (BKPSDM-KAB) at the latest attendance time so far, so that
   * every event topic's partition of the ingest task has reached it: the task reports the lowest
   * watermark of its partitions that are not idle (docs/design/topology.md), so attendance alone
   * sets no clock until the other topics have been quiet for the idle timeout. Neither record
   * changes a year-to-date figure (an ENROLLED enrolment and a feedback credit no JP).
   */
  void sync() {
    final Instant at = latestAttendance;
    enrollments.pipeInput("E2", IngestFixture.enrollment("sync-e-" + ++eventIds, "E2", at), at);
    feedback.pipeInput("E2", IngestFixture.feedback("sync-f-" + ++eventIds, "E2", 4, at), at);
    route();
  }

  /** A few emit intervals of wall clock: watermarks reach both trees, which write what changed. */
  void punctuate() {
    for (int i = 0; i < 2; i++) {
      final Duration step = settings.emitInterval();
      wall.advance(step);
      ingest.advanceWallClockTime(step);
      route();
      kota.driver.advanceWallClockTime(step);
      kab.driver.advanceWallClockTime(step);
    }
  }

  /**
   * The programme stage's latest record of the programme week (key {@code programId|monday}) after
   * it took what both tree tasks sent so far and wrote what changed; null when it wrote none.
   */
  ProgramSatisfaction programmeWeek(final String key) {
    for (final TreeTask task : List.of(kota, kab)) {
      for (final TestRecord<String, ProgramMessage> record : task.programOut.readRecordsToList()) {
        toProgramme.pipeInput(record);
      }
    }
    programme.advanceWallClockTime(settings.emitInterval());
    for (final KeyValue<String, ProgramSatisfaction> record : programmeOut.readKeyValuesToList()) {
      if (key.equals(record.key)) {
        programmeRecords.add(record.value);
      }
    }
    return programmeRecords.isEmpty() ? null : programmeRecords.get(programmeRecords.size() - 1);
  }

  /** Moves the wall clock of all three drivers by {@code duration} at once, then punctuates. */
  void advanceWall(final Duration duration) {
    wall.advance(duration);
    ingest.advanceWallClockTime(duration);
    route();
    kota.driver.advanceWallClockTime(duration);
    kab.driver.advanceWallClockTime(duration);
    punctuate();
  }

  /** The task of the KOTA-SERANG tree. */
  TreeTask kota() {
    return kota;
  }

  /** The task of the KAB-SERANG tree. */
  TreeTask kab() {
    return kab;
  }

  private void route() {
    for (final TestRecord<String, TreeMessage> record : toTrees.readRecordsToList()) {
      if (TreePartitioner.WATERMARK_KEY.equals(record.key())) {
        kota.pipe(record);
        kab.pipe(record);
      } else if (KAB.equals(record.key())) {
        kab.pipe(record);
      } else {
        kota.pipe(record);
      }
    }
  }

  private static <V> TestInputTopic<String, V> input(
      final TopologyTestDriver driver, final String topic, final Serde<V> serde) {
    return driver.createInputTopic(topic, new StringSerializer(), serde.serializer());
  }

  @Override
  public void close() {
    ingest.close();
    kota.driver.close();
    kab.driver.close();
    programme.close();
    MockSchemaRegistry.drop(scope);
  }

  /** One tree-stage task: its driver, its input and what it wrote. */
  final class TreeTask {
    final TopologyTestDriver driver;
    final TestInputTopic<String, WorkUnit> units;
    private final TestInputTopic<String, TreeMessage> tree;
    private final TestOutputTopic<String, UnitJpProgress> unitJp;
    private final TestOutputTopic<String, EmployeeJpProgress> employeeJp;
    private final TestOutputTopic<String, ProgramMessage> programOut;
    final List<UnitJpProgress> unitJpRecords = new ArrayList<>();
    final List<TestRecord<String, EmployeeJpProgress>> employeeRecords = new ArrayList<>();

    private TreeTask(final Path stateDir, final String name) {
      final StreamsBuilder builder = new StreamsBuilder();
      ParticipationTopology.addReferenceStores(builder, context);
      final KStream<String, TreeMessage> source =
          builder.stream(
              TREE_TOPIC,
              Consumed.with(Serdes.String(), context.serdes().treeMessage())
                  .withName("test-tree-source"));
      new TreeStage(context)
          .build(builder, source)
          .to(
              PROGRAM_TOPIC,
              Produced.with(Serdes.String(), context.serdes().programMessage())
                  .withName("test-program-sink"));
      final Properties props = new Properties();
      props.put(StreamsConfig.APPLICATION_ID_CONFIG, "tree-" + name);
      props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
      props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
      props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
      driver = new TopologyTestDriver(builder.build(), props, wall.instant());
      units = input(driver, context.topics().units(), context.serdes().unit());
      tree = input(driver, TREE_TOPIC, context.serdes().treeMessage());
      unitJp =
          driver.createOutputTopic(
              context.topics().unitJpYtd(),
              new StringDeserializer(),
              context.serdes().unitJp().deserializer());
      employeeJp =
          driver.createOutputTopic(
              context.topics().employeeJpYtd(),
              new StringDeserializer(),
              context.serdes().employeeJp().deserializer());
      programOut =
          driver.createOutputTopic(
              PROGRAM_TOPIC,
              new StringDeserializer(),
              context.serdes().programMessage().deserializer());
    }

    private void pipe(final TestRecord<String, TreeMessage> record) {
      tree.pipeInput(record);
    }

    /** Reads what the task wrote so far. */
    TreeTask drain() {
      unitJpRecords.addAll(unitJp.readValuesToList());
      employeeRecords.addAll(employeeJp.readRecordsToList());
      return this;
    }

    /** The unit's latest year record written by this task, or null. */
    UnitJpProgress lastUnitJp(final String unit) {
      drain();
      UnitJpProgress found = null;
      for (final UnitJpProgress r : unitJpRecords) {
        if (r.getUnitId().equals(unit)) {
          found = r;
        }
      }
      return found;
    }

    /** Every record of the key {@code employeeId|yyyy} this task wrote, oldest first. */
    List<EmployeeJpProgress> employeeRecords(final String key) {
      drain();
      return employeeRecords.stream()
          .filter(r -> key.equals(r.key()))
          .map(TestRecord::value)
          .toList();
    }
  }
}
