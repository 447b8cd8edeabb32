package id.go.bkn.asn.topology.tree;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A unit subtree's year-to-date counters over the employees the roster currently places in it as
 * active: how many have any JP, how many meet the target and their JP total. Headcount is not here
 * but in the unit's {@link HeadcountLedger}, so employees without JP cost nothing: zero-JP =
 * headcount - employeesWithJp. Updated along the unit chain when an employee's jpTotal changes, and
 * moved between chains on a transfer; never recomputed by scanning employees.
 *
 * @param employeesWithJp active employees of the subtree with jpTotal > 0
 * @param employeesMeetingTarget those with jpTotal >= targetJp
 * @param totalJp the sum of their jpTotal
 */
public record UnitYtd(int employeesWithJp, int employeesMeetingTarget, double totalJp) {

  /** No employee with JP. */
  public static final UnitYtd EMPTY = new UnitYtd(0, 0, 0.0);

  /**
   * The serde of the {@code tree-ytd-units} store: the figures with their revision and changed mark
   * ({@link Tracked}).
   */
  public static final StateSerde<Tracked<UnitYtd>> SERDE =
      Tracked.serde("UnitYtd", UnitYtd::write, UnitYtd::read);

  /** These counters with one employee of the given jpTotal added (sign 1) or removed (-1). */
  public UnitYtd with(final double jpTotal, final double targetJp, final int sign) {
    return new UnitYtd(
        employeesWithJp + (jpTotal > 0 ? sign : 0),
        employeesMeetingTarget + (jpTotal >= targetJp ? sign : 0),
        totalJp + sign * jpTotal);
  }

  /** These counters after one employee's jpTotal went from {@code before} to {@code after}. */
  public UnitYtd changed(final double before, final double after, final double targetJp) {
    return with(before, targetJp, -1).with(after, targetJp, 1);
  }

  private static void write(final UnitYtd u, final DataOutputStream out) throws IOException {
    out.writeInt(u.employeesWithJp);
    out.writeInt(u.employeesMeetingTarget);
    out.writeDouble(u.totalJp);
  }

  private static UnitYtd read(final DataInputStream in) throws IOException {
    return new UnitYtd(in.readInt(), in.readInt(), in.readDouble());
  }
}
