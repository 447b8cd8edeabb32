package id.go.bkn.asn.function;

import java.util.Objects;

/**
 * Why one event is refused: the dead-letter reason and a short detail naming the field and, for
 * numbers and times, the offending value. The detail goes into a header of the dead-letter record,
 * so it never carries the employeeId or the comment (personal data) - only field names, numbers and
 * instants.
 *
 * @param reason the dead-letter reason
 * @param detail what was wrong, for an operator
 */
public record Rejection(DeadLetterReason reason, String detail) {

  /** Checks both parts are present. */
  public Rejection {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }

  /** An INVALID_FIELD rejection. */
  public static Rejection invalidField(final String detail) {
    return new Rejection(DeadLetterReason.INVALID_FIELD, detail);
  }
}
