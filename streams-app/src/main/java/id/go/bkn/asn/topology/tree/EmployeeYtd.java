package id.go.bkn.asn.topology.tree;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * One employee's figures of one calendar year: credited JP, sessions attended (PRESENT or LATE) and
 * programmes completed, with the unit of their latest event (for the restricted per-employee record
 * when the roster has not placed them). Personal data: lives only in {@code tree-ytd-employee} and
 * {@code restricted.employee-jp-ytd}.
 *
 * @param jpTotal sum of credited sessionJp
 * @param sessionsAttended PRESENT or LATE sessions
 * @param programsCompleted COMPLETED enrolment actions
 * @param lastUnitId the unit of the employee's latest counted event
 */
public record EmployeeYtd(
    double jpTotal, int sessionsAttended, int programsCompleted, String lastUnitId) {

  /** The serde of the {@code tree-ytd-employee} store. */
  public static final StateSerde<EmployeeYtd> SERDE =
      new StateSerde<>("EmployeeYtd", EmployeeYtd::write, EmployeeYtd::read);

  /** Nothing yet this year. */
  public static EmployeeYtd empty(final String unitId) {
    return new EmployeeYtd(0.0, 0, 0, unitId);
  }

  /** Plus one credited session. */
  public EmployeeYtd withSession(final double sessionJp, final String unitId) {
    return new EmployeeYtd(jpTotal + sessionJp, sessionsAttended + 1, programsCompleted, unitId);
  }

  /** Minus one credited session counted before (a correction replaced it). */
  public EmployeeYtd withoutSession(final double sessionJp) {
    return new EmployeeYtd(
        jpTotal - sessionJp, Math.max(0, sessionsAttended - 1), programsCompleted, lastUnitId);
  }

  /** Plus one completed programme. */
  public EmployeeYtd withCompletion(final String unitId) {
    return new EmployeeYtd(jpTotal, sessionsAttended, programsCompleted + 1, unitId);
  }

  private static void write(final EmployeeYtd e, final DataOutputStream out) throws IOException {
    out.writeDouble(e.jpTotal);
    out.writeInt(e.sessionsAttended);
    out.writeInt(e.programsCompleted);
    StateSerde.writeNullable(out, e.lastUnitId);
  }

  private static EmployeeYtd read(final DataInputStream in) throws IOException {
    return new EmployeeYtd(
        in.readDouble(), in.readInt(), in.readInt(), StateSerde.readNullable(in));
  }
}
