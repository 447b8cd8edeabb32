package id.go.bkn.asn.topology;

import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.config.TopologySettings;
import id.go.bkn.asn.function.DeadLetterHeaders;
import id.go.bkn.asn.function.DeadLetterReason;
import id.go.bkn.asn.metrics.PipelineEvents.Outcome;
import id.go.bkn.asn.registry.MockSchemaRegistry;
import id.go.bkn.asn.schema.Delivery;
import id.go.bkn.asn.schema.OrganizerKind;
import id.go.bkn.asn.schema.TrainingProgram;
import id.go.bkn.asn.schema.WorkUnit;
import id.go.bkn.asn.serde.AvroClassTrust;
import id.go.bkn.asn.testing.MutableClock;
import id.go.bkn.asn.topology.ingest.IngestStreamsConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad records on {@code reference.units} and {@code reference.programs} (issue #9, README "When
 * something fails"): the reference audit sets each aside in {@code training.dead-letters} with its
 * reason, original key and bytes, source position and the time it was set aside, a tombstone too
 * (reference records are never deleted); valid records set nothing aside. As the reference judge,
 * it decides every unit once against the units accepted before it: a missing parent makes the unit
 * wait (and follow its parent in, or be set aside as DANGLING_PARENT after the wait), a parent
 * chain back to the unit is CYCLIC_PARENT at once; the accepted units and programmes are copied to
 * the topics the global stores read. The same records, given to the global stores, are skipped
 * exactly where the audit sets them aside ({@link BadReferenceInputTest}).
 */
class ReferenceAuditTest {

  static {
    AvroClassTrust.trustPackage("id.go.bkn.asn.schema");
  }

  private static final Instant NOW = Instant.parse("2025-03-10T03:00:00Z");
  private static final String LONG_ID = "U".repeat(129);

  @TempDir Path stateDir;
  private final String scope = "scope-" + UUID.randomUUID();
  private final TopicNames topics = TopicNames.contract().judgedBy("asn-test");
  private final MutableClock wall = new MutableClock(NOW);
  private final RecordingEvents events = new RecordingEvents();
  private TopologySerdes serdes;
  private TopologyTestDriver driver;
  private TestInputTopic<byte[], byte[]> units;
  private TestInputTopic<byte[], byte[]> programs;
  private TestOutputTopic<byte[], byte[]> deadLetters;
  private TestOutputTopic<String, byte[]> validUnits;
  private TestOutputTopic<String, byte[]> validPrograms;

  @BeforeEach
  void start() {
    serdes = TopologySerdes.on(MockSchemaRegistry.client(scope));
    final Clock clock = wall;
    final TopologyContext context =
        new TopologyContext(TopologySettings.DEFAULTS, topics, serdes, clock, events);
    final Properties app = new Properties();
    app.put(StreamsConfig.APPLICATION_ID_CONFIG, "asn-test");
    app.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    app.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    app.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    app.putAll(IngestStreamsConfig.properties(topics, events, clock));
    final Properties props = ReferenceAuditTopology.properties(app);
    assertThat(props.get(StreamsConfig.APPLICATION_ID_CONFIG))
        .isEqualTo("asn-test-reference-judge");
    driver =
        new TopologyTestDriver(
            ReferenceAuditTopology.build(context, new TopologyConfig(new StreamsConfig(props))),
            props,
            NOW);
    units = raw(topics.units());
    programs = raw(topics.programs());
    deadLetters =
        driver.createOutputTopic(
            topics.deadLetters(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    validUnits =
        driver.createOutputTopic(
            topics.unitsStoreSource(), new StringDeserializer(), new ByteArrayDeserializer());
    validPrograms =
        driver.createOutputTopic(
            topics.programsStoreSource(), new StringDeserializer(), new ByteArrayDeserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
    MockSchemaRegistry.drop(scope);
  }

  @Test
  void shouldSetAsideEveryBadUnitWithItsReasonAndNothingElse() {
    final List<Sent> bad = new ArrayList<>();
    pipe(units, "KOTA", unitBytes(unit("KOTA", null)));
    bad.add(pipe(units, "KEC-A", "not avro at all".getBytes(StandardCharsets.UTF_8)));
    pipe(units, "KEC-A", unitBytes(unit("KEC-A", "KOTA")));
    bad.add(pipe(units, "KEC-B", new byte[0]));
    bad.add(pipe(units, "KEC-B", employeeBytes()));
    bad.add(pipe(units, " ", unitBytes(unit(" ", "KOTA"))));
    bad.add(pipe(units, LONG_ID, unitBytes(unit(LONG_ID, "KOTA"))));
    bad.add(pipe(units, "SELF", unitBytes(unit("SELF", "SELF"))));
    bad.add(pipe(units, "KEC-C", unitBytes(unit("KEC-D", "KOTA"))));
    bad.add(pipe(units, "KEC-E", unitBytes(unit("KEC-E", ""))));
    // Not a record's fault: stored, and the hierarchy's walks stop (UnitHierarchy).
    pipe(units, "DANGLING", unitBytes(unit("DANGLING", "NOWHERE")));
    pipe(units, "C1", unitBytes(unit("C1", "C2")));
    pipe(units, "C2", unitBytes(unit("C2", "C3")));
    pipe(units, "C3", unitBytes(unit("C3", "C1")));
    bad.add(pipe(units, "KEC-A", null));

    assertSetAside(
        bad,
        List.of(
            DeadLetterReason.DESERIALIZATION,
            DeadLetterReason.DESERIALIZATION,
            DeadLetterReason.DESERIALIZATION,
            DeadLetterReason.INVALID_FIELD,
            DeadLetterReason.INVALID_FIELD,
            DeadLetterReason.INVALID_FIELD,
            DeadLetterReason.INVALID_FIELD,
            DeadLetterReason.INVALID_FIELD,
            DeadLetterReason.INVALID_FIELD),
        List.of(
            "SerializationException",
            "SerializationException",
            "SerializationException",
            "key is blank",
            "key is 129 characters, more than 128",
            "parentUnitId is the unit itself",
            "the key is not the record's id",
            "parentUnitId is blank",
            "a tombstone: units are ended with active=false, never deleted"));
    assertThat(events.counted(topics.units(), Outcome.DEAD_LETTER)).isEqualTo(bad.size());
  }

  @Test
  void shouldSetAsideEveryBadProgrammeWithItsReasonAndNothingElse() {
    final List<Sent> bad = new ArrayList<>();
    pipe(programs, "PROG-1", programBytes(program("PROG-1", "UNKNOWN-TYPE")));
    bad.add(pipe(programs, "PROG-2", new byte[] {0, 0, 0, 0, 1, 2, 3}));
    bad.add(pipe(programs, "PROG-2", new byte[0]));
    // A valid WorkUnit framed for reference.units: a record of another type.
    bad.add(pipe(programs, "PROG-2", unitBytes(unit("PROG-2", null))));
    bad.add(pipe(programs, "", programBytes(program("", "PELATIHAN"))));
    bad.add(pipe(programs, "PROG-3", programBytes(program("PROG-4", "PELATIHAN"))));
    bad.add(pipe(programs, "PROG-1", null));

    assertSetAside(
        bad,
        List.of(
            DeadLetterReason.DESERIALIZATION,
            DeadLetterReason.DESERIALIZATION,
            DeadLetterReason.DESERIALIZATION,
            DeadLetterReason.INVALID_FIELD,
            DeadLetterReason.INVALID_FIELD,
            DeadLetterReason.INVALID_FIELD),
        List.of(
            "SerializationException",
            "SerializationException",
            "SerializationException",
            "key is blank",
            "the key is not the record's id",
            "a tombstone: programmes stay in the catalogue, never deleted"));
    assertThat(events.counted(topics.programs(), Outcome.DEAD_LETTER)).isEqualTo(bad.size());
  }

  @Test
  void shouldJudgeEveryUnitOnceAgainstTheUnitsAcceptedBeforeIt() {
    final List<Sent> cyclic = new ArrayList<>();
    pipe(units, "KOTA", unitBytes(unit("KOTA", null)));
    pipe(units, "KEC", unitBytes(unit("KEC", "KOTA")));
    pipe(units, "KEL", unitBytes(unit("KEL", "KEC")));
    // staff of a unit read before its parent: they wait, and follow the parent in
    pipe(units, "LATE-CHILD", unitBytes(unit("LATE-CHILD", "LATE-PARENT")));
    pipe(units, "LATE-GRANDCHILD", unitBytes(unit("LATE-GRANDCHILD", "LATE-CHILD")));
    assertThat(keys(validUnits)).containsExactly("KOTA", "KEC", "KEL");
    pipe(units, "LATE-PARENT", unitBytes(unit("LATE-PARENT", null)));
    assertThat(keys(validUnits)).containsExactly("LATE-PARENT", "LATE-CHILD", "LATE-GRANDCHILD");
    // a cycle of 2 and one of 3 through accepted units: the record closing it is set aside
    pipe(units, "X", unitBytes(unit("X", null)));
    pipe(units, "Y", unitBytes(unit("Y", "X")));
    cyclic.add(pipe(units, "X", unitBytes(unit("X", "Y"))));
    pipe(units, "P", unitBytes(unit("P", null)));
    pipe(units, "Q", unitBytes(unit("Q", "P")));
    pipe(units, "R", unitBytes(unit("R", "Q")));
    cyclic.add(pipe(units, "P", unitBytes(unit("P", "R"))));
    // a unit moved under another root is valid
    pipe(units, "KEL", unitBytes(unit("KEL", "P")));
    assertSetAside(
        cyclic,
        List.of(DeadLetterReason.CYCLIC_PARENT, DeadLetterReason.CYCLIC_PARENT),
        List.of("leads back to the unit itself", "leads back to the unit itself"));
    assertThat(keys(validUnits)).containsExactly("X", "Y", "P", "Q", "R", "KEL");

    // a parent that never comes, and a cycle of units none of which was ever accepted: they wait,
    // then are set aside as dangling
    final List<Sent> dangling = new ArrayList<>();
    // (set aside in the order of their ids)
    dangling.add(pipe(units, "C1", unitBytes(unit("C1", "C2"))));
    dangling.add(pipe(units, "C2", unitBytes(unit("C2", "C1"))));
    dangling.add(pipe(units, "DANGLING", unitBytes(unit("DANGLING", "NOWHERE"))));
    advance(TopologySettings.DEFAULT_REFERENCE_WAIT.minusSeconds(5));
    assertThat(deadLetters.readRecordsToList()).as("still waiting").isEmpty();
    advance(Duration.ofSeconds(5));
    assertSetAside(
        dangling,
        List.of(
            DeadLetterReason.DANGLING_PARENT,
            DeadLetterReason.DANGLING_PARENT,
            DeadLetterReason.DANGLING_PARENT),
        List.of("not an accepted unit", "not an accepted unit", "not an accepted unit"));
    // a parent arriving after the wait no longer brings the unit in
    pipe(units, "NOWHERE", unitBytes(unit("NOWHERE", null)));
    assertThat(keys(validUnits)).containsExactly("NOWHERE");
    assertThat(events.counted(topics.units(), Outcome.DEAD_LETTER)).isEqualTo(5);
  }

  @Test
  void shouldCopyEveryValidProgrammeToTheStoresTopic() {
    pipe(programs, "PROG-1", programBytes(program("PROG-1", "UNKNOWN-TYPE")));
    pipe(programs, "PROG-1", null);
    assertThat(keys(validPrograms)).containsExactly("PROG-1");
  }

  private static List<String> keys(final TestOutputTopic<String, byte[]> topic) {
    return topic.readRecordsToList().stream().map(TestRecord::key).toList();
  }

  private void advance(final Duration duration) {
    final Duration step = Duration.ofSeconds(5);
    for (Duration done = Duration.ZERO; done.compareTo(duration) < 0; done = done.plus(step)) {
      wall.advance(step);
      driver.advanceWallClockTime(step);
    }
  }

  private record Sent(String topic, byte[] key, byte[] value, long offset) {}

  private final Map<String, Long> offsets = new HashMap<>();

  private Sent pipe(final TestInputTopic<byte[], byte[]> input, final String key, final byte[] v) {
    final String topic = input == units ? topics.units() : topics.programs();
    final byte[] k = key.getBytes(StandardCharsets.UTF_8);
    input.pipeInput(k, v, NOW.minusSeconds(3600));
    final long offset = offsets.merge(topic, 1L, Long::sum) - 1;
    return new Sent(topic, k, v, offset);
  }

  private void assertSetAside(
      final List<Sent> bad, final List<DeadLetterReason> reasons, final List<String> messages) {
    final List<TestRecord<byte[], byte[]>> dead = deadLetters.readRecordsToList();
    assertThat(dead).hasSize(bad.size());
    for (int i = 0; i < bad.size(); i++) {
      final TestRecord<byte[], byte[]> letter = dead.get(i);
      final Sent sent = bad.get(i);
      assertThat(letter.key()).as("key of dead letter %s", i).isEqualTo(sent.key());
      assertThat(letter.value()).as("bytes of dead letter %s", i).isEqualTo(sent.value());
      assertThat(letter.timestamp()).as("set aside now").isEqualTo(wall.millis());
      assertThat(IngestStageTest.text(letter.headers(), DeadLetterHeaders.REASON))
          .as("reason of dead letter %s", i)
          .isEqualTo(reasons.get(i).name());
      assertThat(IngestStageTest.text(letter.headers(), DeadLetterHeaders.MESSAGE))
          .as("message of dead letter %s", i)
          .contains(messages.get(i));
      assertThat(IngestStageTest.text(letter.headers(), DeadLetterHeaders.EXCEPTION))
          .as("exception of dead letter %s", i)
          .isEqualTo(
              reasons.get(i) == DeadLetterReason.DESERIALIZATION
                  ? "org.apache.kafka.common.errors.SerializationException"
                  : DeadLetterHeaders.VALIDATION_EXCEPTION);
      assertThat(IngestStageTest.text(letter.headers(), DeadLetterHeaders.TOPIC))
          .isEqualTo(sent.topic());
      assertThat(IngestStageTest.text(letter.headers(), DeadLetterHeaders.PARTITION))
          .isEqualTo("0");
      assertThat(IngestStageTest.text(letter.headers(), DeadLetterHeaders.OFFSET))
          .isEqualTo(Long.toString(sent.offset()));
    }
  }

  private TestInputTopic<byte[], byte[]> raw(final String topic) {
    return driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private byte[] unitBytes(final WorkUnit unit) {
    return serdes.unit().serializer().serialize(topics.units(), unit);
  }

  private byte[] programBytes(final TrainingProgram program) {
    return serdes.program().serializer().serialize(topics.programs(), program);
  }

  private byte[] employeeBytes() {
    return serdes
        .employee()
        .serializer()
        .serialize(
            topics.employees(), IngestFixture.employee("198703152010011002", "KEC-B", true, NOW));
  }

  static WorkUnit unit(final String id, final String parent) {
    return IngestFixture.unit(id, parent);
  }

  static TrainingProgram program(final String id, final String type) {
    return TrainingProgram.newBuilder()
        .setProgramId(id)
        .setTitle("Pelatihan " + id)
        .setTrainingType(type)
        .setOrganizer("BKPSDM")
        .setOrganizerKind(OrganizerKind.BKPSDM)
        .setTotalJp(20.0)
        .setDelivery(Delivery.IN_PERSON)
        .build();
  }
}
