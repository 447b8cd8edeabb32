package id.go.bkn.asn.simulator;

import java.time.Instant;

/**
 * How one work unit behaves in the simulation: how readily its staff are sent to training, how
 * often they miss sessions, how they rate what they attend, how many answer the feedback form, and
 * for a silent unit when it sends nobody at all. The roles exist so that every alert rule of the
 * pipeline fires somewhere in a simulated city and tests can tell which units should lag.
 *
 * @param role why the unit behaves this way
 * @param participation weight of the unit's staff when seats are filled (1 = ordinary)
 * @param lateShare probability that an attendee arrives late to a session
 * @param absentShare probability that an enrolled employee misses a session without excuse
 * @param excusedShare probability that an enrolled employee is excused from a session
 * @param ratingBias added to a programme's rating by the unit's staff (negative: harsher)
 * @param responseRate probability that a completer answers the feedback form
 * @param silentFrom start of the unit's silence (null: never silent)
 * @param silentUntil end of the unit's silence, exclusive (null: never silent)
 */
public record UnitProfile(
    Role role,
    double participation,
    double lateShare,
    double absentShare,
    double excusedShare,
    double ratingBias,
    double responseRate,
    Instant silentFrom,
    Instant silentUntil) {

  /** Why a unit behaves the way it does. */
  public enum Role {
    /** An ordinary unit. */
    NORMAL,
    /** Sends almost nobody to training: LOW_PARTICIPATION and JP_BEHIND_PACE. */
    LAGGING,
    /** Staff enrol but often do not show up: LOW_ATTENDANCE. */
    LOW_ATTENDANCE,
    /** Staff rate what they attend poorly: LOW_SATISFACTION. */
    LOW_SATISFACTION,
    /** A small kelurahan that sends nobody for several weeks: NO_ACTIVITY. */
    SILENT,
    /** A unit without staff of its own (the root). */
    EMPTY
  }

  /** Whether the unit sends nobody at some time in [startMillis, endMillis]. */
  public boolean silentDuring(final long startMillis, final long endMillis) {
    return silentFrom != null
        && startMillis < silentUntil.toEpochMilli()
        && endMillis >= silentFrom.toEpochMilli();
  }
}
