package id.go.bkn.asn.function;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One calendar year of the WIB calendar, [1 January 00:00 WIB, next 1 January): the window of the
 * year-to-date JP figures. It is a record of its own because the contract's Avro {@code WindowSize}
 * has only DAY and WEEK.
 *
 * @param year the calendar year in WIB
 * @param start 1 January 00:00 WIB (inclusive)
 * @param end the next 1 January 00:00 WIB (exclusive)
 */
public record CalendarYear(int year, Instant start, Instant end) {

  /** The name of this window kind where one is written out, as in the late-events header. */
  public static final String KIND = "YEAR";

  /** Checks that the year is not empty. */
  public CalendarYear {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("year start " + start + " is not before end " + end);
    }
  }

  /** Whether the instant falls in [start, end). */
  public boolean contains(final Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end);
  }

  /** Whether the year is closed at {@code streamTime}: {@code streamTime >= end + grace}. */
  public boolean isClosedAt(final Instant streamTime, final Duration grace) {
    return !streamTime.isBefore(end.plus(grace));
  }

  /**
   * The elapsed fraction of the year at an instant, 0 at its start and approaching 1 at its end:
   * the pace line of JP attainment. Instants outside the year are clamped to 0 or 1.
   */
  public double elapsedFraction(final Instant instant) {
    if (!instant.isAfter(start)) {
      return 0.0;
    }
    if (!instant.isBefore(end)) {
      return 1.0;
    }
    final long elapsed = Duration.between(start, instant).toMillis();
    final long length = Duration.between(start, end).toMillis();
    return (double) elapsed / length;
  }

  /** The output key {@code id|yyyy} of this year for a unit or employee id. */
  public String key(final String id) {
    return JakartaCalendar.yearKey(id, year);
  }
}
