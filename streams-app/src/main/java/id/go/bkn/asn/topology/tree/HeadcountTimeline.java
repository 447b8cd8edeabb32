package id.go.bkn.asn.topology.tree;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A unit subtree's active headcount over time: a baseline plus the pending changes (effective time,
 * +1 or -1) that some window still to close may need to see or not see. {@link #asOf} answers
 * "active employees as of the window end" even when a change effective after that end was already
 * processed; changes before every unclosed window's end are folded into the baseline, so the list
 * stays as short as the roster churn of about one week plus grace.
 *
 * @param baseline the headcount with every folded change applied
 * @param changes the pending changes, sorted by effective time
 */
public record HeadcountTimeline(int baseline, List<Change> changes) {

  /** No employee. */
  public static final HeadcountTimeline EMPTY = new HeadcountTimeline(0, List.of());

  /** The serde of the {@code tree-headcount} store. */
  public static final StateSerde<HeadcountTimeline> SERDE =
      new StateSerde<>("HeadcountTimeline", HeadcountTimeline::write, HeadcountTimeline::read);

  /** Copies the changes. */
  public HeadcountTimeline {
    changes = List.copyOf(changes);
  }

  /**
   * This timeline plus a change effective at {@code at}, folding every change before {@code
   * foldBefore} (the earliest end an unclosed window can have) into the baseline.
   */
  public HeadcountTimeline with(final long at, final int delta, final long foldBefore) {
    final List<Change> next = new ArrayList<>(changes.size() + 1);
    next.addAll(changes);
    next.add(new Change(at, delta));
    next.sort(Comparator.comparingLong(Change::at));
    return new HeadcountTimeline(baseline, next).foldedBefore(foldBefore);
  }

  /** The same headcounts with the changes before {@code horizon} folded into the baseline. */
  public HeadcountTimeline foldedBefore(final long horizon) {
    int folded = baseline;
    final List<Change> pending = new ArrayList<>(changes.size());
    for (final Change change : changes) {
      if (change.at() < horizon) {
        folded += change.delta();
      } else {
        pending.add(change);
      }
    }
    return new HeadcountTimeline(folded, pending);
  }

  /** The headcount as of the instant: every change effective before it applied. */
  public int asOf(final long instant) {
    int count = baseline;
    for (final Change change : changes) {
      if (change.at() < instant) {
        count += change.delta();
      }
    }
    return Math.max(0, count);
  }

  /** The headcount with every processed change applied. */
  public int current() {
    return asOf(Long.MAX_VALUE);
  }

  private static void write(final HeadcountTimeline h, final DataOutputStream out)
      throws IOException {
    out.writeInt(h.baseline);
    out.writeInt(h.changes.size());
    for (final Change change : h.changes) {
      out.writeLong(change.at());
      out.writeInt(change.delta());
    }
  }

  private static HeadcountTimeline read(final DataInputStream in) throws IOException {
    final int baseline = in.readInt();
    final int size = in.readInt();
    final List<Change> changes = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      changes.add(new Change(in.readLong(), in.readInt()));
    }
    return new HeadcountTimeline(baseline, changes);
  }

  /**
   * One roster change of the subtree's headcount.
   *
   * @param at when it takes effect, epoch millis
   * @param delta +1 (an employee joins or is activated) or -1
   */
  public record Change(long at, int delta) {}
}
