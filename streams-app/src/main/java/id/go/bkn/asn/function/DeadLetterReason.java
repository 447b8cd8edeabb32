package id.go.bkn.asn.function;

/**
 * Why a record went to {@code training.dead-letters}; written by name in the {@link
 * DeadLetterHeaders#REASON} header, so the names are part of what operators filter on.
 */
public enum DeadLetterReason {
  /** The bytes do not decode as the topic's Avro value (or as the Confluent wire format). */
  DESERIALIZATION,
  /** A field is missing, blank or out of range. */
  INVALID_FIELD,
  /** The employee is not in the roster as of the event's occurredAt. */
  UNKNOWN_EMPLOYEE,
  /** occurredAt is further ahead of the wall clock than the allowed skew. */
  FUTURE_TIMESTAMP
}
