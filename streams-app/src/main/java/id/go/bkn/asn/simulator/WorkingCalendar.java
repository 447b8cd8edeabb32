package id.go.bkn.asn.simulator;

import id.go.bkn.asn.function.JakartaCalendar;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.chrono.HijrahDate;
import java.time.temporal.ChronoField;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The rhythm of an Indonesian local government's year, as the simulator sees it: working days are
 * Monday to Friday except national holidays, office hours 07:30-16:00 WIB, and an activity factor
 * per day (quiet in January, busier in Q3-Q4 when budgets are spent, slower in Ramadan, nearly
 * still between Christmas and New Year). Islamic holidays come from java.time's Hijrah (Umm
 * al-Qura) calendar, which can be a day off Indonesia's sidang isbat: close enough for a simulator.
 * Days are tabulated once per year, so the per-event cost is an array lookup.
 */
final class WorkingCalendar {

  /** Office hours start 07:30 WIB. */
  static final int OFFICE_OPEN_MINUTE = 7 * 60 + 30;

  /** Office hours end 16:00 WIB. */
  static final int OFFICE_CLOSE_MINUTE = 16 * 60;

  private static final long MILLIS_PER_MINUTE = 60_000L;

  /** Month factors: quiet at year start (DIPA just issued), busy in Q3-Q4. */
  private static final double[] SEASON = {
    0.45, 0.7, 0.9, 0.95, 1.0, 1.0, 1.05, 1.1, 1.25, 1.3, 1.3, 0.8
  };

  private final Map<Integer, YearTable> years = new HashMap<>();

  /** Whether people train on that day. */
  boolean isWorkingDay(final LocalDate date) {
    return table(date.getYear()).working[date.getDayOfYear() - 1];
  }

  /** How busy training is on that day, relative to an ordinary day (0 on non-working days). */
  double activity(final LocalDate date) {
    return table(date.getYear()).activity[date.getDayOfYear() - 1];
  }

  /** The first working day on or after the date. */
  LocalDate workingDayOnOrAfter(final LocalDate date) {
    LocalDate day = date;
    while (!isWorkingDay(day)) {
      day = day.plusDays(1);
    }
    return day;
  }

  /** The first working day strictly after the date. */
  LocalDate nextWorkingDay(final LocalDate date) {
    return workingDayOnOrAfter(date.plusDays(1));
  }

  /** The working day {@code n} working days after the date (n = 0: on or after). */
  LocalDate plusWorkingDays(final LocalDate date, final int n) {
    LocalDate day = workingDayOnOrAfter(date);
    for (int i = 0; i < n; i++) {
      day = nextWorkingDay(day);
    }
    return day;
  }

  /** Epoch millis of a minute of the day, in WIB. */
  static long millisAt(final LocalDate date, final int minuteOfDay) {
    return date.atStartOfDay(JakartaCalendar.ZONE).toInstant().toEpochMilli()
        + minuteOfDay * MILLIS_PER_MINUTE;
  }

  /**
   * A random instant in office hours on a random working day in [first, last], or -1 when there is
   * none. Millisecond jitter keeps timestamps from looking machine-made.
   */
  long randomOfficeTime(final LocalDate first, final LocalDate last, final SplittableRandom rng) {
    final int span = (int) (last.toEpochDay() - first.toEpochDay()) + 1;
    if (span <= 0) {
      return -1;
    }
    // A few random probes first: cheap, and the usual window has mostly working days.
    for (int attempt = 0; attempt < 8; attempt++) {
      final LocalDate day = first.plusDays(rng.nextInt(span));
      if (isWorkingDay(day)) {
        return officeTimeOn(day, rng);
      }
    }
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      if (isWorkingDay(day)) {
        return officeTimeOn(day, rng);
      }
    }
    return -1;
  }

  /** A random instant in office hours on that day. */
  static long officeTimeOn(final LocalDate day, final SplittableRandom rng) {
    return millisAt(day, OFFICE_OPEN_MINUTE)
        + rng.nextLong((OFFICE_CLOSE_MINUTE - OFFICE_OPEN_MINUTE) * MILLIS_PER_MINUTE);
  }

  private YearTable table(final int year) {
    return years.computeIfAbsent(year, YearTable::new);
  }

  /** One year's working days and activity factors. */
  private static final class YearTable {
    private final boolean[] working;
    private final double[] activity;

    YearTable(final int year) {
      final LocalDate first = LocalDate.of(year, 1, 1);
      final int days = first.lengthOfYear();
      working = new boolean[days];
      activity = new double[days];
      for (int i = 0; i < days; i++) {
        final LocalDate date = first.plusDays(i);
        final boolean weekday =
            date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY;
        working[i] = weekday && !isHoliday(date);
        activity[i] = working[i] ? factor(date) : 0.0;
      }
    }

    private static double factor(final LocalDate date) {
      double factor = SEASON[date.getMonthValue() - 1];
      if (date.getMonthValue() == 12 && date.getDayOfMonth() >= 20) {
        factor *= 0.3;
      }
      if (hijriMonth(date) == 9) {
        factor *= 0.6;
      }
      return factor;
    }

    private static boolean isHoliday(final LocalDate date) {
      final int m = date.getMonthValue();
      final int d = date.getDayOfMonth();
      final boolean fixed =
          (m == 1 && d == 1)
              || (m == 5 && d == 1)
              || (m == 6 && d == 1)
              || (m == 8 && d == 17)
              || (m == 12 && (d == 25 || d == 26));
      if (fixed) {
        return true;
      }
      final HijrahDate hijri = hijri(date);
      if (hijri == null) {
        return false;
      }
      final int hm = hijri.get(ChronoField.MONTH_OF_YEAR);
      final int hd = hijri.get(ChronoField.DAY_OF_MONTH);
      // Idul Fitri with cuti bersama, Idul Adha, Islamic new year, Maulid, Isra Mi'raj.
      return (hm == 10 && hd <= 6)
          || (hm == 9 && hd >= 29)
          || (hm == 12 && hd == 10)
          || (hm == 1 && hd == 1)
          || (hm == 3 && hd == 12)
          || (hm == 7 && hd == 27);
    }

    private static int hijriMonth(final LocalDate date) {
      final HijrahDate hijri = hijri(date);
      return hijri == null ? 0 : hijri.get(ChronoField.MONTH_OF_YEAR);
    }

    private static HijrahDate hijri(final LocalDate date) {
      try {
        return HijrahDate.from(date);
      } catch (final java.time.DateTimeException e) {
        // Outside the Umm al-Qura table (before 1882 or after 2174): no Islamic holidays.
        return null;
      }
    }
  }
}
