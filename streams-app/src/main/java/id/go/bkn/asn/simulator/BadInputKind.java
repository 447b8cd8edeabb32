package id.go.bkn.asn.simulator;

/** The kinds of bad input the simulator adds on purpose (CONTRACT.md section 5). */
public enum BadInputKind {
  /** Bytes that are not a decodable record: random bytes or a wrong magic byte. */
  UNDECODABLE,
  /** A record with a field out of range: overall outside 1-5, negative sessionJp. */
  OUT_OF_RANGE,
  /** The same event again with the same eventId. */
  DUPLICATE,
  /** A valid event reported days to weeks after it happened, beyond the 48 h grace. */
  LATE,
  /** A valid event whose employeeId is not in the roster. */
  UNKNOWN_EMPLOYEE,
  /**
   * One of the malformed kinds of issue #9, chosen at random: a copy dated 400 days later (in the
   * future of the wall clock: FUTURE_TIMESTAMP) or before 2000, a tombstone (on the event topic or
   * on the roster, for the event's employee), an empty value, a new unit whose parent does not
   * exist (DANGLING_PARENT), and for attendance a non-finite sessionJp or an oversized eventId.
   */
  MALFORMED
}
