package id.go.bkn.asn.simulator;

/**
 * How a programme's sessions are laid out: {@code blocks} blocks of {@code sessionsPerBlock}
 * sessions of {@code sessionJp} JP, {@code workingDaysBetween} working days apart within a block (1
 * = consecutive days, 5 = weekly), blocks {@code weeksBetweenBlocks} weeks apart (e.g. the
 * classical phases of a leadership programme around its on-the-job phase).
 *
 * @param sessionJp JP of each session
 * @param sessionsPerBlock sessions in a block
 * @param blocks number of blocks
 * @param workingDaysBetween working days from one session to the next in a block
 * @param weeksBetweenBlocks weeks from the end of a block to the start of the next
 */
record SessionPattern(
    double sessionJp,
    int sessionsPerBlock,
    int blocks,
    int workingDaysBetween,
    int weeksBetweenBlocks) {

  SessionPattern {
    if (!(sessionJp > 0) || sessionJp > 12) {
      throw new IllegalArgumentException("sessionJp must be in (0, 12], got " + sessionJp);
    }
    if (sessionsPerBlock < 1 || blocks < 1 || sessionsPerBlock * blocks > 1000) {
      throw new IllegalArgumentException("a run has 1-1000 sessions");
    }
    if (workingDaysBetween < 1 || weeksBetweenBlocks < 0) {
      throw new IllegalArgumentException("session gaps must be positive");
    }
  }

  /** One session. */
  static SessionPattern single(final double jp) {
    return new SessionPattern(jp, 1, 1, 1, 0);
  }

  /** Sessions on consecutive working days. */
  static SessionPattern daily(final double jp, final int days) {
    return new SessionPattern(jp, days, 1, 1, 0);
  }

  /** Sessions a given number of working days apart. */
  static SessionPattern every(final double jp, final int sessions, final int workingDays) {
    return new SessionPattern(jp, sessions, 1, workingDays, 0);
  }

  /** Blocks of consecutive days with weeks between them. */
  static SessionPattern blocks(
      final double jp, final int daysPerBlock, final int blocks, final int weeksBetween) {
    return new SessionPattern(jp, daysPerBlock, blocks, 1, weeksBetween);
  }

  /** Number of sessions of a run. */
  int sessions() {
    return sessionsPerBlock * blocks;
  }

  /** JP of a whole run. */
  double totalJp() {
    return sessionJp * sessions();
  }

  /** Whether attendees are tied up for long enough that they should not be double-booked. */
  boolean occupiesAttendees() {
    return sessions() >= 5;
  }
}
