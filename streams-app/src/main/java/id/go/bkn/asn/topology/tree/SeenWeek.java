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
 *
 * <p>Beside the slots, the entry holds the employee's week per programme as the programme stage was
 * told it from this task: a programme is present once one of the employee's attendance records for
 * it in the week went on to the programme stage, with the number of PRESENT or LATE sessions
 * counted (0: only ABSENT or EXCUSED). The tree stage sends an attendance on only when it changes
 * what the programme stage counts (the employee starts or stops taking part, or the programme's
 * week is touched for the first time), so the {@code asn-program} topic carries about one record
 * per employee, programme and week instead of one per session ({@link WindowLedger#count}). The
 * programmes belong to the WEEK window and go with its slot.
 */
final class SeenWeek {

  /** The slot of the WEEK window; the days of the week are slots 1 (Monday) to 7 (Sunday). */
  static final int WEEK = 0;

  /** The week and its seven days. */
  static final int SLOTS = 8;

  /** Counted nowhere yet. */
  static final SeenWeek EMPTY =
      new SeenWeek(new String[0], new long[SLOTS][], new String[0], new int[0]);

  /** {@link #sessions} of a programme none of whose attendance went on to the programme stage. */
  static final int UNSENT = -1;

  /** The serde of the {@code tree-seen-weeks} store. */
  static final StateSerde<SeenWeek> SERDE =
      new StateSerde<>("SeenWeek", SeenWeek::write, SeenWeek::read);

  /** The unit ids, in the order they were first counted. */
  private final String[] units;

  /** Per slot: null when nothing is counted there, else each unit's roles (by index of units). */
  private final long[][] roles;

  /** The programmes the programme stage was told about, in the order they were first sent. */
  private final String[] programs;

  /** Per programme (by index of programs): the PRESENT or LATE sessions counted in the week. */
  private final int[] sessions;

  private SeenWeek(
      final String[] units, final long[][] roles, final String[] programs, final int[] sessions) {
    this.units = units;
    this.roles = roles;
    this.programs = programs;
    this.sessions = sessions;
  }

  /**
   * The PRESENT or LATE sessions of the programme counted in the week and sent on, or {@link
   * #UNSENT} when none of the employee's attendance for it went to the programme stage yet.
   */
  int sessions(final String programId) {
    for (int i = 0; i < programs.length; i++) {
      if (programs[i].equals(programId)) {
        return sessions[i];
      }
    }
    return UNSENT;
  }

  /** The same with the programme's sessions replaced ({@link #UNSENT} removes it). */
  SeenWeek withSessions(final String programId, final int count) {
    int index = -1;
    for (int i = 0; i < programs.length; i++) {
      if (programs[i].equals(programId)) {
        index = i;
        break;
      }
    }
    if (index < 0 && count == UNSENT) {
      return this;
    }
    if (index >= 0 && sessions[index] == count) {
      return this;
    }
    if (count == UNSENT) {
      final String[] nextPrograms = new String[programs.length - 1];
      final int[] nextSessions = new int[programs.length - 1];
      for (int i = 0, j = 0; i < programs.length; i++) {
        if (i != index) {
          nextPrograms[j] = programs[i];
          nextSessions[j++] = sessions[i];
        }
      }
      return new SeenWeek(units, roles, nextPrograms, nextSessions);
    }
    if (index < 0) {
      final String[] nextPrograms = Arrays.copyOf(programs, programs.length + 1);
      final int[] nextSessions = Arrays.copyOf(sessions, sessions.length + 1);
      nextPrograms[programs.length] = programId;
      nextSessions[programs.length] = count;
      return new SeenWeek(units, roles, nextPrograms, nextSessions);
    }
    final int[] nextSessions = sessions.clone();
    nextSessions[index] = count;
    return new SeenWeek(units, roles, programs, nextSessions);
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

  /** Whether nothing is counted in any slot and no programme was told anything. */
  boolean isEmpty() {
    return units.length == 0 && programs.length == 0;
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

  /**
   * The same without the slot (a closed window nothing reads again); without the WEEK slot, also
   * without the programmes (the programme stage's week is closed with it).
   */
  SeenWeek withoutSlot(final int slot) {
    final boolean dropPrograms = slot == WEEK && programs.length > 0;
    if (roles[slot] == null && !dropPrograms) {
      return this;
    }
    final long[][] next = roles.clone();
    next[slot] = null;
    return dropPrograms
        ? new SeenWeek(units, next, new String[0], new int[0]).canonical()
        : canonical(units, next);
  }

  /** Whether the slot holds anything: roles, or for the WEEK slot, programmes. */
  boolean holds(final int slot) {
    return roles[slot] != null || (slot == WEEK && programs.length > 0);
  }

  private SeenWeek canonical() {
    return canonical(units, roles, programs, sessions);
  }

  private SeenWeek canonical(final String[] someUnits, final long[][] someRoles) {
    return canonical(someUnits, someRoles, programs, sessions);
  }

  /** Drops slots without roles and units without roles in any slot. */
  private static SeenWeek canonical(
      final String[] units, final long[][] roles, final String[] programs, final int[] sessions) {
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
    return new SeenWeek(keptUnits, keptRoles, programs, sessions);
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
        && Arrays.deepEquals(roles, that.roles)
        && Arrays.equals(programs, that.programs)
        && Arrays.equals(sessions, that.sessions);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(units) + Arrays.deepHashCode(roles))
        + Arrays.hashCode(programs);
  }

  @Override
  public String toString() {
    return "SeenWeek"
        + Arrays.toString(units)
        + Arrays.deepToString(roles)
        + Arrays.toString(programs)
        + Arrays.toString(sessions);
  }

  /**
   * The slots present as a bit mask, the units, then each present slot's roles per unit as unsigned
   * variable-length integers (a role and a few sessions take one byte), then the programmes with
   * their sessions. A value written before the programmes were kept ends after the roles and reads
   * as one with no programme sent.
   */
  private static void write(final SeenWeek seen, final DataOutputStream out) throws IOException {
    int mask = 0;
    for (int s = 0; s < SLOTS; s++) {
      if (seen.roles[s] != null) {
        mask |= 1 << s;
      }
    }
    out.writeByte(mask);
    VarInts.writeUnsigned(out, seen.units.length);
    for (final String unit : seen.units) {
      out.writeUTF(unit);
    }
    for (int s = 0; s < SLOTS; s++) {
      if (seen.roles[s] != null) {
        for (final long value : seen.roles[s]) {
          VarInts.writeUnsigned(out, value);
        }
      }
    }
    VarInts.writeUnsigned(out, seen.programs.length);
    for (int i = 0; i < seen.programs.length; i++) {
      out.writeUTF(seen.programs[i]);
      VarInts.writeUnsigned(out, seen.sessions[i]);
    }
  }

  private static SeenWeek read(final DataInputStream in) throws IOException {
    final int mask = in.readUnsignedByte();
    final int size = (int) VarInts.readUnsigned(in);
    final String[] units = new String[size];
    for (int i = 0; i < size; i++) {
      units[i] = in.readUTF();
    }
    final long[][] roles = new long[SLOTS][];
    for (int s = 0; s < SLOTS; s++) {
      if ((mask & (1 << s)) != 0) {
        roles[s] = new long[size];
        for (int i = 0; i < size; i++) {
          roles[s][i] = VarInts.readUnsigned(in);
        }
      }
    }
    if (in.available() == 0) {
      return new SeenWeek(units, roles, new String[0], new int[0]);
    }
    final int count = (int) VarInts.readUnsigned(in);
    final String[] programs = new String[count];
    final int[] sessions = new int[count];
    for (int i = 0; i < count; i++) {
      programs[i] = in.readUTF();
      sessions[i] = (int) VarInts.readUnsigned(in);
    }
    return new SeenWeek(units, roles, programs, sessions);
  }
}
