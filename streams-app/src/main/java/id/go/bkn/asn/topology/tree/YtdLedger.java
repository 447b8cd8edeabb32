package id.go.bkn.asn.topology.tree;

import id.go.bkn.asn.function.CalendarYear;
import id.go.bkn.asn.function.JakartaCalendar;
import id.go.bkn.asn.internal.YearTotals;
import id.go.bkn.asn.schema.EmployeeJpProgress;
import id.go.bkn.asn.schema.RecordStatus;
import id.go.bkn.asn.schema.UnitJpProgress;
import id.go.bkn.asn.topology.UnitHierarchy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Year-to-date JP per employee and per unit subtree. An employee's jpTotal is the ingest stage's
 * ({@code ingest.YearLedger}), which counts wherever they earned it and travels with their events
 * and roster messages; this task keeps it while it owns their year (the tree of their latest roster
 * version, the only one that writes their record) or its counters place them. The unit counters
 * hold the employees the roster places (as of the clock) as active in the subtree, each with their
 * whole year's jpTotal, so a transfer moves that total from the old chain to the new one and a
 * deactivation removes it. Every update touches one employee entry and the counters of one or two
 * unit chains: O(depth), never a scan of employees.
 */
final class YtdLedger {

  private final TrackedStore<EmployeeYtd> employees;
  private final TrackedStore<UnitYtd> units;
  private final KeyValueStore<String, RosterEntry> roster;
  private final HeadcountLedger headcounts;
  private final UnitHierarchy hierarchy;
  private final double targetJp;
  private final Predicate<String> ownsUnit;

  YtdLedger(
      final TrackedStore<EmployeeYtd> employees,
      final TrackedStore<UnitYtd> units,
      final KeyValueStore<String, RosterEntry> roster,
      final HeadcountLedger headcounts,
      final UnitHierarchy hierarchy,
      final double targetJp,
      final Predicate<String> ownsUnit) {
    this.employees = employees;
    this.units = units;
    this.roster = roster;
    this.headcounts = headcounts;
    this.hierarchy = hierarchy;
    this.targetJp = targetJp;
    this.ownsUnit = ownsUnit;
  }

  /**
   * Takes the employee's year totals the ingest stage sent, with the unit of their latest roster
   * version: for every year open here that the message lists, or that this task holds for them, the
   * entry follows the totals and that unit, the unit counters that place the employee follow the
   * change of jpTotal, and the employee's record is marked for writing only if this task owns that
   * unit's tree. A task that neither owns the year nor places the employee forgets them.
   *
   * @param employeeId the employee
   * @param latestUnitId the unit of their latest roster version
   * @param totals the year totals sent, possibly none
   * @param openYears the years open here
   * @param isOpen whether a year is still open here (a total for a closed one changes nothing)
   */
  void receive(
      final String employeeId,
      final String latestUnitId,
      final List<YearTotals> totals,
      final List<Integer> openYears,
      final IntPredicate isOpen) {
    final Map<Integer, YearTotals> sent = new TreeMap<>();
    for (final YearTotals year : totals) {
      if (isOpen.test(year.getYear())) {
        sent.put(year.getYear(), year);
      }
    }
    final Set<Integer> years = new TreeSet<>(sent.keySet());
    openYears.stream().filter(isOpen::test).forEach(years::add);
    for (final int year : years) {
      final String key = TreeKeys.employeeYear(year, employeeId);
      final Tracked<EmployeeYtd> entry = employees.read(key);
      final EmployeeYtd stored = entry == null ? null : entry.figures();
      final YearTotals total = sent.get(year);
      if (total == null && stored == null) {
        continue;
      }
      final EmployeeYtd after =
          total == null ? stored.in(latestUnitId) : EmployeeYtd.of(total, latestUnitId);
      settle(year, employeeId, key, entry, after);
    }
  }

  private void settle(
      final int year,
      final String employeeId,
      final String key,
      final Tracked<EmployeeYtd> entry,
      final EmployeeYtd after) {
    final EmployeeYtd before = entry == null ? null : entry.figures();
    final RosterEntry placement = roster.get(employeeId);
    final double beforeJp = before == null ? 0.0 : before.jpTotal();
    if (placement != null && beforeJp != after.jpTotal()) {
      for (final String unitId : hierarchy.selfAndAncestors(placement.unitId())) {
        final String unitKey = TreeKeys.unitYear(year, unitId);
        final Tracked<UnitYtd> unit = units.read(unitKey);
        units.change(
            unitKey,
            unit,
            TrackedStore.figures(unit, UnitYtd.EMPTY).changed(beforeJp, after.jpTotal(), targetJp));
      }
    }
    final boolean owned = owned(after);
    if (!owned && placement == null) {
      forget(key, before);
      return;
    }
    if (owned && !after.equals(before)) {
      employees.change(key, entry, after);
    } else if (!owned && !after.equals(before)) {
      // another tree owns the year now: only it writes the employee's record
      employees.putUnmarked(key, after);
    } else if (!owned) {
      employees.clean(key);
    }
  }

  private boolean owned(final EmployeeYtd ytd) {
    return ytd.unitId() != null && ownsUnit.test(ytd.unitId());
  }

  private void forget(final String key, final EmployeeYtd stored) {
    if (stored != null) {
      employees.delete(key);
    }
  }

  /**
   * Places an employee after a roster change: in {@code unitId}, their unit in the latest roster
   * version, when active there and in one of the task's trees; nowhere when null.
   */
  void place(
      final String employeeId, final String unitId, final long at, final List<Integer> openYears) {
    final RosterEntry old = roster.get(employeeId);
    final String oldUnit = old == null ? null : old.unitId();
    if (unitId == null) {
      if (old != null) {
        roster.delete(employeeId);
      }
    } else {
      roster.put(employeeId, new RosterEntry(unitId, at));
    }
    if (Objects.equals(oldUnit, unitId)) {
      return;
    }
    for (final int year : openYears) {
      final String key = TreeKeys.employeeYear(year, employeeId);
      final EmployeeYtd ytd = employees.get(key);
      final double jp = ytd == null ? 0.0 : ytd.jpTotal();
      move(year, oldUnit, jp, -1);
      move(year, unitId, jp, 1);
      if (unitId == null && ytd != null && !owned(ytd)) {
        // out of this task's counters, and its year is another tree's
        forget(key, ytd);
      }
    }
  }

  private void move(final int year, final String unitId, final double jp, final int sign) {
    if (unitId == null) {
      return;
    }
    for (final String chainUnit : hierarchy.selfAndAncestors(unitId)) {
      final String unitKey = TreeKeys.unitYear(year, chainUnit);
      if (jp > 0) {
        final Tracked<UnitYtd> unit = units.read(unitKey);
        units.change(
            unitKey, unit, TrackedStore.figures(unit, UnitYtd.EMPTY).with(jp, targetJp, sign));
      } else {
        // the headcount changed even without JP: the unit's record must be re-emitted
        units.touch(unitKey, UnitYtd.EMPTY);
      }
    }
  }

  /** A unit's year record, PROVISIONAL (and counted as written) or FINAL, of its figures. */
  private UnitJpProgress progress(
      final UnitInfo unit,
      final CalendarYear year,
      final RecordStatus status,
      final int revision,
      final UnitYtd figures,
      final Instant asOf,
      final Instant now) {
    return TreeRecords.jpProgress(
        unit,
        year,
        status,
        revision,
        asOf,
        // active as of asOf (clamped to the year): a version dated later does not count yet
        headcounts.asOf(
            unit.unitId(), (asOf.isAfter(year.end()) ? year.end() : asOf).toEpochMilli() + 1),
        figures,
        targetJp,
        now);
  }

  /**
   * The employee's record of the year, to be written now (its mark taken away, over the entry read
   * once), or null when they have none.
   */
  EmployeeJpProgress employeeToWrite(final int year, final String employeeId, final Instant now) {
    final String key = TreeKeys.employeeYear(year, employeeId);
    final Tracked<EmployeeYtd> entry = employees.read(key);
    employees.clean(key, entry);
    if (entry == null) {
      return null;
    }
    final EmployeeYtd ytd = entry.figures();
    return TreeRecords.employeeProgress(employeeId, ytd.unitId(), year, ytd, targetJp, now);
  }

  /**
   * The PROVISIONAL record of a unit's open year, counted as written (its mark taken away in the
   * same put).
   */
  UnitJpProgress provisional(
      final UnitInfo unit, final CalendarYear year, final Instant asOf, final Instant now) {
    final Tracked<UnitYtd> written =
        units.written(TreeKeys.unitYear(year.year(), unit.unitId()), UnitYtd.EMPTY);
    return progress(
        unit, year, RecordStatus.PROVISIONAL, written.revision(), written.figures(), asOf, now);
  }

  /**
   * The FINAL record of a unit's closed year; forgets the unit's entry. A year close writes one per
   * unit of the task's trees, a bounded number per call, then calls {@link #closedUnits}, {@link
   * #writeChanged} until it returns fewer than asked, and {@link #closedEmployees}.
   */
  UnitJpProgress finalRecord(
      final CalendarYear year, final UnitInfo unit, final Instant asOf, final Instant now) {
    final String key = TreeKeys.unitYear(year.year(), unit.unitId());
    final Tracked<UnitYtd> entry = units.read(key);
    final UnitJpProgress record =
        progress(
            unit,
            year,
            RecordStatus.FINAL,
            (entry == null ? 0 : entry.revision()) + 1,
            TrackedStore.figures(entry, UnitYtd.EMPTY),
            asOf,
            now);
    units.delete(key);
    return record;
  }

  /**
   * After every unit's FINAL record of the year: queues the year's remaining unit entries (units
   * outside the snapshot) for deletion in bounded chunks and forgets their marks. Nothing writes a
   * closed year's keys again.
   */
  void closedUnits(final CalendarYear year, final ChunkedDeletes deletes) {
    final String unitPrefix = TreeKeys.unitYearPrefix(year.year());
    deletes.deletePrefix(TreeStores.YTD_UNIT, unitPrefix);
    units.forgetMarks(unitPrefix);
  }

  /**
   * Hands the last record of at most {@code limit} employees changed since the last emission in the
   * closed year, after {@code after} in key order, to {@code employeeRecords} and clears their
   * dirty marks: found through the dirty marks (a few), not a scan of every employee of the year
   * (nationally millions per task).
   *
   * @param after the last dirty mark taken before (null: from the first)
   * @return the dirty marks taken, in key order; fewer than {@code limit} when none is left
   */
  List<String> writeChanged(
      final CalendarYear year,
      final String after,
      final int limit,
      final Instant now,
      final Consumer<EmployeeJpProgress> employeeRecords) {
    final String employeePrefix = TreeKeys.employeeYearPrefix(year.year());
    final List<String> keys = employees.dirtyKeys(employeePrefix, after, limit);
    for (final String key : keys) {
      final String employeeId = key.substring(employeePrefix.length());
      final EmployeeJpProgress record = employeeToWrite(year.year(), employeeId, now);
      if (record != null) {
        employeeRecords.accept(record);
      }
    }
    return keys;
  }

  /**
   * Queues the closed year's employee entries for deletion in bounded chunks and forgets their
   * marks: nothing writes a closed year's keys again (events and moves of a closed year are
   * ignored).
   */
  void closedEmployees(final CalendarYear year, final ChunkedDeletes deletes) {
    final String employeePrefix = TreeKeys.employeeYearPrefix(year.year());
    deletes.deletePrefix(TreeStores.YTD_EMPLOYEE, employeePrefix);
    employees.forgetMarks(employeePrefix);
  }

  /** The key of a year record in its output topic. */
  static String outputKey(final String id, final int year) {
    return JakartaCalendar.yearKey(id, year);
  }
}
