package id.go.bkn.asn.topology;

import id.go.bkn.asn.schema.WorkUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The unit tree as seen through a lookup (the global {@code units} store): a unit's chain of
 * ancestors up to its root. A unit missing from the store, or a parent chain that loops or runs
 * deeper than {@link #MAX_DEPTH}, ends the chain there, so bad reference data degrades to a shorter
 * chain instead of a crash.
 */
public final class UnitHierarchy {

  /** No real administrative tree is deeper; a longer chain means a loop in the data. */
  public static final int MAX_DEPTH = 32;

  private final Function<String, WorkUnit> lookup;

  public UnitHierarchy(final Function<String, WorkUnit> lookup) {
    this.lookup = lookup;
  }

  /** The unit itself, then its parent, ... up to the root (the unit alone if it is unknown). */
  public List<String> selfAndAncestors(final String unitId) {
    final List<String> chain = new ArrayList<>(4);
    final Set<String> seen = new HashSet<>();
    String current = unitId;
    while (current != null && seen.add(current) && chain.size() < MAX_DEPTH) {
      chain.add(current);
      final WorkUnit unit = lookup.apply(current);
      current = unit == null ? null : unit.getParentUnitId();
    }
    return chain;
  }

  /** The root of the unit's tree: the last of {@link #selfAndAncestors}. */
  public String rootOf(final String unitId) {
    final List<String> chain = selfAndAncestors(unitId);
    return chain.get(chain.size() - 1);
  }
}
