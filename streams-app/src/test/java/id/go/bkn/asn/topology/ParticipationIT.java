package id.go.bkn.asn.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.go.bkn.asn.app.PipelineApp;
import id.go.bkn.asn.config.AlertThresholds;
import id.go.bkn.asn.local.LocalStack;
import id.go.bkn.asn.registry.RegistryClientConfig;
import id.go.bkn.asn.registry.SchemaRegistryClient;
import id.go.bkn.asn.registry.SchemaRegistryClients;
import id.go.bkn.asn.schema.AlertState;
import id.go.bkn.asn.schema.AttendanceEvent;
import id.go.bkn.asn.schema.Employee;
import id.go.bkn.asn.schema.EmployeeJpProgress;
import id.go.bkn.asn.schema.EnrollmentEvent;
import id.go.bkn.asn.schema.FeedbackEvent;
import id.go.bkn.asn.schema.ParticipationAlert;
import id.go.bkn.asn.schema.ProgramSatisfaction;
import id.go.bkn.asn.schema.RecordStatus;
import id.go.bkn.asn.schema.TrainingProgram;
import id.go.bkn.asn.schema.UnitActivity;
import id.go.bkn.asn.schema.UnitJpProgress;
import id.go.bkn.asn.schema.WorkUnit;
import id.go.bkn.asn.serde.AvroClassTrust;
import id.go.bkn.asn.serde.AvroDeserializer;
import id.go.bkn.asn.serde.AvroSerializer;
import id.go.bkn.asn.simulator.BadInputRates;
import id.go.bkn.asn.simulator.EventGenerator;
import id.go.bkn.asn.simulator.SimulationConfig;
import id.go.bkn.asn.simulator.SimulationSink;
import id.go.bkn.asn.simulator.kafka.KafkaSimulationSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.Deserializer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The participation topology end to end on the embedded broker and registry, under exactly_once_v2,
 * against {@link ReferenceModel}, which computes the contract's figures by brute force without any
 * of the topology's classes. A simulated Kota Serang (1,000 employees, five weeks, transfers) plus
 * two small trees, with what real rosters and LMS exports do ({@link RosterRealityScenario}:
 * transfers within and across trees, roster corrections at the same effectiveFrom, backdated
 * versions, a deactivation and reactivation, a unit made inactive, attendance corrections at once
 * and after their day closed, replays older than the dedup horizon), goes in one week per batch;
 * the app restarts on the same state for every batch. Then every output is compared field by field,
 * read with read_committed: every FINAL daily, weekly and programme record (exactly one per key),
 * every unit's year-to-date record at each week close and at the end, every employee's year-to-date
 * total, every alert record in order, and every late event with its closed windows.
 */
class ParticipationIT {

  static {
    AvroClassTrust.trustPackage("id.go.bkn.asn.schema");
  }

  private static final Logger LOG = LoggerFactory.getLogger(ParticipationIT.class);

  /** Weeks of the scenario, one batch each. */
  private static final int WEEKS = 4;

  /** A Monday, 00:00 WIB. */
  private static final Instant FROM = Instant.parse("2026-08-02T17:00:00Z");

  private static final Duration GRACE = Duration.ofHours(48);

  @TempDir Path dataDir;

  @Test
  void shouldMatchTheReferenceModelOnEveryOutputWhenRosterAndAttendanceAreCorrected()
      throws Exception {
    final ReferenceModel model = new ReferenceModel(5, GRACE, 20, AlertThresholds.DEFAULTS);
    try (LocalStack stack = LocalStack.start(LocalStack.Settings.ephemeral(dataDir));
        SchemaRegistryClient registry =
            SchemaRegistryClients.create(RegistryClientConfig.of(stack.registryUrl()));
        KafkaProducer<String, byte[]> producer = PipelineItFixture.producer(stack);
        CommittedTail tail = PipelineItFixture.tailOutputs(stack)) {
      final CommittedReader now = PipelineItFixture.atEnd(stack);
      final KafkaSimulationSink kafka =
          new KafkaSimulationSink(producer, new AvroSerializer<SpecificRecord>(registry));
      final int partitions = producer.partitionsFor("training.enrollments").size();
      final RosterRealityScenario scenario =
          new RosterRealityScenario(new Tee(kafka, model), model, 23, partitions);
      final SimulationConfig config =
          SimulationConfig.startingAt(FROM)
              .withSeed(7)
              .withRoster(1_000, 0)
              .withTransfersPerWeek(10)
              .withBadInput(BadInputRates.NONE);
      final EventGenerator generator = EventGenerator.create(config, scenario);
      generator.emitReference();
      scenario.addTrees(FROM.minus(Duration.ofDays(30)));
      scenario.eventsFrom(FROM.plus(GRACE));

      // One batch per week, each read by the app on its own: the batch's events, then one
      // enrolment per input partition at the week's end + grace, so the tree clock stops exactly
      // there and every figure of the close (FINAL records, year-to-date, alerts) is the model's.
      // The app restarts on the same state for every batch.
      final List<Instant> closes = new ArrayList<>();
      for (int batch = 0; batch < WEEKS; batch++) {
        final Instant close = FROM.plus(Duration.ofDays(7L * batch + 9));
        if (batch > 0) {
          model.arrivalClock(closes.get(batch - 1));
          scenario.batchStart(batch, closes.get(batch - 1));
        }
        generator.advanceTo(close.minusMillis(1));
        scenario.sync(close, batch);
        kafka.flush();
        closes.add(close);
        final Instant week = FROM.plus(Duration.ofDays(7L * batch));
        final int programWeeks = model.programFinals(week).size();
        final int unitCount = model.finalRecords("WEEK", week).size();
        try (PipelineApp app =
            PipelineItFixture.startApp(
                stack,
                "participation-it",
                dataDir,
                GRACE,
                // a restart does not wait out the last run's member (Streams does not leave the
                // group on close)
                Map.of("session.timeout.ms", "10000"))) {
          await()
              .atMost(Duration.ofSeconds(300))
              .pollInterval(Duration.ofSeconds(1))
              .until(
                  () ->
                      count(finals(now, registry, "analytics.unit-activity-weekly"), week)
                          >= unitCount);
          // the programme stage closes the week once the tree clocks reach it; if it writes fewer
          // weeks than the model expects, the comparison below says which
          try {
            await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                    () ->
                        programFinals(now, registry).stream()
                                .filter(p -> p.getWindowStart().equals(week))
                                .count()
                            >= programWeeks);
          } catch (final org.awaitility.core.ConditionTimeoutException e) {
            LOG.info("Fewer programme weeks than the model expects for {}", week);
          }
        }
      }
      final Instant clock = closes.get(closes.size() - 1);
      model.arrivalClock(clock);
      LOG.info("Scenario injected {}", scenario.counts());

      final List<Instant> weeks = model.closedWindowStarts("WEEK", clock, GRACE);
      final List<Instant> days = model.closedWindowStarts("DAY", clock, GRACE);
      assertThat(weeks).hasSize(WEEKS).startsWith(FROM);
      final SoftAssertions softly = new SoftAssertions();
      final List<UnitActivity> weekly = finals(tail, registry, "analytics.unit-activity-weekly");
      final List<UnitActivity> daily = finals(tail, registry, "analytics.unit-activity-daily");
      softly.check(() -> assertExactlyOneFinalPerKey(weekly));
      softly.check(() -> assertExactlyOneFinalPerKey(daily));
      for (final Instant week : weeks) {
        compare(model.finalRecords("WEEK", week), weekly, softly);
      }
      for (final Instant day : days) {
        compare(model.finalRecords("DAY", day), daily, softly);
      }
      comparePrograms(model, weeks, programFinals(tail, registry), softly);
      compareUnitYears(model, closes, tail, registry, softly);
      compareEmployeeYears(model.employeeYears(clock), tail, registry, softly);
      final Map<String, List<ReferenceModel.Alert>> alerts = model.alerts(weeks);
      compareAlerts(alerts, tail, registry, softly, alert -> true);
      compareCompacted(now, tail, registry, softly);
      softly
          .assertThat(
              alerts.values().stream().flatMap(List::stream).map(ReferenceModel.Alert::state))
          .as("the scenario fires and resolves alerts")
          .contains(AlertState.FIRING, AlertState.RESOLVED);
      compareLateEvents(model.lateEvents(), tail, registry, softly);
      compareDeadLetters(model.deadLetters(), tail, registry, softly);
      softly.assertAll();

      assertThat(weekly.stream().mapToInt(UnitActivity::getParticipants).sum())
          .as("the data set exercises participation")
          .isGreaterThan(100);
      assertThat(model.duplicates()).as("replays the model dropped").isGreaterThan(0);
      assertThat(model.lateEvents()).as("late events the model expects").isNotEmpty();
      assertThat(scenario.counts())
          .as("every kind of correction was exercised")
          .containsKeys(
              "attendance replay",
              "attendance correction",
              "late attendance correction",
              "roster correction at the same effectiveFrom",
              "backdated correction at the same effectiveFrom",
              "backdated version",
              "transfer across trees",
              "transfer back across trees",
              "deactivation",
              "reactivation",
              "unit made inactive");
    }
  }

  private static long count(final List<UnitActivity> finals, final Instant start) {
    return finals.stream().filter(a -> a.getWindowStart().equals(start)).count();
  }

  static List<ProgramSatisfaction> programFinals(
      final CommittedReader reader, final SchemaRegistryClient registry) {
    final List<ProgramSatisfaction> out = new ArrayList<>();
    for (final ConsumerRecord<String, ProgramSatisfaction> r :
        reader.read(
            "analytics.program-satisfaction-weekly",
            new AvroDeserializer<>(registry, ProgramSatisfaction.class))) {
      if (r.value().getStatus() == RecordStatus.FINAL) {
        out.add(r.value());
      }
    }
    return out;
  }

  static void comparePrograms(
      final ReferenceModel model,
      final List<Instant> weeks,
      final List<ProgramSatisfaction> actual,
      final SoftAssertions softly) {
    final Map<String, Integer> counts = new HashMap<>();
    final Map<String, ProgramSatisfaction> byKey = new HashMap<>();
    for (final ProgramSatisfaction p : actual) {
      final String key =
          p.getProgramId() + "|" + LocalDate.ofInstant(p.getWindowStart(), ReferenceModel.WIB);
      counts.merge(key, 1, Integer::sum);
      byKey.put(key, p);
    }
    softly.assertThat(counts.values()).as("FINAL programme records per key").containsOnly(1);
    final Set<String> expectedKeys = new TreeSet<>();
    for (final Instant week : weeks) {
      for (final ReferenceModel.ProgramWeek e : model.programFinals(week)) {
        expectedKeys.add(e.key());
        final ProgramSatisfaction a = byKey.get(e.key());
        if (a == null) {
          softly.fail("no FINAL programme week " + e.key());
          continue;
        }
        final String what = "programme " + e.key();
        softly.assertThat(a.getTitle()).as(what + " title").isEqualTo(e.title());
        softly.assertThat(a.getTrainingType()).as(what + " type").isEqualTo(e.trainingType());
        softly.assertThat(a.getOrganizer()).as(what + " organizer").isEqualTo(e.organizer());
        softly
            .assertThat(a.getOrganizerKind().name())
            .as(what + " organizerKind")
            .isEqualTo(e.organizerKind());
        softly.assertThat(a.getWindowEnd()).as(what + " end").isEqualTo(e.windowEnd());
        softly
            .assertThat(a.getParticipants())
            .as(what + " participants")
            .isEqualTo(e.participants());
        softly
            .assertThat(a.getFeedbackResponses())
            .as(what + " responses")
            .isEqualTo(e.feedbackResponses());
        assertClose(softly, a.getResponseRate(), e.responseRate(), what + " responseRate");
        softly
            .assertThat(a.getSatisfactionSuppressed())
            .as(what + " suppressed")
            .isEqualTo(e.satisfactionSuppressed());
        assertClose(softly, a.getSatisfactionMean(), e.satisfactionMean(), what + " mean");
        assertClose(softly, a.getSatisfactionIndex(), e.satisfactionIndex(), what + " index");
        assertClose(softly, a.getCareerRelevanceMean(), e.careerRelevanceMean(), what + " career");
        assertClose(softly, a.getNps(), e.nps(), what + " nps");
      }
    }
    softly.assertThat(byKey.keySet()).as("programme weeks").isEqualTo(expectedKeys);
  }

  /**
   * Every unit's year-to-date record as of each week close (the first one written with that asOf)
   * and as of the end, against the model at that clock.
   */
  private static void compareUnitYears(
      final ReferenceModel model,
      final List<Instant> closes,
      final CommittedReader reader,
      final SchemaRegistryClient registry,
      final SoftAssertions softly) {
    final Map<String, UnitJpProgress> firstByKeyAndClock = new HashMap<>();
    final Map<String, UnitJpProgress> latest = new HashMap<>();
    for (final ConsumerRecord<String, UnitJpProgress> r :
        reader.read(
            "analytics.unit-jp-ytd", new AvroDeserializer<>(registry, UnitJpProgress.class))) {
      // the first record as of a close is the close's own: later ones with the same asOf come
      // from the next batch's events, read while the clock still stands there
      firstByKeyAndClock.putIfAbsent(r.key() + "@" + r.value().getAsOf(), r.value());
      latest.put(r.key(), r.value());
    }
    for (final Instant close : closes) {
      for (final ReferenceModel.UnitYear e : model.unitYears(close)) {
        final UnitJpProgress a = firstByKeyAndClock.get(e.key() + "@" + close);
        if (a == null) {
          softly.fail("no unit-jp-ytd record of " + e.key() + " as of " + close);
          continue;
        }
        compareUnitYear(e, a, "unit-jp-ytd " + e.key() + " as of " + close, softly);
      }
    }
    final Instant end = closes.get(closes.size() - 1);
    for (final ReferenceModel.UnitYear e : model.unitYears(end)) {
      final UnitJpProgress a = latest.get(e.key());
      if (a == null) {
        softly.fail("no unit-jp-ytd record of " + e.key());
        continue;
      }
      softly.assertThat(a.getAsOf()).as("final unit-jp-ytd asOf of " + e.key()).isEqualTo(end);
      compareUnitYear(e, a, "final unit-jp-ytd " + e.key(), softly);
    }
  }

  static void compareUnitYear(
      final ReferenceModel.UnitYear e,
      final UnitJpProgress a,
      final String what,
      final SoftAssertions softly) {
    softly.assertThat(a.getUnitName()).as(what + " name").isEqualTo(e.unitName());
    softly.assertThat(a.getParentUnitId()).as(what + " parent").isEqualTo(e.parentUnitId());
    softly.assertThat(a.getDepth()).as(what + " depth").isEqualTo(e.depth());
    softly.assertThat(a.getLeaf()).as(what + " leaf").isEqualTo(e.leaf());
    softly.assertThat(a.getYear()).as(what + " year").isEqualTo(e.year());
    softly.assertThat(a.getStatus()).as(what + " status").isEqualTo(RecordStatus.PROVISIONAL);
    softly.assertThat(a.getHeadcount()).as(what + " headcount").isEqualTo(e.headcount());
    softly.assertThat(a.getTargetJp()).as(what + " targetJp").isEqualTo(e.targetJp());
    softly
        .assertThat(a.getEmployeesMeetingTarget())
        .as(what + " meeting target")
        .isEqualTo(e.employeesMeetingTarget());
    softly.assertThat(a.getEmployeesZeroJp()).as(what + " zero JP").isEqualTo(e.employeesZeroJp());
    assertClose(softly, a.getTotalJp(), e.totalJp(), what + " totalJp");
    assertClose(softly, a.getMeanJp(), e.meanJp(), what + " meanJp");
    assertClose(softly, a.getAttainmentRatio(), e.attainmentRatio(), what + " attainment");
    assertClose(
        softly, a.getExpectedAttainment(), e.expectedAttainment(), what + " expectedAttainment");
  }

  private static void compareEmployeeYears(
      final Map<String, ReferenceModel.EmployeeYear> expected,
      final CommittedReader reader,
      final SchemaRegistryClient registry,
      final SoftAssertions softly) {
    final Map<String, EmployeeJpProgress> latest =
        PipelineItFixture.latest(
            reader,
            "restricted.employee-jp-ytd",
            new AvroDeserializer<>(registry, EmployeeJpProgress.class));
    softly
        .assertThat(new TreeSet<>(latest.keySet()))
        .as("employee-jp-ytd keys")
        .isEqualTo(new TreeSet<>(expected.keySet()));
    expected.forEach(
        (key, year) -> {
          final EmployeeJpProgress actual = latest.get(key);
          if (actual == null) {
            return;
          }
          // the key names a person: the messages say which figure differs, not whose
          softly
              .assertThat(actual.getJpTotal())
              .as("jpTotal of an employee")
              .isEqualTo(year.jpTotal());
          softly
              .assertThat(actual.getSessionsAttended())
              .as("sessionsAttended of an employee")
              .isEqualTo(year.sessionsAttended());
          softly
              .assertThat(actual.getProgramsCompleted())
              .as("programsCompleted of an employee")
              .isEqualTo(year.programsCompleted());
          softly
              .assertThat(actual.getMeetsTarget())
              .as("meetsTarget")
              .isEqualTo(year.jpTotal() >= 20);
          softly
              .assertThat(actual.getUnitId())
              .as("unitId of an employee")
              .isEqualTo(year.unitId());
        });
  }

  /**
   * What compaction promises a consumer that reads a compacted output from the beginning: the
   * latest record of every key a consumer keeping up saw, whatever the cleaner removed before it.
   * The app may still be writing (PROVISIONAL records of open windows), so the tail's records are
   * cut where the read from the beginning ended in each partition (its last record survives any
   * cleaning: it is the latest of its key).
   */
  static void compareCompacted(
      final CommittedReader now,
      final CommittedReader tail,
      final SchemaRegistryClient registry,
      final SoftAssertions softly) {
    compareCompacted(
        now,
        tail,
        "alerts.participation",
        new AvroDeserializer<>(registry, ParticipationAlert.class),
        softly);
    compareCompacted(
        now,
        tail,
        "analytics.unit-jp-ytd",
        new AvroDeserializer<>(registry, UnitJpProgress.class),
        softly);
    compareCompacted(
        now,
        tail,
        "analytics.unit-activity-weekly",
        new AvroDeserializer<>(registry, UnitActivity.class),
        softly);
  }

  private static <T> void compareCompacted(
      final CommittedReader now,
      final CommittedReader tail,
      final String topic,
      final Deserializer<T> values,
      final SoftAssertions softly) {
    final List<ConsumerRecord<String, T>> fromStart = now.read(topic, values);
    final Map<Integer, Long> readUpTo = new HashMap<>();
    fromStart.forEach(r -> readUpTo.merge(r.partition(), r.offset(), Math::max));
    final Map<String, T> seen = new HashMap<>();
    for (final ConsumerRecord<String, T> r : tail.read(topic, values)) {
      if (r.offset() <= readUpTo.getOrDefault(r.partition(), -1L)) {
        seen.put(r.key(), r.value());
      }
    }
    final Map<String, T> kept = new HashMap<>();
    fromStart.forEach(r -> kept.put(r.key(), r.value()));
    softly
        .assertThat(kept)
        .as("the latest record of each key of " + topic + ", read from the beginning")
        .isEqualTo(seen);
  }

  /**
   * Every alert record the filter keeps, per key and in order, field by field against the model's.
   */
  static void compareAlerts(
      final Map<String, List<ReferenceModel.Alert>> expected,
      final CommittedReader reader,
      final SchemaRegistryClient registry,
      final SoftAssertions softly,
      final Predicate<ParticipationAlert> compared) {
    final Map<String, List<ParticipationAlert>> actual = new TreeMap<>();
    for (final ConsumerRecord<String, ParticipationAlert> r :
        reader.read(
            "alerts.participation", new AvroDeserializer<>(registry, ParticipationAlert.class))) {
      if (compared.test(r.value())) {
        actual.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
      }
    }
    softly.assertThat(actual.keySet()).as("alert keys").isEqualTo(expected.keySet());
    expected.forEach(
        (key, records) -> {
          final List<ParticipationAlert> got = actual.getOrDefault(key, List.of());
          softly.assertThat(got).as("alert records of " + key).hasSameSizeAs(records);
          for (int i = 0; i < Math.min(got.size(), records.size()); i++) {
            final ReferenceModel.Alert e = records.get(i);
            final ParticipationAlert a = got.get(i);
            final String what = "alert " + key + " #" + i;
            softly.assertThat(a.getAlertId()).as(what + " alertId").isEqualTo(e.alertId());
            softly.assertThat(a.getUnitId()).as(what + " unitId").isEqualTo(e.unitId());
            softly.assertThat(a.getUnitName()).as(what + " unitName").isEqualTo(e.unitName());
            softly.assertThat(a.getRule()).as(what + " rule").isEqualTo(e.rule());
            softly.assertThat(a.getSeverity()).as(what + " severity").isEqualTo(e.severity());
            softly.assertThat(a.getState()).as(what + " state").isEqualTo(e.state());
            softly.assertThat(a.getWindowStart()).as(what + " start").isEqualTo(e.windowStart());
            softly.assertThat(a.getWindowEnd()).as(what + " end").isEqualTo(e.windowEnd());
            assertClose(softly, a.getValue(), e.value(), what + " value");
            assertClose(softly, a.getThreshold(), e.threshold(), what + " threshold");
            softly.assertThat(a.getMessage()).as(what + " message").isNotBlank();
          }
        });
  }

  /**
   * The only dead letters are events of an employee not in the roster at their time (the simulator
   * keeps sending events for someone the scenario deactivated), each once.
   */
  private static void compareDeadLetters(
      final List<String> expected,
      final CommittedReader reader,
      final SchemaRegistryClient registry,
      final SoftAssertions softly) {
    final List<String> actual = new ArrayList<>();
    for (final ConsumerRecord<String, byte[]> r :
        reader.read(
            "training.dead-letters",
            new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      softly.assertThat(reason(r)).as("dead-letter reason").isEqualTo("UNKNOWN_EMPLOYEE");
      actual.add(eventId(registry, header(r, "__streams.errors.topic"), r.value()));
    }
    softly
        .assertThat(actual)
        .as("training.dead-letters")
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  private static String eventId(
      final SchemaRegistryClient registry, final String topic, final byte[] value) {
    return switch (topic) {
      case "training.attendance" ->
          new AvroDeserializer<>(registry, AttendanceEvent.class)
              .deserialize(topic, value)
              .getEventId();
      case "training.enrollments" ->
          new AvroDeserializer<>(registry, EnrollmentEvent.class)
              .deserialize(topic, value)
              .getEventId();
      case "training.feedback" ->
          new AvroDeserializer<>(registry, FeedbackEvent.class)
              .deserialize(topic, value)
              .getEventId();
      default -> "? from " + topic;
    };
  }

  /** Each late event once, with the window sizes closed for it. */
  private static void compareLateEvents(
      final List<ReferenceModel.LateEvent> expected,
      final CommittedReader reader,
      final SchemaRegistryClient registry,
      final SoftAssertions softly) {
    final List<String> actual = new ArrayList<>();
    for (final ConsumerRecord<String, byte[]> r :
        reader.read(
            "training.late-events",
            new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      final String topic = header(r, "__streams.errors.topic");
      final String eventId = eventId(registry, topic, r.value());
      final Set<String> sizes =
          new TreeSet<>(List.of(header(r, "asn.late.closed-windows").split(",")));
      actual.add(eventId + " " + sizes);
    }
    final List<String> wanted =
        expected.stream().map(e -> e.eventId() + " " + new TreeSet<>(e.closedSizes())).toList();
    softly
        .assertThat(actual)
        .as("training.late-events")
        .containsExactlyInAnyOrderElementsOf(wanted);
  }

  private static String header(final ConsumerRecord<String, byte[]> record, final String name) {
    final var header = record.headers().lastHeader(name);
    return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
  }

  static void compare(
      final List<ReferenceModel.UnitWindow> expected, final List<UnitActivity> actual) {
    final org.assertj.core.api.SoftAssertions softly = new org.assertj.core.api.SoftAssertions();
    compare(expected, actual, softly);
    softly.assertAll();
  }

  static void compare(
      final List<ReferenceModel.UnitWindow> expected,
      final List<UnitActivity> actual,
      final SoftAssertions softly) {
    final Map<String, UnitActivity> byKey = new HashMap<>();
    for (final UnitActivity a : actual) {
      byKey.put(
          a.getUnitId()
              + "|"
              + java.time.LocalDate.ofInstant(a.getWindowStart(), ReferenceModel.WIB),
          a);
    }
    for (final ReferenceModel.UnitWindow e : expected) {
      final UnitActivity a = byKey.get(e.key());
      if (a == null) {
        softly.fail("no FINAL " + e.size() + " " + e.key());
        continue;
      }
      final String what = e.size() + " " + e.key();
      softly.assertThat(a.getUnitName()).as(what).isEqualTo(e.unitName());
      softly.assertThat(a.getParentUnitId()).as(what).isEqualTo(e.parentUnitId());
      softly.assertThat(a.getDepth()).as(what).isEqualTo(e.depth());
      softly.assertThat(a.getLeaf()).as(what).isEqualTo(e.leaf());
      softly.assertThat(a.getWindowSize().name()).as(what).isEqualTo(e.size());
      softly.assertThat(a.getWindowEnd()).as(what).isEqualTo(e.windowEnd());
      softly.assertThat(a.getHeadcount()).as(what + " headcount").isEqualTo(e.headcount());
      softly.assertThat(a.getEnrollments()).as(what + " enrollments").isEqualTo(e.enrollments());
      softly.assertThat(a.getWithdrawals()).as(what + " withdrawals").isEqualTo(e.withdrawals());
      softly.assertThat(a.getCompletions()).as(what + " completions").isEqualTo(e.completions());
      softly.assertThat(a.getParticipants()).as(what + " participants").isEqualTo(e.participants());
      assertClose(
          softly, a.getParticipationRate(), e.participationRate(), what + " participationRate");
      softly.assertThat(a.getPresent()).as(what + " present").isEqualTo(e.present());
      softly.assertThat(a.getLate()).as(what + " late").isEqualTo(e.late());
      softly.assertThat(a.getAbsent()).as(what + " absent").isEqualTo(e.absent());
      softly.assertThat(a.getExcused()).as(what + " excused").isEqualTo(e.excused());
      assertClose(softly, a.getAttendanceRate(), e.attendanceRate(), what + " attendanceRate");
      assertClose(softly, a.getJpDelivered(), e.jpDelivered(), what + " jpDelivered");
      softly
          .assertThat(a.getFeedbackResponses())
          .as(what + " responses")
          .isEqualTo(e.feedbackResponses());
      assertClose(softly, a.getResponseRate(), e.responseRate(), what + " responseRate");
      softly
          .assertThat(a.getSatisfactionSuppressed())
          .as(what + " suppressed")
          .isEqualTo(e.satisfactionSuppressed());
      assertClose(
          softly, a.getSatisfactionMean(), e.satisfactionMean(), what + " satisfactionMean");
      assertClose(
          softly, a.getSatisfactionIndex(), e.satisfactionIndex(), what + " satisfactionIndex");
      assertClose(
          softly, a.getCareerRelevanceMean(), e.careerRelevanceMean(), what + " careerRelevance");
      assertClose(softly, a.getNps(), e.nps(), what + " nps");
    }
  }

  private static void assertClose(
      final org.assertj.core.api.SoftAssertions softly,
      final Double actual,
      final Double expected,
      final String what) {
    if (expected == null) {
      softly.assertThat(actual).as(what).isNull();
    } else if (actual == null) {
      softly.fail(what + ": expected " + expected + " but was null");
    } else {
      softly
          .assertThat(actual)
          .as(what)
          .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  static void assertExactlyOneFinalPerKey(final List<UnitActivity> finals) {
    final Map<String, Integer> counts = new HashMap<>();
    finals.forEach(a -> counts.merge(a.getUnitId() + "|" + a.getWindowStart(), 1, Integer::sum));
    assertThat(
            counts.entrySet().stream()
                .filter(e -> e.getValue() != 1)
                .map(e -> e.getKey() + " x" + e.getValue())
                .toList())
        .as("keys without exactly one FINAL record")
        .isEmpty();
  }

  private static String reason(final ConsumerRecord<String, byte[]> record) {
    final var header = record.headers().lastHeader("asn.dlq.reason");
    return header == null
        ? "?"
        : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
  }

  static boolean hasAll(final List<UnitActivity> finals, final List<Instant> starts) {
    return starts.stream()
        .allMatch(s -> finals.stream().filter(a -> a.getWindowStart().equals(s)).count() >= 101);
  }

  static List<UnitActivity> finals(
      final CommittedReader reader, final SchemaRegistryClient registry, final String topic) {
    final List<UnitActivity> out = new ArrayList<>();
    for (final ConsumerRecord<String, UnitActivity> r :
        reader.read(topic, new AvroDeserializer<>(registry, UnitActivity.class))) {
      if (r.value().getStatus() == RecordStatus.FINAL) {
        out.add(r.value());
      }
    }
    return out;
  }

  /** Sends every simulated record to Kafka and to the reference model. */
  record Tee(SimulationSink kafka, ReferenceModel model) implements SimulationSink {
    @Override
    public void unit(final WorkUnit unit) {
      kafka.unit(unit);
      model.unit(unit);
    }

    @Override
    public void employee(final Employee employee) {
      kafka.employee(employee);
      model.employee(employee);
    }

    @Override
    public void program(final TrainingProgram program) {
      kafka.program(program);
      model.program(program);
    }

    @Override
    public void enrollment(final EnrollmentEvent event) {
      kafka.enrollment(event);
      model.enrollment(event);
    }

    @Override
    public void attendance(final AttendanceEvent event) {
      kafka.attendance(event);
      model.attendance(event);
    }

    @Override
    public void feedback(final FeedbackEvent event) {
      kafka.feedback(event);
      model.feedback(event);
    }

    @Override
    public void badRecord(
        final String topic, final String key, final byte[] value, final String kind) {
      throw new AssertionError("no bad input in this test");
    }
  }
}
