package id.go.bkn.asn.function;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether an event's record key is the one the contract gives it (CONTRACT.md section 3): the
 * employeeId, or the programId for anonymous feedback. The roster lives in a store partitioned like
 * the inputs, so an event under another key (or none) lands in a task that does not hold its
 * employee and would be refused as UNKNOWN_EMPLOYEE, a misleading reason; it is refused as
 * INVALID_FIELD instead, saying what is wrong. The detail names no identifier.
 */
public final class EventKeyRule {

  private EventKeyRule() {}

  /** The rejection of a wrongly keyed event, or empty. */
  public static Optional<Rejection> check(
      final String key, final String employeeId, final String programId) {
    if (key == null) {
      return Optional.of(Rejection.invalidField("record has no key"));
    }
    final boolean anonymous = employeeId == null;
    final String expected = anonymous ? programId : employeeId;
    if (!Objects.equals(key, expected)) {
      return Optional.of(
          Rejection.invalidField(
              anonymous
                  ? "record key is not the programId of anonymous feedback"
                  : "record key is not the employeeId"));
    }
    return Optional.empty();
  }
}
