package id.go.bkn.asn.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.function.JakartaCalendar;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class NationalSimulationTest {

  /** Monday 2026-11-02 00:00 WIB: a Q4 week. */
  private static final Instant MONDAY = Instant.parse("2026-11-01T17:00:00Z");

  private static final NationalConfig SMALL =
      new NationalConfig(SimulationConfig.DEFAULT_SEED, MONDAY, 20_000);

  @Test
  void shouldEmitEveryUnitAndEmployeeOnceWhenReferenceIsEmitted() {
    final RecordingSink sink = new RecordingSink();
    final NationalSimulation simulation = NationalSimulation.create(SMALL, sink);

    simulation.emitReference();

    assertThat(sink.units).hasSize(simulation.reference().units().size());
    assertThat(sink.employees).hasSize(20_000);
    assertThat(sink.employees.stream().map(e -> e.getEmployeeId()).distinct()).hasSize(20_000);
    assertThat(sink.programs).isNotEmpty();
  }

  @Test
  void shouldEmitAWeeksEventsAtTheNationalRateInWorkingHoursWhenAdvancedAWeek() {
    final RecordingSink sink = new RecordingSink();
    final NationalSimulation simulation = NationalSimulation.create(SMALL, sink);

    final int emitted = simulation.advanceTo(MONDAY.plus(Duration.ofDays(7)), Integer.MAX_VALUE);

    // 120 million a year for 4.7 million, scaled to 20,000, times the November peak of 1.5.
    final double expected = SMALL.eventsPerSecond() * 7 * 86_400 * 1.5 * 0.97;
    assertThat((double) emitted).isBetween(expected * 0.9, expected * 1.1);
    assertThat(sink.eventTimes).isSorted();
    assertThat(sink.eventTimes)
        .allSatisfy(
            t -> {
              final ZonedDateTime local = t.atZone(JakartaCalendar.ZONE);
              assertThat(local.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
              assertThat(local.getHour()).isBetween(7, 16);
            });
    assertThat(sink.attendance.size()).isGreaterThan(sink.enrollments.size());
    assertThat(sink.enrollments.size()).isGreaterThan(sink.feedback.size());
  }

  @Test
  void shouldEmitTheSameEventsWhenRunTwiceWithOneSeed() {
    final RecordingSink first = new RecordingSink();
    final RecordingSink second = new RecordingSink();

    NationalSimulation.create(SMALL, first).advanceTo(MONDAY.plus(Duration.ofDays(2)), 500);
    NationalSimulation.create(SMALL, second).advanceTo(MONDAY.plus(Duration.ofDays(2)), 500);

    assertThat(first.attendance).isNotEmpty().isEqualTo(second.attendance);
    assertThat(first.feedback).isEqualTo(second.feedback);
  }

  @Test
  void shouldStopAtTheBudgetAndGoOnWhereItStoppedWhenAdvancedAgain() {
    final RecordingSink stepped = new RecordingSink();
    final RecordingSink whole = new RecordingSink();
    final NationalSimulation simulation = NationalSimulation.create(SMALL, stepped);
    final Instant until = MONDAY.plus(Duration.ofDays(1));

    final int first = simulation.advanceTo(until, 100);
    final int rest = simulation.advanceTo(until, Integer.MAX_VALUE);
    NationalSimulation.create(SMALL, whole).advanceTo(until, Integer.MAX_VALUE);

    assertThat(first).isEqualTo(100);
    assertThat(stepped.eventTimes).hasSize(100 + rest).isEqualTo(whole.eventTimes);
    assertThat(simulation.reached()).isEqualTo(until);
  }
}
