package id.go.bkn.asn.topology.ingest;

import id.go.bkn.asn.function.EventValidator;
import id.go.bkn.asn.function.Rejection;
import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.internal.TreeMessageKind;
import id.go.bkn.asn.schema.AttendanceEvent;
import java.time.Instant;
import java.util.Optional;

/** {@code training.attendance}: carries the status and the session's JP on. */
public final class AttendanceKind implements EventKind<AttendanceEvent> {

  @Override
  public Class<AttendanceEvent> type() {
    return AttendanceEvent.class;
  }

  @Override
  public TreeMessageKind kind() {
    return TreeMessageKind.ATTENDANCE;
  }

  @Override
  public Optional<Rejection> validate(final EventValidator validator, final AttendanceEvent event) {
    return validator.validate(event);
  }

  @Override
  public String eventId(final AttendanceEvent event) {
    return event.getEventId();
  }

  @Override
  public String employeeId(final AttendanceEvent event) {
    return event.getEmployeeId();
  }

  @Override
  public String programId(final AttendanceEvent event) {
    return event.getProgramId();
  }

  @Override
  public Instant occurredAt(final AttendanceEvent event) {
    return event.getOccurredAt();
  }

  @Override
  public String factKey(final AttendanceEvent event) {
    return SessionFacts.key(event.getEmployeeId(), event.getRunId(), event.getSessionId());
  }

  @Override
  public void copyFields(final AttendanceEvent event, final TreeMessage.Builder message) {
    message.setStatus(event.getStatus().name()).setSessionJp(event.getSessionJp());
  }
}
