package id.go.bkn.asn.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.go.bkn.asn.app.PipelineApp;
import id.go.bkn.asn.local.LocalStack;
import id.go.bkn.asn.registry.RegistryClientConfig;
import id.go.bkn.asn.registry.SchemaRegistryClient;
import id.go.bkn.asn.registry.SchemaRegistryClients;
import id.go.bkn.asn.schema.AttendanceEvent;
import id.go.bkn.asn.schema.Employee;
import id.go.bkn.asn.schema.EmployeeJpProgress;
import id.go.bkn.asn.schema.EnrollmentEvent;
import id.go.bkn.asn.schema.FeedbackEvent;
import id.go.bkn.asn.schema.RecordStatus;
import id.go.bkn.asn.schema.TrainingProgram;
import id.go.bkn.asn.schema.UnitActivity;
import id.go.bkn.asn.schema.WorkUnit;
import id.go.bkn.asn.serde.AvroClassTrust;
import id.go.bkn.asn.serde.AvroDeserializer;
import id.go.bkn.asn.serde.AvroSerializer;
import id.go.bkn.asn.simulator.BadInputRates;
import id.go.bkn.asn.simulator.EventGenerator;
import id.go.bkn.asn.simulator.SimulationConfig;
import id.go.bkn.asn.simulator.SimulationSink;
import id.go.bkn.asn.simulator.kafka.KafkaSimulationSink;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The participation topology end to end on the embedded broker and registry, under exactly_once_v2:
 * a few thousand simulated Kota Serang events over several weeks (transfers included) go in, the
 * app is stopped and started again half-way, and every FINAL daily and weekly record that comes out
 * is compared field by field with {@link ReferenceModel}, which computes the contract's figures by
 * brute force without any of the topology's classes.
 */
class ParticipationIT {

  static {
    AvroClassTrust.trustPackage("id.go.bkn.asn.schema");
  }

  /** A Monday, 00:00 WIB. */
  private static final Instant FROM = Instant.parse("2026-08-02T17:00:00Z");

  private static final Duration GRACE = Duration.ofHours(48);

  @TempDir Path dataDir;

  @Test
  void shouldMatchTheReferenceModelFieldByFieldWhenAppRestartsHalfWay() throws Exception {
    final ReferenceModel model = new ReferenceModel(5);
    try (LocalStack stack = LocalStack.start(LocalStack.Settings.ephemeral(dataDir));
        SchemaRegistryClient registry =
            SchemaRegistryClients.create(RegistryClientConfig.of(stack.registryUrl()));
        KafkaProducer<String, byte[]> producer = PipelineItFixture.producer(stack)) {
      final KafkaSimulationSink kafka =
          new KafkaSimulationSink(producer, new AvroSerializer<SpecificRecord>(registry));
      final SimulationConfig config =
          SimulationConfig.startingAt(FROM)
              .withSeed(7)
              .withRoster(1_000, 0)
              .withTransfersPerWeek(10)
              .withBadInput(BadInputRates.NONE);
      final EventGenerator generator = EventGenerator.create(config, new Tee(kafka, model));

      // Phase 1: two weeks and a half of events, then the app runs and is stopped.
      generator.advanceTo(FROM.plus(Duration.ofDays(17)));
      kafka.flush();
      final Instant firstWeekEnd = FROM.plus(Duration.ofDays(7));
      try (PipelineApp app =
          PipelineItFixture.startApp(stack, "participation-it", dataDir, GRACE)) {
        await()
            .atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> finals(stack, registry, "analytics.unit-activity-weekly").size() >= 101);
      }

      // Phase 2: the rest, then the app again on the same state.
      generator.advanceTo(FROM.plus(Duration.ofDays(38)));
      kafka.flush();
      final Instant clock = generator.reached();
      final List<Instant> weeks = model.closedWindowStarts("WEEK", model.lastEventTime(), GRACE);
      final List<Instant> days = model.closedWindowStarts("DAY", model.lastEventTime(), GRACE);
      assertThat(weeks).hasSizeGreaterThanOrEqualTo(4).startsWith(FROM);
      assertThat(clock).isAfter(firstWeekEnd);
      try (PipelineApp app =
          PipelineItFixture.startApp(stack, "participation-it", dataDir, GRACE)) {
        await()
            .atMost(Duration.ofSeconds(180))
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () ->
                    hasAll(finals(stack, registry, "analytics.unit-activity-weekly"), weeks)
                        && hasAll(finals(stack, registry, "analytics.unit-activity-daily"), days));
      }

      final List<ConsumerRecord<String, byte[]>> deadLetters =
          PipelineItFixture.readCommitted(
              stack,
              "training.dead-letters",
              new org.apache.kafka.common.serialization.ByteArrayDeserializer());
      assertThat(deadLetters.stream().map(ParticipationIT::reason).distinct().toList())
          .as("dead-letter reasons (the simulation has no bad input)")
          .isEmpty();
      final List<UnitActivity> weekly = finals(stack, registry, "analytics.unit-activity-weekly");
      final List<UnitActivity> daily = finals(stack, registry, "analytics.unit-activity-daily");
      assertExactlyOneFinalPerKey(weekly);
      assertExactlyOneFinalPerKey(daily);
      for (final Instant week : weeks) {
        compare(model.finalRecords("WEEK", week), weekly);
      }
      for (final Instant day : days) {
        compare(model.finalRecords("DAY", day), daily);
      }
      assertThat(weekly.stream().mapToInt(UnitActivity::getParticipants).sum())
          .as("the data set exercises participation")
          .isGreaterThan(100);
      assertEmployeeTotals(stack, registry, model);
    }
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
      final org.assertj.core.api.SoftAssertions softly) {
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
    assertThat(counts.values()).as("FINAL records per key").containsOnly(1);
  }

  private static void assertEmployeeTotals(
      final LocalStack stack, final SchemaRegistryClient registry, final ReferenceModel model) {
    final Map<String, EmployeeJpProgress> latest = new HashMap<>();
    for (final ConsumerRecord<String, EmployeeJpProgress> r :
        PipelineItFixture.readCommitted(
            stack,
            "restricted.employee-jp-ytd",
            new AvroDeserializer<>(registry, EmployeeJpProgress.class))) {
      latest.put(r.key(), r.value());
    }
    final Map<String, ReferenceModel.EmployeeYear> expected = model.employeeYears();
    assertThat(latest.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach(
        (key, year) -> {
          final EmployeeJpProgress actual = latest.get(key);
          assertThat(actual.getJpTotal()).as("jpTotal of an employee").isEqualTo(year.jpTotal());
          assertThat(actual.getSessionsAttended())
              .as("sessionsAttended of an employee")
              .isEqualTo(year.sessionsAttended());
          assertThat(actual.getProgramsCompleted())
              .as("programsCompleted of an employee")
              .isEqualTo(year.programsCompleted());
          assertThat(actual.getMeetsTarget()).isEqualTo(year.jpTotal() >= 20);
        });
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
      final LocalStack stack, final SchemaRegistryClient registry, final String topic) {
    final List<UnitActivity> out = new ArrayList<>();
    for (final ConsumerRecord<String, UnitActivity> r :
        PipelineItFixture.readCommitted(
            stack, topic, new AvroDeserializer<>(registry, UnitActivity.class))) {
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
