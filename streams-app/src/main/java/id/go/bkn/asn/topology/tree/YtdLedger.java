package id.go.bkn.asn.topology.tree;

import id.go.bkn.asn.function.CalendarYear;
import id.go.bkn.asn.function.JakartaCalendar;
import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.internal.TreeMessageKind;
import id.go.bkn.asn.schema.EmployeeJpProgress;
import id.go.bkn.asn.schema.RecordStatus;
import id.go.bkn.asn.schema.UnitJpProgress;
import id.go.bkn.asn.topology.UnitHierarchy;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Year-to-date JP per employee and per unit subtree. An employee's jpTotal counts wherever they
 * earned it; the unit counters hold the employees the roster currently places in the subtree as
 * active, each with their whole year's jpTotal, so a transfer moves that total from the old chain
 * to the new one and a deactivation removes it. Every update touches one employee entry and the
 * counters of one or two unit chains: O(depth), never a scan of employees.
 */
final class YtdLedger {

  private final KeyValueStore<String, EmployeeYtd> employees;
  private final KeyValueStore<String, UnitYtd> units;
  private final KeyValueStore<String, RosterEntry> roster;
  private final HeadcountLedger headcounts;
  private final EmissionLog log;
  private final UnitHierarchy hierarchy;
  private final double targetJp;

  YtdLedger(
      final KeyValueStore<String, EmployeeYtd> employees,
      final KeyValueStore<String, UnitYtd> units,
      final KeyValueStore<String, RosterEntry> roster,
      final HeadcountLedger headcounts,
      final EmissionLog log,
      final UnitHierarchy hierarchy,
      final double targetJp) {
    this.employees = employees;
    this.units = units;
    this.roster = roster;
    this.headcounts = headcounts;
    this.log = log;
    this.hierarchy = hierarchy;
    this.targetJp = targetJp;
  }

  /** Counts a credited session or a completion of a non-anonymous event in its open year. */
  void count(final CalendarYear year, final TreeMessage event) {
    final boolean session =
        event.getKind() == TreeMessageKind.ATTENDANCE
            && ("PRESENT".equals(event.getStatus()) || "LATE".equals(event.getStatus()));
    final boolean completion =
        event.getKind() == TreeMessageKind.ENROLLMENT && "COMPLETED".equals(event.getAction());
    if (!session && !completion) {
      return;
    }
    final String employeeId = event.getEmployeeId();
    final String key = TreeKeys.employeeYear(year.year(), employeeId);
    final EmployeeYtd stored = employees.get(key);
    final EmployeeYtd before = stored == null ? EmployeeYtd.empty(event.getUnitId()) : stored;
    final double jp = event.getSessionJp() == null ? 0.0 : event.getSessionJp();
    final EmployeeYtd after =
        session
            ? before.withSession(jp, event.getUnitId())
            : before.withCompletion(event.getUnitId());
    update(year, employeeId, key, before, after, event.getOccurredAt().toEpochMilli());
  }

  /**
   * Undoes a credited session counted before in its open year (a correction replaced it): the
   * session's JP is credited at most once, whatever the corrections and replays.
   */
  void retract(final CalendarYear year, final TreeMessage event) {
    final boolean session =
        event.getKind() == TreeMessageKind.ATTENDANCE
            && ("PRESENT".equals(event.getStatus()) || "LATE".equals(event.getStatus()));
    if (!session) {
      return;
    }
    final String employeeId = event.getEmployeeId();
    final String key = TreeKeys.employeeYear(year.year(), employeeId);
    final EmployeeYtd before = employees.get(key);
    if (before == null) {
      return;
    }
    final double jp = event.getSessionJp() == null ? 0.0 : event.getSessionJp();
    update(
        year,
        employeeId,
        key,
        before,
        before.withoutSession(jp),
        event.getOccurredAt().toEpochMilli());
  }

  private void update(
      final CalendarYear year,
      final String employeeId,
      final String key,
      final EmployeeYtd before,
      final EmployeeYtd after,
      final long at) {
    employees.put(key, after);
    log.markDirty(key, at);
    final RosterEntry placement = roster.get(employeeId);
    if (placement != null && after.jpTotal() != before.jpTotal()) {
      for (final String unitId : hierarchy.selfAndAncestors(placement.unitId())) {
        final String unitKey = TreeKeys.unitYear(year.year(), unitId);
        units.put(unitKey, unit(unitKey).changed(before.jpTotal(), after.jpTotal(), targetJp));
        log.markDirty(unitKey, at);
      }
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
      final EmployeeYtd ytd = employees.get(TreeKeys.employeeYear(year, employeeId));
      final double jp = ytd == null ? 0.0 : ytd.jpTotal();
      move(year, oldUnit, jp, -1, at);
      move(year, unitId, jp, 1, at);
    }
  }

  private void move(
      final int year, final String unitId, final double jp, final int sign, final long at) {
    if (unitId == null) {
      return;
    }
    for (final String chainUnit : hierarchy.selfAndAncestors(unitId)) {
      final String unitKey = TreeKeys.unitYear(year, chainUnit);
      if (jp > 0) {
        units.put(unitKey, unit(unitKey).with(jp, targetJp, sign));
      }
      // the headcount changed even without JP: the unit's record must be re-emitted
      log.markDirty(unitKey, at);
    }
  }

  /** A unit's year record, PROVISIONAL (and counted as written) or FINAL. */
  UnitJpProgress progress(
      final UnitInfo unit,
      final CalendarYear year,
      final RecordStatus status,
      final int revision,
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
        unit(TreeKeys.unitYear(year.year(), unit.unitId())),
        targetJp,
        now);
  }

  /** The employee's record of the year, or null when they have none. */
  EmployeeJpProgress employee(final int year, final String employeeId, final Instant now) {
    final EmployeeYtd ytd = employees.get(TreeKeys.employeeYear(year, employeeId));
    if (ytd == null) {
      return null;
    }
    final RosterEntry placement = roster.get(employeeId);
    final String unitId = placement == null ? ytd.lastUnitId() : placement.unitId();
    return TreeRecords.employeeProgress(employeeId, unitId, year, ytd, targetJp, now);
  }

  /**
   * Closes a year: hands every unit's FINAL record to {@code finals}, the last record of every
   * employee changed since the last emission to {@code employeeRecords}, then deletes the year.
   */
  void close(
      final CalendarYear year,
      final TreeUnits treeUnits,
      final Instant asOf,
      final Instant now,
      final Consumer<UnitJpProgress> finals,
      final Consumer<EmployeeJpProgress> employeeRecords) {
    for (final UnitInfo unit : treeUnits.all()) {
      final String key = TreeKeys.unitYear(year.year(), unit.unitId());
      finals.accept(progress(unit, year, RecordStatus.FINAL, log.finalRevision(key), asOf, now));
      units.delete(key);
    }
    final String unitPrefix = TreeKeys.unitYearPrefix(year.year());
    StorePrefixes.delete(units, unitPrefix);
    log.forgetPrefix(unitPrefix);
    final String employeePrefix = TreeKeys.employeeYearPrefix(year.year());
    for (final String key : StorePrefixes.keys(employees, employeePrefix)) {
      if (log.isDirty(key)) {
        final String employeeId = key.substring(employeePrefix.length());
        final EmployeeJpProgress record = employee(year.year(), employeeId, now);
        if (record != null) {
          employeeRecords.accept(record);
        }
      }
      employees.delete(key);
    }
    log.forgetPrefix(employeePrefix);
  }

  /** The key of a year record in its output topic. */
  static String outputKey(final String id, final int year) {
    return JakartaCalendar.yearKey(id, year);
  }

  private UnitYtd unit(final String key) {
    final UnitYtd ytd = units.get(key);
    return ytd == null ? UnitYtd.EMPTY : ytd;
  }
}
