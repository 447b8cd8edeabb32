package id.go.bkn.asn.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.function.EventValidator;
import id.go.bkn.asn.schema.AttendanceEvent;
import id.go.bkn.asn.schema.EnrollmentEvent;
import id.go.bkn.asn.schema.FeedbackEvent;
import id.go.bkn.asn.schema.WorkUnit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * The simulator's MALFORMED bad input (issue #9): every kind appears, every typed malformed record
 * is one the pipeline's validator refuses, and the clean records are the same as without it.
 */
class MalformedInputTest {

  private static final Instant FROM = Instant.parse("2026-10-02T17:00:00Z");
  private static final Instant TO = FROM.plus(Duration.ofDays(14));

  @Test
  void shouldAddEveryMalformedKindAndOnlyRecordsTheValidatorRefusesWhenSwitchedOn() {
    final RecordingSink clean = simulate(BadInputRates.NONE);
    final RecordingSink dirty = simulate(new BadInputRates(0, 0, 0, 0, 0, 0.05));
    final EventValidator validator = EventValidator.withDefaults(Clock.fixed(TO, ZoneOffset.UTC));

    final Set<SpecificRecord> cleanSet = new HashSet<>(clean.all);
    final List<SpecificRecord> added =
        dirty.all.stream().filter(r -> !cleanSet.contains(r)).toList();
    assertThat(dirty.all.stream().filter(cleanSet::contains).toList())
        .as("clean records unchanged")
        .isEqualTo(clean.all);
    assertThat(added).isNotEmpty();
    final Set<String> units =
        clean.units.stream().map(u -> u.getUnitId().toString()).collect(Collectors.toSet());
    assertThat(added)
        .allSatisfy(
            record -> assertThat(rejected(validator, units, record)).as("%s", record).isTrue());
    assertThat(added)
        .as("units whose parent does not exist")
        .filteredOn(r -> r instanceof WorkUnit)
        .isNotEmpty()
        .allSatisfy(
            u ->
                assertThat(((WorkUnit) u).getUnitId().toString())
                    .startsWith(BadInputInjector.ORPHAN_PREFIX));
    assertThat(added.stream().filter(r -> occurredAt(r).isAfter(TO))).isNotEmpty();
    assertThat(
            added.stream()
                .filter(r -> occurredAt(r).isBefore(Instant.parse("2000-01-01T00:00:00Z"))))
        .isNotEmpty();
    assertThat(
            added.stream()
                .filter(r -> r instanceof AttendanceEvent a && !Double.isFinite(a.getSessionJp())))
        .isNotEmpty();
    assertThat(added.stream().filter(r -> eventId(r).length() > EventValidator.MAX_ID_LENGTH))
        .isNotEmpty();
    assertThat(dirty.badRecords)
        .extracting(RecordingSink.BadRecord::kind)
        .contains(
            BadInputInjector.TOMBSTONE,
            BadInputInjector.EMPTY_VALUE,
            BadInputInjector.REFERENCE_TOMBSTONE);
    assertThat(dirty.badRecords)
        .filteredOn(bad -> bad.kind().equals(BadInputInjector.REFERENCE_TOMBSTONE))
        .allSatisfy(bad -> assertThat(bad.topic()).isEqualTo("reference.employees"));
    assertThat(dirty.badRecords)
        .allSatisfy(
            bad ->
                assertThat(bad.value() == null || bad.value().length == 0).as(bad.kind()).isTrue());
    final EventGenerator counted =
        EventGenerator.create(
            SimulationConfig.startingAt(FROM).withBadInput(new BadInputRates(0, 0, 0, 0, 0, 0.05)),
            new RecordingSink());
    counted.advanceTo(TO);
    assertThat(counted.badInputCounts().malformed())
        .isEqualTo(added.size() + dirty.badRecords.size());
  }

  private static RecordingSink simulate(final BadInputRates rates) {
    final RecordingSink sink = new RecordingSink();
    EventGenerator.create(SimulationConfig.startingAt(FROM).withBadInput(rates), sink)
        .advanceTo(TO);
    return sink;
  }

  private static boolean rejected(
      final EventValidator validator, final Set<String> units, final SpecificRecord record) {
    if (record instanceof WorkUnit u) {
      // a new unit under a parent that is no unit of the city: the judge's DANGLING_PARENT
      return !units.contains(u.getUnitId().toString())
          && !units.contains(String.valueOf(u.getParentUnitId()));
    }
    if (record instanceof AttendanceEvent a) {
      return validator.validate(a).isPresent();
    }
    if (record instanceof EnrollmentEvent e) {
      return validator.validate(e).isPresent();
    }
    if (record instanceof FeedbackEvent f) {
      return validator.validate(f).isPresent();
    }
    return false;
  }

  private static Instant occurredAt(final SpecificRecord record) {
    if (record instanceof AttendanceEvent a) {
      return a.getOccurredAt();
    }
    if (record instanceof EnrollmentEvent e) {
      return e.getOccurredAt();
    }
    if (record instanceof FeedbackEvent f) {
      return f.getOccurredAt();
    }
    return FROM;
  }

  private static String eventId(final SpecificRecord record) {
    if (record instanceof AttendanceEvent a) {
      return a.getEventId();
    }
    if (record instanceof EnrollmentEvent e) {
      return e.getEventId();
    }
    if (record instanceof FeedbackEvent f) {
      return f.getEventId();
    }
    return "";
  }
}
