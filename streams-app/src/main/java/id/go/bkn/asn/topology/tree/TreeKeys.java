package id.go.bkn.asn.topology.tree;

import id.go.bkn.asn.function.CalendarWindow;
import id.go.bkn.asn.function.CalendarYear;
import id.go.bkn.asn.function.JakartaCalendar;
import id.go.bkn.asn.schema.WindowSize;
import java.time.LocalDate;

/**
 * The keys of the tree stage's stores, built so that one window's or year's entries share a prefix
 * (cleared with one prefix scan when it closes) and a dirty key names what to re-emit: {@code
 * D|yyyy-MM-dd|unitId} (day), {@code W|yyyy-MM-dd|unitId} (week), {@code Y|yyyy|unitId} (unit year)
 * and {@code E|yyyy|employeeId} (employee year). The seen-set's keys are the prefix of the week and
 * the employee id ({@code W|monday|employeeId}): one entry holds the week and its days.
 */
public final class TreeKeys {

  /**
   * A key after every key of the tree stage's stores (their keys are ASCII; this one is three bytes
   * from 0xEF in UTF-8): the upper bound of a range that resumes after a key.
   */
  static final String AFTER_ALL = "\uffff";

  /** Separator of key parts. */
  public static final String SEP = "|";

  private static final String DAY = "D";
  private static final String WEEK = "W";
  private static final String UNIT_YEAR = "Y";
  private static final String EMPLOYEE_YEAR = "E";

  private TreeKeys() {}

  /** The prefix {@code D|date|} or {@code W|date|} of a window's entries. */
  public static String windowPrefix(final CalendarWindow window) {
    final String kind = window.size() == WindowSize.DAY ? DAY : WEEK;
    return kind + SEP + window.startDate() + SEP;
  }

  /** A unit's key in a window. */
  public static String window(final CalendarWindow window, final String unitId) {
    return windowPrefix(window) + unitId;
  }

  /**
   * An employee's seen-set key for a DAY or WEEK window: the key of the week holding it, whose
   * value holds the week's and each of its days' roles, per unit they were counted in.
   */
  public static String seen(final CalendarWindow window, final String employeeId) {
    return seenPrefix(window) + employeeId;
  }

  /** The prefix {@code W|monday|} of the seen-set entries of the week holding the window. */
  public static String seenPrefix(final CalendarWindow window) {
    return windowPrefix(
        window.size() == WindowSize.WEEK ? window : JakartaCalendar.week(window.start()));
  }

  /** The prefix {@code Y|yyyy|} of a year's unit entries. */
  public static String unitYearPrefix(final int year) {
    return UNIT_YEAR + SEP + year + SEP;
  }

  /** A unit's key in a year. */
  public static String unitYear(final int year, final String unitId) {
    return unitYearPrefix(year) + unitId;
  }

  /** The prefix {@code E|yyyy|} of a year's employee entries. */
  public static String employeeYearPrefix(final int year) {
    return EMPLOYEE_YEAR + SEP + year + SEP;
  }

  /** An employee's key in a year. */
  public static String employeeYear(final int year, final String employeeId) {
    return employeeYearPrefix(year) + employeeId;
  }

  /**
   * A parsed dirty key.
   *
   * @param window the DAY or WEEK window, or null for a year key
   * @param year the year of a Y or E key (the window's start year otherwise)
   * @param employee whether the id is an employee (E key)
   * @param id the unit or employee id
   */
  public record Parsed(CalendarWindow window, int year, boolean employee, String id) {}

  /** Parses a key built by this class. */
  public static Parsed parse(final String key) {
    final String[] parts = key.split("\\|", 3);
    if (parts.length != 3) {
      throw new IllegalArgumentException("not a tree key: " + key);
    }
    return switch (parts[0]) {
      case DAY, WEEK -> {
        final LocalDate date = LocalDate.parse(parts[1]);
        final CalendarWindow window =
            JakartaCalendar.window(
                DAY.equals(parts[0]) ? WindowSize.DAY : WindowSize.WEEK,
                date.atStartOfDay(JakartaCalendar.ZONE).toInstant());
        yield new Parsed(window, date.getYear(), false, parts[2]);
      }
      case UNIT_YEAR -> new Parsed(null, Integer.parseInt(parts[1]), false, parts[2]);
      case EMPLOYEE_YEAR -> new Parsed(null, Integer.parseInt(parts[1]), true, parts[2]);
      default -> throw new IllegalArgumentException("not a tree key: " + key);
    };
  }

  /** The WIB calendar year of the given number. */
  public static CalendarYear year(final int year) {
    return JakartaCalendar.year(
        LocalDate.of(year, 1, 1).atStartOfDay(JakartaCalendar.ZONE).toInstant());
  }
}
