package id.go.bkn.asn.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import id.go.bkn.asn.config.TopologySettings;
import id.go.bkn.asn.internal.ProgramMessage;
import id.go.bkn.asn.internal.ProgramMessageKind;
import id.go.bkn.asn.metrics.PipelineEvents;
import id.go.bkn.asn.registry.MockSchemaRegistry;
import id.go.bkn.asn.schema.Delivery;
import id.go.bkn.asn.schema.OrganizerKind;
import id.go.bkn.asn.schema.ProgramSatisfaction;
import id.go.bkn.asn.schema.RecordStatus;
import id.go.bkn.asn.schema.TrainingProgram;
import id.go.bkn.asn.serde.AvroClassTrust;
import id.go.bkn.asn.topology.ingest.IngestStreamsConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgramStageTest {

  static {
    AvroClassTrust.trustPackage("id.go.bkn.asn.schema");
  }

  private static final String SOURCE = "test.program-messages";

  /** Monday 3 March 2025 00:00 WIB. */
  private static final Instant WEEK_START = Instant.parse("2025-03-02T17:00:00Z");

  private static final Instant WEEK_END = WEEK_START.plus(Duration.ofDays(7));
  private static final Duration GRACE = Duration.ofHours(48);
  private static final Instant CLOSES_AT = WEEK_END.plus(GRACE);
  private static final Instant TUESDAY = WEEK_START.plus(Duration.ofDays(1)).plusSeconds(3600);
  private static final Instant NOW = Instant.parse("2025-03-20T01:02:03Z");
  private static final String KEY = "PRG-1|2025-03-03";

  @TempDir Path stateDir;

  private final String scope = "scope-" + UUID.randomUUID();
  private TopologyTestDriver driver;
  private TestInputTopic<String, ProgramMessage> messages;
  private TestInputTopic<String, TrainingProgram> programs;
  private TestOutputTopic<String, ProgramSatisfaction> output;

  @BeforeEach
  void startDriver() {
    final TopologySerdes serdes = TopologySerdes.on(MockSchemaRegistry.client(scope));
    final TopologyContext context =
        new TopologyContext(
            TopologySettings.DEFAULTS.withGrace(GRACE),
            TopicNames.contract(),
            serdes,
            Clock.fixed(NOW, ZoneOffset.UTC),
            PipelineEvents.NONE);
    final Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "program-stage-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    // The stage must name every store and processor: the builder refuses generated names.
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    // What the app runs with: the dead-letter queue, the exception handlers, the global thread's.
    props.putAll(
        IngestStreamsConfig.properties(
            context.topics(), PipelineEvents.NONE, Clock.fixed(NOW, ZoneOffset.UTC)));
    final StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
    ParticipationTopology.addReferenceStores(builder, context);
    final KStream<String, ProgramMessage> source =
        builder.stream(
            SOURCE,
            Consumed.with(Serdes.String(), serdes.programMessage()).withName("test-source"));
    new ProgramStage(context).build(builder, source);
    driver = new TopologyTestDriver(builder.build(), props, WEEK_START);
    messages =
        driver.createInputTopic(
            SOURCE, new StringSerializer(), serdes.programMessage().serializer());
    programs =
        driver.createInputTopic(
            TopicNames.contract().programs(),
            new StringSerializer(),
            serdes.program().serializer());
    output =
        driver.createOutputTopic(
            TopicNames.contract().programSatisfactionWeekly(),
            new StringDeserializer(),
            serdes.programSatisfaction().deserializer());
  }

  @AfterEach
  void closeDriver() {
    driver.close();
    MockSchemaRegistry.drop(scope);
  }

  @Test
  void shouldCountEachEmployeeOnceWhenTheyAttendSeveralSessions() {
    attend("E1", "PRESENT");
    attend("E1", "LATE");
    attend("E2", "LATE");
    attend("E3", "ABSENT");
    attend("E4", "EXCUSED");

    emitInterval();

    final ProgramSatisfaction record = single(output.readKeyValuesToList()).value;
    assertThat(record.getParticipants()).isEqualTo(2);
    assertThat(record.getFeedbackResponses()).isZero();
    assertThat(record.getResponseRate()).isEqualTo(0.0);
  }

  @Test
  void shouldCountAnonymousFeedbackWhenEmployeeIdIsNull() {
    attend("E1", "PRESENT");
    attend("E2", "PRESENT");
    feedback("E1", 5, 4, 10);
    feedback(null, 4, null, 9);
    feedback(null, 3, 2, 3);
    feedback("E2", 4, 4, null);
    feedback(null, 4, 5, 7);

    emitInterval();

    final ProgramSatisfaction record = single(output.readKeyValuesToList()).value;
    assertThat(record.getFeedbackResponses()).isEqualTo(5);
    // E1 and E2 answered and took part; each anonymous response is one more person: 5 / 5
    assertThat(record.getResponseRate()).isEqualTo(1.0);
    assertThat(record.getSatisfactionSuppressed()).isFalse();
    assertThat(record.getSatisfactionMean()).isEqualTo(4.0);
    assertThat(record.getSatisfactionIndex()).isEqualTo(80.0);
    assertThat(record.getCareerRelevanceMean()).isEqualTo(15.0 / 4);
    // recommend 10, 9 promoters; 3 detractor; 7 passive: 100 x (2 - 1) / 4
    assertThat(record.getNps()).isEqualTo(25.0);
  }

  @Test
  void shouldKeepResponseRateAtMostOneWhenPeopleAnswerInAWeekTheyDidNotAttend() {
    // E1 takes part; E2 and E3 (sessions the week before) answer now, E2 twice
    attend("E1", "PRESENT");
    feedback("E2", 4, 4, 9);
    feedback("E2", 5, 4, 9);
    feedback("E3", 4, 4, 9);

    emitInterval();

    final ProgramSatisfaction record = single(output.readKeyValuesToList()).value;
    assertThat(record.getParticipants()).isEqualTo(1);
    assertThat(record.getFeedbackResponses()).isEqualTo(3);
    // distinct respondents E2, E3 over everyone engaged E1, E2, E3
    assertThat(record.getResponseRate()).isEqualTo(2.0 / 3);
  }

  @Test
  void shouldStopCountingAParticipantWhenTheirOnlySessionIsCorrectedToAbsent() {
    // E1 attends twice, E2 once; then one of E1's and E2's only session are corrected
    attend("E1", "PRESENT");
    attend("E1", "PRESENT");
    attend("E2", "LATE");
    retract("E1", "PRESENT");
    attend("E1", "ABSENT");
    retract("E2", "LATE");
    attend("E2", "ABSENT");

    emitInterval();

    final ProgramSatisfaction record = single(output.readKeyValuesToList()).value;
    assertThat(record.getParticipants()).isEqualTo(1);
  }

  @Test
  void shouldSuppressSatisfactionWhenFewerThanMinResponses() {
    attend("E1", "PRESENT");
    for (int i = 0; i < 4; i++) {
      feedback(null, 5, 5, 10);
    }
    emitInterval();
    final ProgramSatisfaction four = single(output.readKeyValuesToList()).value;

    feedback(null, 5, 5, 10);
    emitInterval();
    final ProgramSatisfaction five = single(output.readKeyValuesToList()).value;

    assertThat(four.getFeedbackResponses()).isEqualTo(4);
    assertThat(four.getSatisfactionSuppressed()).isTrue();
    assertThat(four.getSatisfactionMean()).isNull();
    assertThat(four.getSatisfactionIndex()).isNull();
    assertThat(four.getCareerRelevanceMean()).isNull();
    assertThat(four.getNps()).isNull();
    // four anonymous respondents over them and E1, who took part: 4 / 5
    assertThat(four.getResponseRate()).isEqualTo(0.8);
    assertThat(five.getSatisfactionSuppressed()).isFalse();
    assertThat(five.getSatisfactionIndex()).isEqualTo(100.0);
    assertThat(five.getNps()).isEqualTo(100.0);
  }

  @Test
  void shouldNotCloseWeekWhenOneSenderLagsByOneMillisecond() {
    attend("E1", "PRESENT");
    watermark(0, 2, CLOSES_AT.plusSeconds(3600));
    watermark(1, 2, CLOSES_AT.minusMillis(1));

    assertThat(output.readKeyValuesToList()).isEmpty();

    watermark(1, 2, CLOSES_AT);

    final ProgramSatisfaction closed = single(output.readKeyValuesToList()).value;
    assertThat(closed.getStatus()).isEqualTo(RecordStatus.FINAL);
    assertThat(closed.getParticipants()).isEqualTo(1);
  }

  @Test
  void shouldCloseNothingWhenNotEverySenderHasReported() {
    attend("E1", "PRESENT");
    watermark(0, 3, CLOSES_AT.plus(Duration.ofDays(30)));
    watermark(2, 3, CLOSES_AT.plus(Duration.ofDays(30)));

    assertThat(output.readKeyValuesToList()).isEmpty();

    watermark(1, 3, CLOSES_AT);

    assertThat(single(output.readKeyValuesToList()).value.getStatus())
        .isEqualTo(RecordStatus.FINAL);
  }

  @Test
  void shouldWriteExactlyOneFinalWhenWatermarksAndEventsKeepComing() {
    attend("E1", "PRESENT");
    watermark(0, 1, CLOSES_AT);
    watermark(0, 1, CLOSES_AT.plus(Duration.ofDays(1)));
    // Events of a closed week cannot come from a correct tree stage; they must not reopen it.
    attend("E2", "PRESENT");
    watermark(0, 1, CLOSES_AT.plus(Duration.ofDays(2)));
    emitInterval();
    emitInterval();

    final List<KeyValue<String, ProgramSatisfaction>> records = output.readKeyValuesToList();
    assertThat(records).hasSize(1);
    assertThat(records.get(0).key).isEqualTo(KEY);
    assertThat(records.get(0).value.getStatus()).isEqualTo(RecordStatus.FINAL);
    assertThat(records.get(0).value.getParticipants()).isEqualTo(1);
  }

  @Test
  void shouldWriteProvisionalRecordsBeforeTheFinalWhenTheWeekChanges() {
    attend("E1", "PRESENT");
    emitInterval();
    emitInterval();
    attend("E2", "PRESENT");
    emitInterval();
    watermark(0, 1, CLOSES_AT);

    final List<KeyValue<String, ProgramSatisfaction>> records = output.readKeyValuesToList();
    assertThat(records).extracting(r -> r.key).containsOnly(KEY);
    assertThat(records)
        .extracting(r -> r.value.getStatus(), r -> r.value.getRevision())
        .containsExactly(
            tuple(RecordStatus.PROVISIONAL, 1),
            tuple(RecordStatus.PROVISIONAL, 2),
            tuple(RecordStatus.FINAL, 3));
    assertThat(records.get(2).value.getParticipants()).isEqualTo(2);
    assertThat(records.get(2).value.getEmittedAt()).isEqualTo(NOW);
    assertThat(records.get(2).value.getWindowStart()).isEqualTo(WEEK_START);
    assertThat(records.get(2).value.getWindowEnd()).isEqualTo(WEEK_END);
  }

  @Test
  void shouldKeepLaterWeekOpenWhenAnEarlierWeekCloses() {
    attend("E1", "PRESENT");
    attendAt("E1", "PRESENT", WEEK_END.plusSeconds(60));
    watermark(0, 1, CLOSES_AT);

    final List<KeyValue<String, ProgramSatisfaction>> records = output.readKeyValuesToList();
    assertThat(single(records).key).isEqualTo(KEY);

    emitInterval();

    final KeyValue<String, ProgramSatisfaction> next = single(output.readKeyValuesToList());
    assertThat(next.key).isEqualTo("PRG-1|2025-03-10");
    assertThat(next.value.getStatus()).isEqualTo(RecordStatus.PROVISIONAL);
  }

  @Test
  void shouldCloseEveryPassedWeekInDateOrderAndNoLaterOneWhenTheWatermarkJumpsWeeks() {
    attendAt("E1", "PRESENT", WEEK_END.plus(Duration.ofDays(7)).plusSeconds(60));
    attend("E1", "PRESENT");
    attendAt("E1", "PRESENT", WEEK_END.plusSeconds(60));
    watermark(0, 1, CLOSES_AT.plus(Duration.ofDays(7)).minusMillis(1));

    assertThat(output.readKeyValuesToList())
        .extracting(r -> r.key, r -> r.value.getStatus())
        .containsExactly(tuple(KEY, RecordStatus.FINAL));

    watermark(0, 1, CLOSES_AT.plus(Duration.ofDays(7)));

    assertThat(output.readKeyValuesToList())
        .extracting(r -> r.key, r -> r.value.getStatus())
        .containsExactly(tuple("PRG-1|2025-03-10", RecordStatus.FINAL));
    emitInterval();
    final KeyValue<String, ProgramSatisfaction> open = single(output.readKeyValuesToList());
    assertThat(open.key).isEqualTo("PRG-1|2025-03-17");
    assertThat(open.value.getStatus()).isEqualTo(RecordStatus.PROVISIONAL);
  }

  @Test
  void shouldDeleteTheWeekStateWhenTheWeekCloses() {
    attend("E1", "PRESENT");
    feedback(null, 4, null, null);
    watermark(0, 1, CLOSES_AT);

    final KeyValueStore<String, Object> weeks =
        driver.getKeyValueStore(ProgramWeekProcessor.WEEKS_STORE);
    final KeyValueStore<String, Long> seen =
        driver.getKeyValueStore(ProgramWeekProcessor.SEEN_STORE);
    assertThat(count(weeks)).isZero();
    assertThat(count(seen)).isZero();
  }

  @Test
  void shouldTakeTitleAndOrganiserWhenTheProgrammeIsInTheReferenceStore() {
    programs.pipeInput(
        "PRG-1",
        TrainingProgram.newBuilder()
            .setProgramId("PRG-1")
            .setTitle("Pelatihan Dasar CPNS")
            .setTrainingType("PKA")
            .setOrganizer("BPSDM Provinsi Banten")
            .setOrganizerKind(OrganizerKind.BKPSDM)
            .setTotalJp(40)
            .setDelivery(Delivery.BLENDED)
            .build());
    attend("E1", "PRESENT");
    emitInterval();

    final ProgramSatisfaction record = single(output.readKeyValuesToList()).value;
    assertThat(record.getTitle()).isEqualTo("Pelatihan Dasar CPNS");
    assertThat(record.getTrainingType()).isEqualTo("PKA");
    assertThat(record.getOrganizer()).isEqualTo("BPSDM Provinsi Banten");
    assertThat(record.getOrganizerKind()).isEqualTo(OrganizerKind.BKPSDM);
  }

  @Test
  void shouldPublishWithIdAsTitleWhenTheProgrammeIsUnknown() {
    attend("SECRET-EMPLOYEE-1", "PRESENT");
    emitInterval();

    final ProgramSatisfaction record = single(output.readKeyValuesToList()).value;
    assertThat(record.getTitle()).isEqualTo("PRG-1");
    assertThat(record.getOrganizerKind()).isEqualTo(OrganizerKind.OTHER);
    assertThat(record.toString()).doesNotContain("SECRET-EMPLOYEE-1");
  }

  @Test
  void shouldWriteNothingWhenNothingChangedSinceTheLastRecord() {
    emitInterval();
    watermark(0, 1, CLOSES_AT);
    emitInterval();

    assertThat(output.isEmpty()).isTrue();
  }

  private void attend(final String employeeId, final String status) {
    attendAt(employeeId, status, TUESDAY);
  }

  private void attendAt(final String employeeId, final String status, final Instant at) {
    messages.pipeInput(
        "PRG-1",
        ProgramMessage.newBuilder()
            .setKind(ProgramMessageKind.ATTENDANCE)
            .setProgramId("PRG-1")
            .setEmployeeId(employeeId)
            .setStatus(status)
            .setOccurredAt(at)
            .build(),
        at);
  }

  private void retract(final String employeeId, final String status) {
    messages.pipeInput(
        "PRG-1",
        ProgramMessage.newBuilder()
            .setKind(ProgramMessageKind.ATTENDANCE)
            .setProgramId("PRG-1")
            .setEmployeeId(employeeId)
            .setStatus(status)
            .setOccurredAt(TUESDAY)
            .setRetraction(true)
            .build(),
        TUESDAY);
  }

  private void feedback(
      final String employeeId,
      final int overall,
      final Integer careerRelevance,
      final Integer recommend) {
    messages.pipeInput(
        "PRG-1",
        ProgramMessage.newBuilder()
            .setKind(ProgramMessageKind.FEEDBACK)
            .setProgramId("PRG-1")
            .setEmployeeId(employeeId)
            .setOverall(overall)
            .setCareerRelevance(careerRelevance)
            .setRecommend(recommend)
            .setOccurredAt(TUESDAY)
            .build(),
        TUESDAY);
  }

  private void watermark(final int sender, final int senders, final Instant clock) {
    messages.pipeInput(
        "PRG-1",
        ProgramMessage.newBuilder()
            .setKind(ProgramMessageKind.WATERMARK)
            .setOccurredAt(clock)
            .setSenderPartition(sender)
            .setSenderPartitions(senders)
            .build(),
        clock);
  }

  private void emitInterval() {
    driver.advanceWallClockTime(TopologySettings.DEFAULTS.emitInterval());
  }

  private static long count(final KeyValueStore<String, ?> store) {
    try (KeyValueIterator<String, ?> all = store.all()) {
      long entries = 0;
      while (all.hasNext()) {
        all.next();
        entries++;
      }
      return entries;
    }
  }

  private static <T> T single(final List<T> records) {
    assertThat(records).hasSize(1);
    return records.get(0);
  }
}
