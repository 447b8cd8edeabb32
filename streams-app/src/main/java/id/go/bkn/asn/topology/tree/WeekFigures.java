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
        writeVarLong(out, value.revision());
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
        final int revision = (int) readVarLong(in);
        final boolean dirty = in.readBoolean();
        slots[s] = new Tracked<>(readCounts(in), revision, dirty);
      }
    }
    return new WeekFigures(slots);
  }

  private static void writeCounts(final WindowCounts c, final DataOutputStream out)
      throws IOException {
    writeVarLong(out, c.enrollments());
    writeVarLong(out, c.withdrawals());
    writeVarLong(out, c.completions());
    writeVarLong(out, c.participants());
    writeVarLong(out, c.present());
    writeVarLong(out, c.late());
    writeVarLong(out, c.absent());
    writeVarLong(out, c.excused());
    out.writeDouble(c.jpDelivered());
    final SatisfactionStats s = c.satisfaction();
    writeVarLong(out, s.responses());
    writeVarLong(out, s.overallSum());
    writeVarLong(out, s.careerRelevanceAnswered());
    writeVarLong(out, s.careerRelevanceSum());
    writeVarLong(out, s.recommendAnswered());
    writeVarLong(out, s.promoters());
    writeVarLong(out, s.detractors());
    writeVarLong(out, c.respondents());
    writeVarLong(out, c.engaged());
    writeVarLong(out, c.departed());
  }

  private static WindowCounts readCounts(final DataInputStream in) throws IOException {
    return new WindowCounts(
        (int) readVarLong(in),
        (int) readVarLong(in),
        (int) readVarLong(in),
        (int) readVarLong(in),
        (int) readVarLong(in),
        (int) readVarLong(in),
        (int) readVarLong(in),
        (int) readVarLong(in),
        in.readDouble(),
        new SatisfactionStats(
            readVarLong(in),
            readVarLong(in),
            readVarLong(in),
            readVarLong(in),
            readVarLong(in),
            readVarLong(in),
            readVarLong(in)),
        (int) readVarLong(in),
        (int) readVarLong(in),
        (int) readVarLong(in));
  }

  /**
   * A signed value, zigzag-encoded (a count taken back below zero by a correction stays exact), in
   * seven-bit groups.
   */
  private static void writeVarLong(final DataOutputStream out, final long value)
      throws IOException {
    long rest = (value << 1) ^ (value >> 63);
    while ((rest & ~0x7FL) != 0L) {
      out.writeByte((int) ((rest & 0x7F) | 0x80));
      rest >>>= 7;
    }
    out.writeByte((int) rest);
  }

  private static long readVarLong(final DataInputStream in) throws IOException {
    long raw = 0L;
    for (int shift = 0; shift < 64; shift += 7) {
      final int b = in.readUnsignedByte();
      raw |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return (raw >>> 1) ^ -(raw & 1);
      }
    }
    throw new IOException("malformed week figures");
  }
}
