package id.go.bkn.asn.topology.tree;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Where the tree stage's year-to-date counters currently place an active employee: their unit and
 * the time that placement took effect (a ROSTER message older than it does not undo it). Kept in
 * {@code tree-roster} only while the employee is active in one of this task's trees.
 *
 * @param unitId the employee's current unit
 * @param effectiveFrom when that placement took effect, epoch millis
 */
public record RosterEntry(String unitId, long effectiveFrom) {

  /** The serde of the {@code tree-roster} store. */
  public static final StateSerde<RosterEntry> SERDE =
      new StateSerde<>("RosterEntry", RosterEntry::write, RosterEntry::read);

  private static void write(final RosterEntry r, final DataOutputStream out) throws IOException {
    out.writeUTF(r.unitId);
    out.writeLong(r.effectiveFrom);
  }

  private static RosterEntry read(final DataInputStream in) throws IOException {
    return new RosterEntry(in.readUTF(), in.readLong());
  }
}
