package id.go.bkn.asn.simulator;

/**
 * How often {@link BadInputInjector} adds each kind of bad input, as the expected number of bad
 * records of that kind per clean training event (0..1 each, drawn independently, so 0.01 means
 * about one in a hundred). All zero by default: the demo turns on low rates on purpose.
 *
 * @param undecodable bytes that do not decode (random bytes, or a wrong magic byte)
 * @param outOfRange a record with a field out of range (overall 7, negative sessionJp)
 * @param duplicate the same event again, same eventId
 * @param late an event whose occurredAt lies days to weeks in the past (beyond the 48 h grace)
 * @param unknownEmployee an event whose employeeId is not in the roster
 * @param malformed one of the malformed kinds of {@link BadInputKind#MALFORMED}
 */
public record BadInputRates(
    double undecodable,
    double outOfRange,
    double duplicate,
    double late,
    double unknownEmployee,
    double malformed) {

  /** No bad input at all. */
  public static final BadInputRates NONE = new BadInputRates(0, 0, 0, 0, 0, 0);

  /** Checks every rate is a probability. */
  public BadInputRates {
    requireRate("undecodable", undecodable);
    requireRate("outOfRange", outOfRange);
    requireRate("duplicate", duplicate);
    requireRate("late", late);
    requireRate("unknownEmployee", unknownEmployee);
    requireRate("malformed", malformed);
  }

  /** The five original kinds at these rates, no malformed records. */
  public BadInputRates(
      final double undecodable,
      final double outOfRange,
      final double duplicate,
      final double late,
      final double unknownEmployee) {
    this(undecodable, outOfRange, duplicate, late, unknownEmployee, 0);
  }

  /** The same rate for every kind. */
  public static BadInputRates uniform(final double rate) {
    return new BadInputRates(rate, rate, rate, rate, rate, rate);
  }

  /** Whether any kind is switched on. */
  public boolean any() {
    return undecodable > 0
        || outOfRange > 0
        || duplicate > 0
        || late > 0
        || unknownEmployee > 0
        || malformed > 0;
  }

  /** The rate of one kind. */
  public double rate(final BadInputKind kind) {
    return switch (kind) {
      case UNDECODABLE -> undecodable;
      case OUT_OF_RANGE -> outOfRange;
      case DUPLICATE -> duplicate;
      case LATE -> late;
      case UNKNOWN_EMPLOYEE -> unknownEmployee;
      case MALFORMED -> malformed;
    };
  }

  private static void requireRate(final String name, final double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(
          "bad-input rate " + name + " must be between 0 and 1, got " + value);
    }
  }
}
