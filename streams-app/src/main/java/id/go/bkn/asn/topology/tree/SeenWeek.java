package id.go.bkn.asn.topology.tree;

import id.go.bkn.asn.function.CalendarWindow;
import id.go.bkn.asn.schema.WindowSize;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * One employee's roles in one WEEK window and in each DAY window of that week, for every unit of
 * the task's trees they were counted in (their unit and its ancestors; a second chain after a
 * transfer inside the window): the value of {@code tree-seen-weeks}, one entry per employee and
 * week. An event counted in its day and its week therefore writes one seen-set record, not one per
 * window, and one delete removes the week and its days once all of them are closed.
 *
 * <p>The week and its days are slots: {@link #WEEK} (0), then Monday (1) to Sunday (7). A slot
 * holds each unit's role bits and session count, packed as {@link WindowLedger} packs them (0: not
 * counted there). The form is canonical (a slot without roles is absent, a unit without roles in
 * any slot is dropped), so two values with the same roles are equal. Immutable; a handful of units
 * and at most eight slots.
 */
final class SeenWeek {

  /** The slot of the WEEK window; the days of the week are slots 1 (Monday) to 7 (Sunday). */
  static final int WEEK = 0;

  /** The week and its seven days. */
  static final int SLOTS = 8;

  /** Counted nowhere yet. */
  static final SeenWeek EMPTY = new SeenWeek(new String[0], new long[SLOTS][]);

  /** The serde of the {@code tree-seen-weeks} store. */
  static final StateSerde<SeenWeek> SERDE =
      new StateSerde<>("SeenWeek", SeenWeek::write, SeenWeek::read);

  /** The unit ids, in the order they were first counted. */
  private final String[] units;

  /** Per slot: null when nothing is counted there, else each unit's roles (by index of units). */
  private final long[][] roles;

  private SeenWeek(final String[] units, final long[][] roles) {
    this.units = units;
    this.roles = roles;
  }

  /** The slot of a DAY or WEEK window in its week's entry. */
  static int slot(final CalendarWindow window) {
    return window.size() == WindowSize.WEEK ? WEEK : window.startDate().getDayOfWeek().getValue();
  }

  /** The unit's role bits and sessions in the slot; 0 when the employee was not counted there. */
  long of(final int slot, final String unitId) {
    final long[] values = roles[slot];
    if (values == null) {
      return 0L;
    }
    final int index = indexOf(unitId);
    return index < 0 ? 0L : values[index];
  }

  /** Whether anything is counted in the slot. */
  boolean has(final int slot) {
    return roles[slot] != null;
  }

  /** Whether nothing is counted in any slot. */
  boolean isEmpty() {
    return units.length == 0;
  }

  /** The same with the unit's value in the slot replaced (0 removes it). */
  SeenWeek with(final int slot, final String unitId, final long value) {
    int index = indexOf(unitId);
    if (index < 0 && value == 0L) {
      return this;
    }
    String[] nextUnits = units;
    final long[][] next = new long[SLOTS][];
    if (index < 0) {
      index = units.length;
      nextUnits = Arrays.copyOf(units, units.length + 1);
      nextUnits[index] = unitId;
      for (int s = 0; s < SLOTS; s++) {
        next[s] = roles[s] == null ? null : Arrays.copyOf(roles[s], nextUnits.length);
      }
    } else {
      if (of(slot, unitId) == value) {
        return this;
      }
      for (int s = 0; s < SLOTS; s++) {
        next[s] = roles[s];
      }
      next[slot] = roles[slot] == null ? null : roles[slot].clone();
    }
    if (next[slot] == null) {
      next[slot] = new long[nextUnits.length];
    }
    next[slot][index] = value;
    return canonical(nextUnits, next);
  }

  /** The same without the slot (a closed window nothing reads again). */
  SeenWeek withoutSlot(final int slot) {
    if (roles[slot] == null) {
      return this;
    }
    final long[][] next = roles.clone();
    next[slot] = null;
    return canonical(units, next);
  }

  /** Drops slots without roles and units without roles in any slot. */
  private static SeenWeek canonical(final String[] units, final long[][] roles) {
    int kept = 0;
    final boolean[] keep = new boolean[units.length];
    for (int i = 0; i < units.length; i++) {
      for (final long[] values : roles) {
        if (values != null && values[i] != 0L) {
          keep[i] = true;
          kept++;
          break;
        }
      }
    }
    final String[] keptUnits;
    final long[][] keptRoles = new long[SLOTS][];
    if (kept == units.length) {
      keptUnits = units;
      System.arraycopy(roles, 0, keptRoles, 0, SLOTS);
    } else {
      keptUnits = new String[kept];
      for (int i = 0, j = 0; i < units.length; i++) {
        if (keep[i]) {
          keptUnits[j++] = units[i];
        }
      }
      for (int s = 0; s < SLOTS; s++) {
        if (roles[s] != null) {
          keptRoles[s] = new long[kept];
          for (int i = 0, j = 0; i < units.length; i++) {
            if (keep[i]) {
              keptRoles[s][j++] = roles[s][i];
            }
          }
        }
      }
    }
    for (int s = 0; s < SLOTS; s++) {
      if (keptRoles[s] != null && Arrays.stream(keptRoles[s]).allMatch(v -> v == 0L)) {
        keptRoles[s] = null;
      }
    }
    return new SeenWeek(keptUnits, keptRoles);
  }

  private int indexOf(final String unitId) {
    for (int i = 0; i < units.length; i++) {
      if (units[i].equals(unitId)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public boolean equals(final Object other) {
    return other instanceof SeenWeek that
        && Arrays.equals(units, that.units)
        && Arrays.deepEquals(roles, that.roles);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(units) + Arrays.deepHashCode(roles);
  }

  @Override
  public String toString() {
    return "SeenWeek" + Arrays.toString(units) + Arrays.deepToString(roles);
  }

  /**
   * The slots present as a bit mask, the units, then each present slot's roles per unit as unsigned
   * variable-length integers (a role and a few sessions take one byte).
   */
  private static void write(final SeenWeek seen, final DataOutputStream out) throws IOException {
    int mask = 0;
    for (int s = 0; s < SLOTS; s++) {
      if (seen.roles[s] != null) {
        mask |= 1 << s;
      }
    }
    out.writeByte(mask);
    writeVarLong(out, seen.units.length);
    for (final String unit : seen.units) {
      out.writeUTF(unit);
    }
    for (int s = 0; s < SLOTS; s++) {
      if (seen.roles[s] != null) {
        for (final long value : seen.roles[s]) {
          writeVarLong(out, value);
        }
      }
    }
  }

  private static SeenWeek read(final DataInputStream in) throws IOException {
    final int mask = in.readUnsignedByte();
    final int size = (int) readVarLong(in);
    final String[] units = new String[size];
    for (int i = 0; i < size; i++) {
      units[i] = in.readUTF();
    }
    final long[][] roles = new long[SLOTS][];
    for (int s = 0; s < SLOTS; s++) {
      if ((mask & (1 << s)) != 0) {
        roles[s] = new long[size];
        for (int i = 0; i < size; i++) {
          roles[s][i] = readVarLong(in);
        }
      }
    }
    return new SeenWeek(units, roles);
  }

  private static void writeVarLong(final DataOutputStream out, final long value)
      throws IOException {
    if (value < 0) {
      throw new IOException("negative seen-set value " + value);
    }
    long rest = value;
    while ((rest & ~0x7FL) != 0L) {
      out.writeByte((int) ((rest & 0x7F) | 0x80));
      rest >>>= 7;
    }
    out.writeByte((int) rest);
  }

  private static long readVarLong(final DataInputStream in) throws IOException {
    long value = 0L;
    for (int shift = 0; shift < 64; shift += 7) {
      final int b = in.readUnsignedByte();
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IOException("malformed seen-set value");
  }
}
