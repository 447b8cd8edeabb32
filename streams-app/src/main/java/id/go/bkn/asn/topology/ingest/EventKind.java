package id.go.bkn.asn.topology.ingest;

import id.go.bkn.asn.function.EventValidator;
import id.go.bkn.asn.function.Rejection;
import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.internal.TreeMessageKind;
import java.time.Instant;
import java.util.Optional;

/**
 * What the ingest stage needs to know about one kind of training event (enrolment, attendance,
 * feedback): how to validate it, its id, employee, programme and event time, and which of its
 * fields travel on in a {@link TreeMessage}. One small implementation per input topic keeps the
 * ingest processor itself generic.
 *
 * @param <T> the generated record type of the input topic
 */
public interface EventKind<T> {

  /** The record class, for the timestamp extractor's type check. */
  Class<T> type();

  /** The kind written into the TreeMessage. */
  TreeMessageKind kind();

  /** The first rule the event breaks, if any. */
  Optional<Rejection> validate(EventValidator validator, T event);

  /** The event's id (the de-duplication key). */
  String eventId(T event);

  /** The employee, or null for anonymous feedback. */
  String employeeId(T event);

  /** The programme. */
  String programId(T event);

  /** The event time. */
  Instant occurredAt(T event);

  /**
   * The key of the fact the event states, when later records of the same fact replace it (see
   * {@link SessionFacts}); null for kinds without corrections.
   */
  default String factKey(final T event) {
    return null;
  }

  /** Copies the kind's own fields (never free text) into the message. */
  void copyFields(T event, TreeMessage.Builder message);
}
