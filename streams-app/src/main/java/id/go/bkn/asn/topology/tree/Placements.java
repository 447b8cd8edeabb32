package id.go.bkn.asn.topology.tree;

import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The {@link PlacementTimeline} of every employee the task has heard of in {@code tree-placements}:
 * one get per counted participant (where are they as of the window end?) and one get and put per
 * ROSTER message, never a scan. A message repeated (the same version twice, e.g. a transfer between
 * two trees of the same task, which reaches it once per tree) changes nothing.
 */
final class Placements {

  private final KeyValueStore<String, PlacementTimeline> store;

  Placements(final KeyValueStore<String, PlacementTimeline> store) {
    this.store = store;
  }

  /** The employee's timeline, empty when never placed. */
  PlacementTimeline of(final String employeeId) {
    final PlacementTimeline timeline = store.get(employeeId);
    return timeline == null ? PlacementTimeline.EMPTY : timeline;
  }

  /**
   * Sets the version at {@code from}: the unit the employee is active in from then on, or null.
   *
   * @return the timelines before and after, and the instants whose placement may differ
   */
  Change apply(final String employeeId, final long from, final String unitId, final long horizon) {
    final PlacementTimeline before = of(employeeId);
    final PlacementTimeline after = before.with(from, unitId, horizon);
    if (after.entries().isEmpty()) {
      store.delete(employeeId);
    } else if (!after.equals(before)) {
      store.put(employeeId, after);
    }
    return new Change(before, after, from, after.nextAfter(from));
  }

  /**
   * What one roster version changed: the placement at an instant in {@code (from, until]} may
   * differ between {@code before} and {@code after}; elsewhere it is the same.
   *
   * @param before the timeline before
   * @param after the timeline after
   * @param from the version's effectiveFrom
   * @param until the next version's effectiveFrom, or {@link Long#MAX_VALUE}
   */
  record Change(PlacementTimeline before, PlacementTimeline after, long from, long until) {

    /** Whether the placement at the instant may have changed. */
    boolean covers(final long instant) {
      return instant > from && instant <= until;
    }
  }
}
