package id.go.bkn.asn.view;

import id.go.bkn.asn.view.AggregateSnapshot.UnitInfo;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which units get per-unit series on {@code /metrics}: every unit (the default, right for a city),
 * or only those down to a depth and/or only those of some trees, so that a national deployment
 * (about 30,000 units or more, about 34 series each, on every instance) exports what its dashboards
 * use. It limits the Prometheus export only: the aggregate view and everything that reads it keep
 * every unit, and programme series are not per unit.
 *
 * @param maxDepth the deepest unit exported (0: roots only); null for no limit
 * @param roots the trees exported, by root unit id; empty for all
 */
public record UnitSeriesFilter(Integer maxDepth, Set<String> roots) {

  /** Every unit: what a city needs. */
  public static final UnitSeriesFilter ALL = new UnitSeriesFilter(null, Set.of());

  public UnitSeriesFilter {
    if (maxDepth != null && maxDepth < 0) {
      throw new IllegalArgumentException("the depth limit must be 0 or more, got " + maxDepth);
    }
    roots = Set.copyOf(Objects.requireNonNull(roots, "roots"));
  }

  /** Whether this filter lets every unit through. */
  public boolean all() {
    return maxDepth == null && roots.isEmpty();
  }

  /** The ids of the units to export among these (a unit of unknown tree only when unfiltered). */
  Set<String> select(final Iterable<UnitInfo> units) {
    final Map<String, UnitInfo> byId = new HashMap<>();
    units.forEach(u -> byId.put(u.unitId(), u));
    final Set<String> shown = new HashSet<>();
    for (final UnitInfo unit : byId.values()) {
      if (maxDepth != null && unit.depth() > maxDepth) {
        continue;
      }
      if (!roots.isEmpty() && !roots.contains(rootOf(unit, byId))) {
        continue;
      }
      shown.add(unit.unitId());
    }
    return shown;
  }

  private static String rootOf(final UnitInfo unit, final Map<String, UnitInfo> byId) {
    UnitInfo current = unit;
    // Bounded: a cyclic or dangling parent (rejected upstream) must not loop here.
    for (int hops = 0; hops < 64 && current.parentUnitId() != null; hops++) {
      final UnitInfo parent = byId.get(current.parentUnitId());
      if (parent == null) {
        return current.parentUnitId();
      }
      current = parent;
    }
    return current.unitId();
  }
}
