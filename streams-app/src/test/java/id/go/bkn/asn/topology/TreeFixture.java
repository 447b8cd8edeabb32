package id.go.bkn.asn.topology;

import id.go.bkn.asn.config.AlertThresholds;
import id.go.bkn.asn.config.TopologySettings;
import id.go.bkn.asn.function.JakartaCalendar;
import id.go.bkn.asn.internal.ProgramMessage;
import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.internal.TreeMessageKind;
import id.go.bkn.asn.internal.YearTotals;
import id.go.bkn.asn.metrics.PipelineEvents;
import id.go.bkn.asn.registry.MockSchemaRegistry;
import id.go.bkn.asn.schema.EmployeeJpProgress;
import id.go.bkn.asn.schema.ParticipationAlert;
import id.go.bkn.asn.schema.RecordStatus;
import id.go.bkn.asn.schema.UnitActivity;
import id.go.bkn.asn.schema.UnitJpProgress;
import id.go.bkn.asn.schema.WorkUnit;
import id.go.bkn.asn.serde.AvroClassTrust;
import id.go.bkn.asn.testing.MutableClock;
import id.go.bkn.asn.topology.ingest.IngestStreamsConfig;
import id.go.bkn.asn.topology.ingest.TreePartitioner;
import id.go.bkn.asn.topology.tree.TreeProcessor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;

/**
 * A tree stage under TopologyTestDriver: the units of a three-level tree (KOTA -> KEC-A, KEC-B ->
 * KEL-A1, KEL-A2, KEL-B1) piped into the global store, a TreeMessage source on a test topic,
 * builders of messages, readers of every output and a wall clock moved in step with the driver's.
 *
 * <p>Unless {@link #manualWatermarks()} is called, the fixture plays the one ingest task (sender 0
 * of 1) the way {@code IngestWatermarkProcessor} does: its watermark is the greatest occurredAt of
 * the events piped, sent before every wall-clock step, idle once no event was piped for the idle
 * timeout; {@link #tick} sends a watermark at once. It also plays the ingest stage's year ledger
 * ({@code ingest.YearLedger}): see {@link #pipe}.
 */
final class TreeFixture implements AutoCloseable {

  static {
    AvroClassTrust.trustPackage("id.go.bkn.asn.schema");
    AvroClassTrust.trustPackage("id.go.bkn.asn.internal");
  }

  static final String TREE_TOPIC = "test.tree";
  static final String PROGRAM_TOPIC = "test.program-messages";
  static final String KOTA = "KOTA";
  static final String KEC_A = "KEC-A";
  static final String KEC_B = "KEC-B";
  static final String KEL_A1 = "KEL-A1";
  static final String KEL_A2 = "KEL-A2";
  static final String KEL_B1 = "KEL-B1";
  static final List<String> ALL_UNITS = List.of(KOTA, KEC_A, KEC_B, KEL_A1, KEL_A2, KEL_B1);
  static final String PROGRAM = "PRG-1";

  /** The wall clock's start: Monday 2025-03-10 07:00 WIB, the week under test. */
  static final Instant START = wib("2025-03-10T07:00");

  final MutableClock wall = new MutableClock(START);
  final TopologySettings settings;
  final TopologyContext context;
  final TopologyTestDriver driver;
  private final String scope = "scope-" + UUID.randomUUID();
  private final AtomicInteger eventIds = new AtomicInteger();
  private final Map<String, YearTotals> ledger = new TreeMap<>();
  private final Map<String, Map.Entry<Long, String>> latestVersion = new HashMap<>();
  private boolean emulateSender = true;
  private Instant senderMark;
  private Instant senderLastEventWall = START;
  private final TestInputTopic<String, TreeMessage> tree;
  private final TestInputTopic<String, WorkUnit> units;
  private final TestOutputTopic<String, UnitActivity> daily;
  private final TestOutputTopic<String, UnitActivity> weekly;
  private final TestOutputTopic<String, UnitJpProgress> unitJp;
  private final TestOutputTopic<String, EmployeeJpProgress> employeeJp;
  private final TestOutputTopic<String, ParticipationAlert> alerts;
  private final TestOutputTopic<byte[], byte[]> late;
  private final TestOutputTopic<String, ProgramMessage> programs;
  final List<UnitActivity> dailyRecords = new ArrayList<>();
  final List<UnitActivity> weeklyRecords = new ArrayList<>();
  final List<TestRecord<String, UnitActivity>> weeklyKeyed = new ArrayList<>();
  final List<UnitJpProgress> unitJpRecords = new ArrayList<>();
  final List<EmployeeJpProgress> employeeJpRecords = new ArrayList<>();
  final List<ParticipationAlert> alertRecords = new ArrayList<>();
  final List<TestRecord<byte[], byte[]>> lateRecords = new ArrayList<>();
  final List<TestRecord<String, ProgramMessage>> programRecords = new ArrayList<>();

  TreeFixture(final Path stateDir) {
    this(stateDir, TopologySettings.DEFAULTS.withInternalPartitions(1));
  }

  TreeFixture(final Path stateDir, final TopologySettings settings) {
    this(stateDir, settings, 0);
  }

  /**
   * A fixture whose tree stage deletes closed windows' state in chunks of {@code deleteChunk} keys
   * (0: the app's default).
   */
  TreeFixture(final Path stateDir, final TopologySettings settings, final int deleteChunk) {
    this(stateDir, settings, deleteChunk, 0);
  }

  /**
   * A fixture whose tree stage deletes in chunks of {@code deleteChunk} keys and does at most
   * {@code workChunk} units of a close (FINAL records, moves, waiting messages) per call (0: the
   * app's defaults).
   */
  TreeFixture(
      final Path stateDir,
      final TopologySettings settings,
      final int deleteChunk,
      final int workChunk) {
    this.settings = settings;
    final TopologySerdes serdes = TopologySerdes.on(MockSchemaRegistry.client(scope));
    this.context =
        new TopologyContext(settings, TopicNames.contract(), serdes, wall, PipelineEvents.NONE);
    final StreamsBuilder builder = new StreamsBuilder();
    ParticipationTopology.addReferenceStores(builder, context);
    final KStream<String, TreeMessage> source =
        builder.stream(
            TREE_TOPIC,
            Consumed.with(Serdes.String(), serdes.treeMessage()).withName("test-tree-source"));
    (deleteChunk > 0 || workChunk > 0
            ? new TreeStage(
                context,
                deleteChunk > 0 ? deleteChunk : TreeProcessor.DEFAULT_DELETE_CHUNK,
                workChunk > 0 ? workChunk : TreeProcessor.DEFAULT_WORK_CHUNK)
            : new TreeStage(context))
        .build(builder, source)
        .to(
            PROGRAM_TOPIC,
            Produced.with(Serdes.String(), serdes.programMessage()).withName("test-program-sink"));
    final Topology topology = builder.build();
    final Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "tree-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    // What the app runs with: the dead-letter queue, the exception handlers, the global thread's.
    props.putAll(IngestStreamsConfig.properties(context.topics(), PipelineEvents.NONE, wall));
    driver = new TopologyTestDriver(topology, props, START);
    final TopicNames topics = context.topics();
    final Serde<String> strings = Serdes.String();
    units =
        driver.createInputTopic(topics.units(), strings.serializer(), serdes.unit().serializer());
    units.pipeKeyValueList(
        List.of(
            unitKv(KOTA, "Pemerintah Kota", "PEMDA", null),
            unitKv(KEC_A, "Kecamatan A", "KECAMATAN", KOTA),
            unitKv(KEC_B, "Kecamatan B", "KECAMATAN", KOTA),
            unitKv(KEL_A1, "Kelurahan A1", "KELURAHAN", KEC_A),
            unitKv(KEL_A2, "Kelurahan A2", "KELURAHAN", KEC_A),
            unitKv(KEL_B1, "Kelurahan B1", "KELURAHAN", KEC_B)),
        START,
        Duration.ZERO);
    tree =
        driver.createInputTopic(
            TREE_TOPIC, strings.serializer(), serdes.treeMessage().serializer());
    daily = output(topics.unitActivityDaily(), serdes.unitActivity());
    weekly = output(topics.unitActivityWeekly(), serdes.unitActivity());
    unitJp = output(topics.unitJpYtd(), serdes.unitJp());
    employeeJp = output(topics.employeeJpYtd(), serdes.employeeJp());
    alerts = output(topics.alerts(), serdes.alert());
    late =
        driver.createOutputTopic(
            topics.lateEvents(),
            Serdes.ByteArray().deserializer(),
            Serdes.ByteArray().deserializer());
    programs = output(PROGRAM_TOPIC, serdes.programMessage());
  }

  private <V> TestOutputTopic<String, V> output(final String topic, final Serde<V> serde) {
    return driver.createOutputTopic(topic, Serdes.String().deserializer(), serde.deserializer());
  }

  private static org.apache.kafka.streams.KeyValue<String, WorkUnit> unitKv(
      final String id, final String name, final String kind, final String parent) {
    return org.apache.kafka.streams.KeyValue.pair(
        id,
        WorkUnit.newBuilder()
            .setUnitId(id)
            .setName(name)
            .setKind(kind)
            .setParentUnitId(parent)
            .setActive(true)
            .build());
  }

  /** Settings with the defaults, one internal partition and these alert thresholds. */
  static TopologySettings settingsWith(final AlertThresholds alerts) {
    final TopologySettings d = TopologySettings.DEFAULTS;
    return d.toBuilder().treePartitions(1).programPartitions(1).alerts(alerts).build();
  }

  /** The instant of a WIB local date-time such as 2025-03-10T09:00. */
  static Instant wib(final String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(JakartaCalendar.ZONE).toInstant();
  }

  // ---- messages ----

  TreeMessage.Builder event(
      final TreeMessageKind kind, final String employee, final String unit, final Instant at) {
    final String eventId = "ev-" + eventIds.incrementAndGet();
    return TreeMessage.newBuilder()
        .setKind(kind)
        .setEventId(eventId)
        .setEmployeeId(employee)
        .setUnitId(unit)
        .setRootUnitId(unit == null ? null : KOTA)
        .setProgramId(PROGRAM)
        .setOccurredAt(at)
        .setSourceTopic(sourceTopic(kind))
        .setOriginalKey(
            employee == null ? null : ByteBuffer.wrap(employee.getBytes(StandardCharsets.UTF_8)))
        .setOriginalValue(
            ByteBuffer.wrap(("bytes-of-" + eventId).getBytes(StandardCharsets.UTF_8)));
  }

  private static String sourceTopic(final TreeMessageKind kind) {
    return switch (kind) {
      case ENROLLMENT -> "training.enrollments";
      case ATTENDANCE -> "training.attendance";
      case FEEDBACK -> "training.feedback";
      case ROSTER -> "reference.employees";
      case WATERMARK, YTD -> throw new IllegalArgumentException(kind + " is not an event");
    };
  }

  TreeMessage attendance(
      final String employee,
      final String unit,
      final String status,
      final double jp,
      final Instant at) {
    return event(TreeMessageKind.ATTENDANCE, employee, unit, at)
        .setStatus(status)
        .setSessionJp(jp)
        .build();
  }

  TreeMessage enrollment(
      final String employee, final String unit, final String action, final Instant at) {
    return event(TreeMessageKind.ENROLLMENT, employee, unit, at).setAction(action).build();
  }

  TreeMessage feedback(
      final String employee,
      final String unit,
      final int overall,
      final Integer careerRelevance,
      final Integer recommend,
      final Instant at) {
    return event(TreeMessageKind.FEEDBACK, employee, unit, at)
        .setOverall(overall)
        .setCareerRelevance(careerRelevance)
        .setRecommend(recommend)
        .build();
  }

  /**
   * Anonymous feedback: keyed by programme, no employee and no unit; also a way to move the clock.
   */
  TreeMessage anonymousFeedback(final Instant at) {
    return event(TreeMessageKind.FEEDBACK, null, null, at).setOverall(4).build();
  }

  /**
   * A roster version: the employee active (or not) in the unit from {@code at}. {@link #pipe} adds
   * what the ingest stage adds: the unit of the latest version and the year totals.
   */
  TreeMessage roster(
      final String employee, final String unit, final boolean active, final Instant at) {
    return TreeMessage.newBuilder()
        .setKind(TreeMessageKind.ROSTER)
        .setEmployeeId(employee)
        .setUnitId(unit)
        .setRootUnitId(KOTA)
        .setActive(active)
        .setOccurredAt(at)
        .setSourceTopic("reference.employees")
        .build();
  }

  /**
   * What the ingest stage sends to undo an earlier version of an attendance fact that a correction
   * replaces: that version's fields, flagged, without original bytes.
   */
  static TreeMessage retraction(final TreeMessage earlier) {
    return TreeMessage.newBuilder(earlier)
        .setRetraction(true)
        .setOriginalKey(null)
        .setOriginalValue(null)
        .build();
  }

  /** A new active employee of the unit from the given time. */
  TreeMessage hire(final String employee, final String unit, final Instant at) {
    return roster(employee, unit, true, at);
  }

  // ---- driving ----

  /** Replaces a unit in reference.units (e.g. to make it inactive). */
  void updateUnit(
      final String id,
      final String name,
      final String kind,
      final String parent,
      final boolean active) {
    final WorkUnit unit =
        WorkUnit.newBuilder(unitKv(id, name, kind, parent).value).setActive(active).build();
    units.pipeInput(id, unit, wall.instant());
  }

  /** A tombstone for the unit in reference.units: bad input, which the global store skips. */
  void deleteUnit(final String id) {
    units.pipeInput(id, null, wall.instant());
  }

  /**
   * Pipes messages with their occurredAt as record timestamp, keyed as the ingest stage keys, with
   * the year totals the ingest stage's ledger would add: every credited session or completion (and
   * every retracted session) changes the employee's year, whose totals ride on the message with the
   * unit of their latest roster version; a ROSTER message carries every year.
   */
  void pipe(final TreeMessage... messages) {
    for (final TreeMessage piped : messages) {
      if (piped.getKind() == TreeMessageKind.WATERMARK) {
        tree.pipeInput(TreePartitioner.WATERMARK_KEY, piped, piped.getOccurredAt());
        continue;
      }
      final TreeMessage message = withYears(piped);
      if (message.getKind() != TreeMessageKind.ROSTER) {
        senderMark = later(senderMark, message.getOccurredAt());
        senderLastEventWall = wall.instant();
      }
      final String key =
          message.getRootUnitId() == null ? message.getProgramId() : message.getRootUnitId();
      tree.pipeInput(key, message, message.getOccurredAt());
    }
  }

  private TreeMessage withYears(final TreeMessage message) {
    final String employee = message.getEmployeeId();
    if (employee == null) {
      return message;
    }
    if (message.getKind() == TreeMessageKind.ROSTER) {
      final long from = message.getOccurredAt().toEpochMilli();
      final Map.Entry<Long, String> known = latestVersion.get(employee);
      if (known == null || from >= known.getKey()) {
        latestVersion.put(employee, Map.entry(from, message.getUnitId()));
      }
      final List<YearTotals> years =
          ledger.entrySet().stream()
              .filter(e -> e.getKey().startsWith(employee + "|"))
              .map(Map.Entry::getValue)
              .toList();
      return TreeMessage.newBuilder(message)
          .setLatestUnitId(latestVersion.get(employee).getValue())
          .setYears(years)
          .build();
    }
    final boolean retraction = Boolean.TRUE.equals(message.getRetraction());
    final int sign = retraction ? -1 : 1;
    final boolean session =
        message.getKind() == TreeMessageKind.ATTENDANCE
            && ("PRESENT".equals(message.getStatus()) || "LATE".equals(message.getStatus()));
    final boolean completion =
        !retraction
            && message.getKind() == TreeMessageKind.ENROLLMENT
            && "COMPLETED".equals(message.getAction());
    if (!session && !completion) {
      return message;
    }
    final int year = JakartaCalendar.yearOf(message.getOccurredAt());
    final String key = employee + "|" + year;
    final YearTotals before = ledger.getOrDefault(key, new YearTotals(year, 0.0, 0, 0));
    final double jp = session && message.getSessionJp() != null ? message.getSessionJp() : 0.0;
    final YearTotals after =
        new YearTotals(
            year,
            before.getJpTotal() + sign * jp,
            before.getSessionsAttended() + (session ? sign : 0),
            before.getProgramsCompleted() + (completion ? 1 : 0));
    ledger.put(key, after);
    final Map.Entry<Long, String> latest = latestVersion.get(employee);
    return TreeMessage.newBuilder(message)
        .setLatestUnitId(latest == null ? message.getUnitId() : latest.getValue())
        .setYears(List.of(after))
        .build();
  }

  /** A WATERMARK from ingest task {@code sender} of {@code senders}. */
  static TreeMessage watermark(
      final int sender, final int senders, final Instant at, final boolean idle) {
    return TreeMessage.newBuilder()
        .setKind(TreeMessageKind.WATERMARK)
        .setOccurredAt(at)
        .setSenderPartition(sender)
        .setSenderPartitions(senders)
        .setIdle(idle)
        .build();
  }

  /** From now on the test sends every watermark itself (several senders). */
  void manualWatermarks() {
    emulateSender = false;
  }

  /**
   * Moves the clock of the task to the instant: the one emulated ingest task reports that its
   * events reached it (an event time, not the wall clock).
   */
  void tick(final Instant at) {
    senderMark = later(senderMark, at);
    senderLastEventWall = wall.instant();
    pipe(watermark(0, 1, senderMark, false));
  }

  /** Moves both wall clocks; the emulated ingest task reports first, as its punctuator would. */
  void advanceWall(final Duration duration) {
    wall.advance(duration);
    if (emulateSender) {
      final boolean idle =
          Duration.between(senderLastEventWall, wall.instant()).compareTo(settings.idleTimeout())
              >= 0;
      if (senderMark != null || idle) {
        pipe(watermark(0, 1, senderMark == null ? Instant.EPOCH : senderMark, idle));
      }
    }
    driver.advanceWallClockTime(duration);
  }

  private static Instant later(final Instant a, final Instant b) {
    return a == null || b.isAfter(a) ? b : a;
  }

  /** One emit interval of wall clock: the punctuator writes what changed. */
  void punctuate() {
    advanceWall(settings.emitInterval());
  }

  /** Reads every output written so far into the lists. */
  TreeFixture drain() {
    dailyRecords.addAll(daily.readValuesToList());
    weeklyKeyed.addAll(weekly.readRecordsToList());
    weeklyRecords.clear();
    weeklyKeyed.forEach(r -> weeklyRecords.add(r.value()));
    unitJpRecords.addAll(unitJp.readValuesToList());
    employeeJpRecords.addAll(employeeJp.readValuesToList());
    alertRecords.addAll(alerts.readValuesToList());
    lateRecords.addAll(late.readRecordsToList());
    programRecords.addAll(programs.readRecordsToList());
    return this;
  }

  /** The last daily record of the unit for the day starting at the date, with that status. */
  UnitActivity lastDaily(final String unit, final String date, final RecordStatus status) {
    return last(dailyRecords, unit, date, status);
  }

  /** The last weekly record of the unit for the week starting at the date (a Monday). */
  UnitActivity lastWeekly(final String unit, final String date, final RecordStatus status) {
    return last(weeklyRecords, unit, date, status);
  }

  List<UnitActivity> finals(final List<UnitActivity> records, final String date) {
    final Predicate<UnitActivity> match =
        r -> r.getStatus() == RecordStatus.FINAL && date.equals(dateOf(r));
    return records.stream().filter(match).toList();
  }

  private static UnitActivity last(
      final List<UnitActivity> records,
      final String unit,
      final String date,
      final RecordStatus status) {
    UnitActivity found = null;
    for (final UnitActivity r : records) {
      if (r.getUnitId().equals(unit) && date.equals(dateOf(r)) && r.getStatus() == status) {
        found = r;
      }
    }
    return found;
  }

  static String dateOf(final UnitActivity record) {
    return JakartaCalendar.dateOf(record.getWindowStart()).toString();
  }

  UnitJpProgress lastUnitJp(final String unit) {
    UnitJpProgress found = null;
    for (final UnitJpProgress r : unitJpRecords) {
      if (r.getUnitId().equals(unit)) {
        found = r;
      }
    }
    return found;
  }

  @Override
  public void close() {
    driver.close();
    MockSchemaRegistry.drop(scope);
  }
}
