package id.go.bkn.asn.function;

import id.go.bkn.asn.schema.AttendanceEvent;
import id.go.bkn.asn.schema.EnrollmentEvent;
import id.go.bkn.asn.schema.FeedbackEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a decoded training event may be counted (CONTRACT.md section 5, "Bad input"):
 * identifiers present, not blank and at most {@value #MAX_ID_LENGTH} characters, ratings and JP in
 * range (finite), and occurredAt from 2000 on and not more than the allowed skew (1 hour by
 * default) ahead of the wall clock. Returns the first failing rule as a {@link Rejection}, or empty
 * for a valid event; it never throws for bad data, so the topology can route the event to the dead
 * letters and go on. The roster check (UNKNOWN_EMPLOYEE) and decoding (DESERIALIZATION) happen
 * elsewhere. {@code source} is provenance only and is not checked.
 */
public final class EventValidator {

  /** How far occurredAt may be ahead of the clock before it is FUTURE_TIMESTAMP. */
  public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofHours(1);

  /**
   * The earliest occurredAt accepted, 2000-01-01 00:00 WIB: no training system of the civil service
   * reports sessions from before it, so an earlier time is a broken clock or a zero date, and
   * counted it would make the first window close walk every day since.
   */
  public static final Instant EARLIEST_OCCURRED_AT = Instant.parse("1999-12-31T17:00:00Z");

  /**
   * The longest identifier accepted (eventId, employeeId, programId, runId, sessionId), in
   * characters: a NIP has 18 digits and a UUID 36, so anything longer is not an id but a fault, and
   * it would be carried into every store key and output record.
   */
  public static final int MAX_ID_LENGTH = 128;

  /** The largest sessionJp accepted: 24 JP of 45 minutes is already 18 hours in one session. */
  public static final double DEFAULT_MAX_SESSION_JP = 24.0;

  private final Clock clock;
  private final Duration maxClockSkew;
  private final double maxSessionJp;

  /**
   * A validator.
   *
   * @param clock the wall clock future timestamps are measured against
   * @param maxClockSkew how far occurredAt may be ahead of the clock (inclusive), not negative
   * @param maxSessionJp the largest sessionJp of one session (inclusive), positive
   */
  public EventValidator(final Clock clock, final Duration maxClockSkew, final double maxSessionJp) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxClockSkew = Objects.requireNonNull(maxClockSkew, "maxClockSkew");
    if (maxClockSkew.isNegative()) {
      throw new IllegalArgumentException("maxClockSkew must not be negative: " + maxClockSkew);
    }
    if (!(maxSessionJp > 0) || !Double.isFinite(maxSessionJp)) {
      throw new IllegalArgumentException("maxSessionJp must be positive: " + maxSessionJp);
    }
    this.maxSessionJp = maxSessionJp;
  }

  /** A validator with the default skew (1 hour) and session limit (24 JP). */
  public static EventValidator withDefaults(final Clock clock) {
    return new EventValidator(clock, DEFAULT_MAX_CLOCK_SKEW, DEFAULT_MAX_SESSION_JP);
  }

  /** The first rule an enrolment event breaks, if any. */
  public Optional<Rejection> validate(final EnrollmentEvent event) {
    return text("eventId", event.getEventId())
        .or(() -> text("employeeId", event.getEmployeeId()))
        .or(() -> text("programId", event.getProgramId()))
        .or(() -> text("runId", event.getRunId()))
        .or(() -> present("action", event.getAction()))
        .or(() -> occurredAt(event.getOccurredAt()));
  }

  /** The first rule an attendance event breaks, if any. */
  public Optional<Rejection> validate(final AttendanceEvent event) {
    return text("eventId", event.getEventId())
        .or(() -> text("employeeId", event.getEmployeeId()))
        .or(() -> text("programId", event.getProgramId()))
        .or(() -> text("runId", event.getRunId()))
        .or(() -> text("sessionId", event.getSessionId()))
        .or(() -> present("status", event.getStatus()))
        .or(() -> sessionJp(event.getSessionJp()))
        .or(() -> occurredAt(event.getOccurredAt()));
  }

  /**
   * The first rule a feedback event breaks, if any. A null employeeId is anonymous feedback and
   * valid; a blank one is not.
   */
  public Optional<Rejection> validate(final FeedbackEvent event) {
    return text("eventId", event.getEventId())
        .or(() -> anonymousOrText("employeeId", event.getEmployeeId()))
        .or(() -> text("programId", event.getProgramId()))
        .or(() -> text("runId", event.getRunId()))
        .or(() -> range("overall", event.getOverall(), 1, 5))
        .or(() -> optionalRange("careerRelevance", event.getCareerRelevance(), 1, 5))
        .or(() -> optionalRange("recommend", event.getRecommend(), 0, 10))
        .or(() -> occurredAt(event.getOccurredAt()));
  }

  // Details name the field only, never its text: employeeId and comment are personal data.
  /**
   * A required id or text field: missing, blank or longer than {@value #MAX_ID_LENGTH} characters
   * is a rejection naming the field. Shared with the reference topics' check.
   */
  public static Optional<Rejection> text(final String field, final String value) {
    if (value == null) {
      return Optional.of(Rejection.invalidField(field + " is missing"));
    }
    return anonymousOrText(field, value);
  }

  private static Optional<Rejection> anonymousOrText(final String field, final String value) {
    if (value != null && value.isBlank()) {
      return Optional.of(Rejection.invalidField(field + " is blank"));
    }
    if (value != null && value.length() > MAX_ID_LENGTH) {
      return Optional.of(
          Rejection.invalidField(
              field + " is " + value.length() + " characters, more than " + MAX_ID_LENGTH));
    }
    return Optional.empty();
  }

  private static Optional<Rejection> present(final String field, final Object value) {
    return value == null
        ? Optional.of(Rejection.invalidField(field + " is missing"))
        : Optional.empty();
  }

  private static Optional<Rejection> range(
      final String field, final int value, final int min, final int max) {
    if (value < min || value > max) {
      return Optional.of(
          Rejection.invalidField(field + " " + value + " is outside " + min + "-" + max));
    }
    return Optional.empty();
  }

  private static Optional<Rejection> optionalRange(
      final String field, final Integer value, final int min, final int max) {
    return value == null ? Optional.empty() : range(field, value, min, max);
  }

  private Optional<Rejection> sessionJp(final double value) {
    if (!Double.isFinite(value)) {
      return Optional.of(Rejection.invalidField("sessionJp " + value + " is not a finite number"));
    }
    if (value < 0 || value > maxSessionJp) {
      return Optional.of(
          Rejection.invalidField("sessionJp " + value + " is outside 0-" + maxSessionJp));
    }
    return Optional.empty();
  }

  private Optional<Rejection> occurredAt(final Instant value) {
    if (value == null) {
      return Optional.of(Rejection.invalidField("occurredAt is missing"));
    }
    if (value.isBefore(EARLIEST_OCCURRED_AT)) {
      return Optional.of(
          Rejection.invalidField(
              "occurredAt " + value + " is before " + EARLIEST_OCCURRED_AT + " (2000-01-01 WIB)"));
    }
    final Instant now = clock.instant();
    if (value.isAfter(now.plus(maxClockSkew))) {
      return Optional.of(
          new Rejection(
              DeadLetterReason.FUTURE_TIMESTAMP,
              "occurredAt "
                  + value
                  + " is more than "
                  + maxClockSkew
                  + " ahead of the clock ("
                  + now
                  + ")"));
    }
    return Optional.empty();
  }
}
