package id.go.bkn.asn.topology.tree;

import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The active headcount of every unit subtree of a task's trees, as {@link HeadcountTimeline}s in
 * {@code tree-headcount}: a roster change updates the timelines of its unit chain (O(depth)), and a
 * window close reads one timeline per unit as of the window end.
 */
final class HeadcountLedger {

  private final KeyValueStore<String, HeadcountTimeline> store;

  HeadcountLedger(final KeyValueStore<String, HeadcountTimeline> store) {
    this.store = store;
  }

  /** Adds a change effective at {@code at} to every unit of the chain. */
  void change(final List<String> chain, final long at, final int delta, final long foldBefore) {
    for (final String unitId : chain) {
      store.put(unitId, timeline(unitId).with(at, delta, foldBefore));
    }
  }

  /** Active employees of the unit's subtree as of the instant (changes before it applied). */
  int asOf(final String unitId, final long instant) {
    return timeline(unitId).asOf(instant);
  }

  /** Active employees of the unit's subtree with every processed change applied. */
  int current(final String unitId) {
    return timeline(unitId).current();
  }

  /** Folds the unit's changes before the horizon, which no unclosed window can see apart. */
  void fold(final String unitId, final long horizon) {
    final HeadcountTimeline timeline = store.get(unitId);
    if (timeline != null && !timeline.changes().isEmpty()) {
      final HeadcountTimeline folded = timeline.foldedBefore(horizon);
      if (folded.changes().size() != timeline.changes().size()) {
        store.put(unitId, folded);
      }
    }
  }

  private HeadcountTimeline timeline(final String unitId) {
    final HeadcountTimeline timeline = store.get(unitId);
    return timeline == null ? HeadcountTimeline.EMPTY : timeline;
  }
}
