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
  private final boolean rejected;

  private IngestResult(
      final TreeMessage accepted, final byte[] deadLetter, final boolean rejected) {
    this.accepted = accepted;
    this.deadLetter = deadLetter;
    this.rejected = rejected;
  }

  /** An accepted event. */
  public static IngestResult accepted(final TreeMessage message) {
    return new IngestResult(Objects.requireNonNull(message, "message"), null, false);
  }

  /** A refused event: its original value bytes (null for a tombstone). */
  public static IngestResult deadLetter(final byte[] original) {
    return new IngestResult(null, original, true);
  }

  /** True for a refused event. */
  public boolean isDeadLetter() {
    return rejected;
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
        ? "IngestResult[dead letter, " + (deadLetter == null ? 0 : deadLetter.length) + " bytes]"
        : "IngestResult[" + accepted.getKind() + "]";
  }
}
