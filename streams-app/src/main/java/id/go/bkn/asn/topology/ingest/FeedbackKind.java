package id.go.bkn.asn.topology.ingest;

import id.go.bkn.asn.function.EventValidator;
import id.go.bkn.asn.function.Rejection;
import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.internal.TreeMessageKind;
import id.go.bkn.asn.schema.FeedbackEvent;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code training.feedback}: carries the ratings on, never the comment (free text, personal data by
 * the contract). A null employeeId is anonymous feedback, attributed to its programme only.
 */
public final class FeedbackKind implements EventKind<FeedbackEvent> {

  @Override
  public Class<FeedbackEvent> type() {
    return FeedbackEvent.class;
  }

  @Override
  public TreeMessageKind kind() {
    return TreeMessageKind.FEEDBACK;
  }

  @Override
  public Optional<Rejection> validate(final EventValidator validator, final FeedbackEvent event) {
    return validator.validate(event);
  }

  @Override
  public String eventId(final FeedbackEvent event) {
    return event.getEventId();
  }

  @Override
  public String employeeId(final FeedbackEvent event) {
    return event.getEmployeeId();
  }

  @Override
  public String programId(final FeedbackEvent event) {
    return event.getProgramId();
  }

  @Override
  public Instant occurredAt(final FeedbackEvent event) {
    return event.getOccurredAt();
  }

  @Override
  public void copyFields(final FeedbackEvent event, final TreeMessage.Builder message) {
    message
        .setOverall(event.getOverall())
        .setCareerRelevance(event.getCareerRelevance())
        .setRecommend(event.getRecommend());
  }
}
