package id.go.bkn.asn.function;

import id.go.bkn.asn.schema.WindowSize;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One DAY or WEEK window of the WIB calendar, [start, end): the unit of the daily and weekly
 * aggregates. Its key form {@code id|yyyy-MM-dd} names the window by its start date in WIB, as the
 * output topics of CONTRACT.md section 3 require.
 *
 * @param size DAY or WEEK
 * @param start first instant of the window (inclusive)
 * @param end first instant after the window (exclusive)
 */
public record CalendarWindow(WindowSize size, Instant start, Instant end) {

  /** Checks that the window is not empty. */
  public CalendarWindow {
    Objects.requireNonNull(size, "size");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("window start " + start + " is not before end " + end);
    }
  }

  /** The window's first day in WIB (the Monday for a week). */
  public LocalDate startDate() {
    return start.atZone(JakartaCalendar.ZONE).toLocalDate();
  }

  /** Whether the instant falls in [start, end). */
  public boolean contains(final Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end);
  }

  /**
   * Whether the window is closed once the pipeline's event time has reached {@code streamTime}:
   * {@code streamTime >= end + grace}, the same rule Kafka Streams applies to its windows.
   */
  public boolean isClosedAt(final Instant streamTime, final Duration grace) {
    return !streamTime.isBefore(end.plus(grace));
  }

  /** The output key {@code id|yyyy-MM-dd} of this window for a unit or programme id. */
  public String key(final String id) {
    return id + JakartaCalendar.KEY_SEPARATOR + startDate();
  }
}
