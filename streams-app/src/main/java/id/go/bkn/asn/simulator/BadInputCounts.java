package id.go.bkn.asn.simulator;

/**
 * How much bad input the injector has added, per kind, and how many clean events it saw: for the
 * demo's live summary and for checking that the pipeline's dead-letter and duplicate counts match.
 *
 * @param cleanEvents clean training events that passed through
 * @param undecodable undecodable byte records
 * @param outOfRange records with a field out of range
 * @param duplicates events sent again with the same eventId
 * @param late events reported beyond the grace period
 * @param unknownEmployees events for employees not in the roster
 * @param malformed malformed records of {@link BadInputKind#MALFORMED}
 */
public record BadInputCounts(
    long cleanEvents,
    long undecodable,
    long outOfRange,
    long duplicates,
    long late,
    long unknownEmployees,
    long malformed) {

  /** Nothing yet. */
  public static final BadInputCounts ZERO = new BadInputCounts(0, 0, 0, 0, 0, 0, 0);

  /** The count of one kind. */
  public long count(final BadInputKind kind) {
    return switch (kind) {
      case UNDECODABLE -> undecodable;
      case OUT_OF_RANGE -> outOfRange;
      case DUPLICATE -> duplicates;
      case LATE -> late;
      case UNKNOWN_EMPLOYEE -> unknownEmployees;
      case MALFORMED -> malformed;
    };
  }
}
