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
  /**
   * A roster version names a unit that did not reach reference.units within the wait ({@code
   * --reference-wait}), or that was superseded by a later version of the employee while it waited.
   */
  UNKNOWN_UNIT,
  /**
   * A unit's parent did not reach the reference judge's accepted units within the wait ({@code
   * --reference-wait}), or a later version of the unit superseded this one while it waited.
   */
  DANGLING_PARENT,
  /** A unit's parent chain, through the accepted units, leads back to the unit itself. */
  CYCLIC_PARENT,
  /** occurredAt is further ahead of the wall clock than the allowed skew. */
  FUTURE_TIMESTAMP,
  /**
   * Processing the record threw (a bug or data no rule foresaw); set aside by the processing
   * exception handler (KIP-1033) instead of stopping the task.
   */
  PROCESSING_ERROR,
  /**
   * A record derived from it could not be written (too large, refused by the broker); set aside by
   * the production exception handler instead of stopping the task.
   */
  PRODUCTION_ERROR
}
