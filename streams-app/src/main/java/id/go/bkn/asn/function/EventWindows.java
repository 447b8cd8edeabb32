package id.go.bkn.asn.function;

import id.go.bkn.asn.schema.WindowSize;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The three calendar windows an event counts in: its WIB day, its week and its year. The late-event
 * step asks which of them are already closed, to count the event in the open ones only and to name
 * the closed ones in the late-events header.
 *
 * @param day the DAY window
 * @param week the WEEK window
 * @param year the calendar year
 */
public record EventWindows(CalendarWindow day, CalendarWindow week, CalendarYear year) {

  /** Checks the window kinds. */
  public EventWindows {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(week, "week");
    Objects.requireNonNull(year, "year");
    if (day.size() != WindowSize.DAY || week.size() != WindowSize.WEEK) {
      throw new IllegalArgumentException("expected a DAY and a WEEK window");
    }
  }

  /**
   * The kinds of the windows that are closed at {@code streamTime}, largest first ({@code YEAR},
   * {@code WEEK}, {@code DAY}); empty when the event is not late at all.
   */
  public List<String> closedKinds(final Instant streamTime, final Duration grace) {
    final List<String> closed = new ArrayList<>(3);
    if (year.isClosedAt(streamTime, grace)) {
      closed.add(CalendarYear.KIND);
    }
    if (week.isClosedAt(streamTime, grace)) {
      closed.add(WindowSize.WEEK.name());
    }
    if (day.isClosedAt(streamTime, grace)) {
      closed.add(WindowSize.DAY.name());
    }
    return List.copyOf(closed);
  }
}
