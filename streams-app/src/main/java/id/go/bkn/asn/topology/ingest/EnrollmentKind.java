package id.go.bkn.asn.topology.ingest;

import id.go.bkn.asn.function.EventValidator;
import id.go.bkn.asn.function.Rejection;
import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.internal.TreeMessageKind;
import id.go.bkn.asn.schema.EnrollmentEvent;
import java.time.Instant;
import java.util.Optional;

/** {@code training.enrollments}: carries the action (ENROLLED, WITHDRAWN, COMPLETED) on. */
public final class EnrollmentKind implements EventKind<EnrollmentEvent> {

  @Override
  public Class<EnrollmentEvent> type() {
    return EnrollmentEvent.class;
  }

  @Override
  public TreeMessageKind kind() {
    return TreeMessageKind.ENROLLMENT;
  }

  @Override
  public Optional<Rejection> validate(final EventValidator validator, final EnrollmentEvent event) {
    return validator.validate(event);
  }

  @Override
  public String eventId(final EnrollmentEvent event) {
    return event.getEventId();
  }

  @Override
  public String employeeId(final EnrollmentEvent event) {
    return event.getEmployeeId();
  }

  @Override
  public String programId(final EnrollmentEvent event) {
    return event.getProgramId();
  }

  @Override
  public Instant occurredAt(final EnrollmentEvent event) {
    return event.getOccurredAt();
  }

  @Override
  public void copyFields(final EnrollmentEvent event, final TreeMessage.Builder message) {
    message.setAction(event.getAction().name());
  }
}
