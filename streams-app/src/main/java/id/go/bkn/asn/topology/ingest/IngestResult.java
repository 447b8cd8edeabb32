package id.go.bkn.asn.topology.ingest;

import id.go.bkn.asn.internal.TreeMessage;
import java.util.Objects;

/**
 * What the ingest processor decided for one event: either a {@link TreeMessage} for the tree stage,
 * or the event's original value bytes for {@code training.dead-letters} (the record's headers then
 * say why). Lives only between the processor and the split that routes it; never serialized.
 */
public final class IngestResult {

  private final TreeMessage accepted;
  private final byte[] deadLetter;

  private IngestResult(final TreeMessage accepted, final byte[] deadLetter) {
    this.accepted = accepted;
    this.deadLetter = deadLetter;
  }

  /** An accepted event. */
  public static IngestResult accepted(final TreeMessage message) {
    return new IngestResult(Objects.requireNonNull(message, "message"), null);
  }

  /** A refused event: its original value bytes. */
  public static IngestResult deadLetter(final byte[] original) {
    return new IngestResult(null, Objects.requireNonNull(original, "original"));
  }

  /** True for a refused event. */
  public boolean isDeadLetter() {
    return deadLetter != null;
  }

  /** The message of an accepted event, null for a dead letter. */
  public TreeMessage accepted() {
    return accepted;
  }

  /** The original bytes of a dead letter, null for an accepted event. */
  public byte[] deadLetter() {
    return deadLetter;
  }

  @Override
  public String toString() {
    // Never the payload: events hold personal data.
    return isDeadLetter()
        ? "IngestResult[dead letter, " + deadLetter.length + " bytes]"
        : "IngestResult[" + accepted.getKind() + "]";
  }
}
