package id.go.bkn.asn.topology.tree;

import id.go.bkn.asn.function.SatisfactionStats;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * One unit's figures in one WEEK window and in each DAY window of that week, each with its revision
 * and changed mark ({@link Tracked}): the value of {@code tree-week-figures}, one entry per unit
 * and week. An event counted in its day and its week, for its unit and each ancestor, writes one
 * entry per unit instead of two (the national trees, where a unit rarely gets two events between
 * two commits, wrote about 4.5 window-figure records per event; docs/benchmarks.md, "Seventh
 * session"). The slots are those of {@link SeenWeek}: {@link SeenWeek#WEEK} (0), then Monday (1) to
 * Sunday (7). A slot leaves the entry with its window's FINAL record; the entry goes with its last
 * slot. Immutable.
 */
public final class WeekFigures {

  /** No slot. */
  public static final WeekFigures EMPTY = new WeekFigures(emptySlots());

  /** The serde of the {@code tree-week-figures} store. */
  public static final StateSerde<WeekFigures> SERDE =
      new StateSerde<>("WeekFigures", WeekFigures::write, WeekFigures::read);

  private final Tracked<WindowCounts>[] slots;

  private WeekFigures(final Tracked<WindowCounts>[] slots) {
    this.slots = slots;
  }

  @SuppressWarnings("unchecked")
  private static Tracked<WindowCounts>[] emptySlots() {
    return (Tracked<WindowCounts>[]) new Tracked<?>[SeenWeek.SLOTS];
  }

  /** The slot's figures with their revision and mark, or null when the slot is empty. */
  public Tracked<WindowCounts> slot(final int slot) {
    return slots[slot];
  }

  /** The same with the slot replaced (null empties it). */
  public WeekFigures with(final int slot, final Tracked<WindowCounts> value) {
    if (Objects.equals(slots[slot], value)) {
      return this;
    }
    final Tracked<WindowCounts>[] next = slots.clone();
    next[slot] = value;
    return new WeekFigures(next);
  }

  /** Whether no slot is left. */
  boolean isEmpty() {
    for (final Tracked<WindowCounts> value : slots) {
      if (value != null) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(final Object other) {
    return other instanceof WeekFigures that && Arrays.equals(slots, that.slots);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(slots);
  }

  @Override
  public String toString() {
    return "WeekFigures" + Arrays.toString(slots);
  }

  /**
   * The slots present as a bit mask, then each present slot's revision, mark and figures, every
   * count as a variable-length integer (a unit's figures of a day mostly take one byte per count:
   * about 25 bytes where the fixed-width form took 108).
   */
  private static void write(final WeekFigures week, final DataOutputStream out) throws IOException {
    int mask = 0;
    for (int s = 0; s < SeenWeek.SLOTS; s++) {
      if (week.slots[s] != null) {
        mask |= 1 << s;
      }
    }
    out.writeByte(mask);
    for (final Tracked<WindowCounts> value : week.slots) {
      if (value != null) {
        VarInts.writeSigned(out, value.revision());
        out.writeBoolean(value.dirty());
        writeCounts(value.figures(), out);
      }
    }
  }

  private static WeekFigures read(final DataInputStream in) throws IOException {
    final int mask = in.readUnsignedByte();
    final Tracked<WindowCounts>[] slots = emptySlots();
    for (int s = 0; s < SeenWeek.SLOTS; s++) {
      if ((mask & (1 << s)) != 0) {
        final int revision = (int) VarInts.readSigned(in);
        final boolean dirty = in.readBoolean();
        slots[s] = new Tracked<>(readCounts(in), revision, dirty);
      }
    }
    return new WeekFigures(slots);
  }

  private static void writeCounts(final WindowCounts c, final DataOutputStream out)
      throws IOException {
    VarInts.writeSigned(out, c.enrollments());
    VarInts.writeSigned(out, c.withdrawals());
    VarInts.writeSigned(out, c.completions());
    VarInts.writeSigned(out, c.participants());
    VarInts.writeSigned(out, c.present());
    VarInts.writeSigned(out, c.late());
    VarInts.writeSigned(out, c.absent());
    VarInts.writeSigned(out, c.excused());
    out.writeDouble(c.jpDelivered());
    final SatisfactionStats s = c.satisfaction();
    VarInts.writeSigned(out, s.responses());
    VarInts.writeSigned(out, s.overallSum());
    VarInts.writeSigned(out, s.careerRelevanceAnswered());
    VarInts.writeSigned(out, s.careerRelevanceSum());
    VarInts.writeSigned(out, s.recommendAnswered());
    VarInts.writeSigned(out, s.promoters());
    VarInts.writeSigned(out, s.detractors());
    VarInts.writeSigned(out, c.respondents());
    VarInts.writeSigned(out, c.engaged());
    VarInts.writeSigned(out, c.departed());
  }

  private static WindowCounts readCounts(final DataInputStream in) throws IOException {
    return new WindowCounts(
        (int) VarInts.readSigned(in),
        (int) VarInts.readSigned(in),
        (int) VarInts.readSigned(in),
        (int) VarInts.readSigned(in),
        (int) VarInts.readSigned(in),
        (int) VarInts.readSigned(in),
        (int) VarInts.readSigned(in),
        (int) VarInts.readSigned(in),
        in.readDouble(),
        new SatisfactionStats(
            VarInts.readSigned(in),
            VarInts.readSigned(in),
            VarInts.readSigned(in),
            VarInts.readSigned(in),
            VarInts.readSigned(in),
            VarInts.readSigned(in),
            VarInts.readSigned(in)),
        (int) VarInts.readSigned(in),
        (int) VarInts.readSigned(in),
        (int) VarInts.readSigned(in));
  }
}
