package id.go.bkn.asn.simulator;

import id.go.bkn.asn.function.JakartaCalendar;
import id.go.bkn.asn.schema.Employee;
import id.go.bkn.asn.schema.PositionType;
import id.go.bkn.asn.schema.WorkUnit;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Moves a few employees between units (mutasi), at random office hours on working days, about
 * {@code transfersPerWeek} a week: each is a new Employee record with the new unit and an
 * effectiveFrom of the transfer's time. Staff move within their family of units (between kecamatan
 * and kelurahan offices, or between the other offices); functional staff (teachers, nurses) are
 * left where they are.
 */
final class TransferTimeline implements Timeline {

  private static final long DAY = 24 * 3_600_000L;

  private final SimulationState state;
  private final SplittableRandom rng;
  private final double meanGapDays;
  private final long ordinal;
  private final List<Integer> regional = new ArrayList<>();
  private final List<Integer> offices = new ArrayList<>();
  private long next;

  TransferTimeline(final SimulationState state) {
    this.state = state;
    this.rng = Seeds.random(state.config.seed(), Seeds.TRANSFERS, 0);
    this.meanGapDays = 7.0 / state.config.transfersPerWeek();
    this.ordinal = state.nextOrdinal();
    final List<WorkUnit> units = state.reference.units();
    for (int u = 0; u < units.size(); u++) {
      if (isRegional(units.get(u))) {
        regional.add(u);
      } else if (units.get(u).getParentUnitId() != null) {
        offices.add(u);
      }
    }
    this.next = nextAfter(state.fromMillis);
  }

  @Override
  public long nextTime() {
    return next;
  }

  @Override
  public boolean hasNext() {
    return true;
  }

  @Override
  public long ordinal() {
    return ordinal;
  }

  @Override
  public boolean emitNext(final SimulationSink sink) {
    final long at = next;
    next = nextAfter(at);
    for (int attempt = 0; attempt < 20; attempt++) {
      final int employee = rng.nextInt(state.employeeIds.length);
      final Employee current = state.roster.get(employee);
      if (current.getPositionType() == PositionType.FUNCTIONAL) {
        continue;
      }
      final int from = state.employeeUnit[employee];
      final List<Integer> family =
          isRegional(state.reference.units().get(from)) ? regional : offices;
      final int to = family.get(rng.nextInt(family.size()));
      if (to == from) {
        continue;
      }
      state.employeeUnit[employee] = to;
      state.pools.invalidate();
      sink.employee(
          new Employee(
              current.getEmployeeId(),
              state.reference.units().get(to).getUnitId(),
              current.getEmploymentType(),
              current.getPositionType(),
              true,
              Instant.ofEpochMilli(at)));
      return true;
    }
    return false;
  }

  private long nextAfter(final long t) {
    final double gap = -Math.log(1 - rng.nextDouble()) * meanGapDays;
    final LocalDate day =
        state.calendar.workingDayOnOrAfter(
            JakartaCalendar.dateOf(Instant.ofEpochMilli(t + (long) (gap * DAY))));
    return Math.max(t + 1, WorkingCalendar.officeTimeOn(day, rng));
  }

  private static boolean isRegional(final WorkUnit unit) {
    return "KECAMATAN".equals(unit.getKind()) || "KELURAHAN".equals(unit.getKind());
  }
}
