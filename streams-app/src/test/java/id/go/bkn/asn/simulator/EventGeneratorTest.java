package id.go.bkn.asn.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.function.JakartaCalendar;
import id.go.bkn.asn.schema.AttendanceEvent;
import id.go.bkn.asn.schema.AttendanceStatus;
import id.go.bkn.asn.schema.Employee;
import id.go.bkn.asn.schema.EnrollmentAction;
import id.go.bkn.asn.schema.EnrollmentEvent;
import id.go.bkn.asn.schema.FeedbackEvent;
import id.go.bkn.asn.schema.TrainingProgram;
import id.go.bkn.asn.schema.WorkUnit;
import id.go.bkn.asn.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventGeneratorTest {

  /** 2026-10-03 00:00 WIB, eight weeks before 2026-11-28. */
  private static final Instant FROM = Instant.parse("2026-10-02T17:00:00Z");

  private static final Duration EIGHT_WEEKS = Duration.ofDays(56);

  private final SimulationConfig config = SimulationConfig.startingAt(FROM);
  private KotaSerangReference reference;
  private RecordingSink sink;
  private Map<String, Integer> headcount;
  private List<LocalDate> weeks;

  @BeforeAll
  void simulateEightWeeks() {
    reference = KotaSerangReference.build(config);
    sink = new RecordingSink();
    new EventGenerator(config, reference, sink).advanceTo(FROM.plus(EIGHT_WEEKS));
    headcount = new HashMap<>();
    for (final Employee employee : reference.roster()) {
      headcount.merge(employee.getUnitId(), 1, Integer::sum);
    }
    // The eight full Monday-to-Monday weeks after the first Monday.
    final LocalDate firstMonday = JakartaCalendar.week(FROM).startDate().plusWeeks(1);
    weeks = new ArrayList<>();
    for (int w = 0; w < 7; w++) {
      weeks.add(firstMonday.plusWeeks(w));
    }
  }

  @Test
  void shouldEmitTheSameBytesWhenTheSeedIsTheSame() {
    // given two generators with the same config, one with another seed
    final RecordingSink first = new RecordingSink();
    final RecordingSink second = new RecordingSink();
    final RecordingSink other = new RecordingSink();
    final Instant until = FROM.plus(Duration.ofDays(14));

    // when
    EventGenerator.create(config, first).advanceTo(until);
    EventGenerator.create(config, second).advanceTo(until);
    EventGenerator.create(config.withSeed(config.seed() + 1), other).advanceTo(until);

    // then
    assertThat(first.events()).isGreaterThan(5_000);
    assertThat(second.all).isEqualTo(first.all);
    assertThat(second.serialized()).isEqualTo(first.serialized());
    assertThat(other.serialized()).isNotEqualTo(first.serialized());
  }

  @Test
  void shouldEmitTheSameRecordsWhenTimeIsAdvancedInSmallSteps() {
    // given one generator driven in one call, one in steps of an hour with a small budget
    final RecordingSink stepped = new RecordingSink();
    final EventGenerator generator = EventGenerator.create(config, stepped);

    // when
    for (Instant t = FROM; !t.isAfter(FROM.plus(EIGHT_WEEKS)); t = t.plus(Duration.ofHours(1))) {
      while (generator.advanceTo(t, 100) == 100) {
        assertThat(generator.reached()).isBeforeOrEqualTo(t);
      }
    }

    // then
    assertThat(stepped.all).isEqualTo(sink.all);
  }

  @Test
  void shouldEmitReferenceDataWhenBeforeAnyEvent() {
    // given
    final int referenceCount =
        reference.units().size() + reference.roster().size() + reference.programs().size();

    // when
    final List<SpecificRecord> head = sink.all.subList(0, referenceCount);

    // then
    assertThat(head.subList(0, reference.units().size())).isEqualTo(List.copyOf(reference.units()));
    assertThat(head)
        .allSatisfy(
            r ->
                assertThat(r)
                    .isInstanceOfAny(WorkUnit.class, Employee.class, TrainingProgram.class));
    assertThat(sink.all.subList(referenceCount, sink.all.size()))
        .noneMatch(r -> r instanceof WorkUnit || r instanceof TrainingProgram);
  }

  @Test
  void shouldKeepTimeOrderAndStayBehindTheSimulatedClockWhenDrivenByAFakeWallClock() {
    // given a wall clock eight weeks ahead of from, and simulated time running 5,000 times faster
    final MutableClock wall = new MutableClock(FROM.plus(EIGHT_WEEKS));
    final SimulatedClock clock = new SimulatedClock(FROM, 5_000, wall);
    final TimeCheckingSink checking = new TimeCheckingSink(clock);
    final EventGenerator generator = EventGenerator.create(config, checking);

    // when: 30 wall-clock minutes in steps of 5 seconds, a paced budget per step
    for (int step = 0; step < 360; step++) {
      wall.advance(Duration.ofSeconds(5));
      generator.advanceTo(clock.now(), 2_000);
    }

    // then
    assertThat(checking.events).isGreaterThan(10_000);
    assertThat(checking.violations).isEmpty();
    assertThat(clock.now()).isBeforeOrEqualTo(wall.instant());
  }

  @Test
  void shouldGiveEveryEventAUniqueIdWhenGenerated() {
    // given
    final List<String> ids = new ArrayList<>();

    // when
    sink.enrollments.forEach(e -> ids.add(e.getEventId()));
    sink.attendance.forEach(e -> ids.add(e.getEventId()));
    sink.feedback.forEach(e -> ids.add(e.getEventId()));

    // then
    assertThat(ids).hasSize(sink.events()).doesNotHaveDuplicates();
    assertThat(ids).allSatisfy(id -> assertThat(id).startsWith("sim-"));
  }

  @Test
  void shouldMakeLaggingUnitsLagWhenComparedWithTheCity() {
    // given weekly participants per unit, attributing by the unit at the event's time
    final Map<String, Map<LocalDate, Set<String>>> participants = participantsByUnitAndWeek();
    final Map<LocalDate, Set<String>> city = new HashMap<>();
    participants
        .values()
        .forEach(
            byWeek ->
                byWeek.forEach(
                    (week, ids) -> city.computeIfAbsent(week, w -> new HashSet<>()).addAll(ids)));

    // when
    final double cityRate = meanWeeklyRate(city, reference.roster().size());

    // then
    assertThat(cityRate).isGreaterThan(0.10);
    for (final String unit : reference.unitsWithRole(UnitProfile.Role.LAGGING)) {
      final double rate =
          meanWeeklyRate(participants.getOrDefault(unit, Map.of()), headcount.get(unit));
      assertThat(rate).as("weekly participation of %s", unit).isLessThan(0.05).isLessThan(cityRate);
    }
  }

  @Test
  void shouldRateSomeProgrammeBelowTheIkmLineWhenFeedbackIsAveraged() {
    // given
    final Map<String, List<Integer>> ratings = new HashMap<>();
    sink.feedback.forEach(
        f -> ratings.computeIfAbsent(f.getProgramId(), p -> new ArrayList<>()).add(f.getOverall()));

    // when
    final Map<String, Double> means =
        ratings.entrySet().stream()
            .filter(e -> e.getValue().size() >= 20)
            .collect(Collectors.toMap(Map.Entry::getKey, e -> mean(e.getValue())));

    // then: index < 76.61 somewhere, while most programmes are rated well
    assertThat(means.values()).anyMatch(m -> m < 3.8);
    assertThat(means.values().stream().filter(m -> m >= 3.8).count())
        .isGreaterThan(means.size() / 2);
  }

  @Test
  void shouldMakeOtherAlertRulesFireWhenUnitsHaveThoseRoles() {
    // given per-unit attendance counts and ratings, by the unit at the event's time
    final Map<String, long[]> attendance = new HashMap<>();
    final Map<String, List<Integer>> ratings = new HashMap<>();
    final Map<String, String> unitOf = initialUnits();
    for (final SpecificRecord record : sink.all) {
      if (record instanceof Employee e) {
        unitOf.put(e.getEmployeeId(), e.getUnitId());
      } else if (record instanceof AttendanceEvent a) {
        attendance
            .computeIfAbsent(unitOf.get(a.getEmployeeId()), u -> new long[4])[
            a.getStatus().ordinal()]++;
      } else if (record instanceof FeedbackEvent f && f.getEmployeeId() != null) {
        ratings
            .computeIfAbsent(unitOf.get(f.getEmployeeId()), u -> new ArrayList<>())
            .add(f.getOverall());
      }
    }

    // when / then
    for (final String unit : reference.unitsWithRole(UnitProfile.Role.LOW_ATTENDANCE)) {
      assertThat(attendanceRate(attendance.get(unit))).as(unit).isLessThan(0.8);
    }
    final long[] city = new long[4];
    attendance
        .values()
        .forEach(
            c -> {
              for (int i = 0; i < 4; i++) {
                city[i] += c[i];
              }
            });
    assertThat(attendanceRate(city)).isGreaterThan(0.85);
    for (final String unit : reference.unitsWithRole(UnitProfile.Role.LOW_SATISFACTION)) {
      assertThat(mean(ratings.get(unit)) * 20).as(unit).isLessThan(76.61);
    }
    final Map<String, Map<LocalDate, Set<String>>> participants = participantsByUnitAndWeek();
    for (final String unit : reference.unitsWithRole(UnitProfile.Role.SILENT)) {
      final long silentWeeks =
          weeks.stream()
              .filter(
                  w ->
                      participants.getOrDefault(unit, Map.of()).getOrDefault(w, Set.of()).isEmpty())
              .count();
      assertThat(silentWeeks).as("weeks without activity in %s", unit).isGreaterThanOrEqualTo(4);
    }
  }

  @Test
  void shouldFollowARunsLifecycleWhenEventsAreGenerated() {
    // given
    final Map<String, Instant> firstEnrolment = new HashMap<>();
    final Map<String, Instant> firstAttendance = new HashMap<>();
    final Map<String, Instant> lastAttendance = new HashMap<>();
    sink.enrollments.stream()
        .filter(e -> e.getAction() == EnrollmentAction.ENROLLED)
        .forEach(
            e -> firstEnrolment.merge(e.getRunId(), e.getOccurredAt(), EventGeneratorTest::min));
    sink.attendance.forEach(
        a -> {
          firstAttendance.merge(a.getRunId(), a.getOccurredAt(), EventGeneratorTest::min);
          // check-ins happen during sessions; absences are recorded when the register closes
          if (a.getStatus() == AttendanceStatus.PRESENT || a.getStatus() == AttendanceStatus.LATE) {
            lastAttendance.merge(a.getRunId(), a.getOccurredAt(), EventGeneratorTest::max);
          }
        });

    // when / then: enrolment before the run, completions and feedback after its last session
    firstEnrolment.forEach(
        (run, enrolled) -> {
          if (firstAttendance.containsKey(run)) {
            assertThat(enrolled).as(run).isBefore(firstAttendance.get(run));
          }
        });
    assertThat(sink.enrollments)
        .filteredOn(e -> e.getAction() == EnrollmentAction.COMPLETED)
        .isNotEmpty()
        // runs that ended just before from have their completions in the stream, not sessions
        .filteredOn(e -> lastAttendance.containsKey(e.getRunId()))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.getOccurredAt()).isAfter(lastAttendance.get(e.getRunId())));
    assertThat(
            sink.enrollments.stream().map(EnrollmentEvent::getAction).collect(Collectors.toSet()))
        .isEqualTo(EnumSet.allOf(EnrollmentAction.class));
    assertThat(sink.attendance.stream().map(AttendanceEvent::getStatus).collect(Collectors.toSet()))
        .isEqualTo(EnumSet.allOf(AttendanceStatus.class));
    assertThat(sink.attendance)
        .filteredOn(a -> a.getStatus() == AttendanceStatus.PRESENT)
        .hasSizeGreaterThan(sink.attendance.size() * 7 / 10);
    assertThat(sink.attendance).allSatisfy(a -> assertThat(a.getSessionJp()).isBetween(1.0, 12.0));
  }

  @Test
  void shouldShapeFeedbackLikeRealFormsWhenCompletersAnswer() {
    // given
    final List<FeedbackEvent> feedback = sink.feedback;

    // when
    final double anonymous = share(feedback, f -> f.getEmployeeId() == null);
    final double careerAsked = share(feedback, f -> f.getCareerRelevance() != null);
    final double recommendAsked = share(feedback, f -> f.getRecommend() != null);
    final double commented = share(feedback, f -> f.getComment() != null);

    // then
    assertThat(feedback).hasSizeGreaterThan(1_000);
    assertThat(anonymous).isBetween(0.10, 0.20);
    assertThat(careerAsked).isBetween(0.7, 0.97);
    assertThat(recommendAsked).isBetween(0.7, 0.97);
    assertThat(commented).isBetween(0.1, 0.3);
    assertThat(feedback)
        .allSatisfy(f -> assertThat(f.getOverall()).isBetween(1, 5))
        .allSatisfy(f -> assertThat(f.getSource()).isEqualTo("simulator"));
    assertThat(sink.enrollments.stream().filter(e -> e.getAction() == EnrollmentAction.COMPLETED))
        .hasSizeGreaterThan(feedback.size());
  }

  @Test
  void shouldTransferAFewEmployeesWhenWeeksPass() {
    // given
    final int referenceCount = reference.roster().size();
    final Map<String, String> unitOf = initialUnits();

    // when
    final List<Employee> transfers = sink.employees.subList(referenceCount, sink.employees.size());

    // then: about two a week, each a new unit from a later effectiveFrom
    assertThat(transfers).hasSizeBetween(5, 40);
    for (final Employee transfer : transfers) {
      assertThat(transfer.getEffectiveFrom()).isAfter(reference.rosterEffectiveFrom());
      assertThat(transfer.getUnitId()).isNotEqualTo(unitOf.get(transfer.getEmployeeId()));
      unitOf.put(transfer.getEmployeeId(), transfer.getUnitId());
    }
  }

  private Map<String, String> initialUnits() {
    final Map<String, String> unitOf = new HashMap<>();
    reference.roster().forEach(e -> unitOf.put(e.getEmployeeId(), e.getUnitId()));
    return unitOf;
  }

  private Map<String, Map<LocalDate, Set<String>>> participantsByUnitAndWeek() {
    final Map<String, String> unitOf = initialUnits();
    final Map<String, Map<LocalDate, Set<String>>> result = new HashMap<>();
    for (final SpecificRecord record : sink.all) {
      if (record instanceof Employee e) {
        unitOf.put(e.getEmployeeId(), e.getUnitId());
      } else if (record instanceof AttendanceEvent a
          && (a.getStatus() == AttendanceStatus.PRESENT
              || a.getStatus() == AttendanceStatus.LATE)) {
        result
            .computeIfAbsent(unitOf.get(a.getEmployeeId()), u -> new HashMap<>())
            .computeIfAbsent(
                JakartaCalendar.week(a.getOccurredAt()).startDate(), w -> new TreeSet<>())
            .add(a.getEmployeeId());
      }
    }
    return result;
  }

  private double meanWeeklyRate(final Map<LocalDate, Set<String>> byWeek, final int headcount) {
    return weeks.stream()
        .mapToDouble(w -> byWeek.getOrDefault(w, Set.of()).size() / (double) headcount)
        .average()
        .orElseThrow();
  }

  private static double attendanceRate(final long[] counts) {
    return (counts[0] + counts[1]) / (double) (counts[0] + counts[1] + counts[2]);
  }

  private static double mean(final List<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).average().orElseThrow();
  }

  private static <T> double share(
      final List<T> list, final java.util.function.Predicate<T> predicate) {
    return list.stream().filter(predicate).count() / (double) list.size();
  }

  private static Instant min(final Instant a, final Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant max(final Instant a, final Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /** Checks each event against the simulated clock and the previous event as it arrives. */
  private static final class TimeCheckingSink implements SimulationSink {
    private final SimulatedClock clock;
    private final List<String> violations = new ArrayList<>();
    private Instant last = Instant.MIN;
    private long events;

    TimeCheckingSink(final SimulatedClock clock) {
      this.clock = clock;
    }

    private void check(final Instant at) {
      events++;
      if (at.isBefore(last)) {
        violations.add("out of order: " + at + " after " + last);
      }
      if (at.isAfter(clock.now())) {
        violations.add("ahead of the simulated clock: " + at);
      }
      last = at;
    }

    @Override
    public void unit(final WorkUnit unit) {}

    @Override
    public void employee(final Employee employee) {
      if (!employee.getEffectiveFrom().isBefore(clock.now().minus(Duration.ofDays(365)))) {
        check(employee.getEffectiveFrom());
      }
    }

    @Override
    public void program(final TrainingProgram program) {}

    @Override
    public void enrollment(final EnrollmentEvent event) {
      check(event.getOccurredAt());
    }

    @Override
    public void attendance(final AttendanceEvent event) {
      check(event.getOccurredAt());
    }

    @Override
    public void feedback(final FeedbackEvent event) {
      check(event.getOccurredAt());
    }

    @Override
    public void badRecord(
        final String topic, final String key, final byte[] value, final String kind) {
      violations.add("bad record while bad input is off");
    }
  }
}
