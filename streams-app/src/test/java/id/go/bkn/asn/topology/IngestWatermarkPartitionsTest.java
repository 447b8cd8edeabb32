package id.go.bkn.asn.topology;

import static id.go.bkn.asn.topology.IngestFixture.LONG_AGO;
import static id.go.bkn.asn.topology.IngestFixture.attendance;
import static id.go.bkn.asn.topology.IngestFixture.employee;
import static id.go.bkn.asn.topology.IngestFixture.enrollment;
import static id.go.bkn.asn.topology.IngestFixture.feedback;
import static id.go.bkn.asn.topology.IngestFixture.unit;
import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.config.TopologySettings;
import id.go.bkn.asn.function.JakartaCalendar;
import id.go.bkn.asn.registry.MockSchemaRegistry;
import id.go.bkn.asn.registry.SchemaRegistryClient;
import id.go.bkn.asn.schema.AttendanceEvent;
import id.go.bkn.asn.schema.Employee;
import id.go.bkn.asn.schema.EnrollmentEvent;
import id.go.bkn.asn.schema.FeedbackEvent;
import id.go.bkn.asn.schema.RecordStatus;
import id.go.bkn.asn.schema.UnitActivity;
import id.go.bkn.asn.schema.WorkUnit;
import id.go.bkn.asn.serde.AvroSerdes;
import id.go.bkn.asn.testing.MutableClock;
import id.go.bkn.asn.topology.ingest.IngestStreamsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
 * The ingest watermark per input partition, through the whole topology: one ingest task (one input
 * partition of each topic) whose enrolment backlog is read weeks ahead of its attendance, as
 * happens when a task moves to another instance and its partitions' backlogs are fetched unevenly.
 * The task's watermark must not pass what its slowest partition has delivered, or the tree clock
 * closes a week before the attendance for it is read, and that attendance is set aside as late
 * although nothing was late at the source.
 */
class IngestWatermarkPartitionsTest {

  private static final String NIP = "198609262015051001";
  private static final String OTHER = "199001012019031002";

  /** The wall clock: Sunday 9 March 2025, after every event of the test. */
  private static final Instant NOW = IngestFixture.NOW;

  /** The week under test: Monday 10 February 2025 WIB. */
  private static final Instant WEEK = wib("2025-02-10T00:00");

  private static final TopologySettings SETTINGS =
      TopologySettings.DEFAULTS.withInternalPartitions(1).withInputPartitions(1);

  @TempDir Path stateDir;

  private final String scope = "scope-" + UUID.randomUUID();
  private final MutableClock wall = new MutableClock(NOW);
  private TopologyTestDriver driver;
  private TestInputTopic<String, EnrollmentEvent> enrollments;
  private TestInputTopic<String, AttendanceEvent> attendanceTopic;
  private TestInputTopic<String, FeedbackEvent> feedbackTopic;
  private TestOutputTopic<String, UnitActivity> weekly;
  private TestOutputTopic<byte[], byte[]> late;

  @BeforeEach
  void start() {
    final SchemaRegistryClient client = MockSchemaRegistry.client(scope);
    final TopicNames topics = TopicNames.contract();
    final RecordingEvents events = new RecordingEvents();
    final Properties properties = IngestFixture.properties(stateDir, topics, events);
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "watermark-partitions-test");
    properties.put(IngestStreamsConfig.CLOCK_CONFIG, wall);
    final TopologyContext context =
        new TopologyContext(SETTINGS, topics, TopologySerdes.on(client), wall, events);
    driver =
        new TopologyTestDriver(
            new ParticipationTopology(context)
                .build(new TopologyConfig(new StreamsConfig(properties))),
            properties,
            NOW);
    final TestInputTopic<String, WorkUnit> units =
        input(topics.units(), AvroSerdes.specific(WorkUnit.class, client));
    units.pipeInput("KOTA-SERANG", unit("KOTA-SERANG", null), LONG_AGO);
    units.pipeInput("DINKES", unit("DINKES", "KOTA-SERANG"), LONG_AGO);
    final TestInputTopic<String, Employee> employees =
        input(topics.employees(), AvroSerdes.specific(Employee.class, client));
    employees.pipeInput(NIP, employee(NIP, "DINKES", true, LONG_AGO), LONG_AGO);
    employees.pipeInput(OTHER, employee(OTHER, "DINKES", true, LONG_AGO), LONG_AGO);
    enrollments = input(topics.enrollments(), AvroSerdes.specific(EnrollmentEvent.class, client));
    attendanceTopic =
        input(topics.attendance(), AvroSerdes.specific(AttendanceEvent.class, client));
    feedbackTopic = input(topics.feedback(), AvroSerdes.specific(FeedbackEvent.class, client));
    final Serde<UnitActivity> activity = context.serdes().unitActivity();
    weekly =
        driver.createOutputTopic(
            topics.unitActivityWeekly(), new StringDeserializer(), activity.deserializer());
    late =
        driver.createOutputTopic(
            topics.lateEvents(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
    MockSchemaRegistry.drop(scope);
  }

  @Test
  void shouldNotJudgeOneTopicsOlderEventsLateWhenAnotherTopicsBacklogIsReadAhead() {
    // given: the week's first feedback, then the enrolment backlog of three weeks read in full
    feedbackTopic.pipeInput(OTHER, feedback("f-1", OTHER, 4, WEEK.plus(hours(9))));
    for (int day = 0; day < 18; day++) {
      final Instant at = WEEK.plus(Duration.ofDays(day)).plus(hours(10));
      enrollments.pipeInput(OTHER, enrollment("en-" + day, OTHER, at), at);
    }
    emit();
    // when: the attendance of the week is read only now, with the rest of the feedback
    final Instant wednesday = WEEK.plus(Duration.ofDays(2)).plus(hours(9));
    attendanceTopic.pipeInput(NIP, attendance("a-1", NIP, 3, wednesday), wednesday);
    for (int day = 3; day < 18; day++) {
      final Instant at = WEEK.plus(Duration.ofDays(day)).plus(hours(11));
      attendanceTopic.pipeInput(OTHER, attendance("a-o-" + day, OTHER, 2, at), at);
      feedbackTopic.pipeInput(OTHER, feedback("f-o-" + day, OTHER, 4, at), at);
    }
    emit();
    // then: nothing is late, and the week's FINAL record counts the Wednesday attendance
    assertThat(late.readRecordsToList().size()).as("records set aside as late").isZero();
    final List<UnitActivity> finals =
        weekly.readRecordsToList().stream()
            .map(TestRecord::value)
            .filter(a -> a.getStatus() == RecordStatus.FINAL)
            .filter(a -> a.getUnitId().equals("DINKES") && a.getWindowStart().equals(WEEK))
            .toList();
    assertThat(finals).hasSize(1);
    assertThat(finals.get(0).getPresent()).as("PRESENT of the week").isEqualTo(1 + 4);
    assertThat(finals.get(0).getJpDelivered()).as("JP of the week").isEqualTo(3.0 + 4 * 2.0);
  }

  /** Two emit intervals: the ingest task's watermark, then the tree task's close, go out. */
  private void emit() {
    for (int i = 0; i < 2; i++) {
      wall.advance(SETTINGS.emitInterval());
      driver.advanceWallClockTime(SETTINGS.emitInterval());
    }
  }

  private static Duration hours(final int hours) {
    return Duration.ofHours(hours);
  }

  private static Instant wib(final String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(JakartaCalendar.ZONE).toInstant();
  }

  private <V> TestInputTopic<String, V> input(final String topic, final Serde<V> serde) {
    return driver.createInputTopic(topic, new StringSerializer(), serde.serializer());
  }
}
