package id.go.bkn.asn.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import id.go.bkn.asn.schema.WindowSize;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class JakartaCalendarTest {

  @Test
  void shouldPutInstantInPreviousWibDayWhenItIsJustBefore17Utc() {
    // given 2026-11-16 23:59:59.999 WIB
    final Instant instant = Instant.parse("2026-11-16T16:59:59.999Z");

    // when
    final CalendarWindow day = JakartaCalendar.day(instant);

    // then
    assertThat(day.size()).isEqualTo(WindowSize.DAY);
    assertThat(day.start()).isEqualTo(Instant.parse("2026-11-15T17:00:00Z"));
    assertThat(day.end()).isEqualTo(Instant.parse("2026-11-16T17:00:00Z"));
    assertThat(day.startDate()).isEqualTo(LocalDate.of(2026, 11, 16));
  }

  @Test
  void shouldStartTheNextWibDayWhenItIs17Utc() {
    // given 2026-11-17 00:00 WIB
    final Instant instant = Instant.parse("2026-11-16T17:00:00Z");

    // when
    final CalendarWindow day = JakartaCalendar.day(instant);

    // then
    assertThat(day.start()).isEqualTo(instant);
    assertThat(day.end()).isEqualTo(Instant.parse("2026-11-17T17:00:00Z"));
    assertThat(day.key("DINKES")).isEqualTo("DINKES|2026-11-17");
  }

  @Test
  void shouldPutInstantInWeekOfMondayBeforeWhenItIsSundayNightWib() {
    // given Sunday 2026-11-22 23:59:59.999 WIB
    final Instant sundayNight = Instant.parse("2026-11-22T16:59:59.999Z");

    // when
    final CalendarWindow week = JakartaCalendar.week(sundayNight);

    // then
    assertThat(week.size()).isEqualTo(WindowSize.WEEK);
    assertThat(week.startDate()).isEqualTo(LocalDate.of(2026, 11, 16));
    assertThat(week.start()).isEqualTo(Instant.parse("2026-11-15T17:00:00Z"));
    assertThat(week.end()).isEqualTo(Instant.parse("2026-11-22T17:00:00Z"));
    assertThat(week.key("DINKES")).isEqualTo("DINKES|2026-11-16");
  }

  @Test
  void shouldStartANewWeekWhenItIsMondayMidnightWibButSundayInUtc() {
    // given Monday 2026-11-23 00:00 WIB = Sunday 17:00Z
    final Instant mondayMidnight = Instant.parse("2026-11-22T17:00:00Z");

    // when
    final CalendarWindow week = JakartaCalendar.week(mondayMidnight);

    // then
    assertThat(week.start()).isEqualTo(mondayMidnight);
    assertThat(week.startDate()).isEqualTo(LocalDate.of(2026, 11, 23));
    assertThat(week.contains(mondayMidnight)).isTrue();
    assertThat(week.contains(mondayMidnight.minusMillis(1))).isFalse();
  }

  @Test
  void shouldBeNextYearWhenItIsNewYearWibButStillOldYearInUtc() {
    // given 2027-01-01 00:00 WIB, still 2026 in UTC, and the millisecond before it
    final Instant newYearWib = Instant.parse("2026-12-31T17:00:00Z");
    final Instant lastMillisecond = newYearWib.minusMillis(1);

    // when
    final int yearAtMidnight = JakartaCalendar.yearOf(newYearWib);
    final int yearBefore = JakartaCalendar.yearOf(lastMillisecond);
    final CalendarYear year = JakartaCalendar.year(newYearWib);

    // then
    assertThat(yearAtMidnight).isEqualTo(2027);
    assertThat(yearBefore).isEqualTo(2026);
    assertThat(year.start()).isEqualTo(newYearWib);
    assertThat(year.end()).isEqualTo(Instant.parse("2027-12-31T17:00:00Z"));
    assertThat(year.key("DINKES")).isEqualTo("DINKES|2027");
    assertThat(JakartaCalendar.yearKey("DINKES", 2027)).isEqualTo("DINKES|2027");
  }

  @Test
  void shouldGiveAWeekSpanningTwoYearsWhenDecember31IsAThursday() {
    // given Thursday 2026-12-31 10:00 WIB
    final Instant instant = Instant.parse("2026-12-31T03:00:00Z");

    // when
    final EventWindows windows = JakartaCalendar.windowsOf(instant);

    // then the week starts Monday 2026-12-28 and ends in 2027, the year is 2026
    assertThat(windows.day().startDate()).isEqualTo(LocalDate.of(2026, 12, 31));
    assertThat(windows.week().startDate()).isEqualTo(LocalDate.of(2026, 12, 28));
    assertThat(windows.week().end()).isEqualTo(Instant.parse("2027-01-03T17:00:00Z"));
    assertThat(windows.year().year()).isEqualTo(2026);
  }

  @Test
  void shouldGiveZeroElapsedFractionWhenItIsNewYearWib() {
    // given
    final Instant newYearWib = Instant.parse("2025-12-31T17:00:00Z");

    // when
    final double fraction = JakartaCalendar.elapsedFractionOfYear(newYearWib);

    // then
    assertThat(fraction).isZero();
  }

  @Test
  void shouldGiveHalfElapsedFractionWhenHalfTheWibYearPassed() {
    // given 2026 has 365 days; 182.5 days after 2026-01-01 00:00 WIB
    final Instant midway = Instant.parse("2025-12-31T17:00:00Z").plus(Duration.ofHours(365 * 12));

    // when
    final double fraction = JakartaCalendar.elapsedFractionOfYear(midway);

    // then
    assertThat(fraction).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void shouldGiveAlmostOneElapsedFractionWhenItIsTheLastMillisecondOfTheYear() {
    // given
    final Instant lastMillisecond = Instant.parse("2026-12-31T16:59:59.999Z");

    // when
    final double fraction = JakartaCalendar.elapsedFractionOfYear(lastMillisecond);

    // then
    assertThat(fraction).isLessThan(1.0).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void shouldKeyByWibStartDateWhenUtcDateDiffers() {
    // given Tuesday 2026-11-17 06:00 WIB, still Monday in UTC
    final Instant instant = Instant.parse("2026-11-16T23:00:00Z");

    // when / then
    assertThat(JakartaCalendar.windowKey("PRG-7", WindowSize.DAY, instant))
        .isEqualTo("PRG-7|2026-11-17");
    assertThat(JakartaCalendar.windowKey("PRG-7", WindowSize.WEEK, instant))
        .isEqualTo("PRG-7|2026-11-16");
  }

  @Test
  void shouldNameTheClosedWindowsLargestFirstWhenAnEventIsLate() {
    // given an event of Wednesday 2026-11-18 and a stream time past that week's end + 48 h grace
    final EventWindows windows = JakartaCalendar.windowsOf(Instant.parse("2026-11-18T03:00:00Z"));
    final Duration grace = Duration.ofHours(48);
    final Instant weekClose = Instant.parse("2026-11-22T17:00:00Z").plus(grace);

    // when
    final var atWeekClose = windows.closedKinds(weekClose, grace);
    final var justBefore = windows.closedKinds(weekClose.minusMillis(1), grace);

    // then
    assertThat(atWeekClose).containsExactly("WEEK", "DAY");
    assertThat(justBefore).containsExactly("DAY");
    assertThat(windows.closedKinds(Instant.parse("2026-11-18T04:00:00Z"), grace)).isEmpty();
    assertThat(windows.closedKinds(Instant.parse("2027-01-03T00:00:00Z"), grace))
        .containsExactly("YEAR", "WEEK", "DAY");
  }
}
