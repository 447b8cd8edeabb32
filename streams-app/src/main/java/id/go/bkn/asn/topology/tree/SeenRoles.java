package id.go.bkn.asn.topology.tree;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * One employee's roles in one DAY or WEEK window, for every unit of the task's trees they were
 * counted in (their unit and its ancestors; a second chain after a transfer inside the window): the
 * value of {@code tree-seen-people}, one entry per employee and window rather than one per unit of
 * the chain, so an event writes one seen-set record per window whatever the tree's depth.
 * Immutable; a handful of units at most.
 *
 * @param units the unit ids, in the order they were first counted
 * @param roles each unit's role bits and session count, as {@link WindowLedger} packs them
 */
record SeenRoles(String[] units, long[] roles) {

  /** Counted nowhere yet. */
  static final SeenRoles EMPTY = new SeenRoles(new String[0], new long[0]);

  /** The serde of the {@code tree-seen-people} store. */
  static final StateSerde<SeenRoles> SERDE =
      new StateSerde<>("SeenRoles", SeenRoles::write, SeenRoles::read);

  /** The unit's role bits and sessions; 0 when the employee was not counted there. */
  long of(final String unitId) {
    for (int i = 0; i < units.length; i++) {
      if (units[i].equals(unitId)) {
        return roles[i];
      }
    }
    return 0L;
  }

  /** The same with the unit's value replaced (0 removes the unit). */
  SeenRoles with(final String unitId, final long value) {
    for (int i = 0; i < units.length; i++) {
      if (units[i].equals(unitId)) {
        if (value == 0L) {
          return without(i);
        }
        final long[] next = roles.clone();
        next[i] = value;
        return new SeenRoles(units, next);
      }
    }
    if (value == 0L) {
      return this;
    }
    final String[] nextUnits = Arrays.copyOf(units, units.length + 1);
    final long[] nextRoles = Arrays.copyOf(roles, roles.length + 1);
    nextUnits[units.length] = unitId;
    nextRoles[roles.length] = value;
    return new SeenRoles(nextUnits, nextRoles);
  }

  /** Whether no unit is left. */
  boolean isEmpty() {
    return units.length == 0;
  }

  private SeenRoles without(final int index) {
    final String[] nextUnits = new String[units.length - 1];
    final long[] nextRoles = new long[roles.length - 1];
    for (int i = 0, j = 0; i < units.length; i++) {
      if (i != index) {
        nextUnits[j] = units[i];
        nextRoles[j++] = roles[i];
      }
    }
    return new SeenRoles(nextUnits, nextRoles);
  }

  @Override
  public boolean equals(final Object other) {
    return other instanceof SeenRoles that
        && Arrays.equals(units, that.units)
        && Arrays.equals(roles, that.roles);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(units) + Arrays.hashCode(roles);
  }

  @Override
  public String toString() {
    return "SeenRoles" + Arrays.toString(units) + Arrays.toString(roles);
  }

  private static void write(final SeenRoles seen, final DataOutputStream out) throws IOException {
    out.writeShort(seen.units.length);
    for (int i = 0; i < seen.units.length; i++) {
      out.writeUTF(seen.units[i]);
      out.writeLong(seen.roles[i]);
    }
  }

  private static SeenRoles read(final DataInputStream in) throws IOException {
    final int size = in.readUnsignedShort();
    final String[] units = new String[size];
    final long[] roles = new long[size];
    for (int i = 0; i < size; i++) {
      units[i] = in.readUTF();
      roles[i] = in.readLong();
    }
    return new SeenRoles(units, roles);
  }
}
