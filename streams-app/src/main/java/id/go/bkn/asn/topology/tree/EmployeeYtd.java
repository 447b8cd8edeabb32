package id.go.bkn.asn.topology.tree;

import id.go.bkn.asn.internal.YearTotals;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * One employee's figures of one calendar year as the ingest stage's ledger last sent them (credited
 * JP, sessions attended, programmes completed), with the unit of their latest roster version: the
 * tree of that unit owns the year and writes the restricted per-employee record. A tree keeps it
 * while it owns the year or its year-to-date counters place the employee in one of its units.
 * Personal data: lives only in {@code tree-ytd-employee} and {@code restricted.employee-jp-ytd}.
 *
 * @param jpTotal sum of credited sessionJp
 * @param sessionsAttended PRESENT or LATE sessions
 * @param programsCompleted COMPLETED enrolment actions
 * @param unitId the unit of the employee's latest roster version
 */
public record EmployeeYtd(
    double jpTotal, int sessionsAttended, int programsCompleted, String unitId) {

  /**
   * The serde of the {@code tree-ytd-employees} store: the figures with their revision and changed
   * mark ({@link Tracked}).
   */
  public static final StateSerde<Tracked<EmployeeYtd>> SERDE =
      Tracked.serde("EmployeeYtd", EmployeeYtd::write, EmployeeYtd::read);

  /** The totals the ingest stage sent, in the given latest unit. */
  public static EmployeeYtd of(final YearTotals totals, final String unitId) {
    return new EmployeeYtd(
        totals.getJpTotal(), totals.getSessionsAttended(), totals.getProgramsCompleted(), unitId);
  }

  /** The same totals in another latest unit. */
  public EmployeeYtd in(final String latestUnitId) {
    return new EmployeeYtd(jpTotal, sessionsAttended, programsCompleted, latestUnitId);
  }

  private static void write(final EmployeeYtd e, final DataOutputStream out) throws IOException {
    out.writeDouble(e.jpTotal);
    out.writeInt(e.sessionsAttended);
    out.writeInt(e.programsCompleted);
    StateSerde.writeNullable(out, e.unitId);
  }

  private static EmployeeYtd read(final DataInputStream in) throws IOException {
    return new EmployeeYtd(
        in.readDouble(), in.readInt(), in.readInt(), StateSerde.readNullable(in));
  }
}
