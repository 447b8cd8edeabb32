package id.go.bkn.asn.topology.ingest;

import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.internal.TreeMessageKind;
import id.go.bkn.asn.topology.tree.StateSerde;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;

/**
 * The version of one attendance fact (employee, runId, sessionId) that the ingest stage last sent
 * on, as the tree stage counted it: enough to undo it when a correction replaces it. Personal data
 * (it lives next to the employee's key): kept only in the {@value SessionFacts#STORE} store.
 *
 * @param eventId the event that carried it
 * @param unitId the employee's unit as of occurredAt when it was sent
 * @param rootUnitId the root of that unit's tree (where the tree stage counted it)
 * @param programId the programme
 * @param occurredAt its event time, epoch millis
 * @param status PRESENT, LATE, ABSENT or EXCUSED
 * @param sessionJp the session's JP
 */
public record AttendanceFact(
    String eventId,
    String unitId,
    String rootUnitId,
    String programId,
    long occurredAt,
    String status,
    Double sessionJp) {

  /** The serde of the {@value SessionFacts#STORE} store. */
  public static final StateSerde<AttendanceFact> SERDE =
      new StateSerde<>("AttendanceFact", AttendanceFact::write, AttendanceFact::read);

  /** The fact a TreeMessage about to be sent states. */
  public static AttendanceFact of(final TreeMessage message) {
    return new AttendanceFact(
        message.getEventId(),
        message.getUnitId(),
        message.getRootUnitId(),
        message.getProgramId(),
        message.getOccurredAt().toEpochMilli(),
        message.getStatus(),
        message.getSessionJp());
  }

  /** Whether the other version states the same thing (a replay): only its event id may differ. */
  public boolean sameFactAs(final AttendanceFact other) {
    return occurredAt == other.occurredAt
        && Objects.equals(unitId, other.unitId)
        && Objects.equals(status, other.status)
        && Objects.equals(sessionJp, other.sessionJp)
        && Objects.equals(programId, other.programId);
  }

  /** The message that undoes this version in the tree stage's open windows. */
  public TreeMessage retraction(final String employeeId, final String sourceTopic) {
    return TreeMessage.newBuilder()
        .setKind(TreeMessageKind.ATTENDANCE)
        .setEventId(eventId)
        .setEmployeeId(employeeId)
        .setUnitId(unitId)
        .setRootUnitId(rootUnitId)
        .setProgramId(programId)
        .setOccurredAt(Instant.ofEpochMilli(occurredAt))
        .setStatus(status)
        .setSessionJp(sessionJp)
        .setSourceTopic(sourceTopic)
        .setRetraction(true)
        .build();
  }

  private static void write(final AttendanceFact f, final DataOutputStream out) throws IOException {
    writeNullable(out, f.eventId);
    writeNullable(out, f.unitId);
    writeNullable(out, f.rootUnitId);
    writeNullable(out, f.programId);
    out.writeLong(f.occurredAt);
    writeNullable(out, f.status);
    out.writeBoolean(f.sessionJp != null);
    out.writeDouble(f.sessionJp == null ? 0.0 : f.sessionJp);
  }

  private static AttendanceFact read(final DataInputStream in) throws IOException {
    final String eventId = readNullable(in);
    final String unitId = readNullable(in);
    final String rootUnitId = readNullable(in);
    final String programId = readNullable(in);
    final long occurredAt = in.readLong();
    final String status = readNullable(in);
    final boolean hasJp = in.readBoolean();
    final double jp = in.readDouble();
    return new AttendanceFact(
        eventId, unitId, rootUnitId, programId, occurredAt, status, hasJp ? jp : null);
  }

  private static void writeNullable(final DataOutputStream out, final String value)
      throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeUTF(value);
    }
  }

  private static String readNullable(final DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
