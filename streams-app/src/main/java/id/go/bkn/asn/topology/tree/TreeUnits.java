package id.go.bkn.asn.topology.tree;

import id.go.bkn.asn.schema.WorkUnit;
import id.go.bkn.asn.topology.UnitHierarchy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A snapshot of the units of a task's trees, read in one pass over the global units store: every
 * unit whose root the task owns, with name, parent, depth and leaf, in unit id order (a close
 * resumes after the last unit it did). Taken once per batch of window closes (and when a unit to
 * emit is missing from it), never per record.
 */
public final class TreeUnits {

  private final NavigableMap<String, UnitInfo> units;
  private final Set<String> inactive;

  private TreeUnits(final NavigableMap<String, UnitInfo> units, final Set<String> inactive) {
    this.units = Collections.unmodifiableNavigableMap(units);
    this.inactive = Collections.unmodifiableSet(inactive);
  }

  /** Reads the units of the trees whose root satisfies {@code ownsRoot}. */
  public static TreeUnits load(
      final ReadOnlyKeyValueStore<String, WorkUnit> store, final Predicate<String> ownsRoot) {
    final Map<String, WorkUnit> all = new LinkedHashMap<>();
    try (KeyValueIterator<String, WorkUnit> it = store.all()) {
      while (it.hasNext()) {
        final KeyValue<String, WorkUnit> entry = it.next();
        if (entry.value != null) {
          all.put(entry.key, entry.value);
        }
      }
    }
    final Set<String> parents = new HashSet<>();
    for (final WorkUnit unit : all.values()) {
      if (unit.getParentUnitId() != null) {
        parents.add(unit.getParentUnitId());
      }
    }
    final UnitHierarchy hierarchy = new UnitHierarchy(all::get);
    final Map<String, Boolean> owned = new HashMap<>();
    final NavigableMap<String, UnitInfo> units = new TreeMap<>();
    final Set<String> inactive = new HashSet<>();
    for (final WorkUnit unit : all.values()) {
      final List<String> chain = hierarchy.selfAndAncestors(unit.getUnitId());
      final String root = chain.get(chain.size() - 1);
      if (owned.computeIfAbsent(root, ownsRoot::test)) {
        units.put(
            unit.getUnitId(),
            new UnitInfo(
                unit.getUnitId(),
                unit.getName(),
                unit.getParentUnitId(),
                chain.size() - 1,
                !parents.contains(unit.getUnitId())));
        if (!Boolean.TRUE.equals(unit.getActive())) {
          inactive.add(unit.getUnitId());
        }
      }
    }
    return new TreeUnits(units, inactive);
  }

  /** No units. */
  public static TreeUnits empty() {
    return new TreeUnits(new TreeMap<>(), new HashSet<>());
  }

  /** Every unit of the task's trees, in unit id order. */
  public Collection<UnitInfo> all() {
    return new ArrayList<>(units.values());
  }

  /**
   * At most {@code limit} units in unit id order, after {@code unitId} (from the first when null):
   * a close goes through the units a bounded number per call, resuming after the last one done.
   */
  public List<UnitInfo> after(final String unitId, final int limit) {
    final Collection<UnitInfo> rest =
        unitId == null ? units.values() : units.tailMap(unitId, false).values();
    final List<UnitInfo> next = new ArrayList<>(Math.min(limit, rest.size()));
    for (final UnitInfo unit : rest) {
      if (next.size() >= limit) {
        break;
      }
      next.add(unit);
    }
    return next;
  }

  /** How many units the snapshot holds. */
  public int size() {
    return units.size();
  }

  /** Whether the unit is in the snapshot and active in reference.units. */
  public boolean isActive(final String unitId) {
    return units.containsKey(unitId) && !inactive.contains(unitId);
  }

  /** The unit, or null when it is not in the snapshot. */
  public UnitInfo get(final String unitId) {
    return units.get(unitId);
  }
}
