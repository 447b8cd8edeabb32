package id.go.bkn.asn.topology;

import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.config.TopologySettings;
import id.go.bkn.asn.function.DeadLetterHeaders;
import id.go.bkn.asn.function.DeadLetterReason;
import id.go.bkn.asn.function.JakartaCalendar;
import id.go.bkn.asn.registry.MockSchemaRegistry;
import id.go.bkn.asn.registry.SchemaRegistryClient;
import id.go.bkn.asn.schema.AttendanceEvent;
import id.go.bkn.asn.schema.Employee;
import id.go.bkn.asn.schema.RecordStatus;
import id.go.bkn.asn.schema.UnitActivity;
import id.go.bkn.asn.schema.WorkUnit;
import id.go.bkn.asn.serde.AvroClassTrust;
import id.go.bkn.asn.serde.AvroSerdes;
import id.go.bkn.asn.testing.MutableClock;
import id.go.bkn.asn.topology.ingest.IngestStreamsConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad reference data through the reference judge and the whole topology (ingest, tree and programme
 * stages) on two TopologyTestDrivers, the judge's accepted records relayed to the topics the global
 * stores read, while events flow (issue #9): records of {@code reference.units} and {@code
 * reference.programs} that do not decode, are empty or of another type, a unit that names itself as
 * parent, cycles of length 2 and 3 closed through accepted units, a cycle of units none of which
 * was accepted, a parent that does not exist, a unit moved under another root, tombstones on all
 * three reference topics, and roster versions for a unit not in reference.units (one whose unit
 * arrives within the wait, one whose unit never does). Nothing hangs; the judge sets aside the
 * cycles at once and the dangling units after the wait; the main topology sets aside the roster
 * tombstones, the versions whose unit never came (UNKNOWN_UNIT) and those employees' events
 * (UNKNOWN_EMPLOYEE); the FINAL daily figures of every other unit are exactly those of a run
 * without the bad units, and every event of an employee of an accepted unit is counted in its
 * unit's FINAL figure.
 */
class BadReferenceInputTest {

  static {
    AvroClassTrust.trustPackage("id.go.bkn.asn.schema");
    AvroClassTrust.trustPackage("id.go.bkn.asn.internal");
  }

  /** The wall clock's start: Monday 2025-03-10 10:00 WIB. */
  private static final Instant START = wib("2025-03-10T10:00");

  private static final Instant HIRED = Instant.parse("2024-01-01T00:00:00Z");
  private static final String MONDAY = "2025-03-10";

  /** The employee of a good unit whose roster entry gets a tombstone. */
  private static final String TOMBSTONED = "198703152010011002";

  /** An employee whose unit reaches reference.units after them, within the wait. */
  private static final String EARLY_STAFF = "198703152010011008";

  /** An employee of a unit whose parent later names it as its own parent. */
  private static final String CYCLE_STAFF = "198703152010011010";

  /** An employee whose unit never reaches reference.units. */
  private static final String STRANDED = "198703152010011009";

  private static final List<String> GOOD_UNITS =
      List.of("KOTA", "KEC-A", "KEL-A1", "KEC-B", "KAB", "KAB-X");

  @TempDir Path stateDir;

  @Test
  void shouldKeepOtherUnitsFiguresAndCountBadUnitsEventsWhenReferenceDataIsBad() {
    final Run clean = new Run(stateDir.resolve("clean"), false).play();
    final Run bad = new Run(stateDir.resolve("bad"), true).play();

    final Map<String, UnitActivity> cleanFinals = clean.finals();
    assertThat(cleanFinals.keySet()).containsExactlyInAnyOrderElementsOf(GOOD_UNITS);
    assertThat(cleanFinals.get("KOTA").getParticipants()).isEqualTo(2);
    assertThat(cleanFinals.get("KAB").getParticipants()).isEqualTo(1);
    for (final String unit : GOOD_UNITS) {
      assertThat(bad.finals().get(unit)).as("FINAL of %s", unit).isEqualTo(cleanFinals.get(unit));
    }

    // Every event of an employee of an accepted unit is counted in its unit's FINAL figure.
    final Map<String, UnitActivity> finals = bad.finals();
    assertThat(finals.get("SELF").getPresent()).as("kept under its last valid parent").isEqualTo(1);
    assertThat(finals.get("SELF-ROOT").getPresent()).isEqualTo(1);
    assertThat(finals.get("MOVER").getPresent()).as("moved under another root").isEqualTo(2);
    assertThat(finals.get("LATE-ROOT").getPresent())
        .as("its staff read before it, applied when it came")
        .isEqualTo(1);
    assertThat(finals.get("CY-B").getPresent()).as("its parent's cycle refused").isEqualTo(1);
    assertThat(finals.get("CY-A").getPresent()).as("still the root above it").isEqualTo(1);
    assertThat(finals.get("CY-Q").getParentUnitId()).isEqualTo("CY-P");
    assertThat(finals)
        .containsKeys("OLD-ROOT", "NEW-ROOT", "CY-P", "CY-R")
        .doesNotContainKeys("C1", "C2", "C3", "DANGLING", "NOWHERE", "NEVER-UNIT");

    // The global store holds what the judge accepted: the self-parent and cyclic updates left the
    // last valid versions, the bad keys and the units of a dangling or unaccepted parent are not
    // there.
    final KeyValueStore<String, WorkUnit> units = bad.driver.getKeyValueStore("units");
    assertThat(units.get("SELF").getParentUnitId()).isEqualTo("SELF-ROOT");
    assertThat(units.get("KEC-B").getParentUnitId()).isEqualTo("KOTA");
    assertThat(units.get("MOVER").getParentUnitId()).isEqualTo("NEW-ROOT");
    assertThat(units.get("CY-A").getParentUnitId()).isNull();
    assertThat(units.get("CY-P").getParentUnitId()).isNull();
    assertThat(units.get(" ")).isNull();
    assertThat(units.get("DANGLING")).isNull();
    assertThat(units.get("C1")).isNull();

    // The tombstones changed nothing: the programme is still there.
    assertThat(bad.driver.getKeyValueStore("programs").get("PROG-LATSAR")).isNotNull();

    // The judge set aside the two cycles at once, the dangling parent and the units of a cycle
    // none of which was ever accepted after the wait.
    assertThat(reasonsByKey(bad.judgeDeadLetters, DeadLetterReason.CYCLIC_PARENT))
        .containsExactly("CY-A", "CY-P");
    assertThat(reasonsByKey(bad.judgeDeadLetters, DeadLetterReason.DANGLING_PARENT))
        .containsExactly("C1", "C2", "C3", "DANGLING");
    assertThat(clean.judgeDeadLetters).isEmpty();

    // Nothing late. In the main topology: the roster tombstones (one before the employee's hire,
    // one after), the versions whose unit never came (their events have no roster entry), each
    // with its reason, original key and source.
    assertThat(clean.deadLetters).isEmpty();
    assertThat(reasonsByKey(bad.deadLetters, DeadLetterReason.INVALID_FIELD))
        .containsExactly(TOMBSTONED, TOMBSTONED);
    assertThat(reasonsByKey(bad.deadLetters, DeadLetterReason.UNKNOWN_UNIT))
        .containsExactlyInAnyOrder(STRANDED, "198703152010011005", "198703152010011006");
    assertThat(reasonsByKey(bad.deadLetters, DeadLetterReason.UNKNOWN_EMPLOYEE))
        .containsExactlyInAnyOrder("198703152010011005", "198703152010011006");
    assertThat(bad.deadLetters).hasSize(7);
    final TestRecord<byte[], byte[]> stranded =
        bad.deadLetters.stream()
            .filter(l -> new String(l.key(), StandardCharsets.UTF_8).equals(STRANDED))
            .findFirst()
            .orElseThrow();
    assertThat(IngestStageTest.text(stranded.headers(), DeadLetterHeaders.TOPIC))
        .isEqualTo(TopicNames.contract().employees());
    assertThat(stranded.value())
        .isEqualTo(
            bad.serdes
                .employee()
                .serializer()
                .serialize(
                    TopicNames.contract().employees(),
                    IngestFixture.employee(STRANDED, "NEVER-UNIT", true, HIRED)));
    for (final TestRecord<byte[], byte[]> letter : bad.deadLetters) {
      if (new String(letter.key(), StandardCharsets.UTF_8).equals(TOMBSTONED)) {
        assertThat(letter.value()).isNull();
        assertThat(IngestStageTest.text(letter.headers(), DeadLetterHeaders.MESSAGE))
            .contains("a tombstone");
        assertThat(IngestStageTest.text(letter.headers(), DeadLetterHeaders.TOPIC))
            .isEqualTo(TopicNames.contract().employees());
      }
    }
    assertThat(bad.late).isZero();
    clean.close();
    bad.close();
  }

  /** The keys of the dead letters of one reason, in order. */
  private static List<String> reasonsByKey(
      final List<TestRecord<byte[], byte[]>> letters, final DeadLetterReason reason) {
    return letters.stream()
        .filter(
            l -> reason.name().equals(IngestStageTest.text(l.headers(), DeadLetterHeaders.REASON)))
        .map(l -> new String(l.key(), StandardCharsets.UTF_8))
        .toList();
  }

  /** One run of the whole topology on its own driver and registry scope. */
  private static final class Run implements AutoCloseable {

    private final boolean withBadUnits;
    private final MutableClock wall = new MutableClock(START);
    private final String scope = "scope-" + UUID.randomUUID();
    private final TopicNames topics = TopicNames.contract().judgedBy("asn-test");
    private final TopologySerdes serdes;
    private final SchemaRegistryClient client;
    private final TopologyTestDriver driver;
    private final TopologyTestDriver judge;
    private final TestInputTopic<byte[], byte[]> units;
    private final TestInputTopic<byte[], byte[]> programs;
    private final TestOutputTopic<byte[], byte[]> validUnits;
    private final TestOutputTopic<byte[], byte[]> validPrograms;
    private final TestInputTopic<byte[], byte[]> storeUnits;
    private final TestInputTopic<byte[], byte[]> storePrograms;
    private final TestOutputTopic<byte[], byte[]> judgeDeadLetterTopic;
    private final List<TestRecord<byte[], byte[]>> judgeDeadLetters = new ArrayList<>();
    private final TestInputTopic<String, Employee> employees;
    private final TestInputTopic<String, AttendanceEvent> attendance;
    private final TestOutputTopic<String, UnitActivity> daily;
    private final TestOutputTopic<byte[], byte[]> deadLetterTopic;
    private final TestOutputTopic<byte[], byte[]> lateTopic;
    private final Map<String, UnitActivity> finals = new TreeMap<>();
    private List<TestRecord<byte[], byte[]>> deadLetters;
    private int late;
    private int eventIds;

    Run(final Path stateDir, final boolean withBadUnits) {
      this.withBadUnits = withBadUnits;
      client = MockSchemaRegistry.client(scope);
      serdes = TopologySerdes.on(client);
      final RecordingEvents events = new RecordingEvents();
      final TopologyContext context =
          new TopologyContext(
              TopologySettings.DEFAULTS.withInternalPartitions(1).withInputPartitions(1),
              topics,
              serdes,
              wall,
              events);
      final Properties props = IngestFixture.properties(stateDir, topics, events);
      props.put(IngestStreamsConfig.CLOCK_CONFIG, wall);
      driver =
          new TopologyTestDriver(
              new ParticipationTopology(context)
                  .build(new TopologyConfig(new StreamsConfig(props))),
              props,
              START);
      // The reference judge on a driver of its own; what it accepts is relayed to the topics the
      // main topology's global stores read, as the broker would.
      final Properties judgeProps =
          ReferenceAuditTopology.properties(
              IngestFixture.properties(stateDir.resolve("judge"), topics, events));
      judgeProps.put(IngestStreamsConfig.CLOCK_CONFIG, wall);
      judge =
          new TopologyTestDriver(
              ReferenceAuditTopology.build(
                  context, new TopologyConfig(new StreamsConfig(judgeProps))),
              judgeProps,
              START);
      units =
          judge.createInputTopic(
              topics.units(), new ByteArraySerializer(), new ByteArraySerializer());
      programs =
          judge.createInputTopic(
              topics.programs(), new ByteArraySerializer(), new ByteArraySerializer());
      validUnits =
          judge.createOutputTopic(
              topics.unitsStoreSource(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
      validPrograms =
          judge.createOutputTopic(
              topics.programsStoreSource(),
              new ByteArrayDeserializer(),
              new ByteArrayDeserializer());
      judgeDeadLetterTopic =
          judge.createOutputTopic(
              topics.deadLetters(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
      storeUnits = raw(topics.unitsStoreSource());
      storePrograms = raw(topics.programsStoreSource());
      employees =
          driver.createInputTopic(
              topics.employees(),
              new StringSerializer(),
              AvroSerdes.specific(Employee.class, client).serializer());
      attendance =
          driver.createInputTopic(
              topics.attendance(),
              new StringSerializer(),
              AvroSerdes.specific(AttendanceEvent.class, client).serializer());
      daily =
          driver.createOutputTopic(
              topics.unitActivityDaily(),
              new StringDeserializer(),
              serdes.unitActivity().deserializer());
      deadLetterTopic =
          driver.createOutputTopic(
              topics.deadLetters(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
      lateTopic =
          driver.createOutputTopic(
              topics.lateEvents(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    Run play() {
      unit("KOTA", null);
      unit("KEC-A", "KOTA");
      unit("KEL-A1", "KEC-A");
      unit("KEC-B", "KOTA");
      unit("KAB", null);
      unit("KAB-X", "KAB");
      programs.pipeInput(
          bytes("PROG-LATSAR"),
          serdes
              .program()
              .serializer()
              .serialize(topics.programs(), ReferenceAuditTest.program("PROG-LATSAR", "LATSAR")),
          START);
      relay();
      if (withBadUnits) {
        unit("SELF-ROOT", null);
        unit("SELF", "SELF-ROOT");
        unit("OLD-ROOT", null);
        unit("NEW-ROOT", null);
        unit("MOVER", "OLD-ROOT");
        unit("C1", "C2");
        unit("C2", "C3");
        unit("C3", "C1");
        unit("DANGLING", "NOWHERE");
        // Cycles of 2 and 3 through accepted units: the record closing each is set aside.
        unit("CY-A", null);
        unit("CY-B", "CY-A");
        unit("CY-P", null);
        unit("CY-Q", "CY-P");
        unit("CY-R", "CY-Q");
        badRecords();
        // A cycle of length 1: set aside by the audit, skipped by the store.
        unit("SELF", "SELF");
      }
      hire("198703152010011001", "KEL-A1");
      hire("198703152010011002", "KEC-B");
      hire("198703152010011003", "KAB-X");
      if (withBadUnits) {
        hire("198703152010011004", "SELF");
        hire("198703152010011005", "C2");
        hire("198703152010011006", "DANGLING");
        hire("198703152010011007", "MOVER");
        // Roster versions for units not in reference.units: one arrives within the wait, the
        // other never does.
        hire(EARLY_STAFF, "LATE-ROOT");
        hire(CYCLE_STAFF, "CY-B");
        hire(STRANDED, "NEVER-UNIT");
      }
      attend("198703152010011001", "2025-03-10T09:00");
      if (withBadUnits) {
        badRecords();
        attend("198703152010011004", "2025-03-10T09:00");
        attend("198703152010011005", "2025-03-10T09:00");
        attend("198703152010011006", "2025-03-10T09:00");
        attend("198703152010011007", "2025-03-10T09:00");
      }
      if (withBadUnits) {
        unit("LATE-ROOT", null);
      }
      // A few seconds of wall clock in both runs: the held version is re-checked and applied.
      for (int step = 0; step < 2; step++) {
        advance(Duration.ofSeconds(5));
      }
      if (withBadUnits) {
        attend(EARLY_STAFF, "2025-03-10T09:05");
      }
      attend("198703152010011002", "2025-03-10T09:10");
      if (withBadUnits) {
        unit("CY-A", "CY-B");
        unit("CY-P", "CY-R");
        attend(CYCLE_STAFF, "2025-03-10T09:35");
        // The unit and its events move under another root, while the day is open.
        unit("MOVER", "NEW-ROOT");
        attend("198703152010011007", "2025-03-10T09:40");
        // A unit of the good tree moved away and back: its figures follow it, but end where
        // they started, so the good tree's FINAL figures are what they would be without it.
        unit("KEC-B", "KAB");
        unit("KEC-B", "KOTA");
      }
      attend("198703152010011003", "2025-03-10T09:20");
      // Four days of wall clock, a minute at a time: the day closes on the wall clock.
      for (int minute = 0; minute < 96 * 60; minute++) {
        advance(Duration.ofMinutes(1));
      }
      final List<UnitActivity> all = daily.readValuesToList();
      for (final UnitActivity record : all) {
        if (record.getStatus() == RecordStatus.FINAL
            && MONDAY.equals(JakartaCalendar.dateOf(record.getWindowStart()).toString())) {
          assertThat(finals.put(record.getUnitId(), record))
              .as("one FINAL of %s", record.getUnitId())
              .isNull();
        }
      }
      deadLetters = deadLetterTopic.readRecordsToList();
      judgeDeadLetters.addAll(judgeDeadLetterTopic.readRecordsToList());
      late = lateTopic.readRecordsToList().size();
      return this;
    }

    Map<String, UnitActivity> finals() {
      return finals;
    }

    /**
     * Undecodable bytes, an empty value, a record of another type and a tombstone on both topics,
     * and a tombstone for an employee of a good unit on the roster.
     */
    private void badRecords() {
      units.pipeInput(bytes("KEC-B"), null, wall.instant());
      programs.pipeInput(bytes("PROG-LATSAR"), null, wall.instant());
      employees.pipeInput(TOMBSTONED, null, wall.instant());
      final byte[] employee =
          serdes
              .employee()
              .serializer()
              .serialize(
                  topics.employees(),
                  IngestFixture.employee("198703152010011001", "KEC-A", true, HIRED));
      for (final TestInputTopic<byte[], byte[]> topic : List.of(units, programs)) {
        topic.pipeInput(bytes("KEC-A"), bytes("not avro"), wall.instant());
        topic.pipeInput(bytes("KEC-A"), new byte[0], wall.instant());
        topic.pipeInput(bytes("KEC-A"), employee, wall.instant());
        topic.pipeInput(bytes(" "), unitBytes(IngestFixture.unit(" ", "KOTA")), wall.instant());
      }
      relay();
    }

    private void unit(final String id, final String parent) {
      units.pipeInput(bytes(id), unitBytes(IngestFixture.unit(id, parent)), wall.instant());
      relay();
    }

    /** Both drivers' wall clocks on, and what the judge accepted meanwhile to the stores. */
    private void advance(final Duration step) {
      wall.advance(step);
      judge.advanceWallClockTime(step);
      relay();
      driver.advanceWallClockTime(step);
    }

    /** The judge's accepted records to the topics the global stores read. */
    private void relay() {
      for (final TestRecord<byte[], byte[]> r : validUnits.readRecordsToList()) {
        storeUnits.pipeInput(r.key(), r.value(), wall.instant());
      }
      for (final TestRecord<byte[], byte[]> r : validPrograms.readRecordsToList()) {
        storePrograms.pipeInput(r.key(), r.value(), wall.instant());
      }
    }

    private byte[] unitBytes(final WorkUnit unit) {
      return serdes.unit().serializer().serialize(topics.units(), unit);
    }

    private void hire(final String employee, final String unit) {
      employees.pipeInput(employee, IngestFixture.employee(employee, unit, true, HIRED), HIRED);
    }

    private void attend(final String employee, final String at) {
      final Instant occurredAt = wib(at);
      attendance.pipeInput(
          employee,
          IngestFixture.attendance("ev-" + ++eventIds, employee, 2.0, occurredAt),
          occurredAt);
    }

    private TestInputTopic<byte[], byte[]> raw(final String topic) {
      return driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public void close() {
      driver.close();
      judge.close();
      MockSchemaRegistry.drop(scope);
    }
  }

  private static byte[] bytes(final String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static Instant wib(final String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(JakartaCalendar.ZONE).toInstant();
  }
}
