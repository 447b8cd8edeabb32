package id.go.bkn.asn.topology.tree;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the roster places one employee over time, as the tree stage has heard it: one entry per
 * effectiveFrom, with the unit they are active in from then on, or null when they are inactive (or
 * gone from the roster). A later version at the same effectiveFrom replaces the earlier one (a
 * correction), a backdated one is inserted in order. {@link #unitAt} answers "where, as of this
 * window end", counting only versions effective strictly before it, the same rule as headcount.
 * Entries before the fold horizon (the earliest start of an unclosed window) collapse into the
 * latest of them, so the list stays as short as one week plus grace of that employee's changes.
 *
 * @param entries the versions, sorted by effectiveFrom, at most one per instant
 */
public record PlacementTimeline(List<Entry> entries) {

  /** Never placed. */
  public static final PlacementTimeline EMPTY = new PlacementTimeline(List.of());

  /** The serde of the {@code tree-placements} store. */
  public static final StateSerde<PlacementTimeline> SERDE =
      new StateSerde<>("PlacementTimeline", PlacementTimeline::write, PlacementTimeline::read);

  /** Copies the entries. */
  public PlacementTimeline {
    entries = List.copyOf(entries);
  }

  /** The unit of the latest version effective strictly before {@code instant}; null if none. */
  public String unitAt(final long instant) {
    String unit = null;
    for (final Entry entry : entries) {
      if (entry.from() >= instant) {
        break;
      }
      unit = entry.unitId();
    }
    return unit;
  }

  /** The unit of the latest version, whatever its time; null if none or inactive. */
  public String latestUnit() {
    return entries.isEmpty() ? null : entries.get(entries.size() - 1).unitId();
  }

  /**
   * The effectiveFrom of the first version after {@code from}, or {@link Long#MAX_VALUE}: a version
   * at {@code from} decides the placement at the instants in {@code (from, next]}.
   */
  public long nextAfter(final long from) {
    for (final Entry entry : entries) {
      if (entry.from() > from) {
        return entry.from();
      }
    }
    return Long.MAX_VALUE;
  }

  /**
   * This timeline with the version at {@code from} set to {@code unitId} (null: inactive),
   * replacing one at the same instant, then folded before {@code horizon}.
   */
  public PlacementTimeline with(final long from, final String unitId, final long horizon) {
    final List<Entry> next = new ArrayList<>(entries.size() + 1);
    boolean placed = false;
    for (final Entry entry : entries) {
      if (!placed && entry.from() >= from) {
        next.add(new Entry(from, unitId));
        placed = true;
        if (entry.from() == from) {
          continue;
        }
      }
      next.add(entry);
    }
    if (!placed) {
      next.add(new Entry(from, unitId));
    }
    return new PlacementTimeline(next).foldedBefore(horizon);
  }

  /**
   * The same placements at every instant from {@code horizon} on: the versions before it collapse
   * into the latest of them, and a lone inactive one disappears.
   */
  public PlacementTimeline foldedBefore(final long horizon) {
    int firstKept = 0;
    for (int i = 1; i < entries.size(); i++) {
      if (entries.get(i).from() < horizon) {
        firstKept = i;
      }
    }
    List<Entry> kept = entries.subList(firstKept, entries.size());
    if (kept.size() == 1 && kept.get(0).unitId() == null && kept.get(0).from() < horizon) {
      kept = List.of();
    }
    return kept.size() == entries.size() ? this : new PlacementTimeline(kept);
  }

  private static void write(final PlacementTimeline t, final DataOutputStream out)
      throws IOException {
    out.writeInt(t.entries.size());
    for (final Entry entry : t.entries) {
      out.writeLong(entry.from());
      StateSerde.writeNullable(out, entry.unitId());
    }
  }

  private static PlacementTimeline read(final DataInputStream in) throws IOException {
    final int size = in.readInt();
    final List<Entry> entries = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      entries.add(new Entry(in.readLong(), StateSerde.readNullable(in)));
    }
    return new PlacementTimeline(entries);
  }

  /**
   * One roster version.
   *
   * @param from its effectiveFrom, epoch millis
   * @param unitId the unit the employee is active in from then on, or null when inactive
   */
  public record Entry(long from, String unitId) {}
}
