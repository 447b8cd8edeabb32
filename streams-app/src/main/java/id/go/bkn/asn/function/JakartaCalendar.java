package id.go.bkn.asn.function;

import id.go.bkn.asn.schema.WindowSize;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/**
 * The pipeline's calendar, Asia/Jakarta (WIB, UTC+7) as CONTRACT.md section 5 fixes it: DAY =
 * [00:00, 24:00) WIB, WEEK = Monday 00:00 WIB to the next Monday, year = calendar year in WIB.
 * Every window and every output key with a date in it comes from here, so no step can slip into UTC
 * or the JVM's default zone.
 */
public final class JakartaCalendar {

  /** Asia/Jakarta. WIB has had no daylight saving since 1964, but the zone rules say so for us. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Jakarta");

  /** Separates the id from the date or year in output keys. */
  public static final String KEY_SEPARATOR = "|";

  private JakartaCalendar() {}

  /** The WIB day containing the instant. */
  public static CalendarWindow day(final Instant instant) {
    final LocalDate date = dateOf(instant);
    return new CalendarWindow(WindowSize.DAY, startOf(date), startOf(date.plusDays(1)));
  }

  /** The Monday-to-Monday WIB week containing the instant. */
  public static CalendarWindow week(final Instant instant) {
    final LocalDate monday =
        dateOf(instant).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    return new CalendarWindow(WindowSize.WEEK, startOf(monday), startOf(monday.plusWeeks(1)));
  }

  /** The DAY or WEEK window of the given size containing the instant. */
  public static CalendarWindow window(final WindowSize size, final Instant instant) {
    return switch (size) {
      case DAY -> day(instant);
      case WEEK -> week(instant);
    };
  }

  /** The WIB calendar year containing the instant. */
  public static CalendarYear year(final Instant instant) {
    final int year = yearOf(instant);
    return new CalendarYear(
        year, startOf(LocalDate.of(year, 1, 1)), startOf(LocalDate.of(year + 1, 1, 1)));
  }

  /** The calendar year of the instant in WIB (31 December 17:00Z is already the next year). */
  public static int yearOf(final Instant instant) {
    return dateOf(instant).getYear();
  }

  /** The elapsed fraction of the instant's WIB year, in [0, 1): the JP pace line. */
  public static double elapsedFractionOfYear(final Instant instant) {
    return year(instant).elapsedFraction(instant);
  }

  /** The day, week and year of the instant in one call. */
  public static EventWindows windowsOf(final Instant instant) {
    return new EventWindows(day(instant), week(instant), year(instant));
  }

  /** The key {@code id|yyyy-MM-dd} of the DAY or WEEK window of the given size holding instant. */
  public static String windowKey(final String id, final WindowSize size, final Instant instant) {
    return window(size, instant).key(id);
  }

  /** The key {@code id|yyyy} of a year. */
  public static String yearKey(final String id, final int year) {
    return id + KEY_SEPARATOR + year;
  }

  /** The WIB date of an instant. */
  public static LocalDate dateOf(final Instant instant) {
    return instant.atZone(ZONE).toLocalDate();
  }

  private static Instant startOf(final LocalDate date) {
    return date.atStartOfDay(ZONE).toInstant();
  }
}
