package id.go.bkn.asn.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.schema.AttendanceEvent;
import id.go.bkn.asn.schema.Employee;
import id.go.bkn.asn.schema.EnrollmentEvent;
import id.go.bkn.asn.schema.FeedbackEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputInjectorTest {

  private static final Instant FROM = Instant.parse("2026-10-02T17:00:00Z");
  private static final Duration SPAN = Duration.ofDays(63);
  private static final Duration GRACE = Duration.ofHours(48);
  private static final BadInputRates RATES = new BadInputRates(0.01, 0.02, 0.03, 0.015, 0.025);

  private final SimulationConfig clean = SimulationConfig.startingAt(FROM);
  private final SimulationConfig dirty = clean.withBadInput(RATES);
  private RecordingSink sink;
  private EventGenerator generator;
  private Set<String> roster;
  private Observed observed;

  @BeforeAll
  void simulateWithBadInput() {
    sink = new RecordingSink();
    generator = EventGenerator.create(dirty, sink);
    generator.advanceTo(FROM.plus(SPAN));
    roster =
        generator.reference().roster().stream()
            .map(Employee::getEmployeeId)
            .collect(Collectors.toSet());
    observed = observe();
  }

  @Test
  void shouldHonourEveryRateWhenOver50000EventsAreGenerated() {
    // given what the test recognised in the stream, by looking at the records only
    final long cleanEvents = observed.clean;

    // when / then: within five standard deviations of a binomial count
    assertThat(cleanEvents).isGreaterThan(50_000);
    assertWithinTolerance("undecodable", sink.badRecords.size(), RATES.undecodable(), cleanEvents);
    assertWithinTolerance("outOfRange", observed.outOfRange, RATES.outOfRange(), cleanEvents);
    assertWithinTolerance("duplicate", observed.duplicates, RATES.duplicate(), cleanEvents);
    assertWithinTolerance("late", observed.late, RATES.late(), cleanEvents);
    assertWithinTolerance("unknown", observed.unknown, RATES.unknownEmployee(), cleanEvents);
    final BadInputCounts counts = generator.badInputCounts();
    assertThat(counts.cleanEvents()).isEqualTo(cleanEvents);
    assertThat(counts.undecodable()).isEqualTo(sink.badRecords.size());
    assertThat(counts.outOfRange()).isEqualTo(observed.outOfRange);
    assertThat(counts.duplicates()).isEqualTo(observed.duplicates);
    assertThat(counts.late()).isEqualTo(observed.late);
    assertThat(counts.unknownEmployees()).isEqualTo(observed.unknown);
  }

  @Test
  void shouldMakeUndecodableBytesOfBothKindsWhenInjected() {
    // given
    final Set<String> inputTopics =
        Set.of("training.enrollments", "training.attendance", "training.feedback");

    // when
    final Set<String> kinds =
        sink.badRecords.stream().map(RecordingSink.BadRecord::kind).collect(Collectors.toSet());

    // then
    assertThat(kinds)
        .containsExactlyInAnyOrder(
            BadInputInjector.RANDOM_BYTES, BadInputInjector.WRONG_MAGIC_BYTE);
    assertThat(sink.badRecords)
        .allSatisfy(b -> assertThat(inputTopics).contains(b.topic()))
        .allSatisfy(b -> assertThat(b.key()).isNotBlank())
        .allSatisfy(b -> assertThat(b.value()).isNotEmpty());
    assertThat(sink.badRecords)
        .filteredOn(b -> BadInputInjector.WRONG_MAGIC_BYTE.equals(b.kind()))
        .allSatisfy(b -> assertThat(b.value()[0]).isNotZero());
  }

  @Test
  void shouldLeaveTheCleanRecordsUnchangedWhenBadInputIsOn() {
    // given the same simulation without bad input
    final RecordingSink cleanSink = new RecordingSink();
    EventGenerator.create(clean, cleanSink).advanceTo(FROM.plus(SPAN));

    // when: the dirty stream without injected ids and repeated ids
    final Set<String> seen = new HashSet<>();
    final List<SpecificRecord> filtered = new ArrayList<>();
    for (final SpecificRecord record : sink.all) {
      final String id = eventId(record);
      if (id == null || (id.contains("-e") && seen.add(id))) {
        filtered.add(record);
      }
    }

    // then
    assertThat(filtered).isEqualTo(cleanSink.all);
  }

  @Test
  void shouldKeepTimeOrderExceptForLateEventsWhenBadInputIsOn() {
    // given
    Instant last = Instant.EPOCH;
    int outOfOrder = 0;

    // when
    for (final Instant at : sink.eventTimes) {
      if (at.isBefore(last)) {
        outOfOrder++;
        assertThat(at).isBefore(last.minus(GRACE));
      } else {
        last = at;
      }
    }

    // then
    assertThat(outOfOrder).isEqualTo(observed.late);
  }

  @Test
  void shouldDateNoLateCopyBeforeTheSimulationStarts() {
    // given the simulation starts at FROM, with late copies 3 to 28 days back

    // when
    final Instant earliest = sink.eventTimes.stream().min(Instant::compareTo).orElseThrow();

    // then
    assertThat(earliest).isAfterOrEqualTo(FROM);
    assertThat(observed.late).isPositive();
  }

  @Test
  void shouldUseValidButUnknownNipsWhenEmployeesAreUnknown() {
    // given
    final List<String> unknown = new ArrayList<>();

    // when
    sink.all.stream()
        .map(BadInputInjectorTest::employeeId)
        .filter(id -> id != null && !roster.contains(id))
        .forEach(unknown::add);

    // then
    assertThat(unknown).isNotEmpty().allSatisfy(id -> assertThat(Nip.isValid(id)).isTrue());
  }

  private Observed observe() {
    final Observed o = new Observed();
    final Set<String> seen = new HashSet<>();
    Instant latest = Instant.EPOCH;
    for (final SpecificRecord record : sink.all) {
      final String id = eventId(record);
      if (id == null) {
        continue;
      }
      final Instant at = occurredAt(record);
      final String employee = employeeId(record);
      if (!seen.add(id)) {
        o.duplicates++;
      } else if (at.isBefore(latest.minus(GRACE))) {
        o.late++;
      } else if (employee != null && !roster.contains(employee)) {
        o.unknown++;
      } else if (outOfRange(record)) {
        o.outOfRange++;
      } else {
        o.clean++;
      }
      if (at.isAfter(latest)) {
        latest = at;
      }
    }
    return o;
  }

  private static boolean outOfRange(final SpecificRecord record) {
    if (record instanceof AttendanceEvent a) {
      return a.getSessionJp() < 0;
    }
    if (record instanceof FeedbackEvent f) {
      return f.getOverall() < 1 || f.getOverall() > 5;
    }
    return false;
  }

  private static String eventId(final SpecificRecord record) {
    if (record instanceof EnrollmentEvent e) {
      return e.getEventId();
    }
    if (record instanceof AttendanceEvent a) {
      return a.getEventId();
    }
    if (record instanceof FeedbackEvent f) {
      return f.getEventId();
    }
    return null;
  }

  private static String employeeId(final SpecificRecord record) {
    if (record instanceof EnrollmentEvent e) {
      return e.getEmployeeId();
    }
    if (record instanceof AttendanceEvent a) {
      return a.getEmployeeId();
    }
    if (record instanceof FeedbackEvent f) {
      return f.getEmployeeId();
    }
    return null;
  }

  private static Instant occurredAt(final SpecificRecord record) {
    if (record instanceof EnrollmentEvent e) {
      return e.getOccurredAt();
    }
    if (record instanceof AttendanceEvent a) {
      return a.getOccurredAt();
    }
    return ((FeedbackEvent) record).getOccurredAt();
  }

  private static void assertWithinTolerance(
      final String kind, final long observed, final double rate, final long events) {
    final double expected = rate * events;
    assertThat((double) observed)
        .as("%s: %d observed, %.0f expected", kind, observed, expected)
        .isBetween(expected - 5 * Math.sqrt(expected), expected + 5 * Math.sqrt(expected));
  }

  /** Counts of what the stream shows, recognised from the records alone. */
  private static final class Observed {
    private long clean;
    private long duplicates;
    private long late;
    private long unknown;
    private long outOfRange;
  }
}
