package id.go.bkn.asn.simulator;

import id.go.bkn.asn.schema.Employee;
import java.util.List;

/**
 * The mutable state one simulation shares between its planner, runs and transfers: where each
 * employee works now, until when they are tied up in a long programme, and the helpers every
 * timeline uses. Arrays indexed by roster position, so nothing is looked up by id per event.
 */
final class SimulationState {

  /** The {@code source} of every simulated event. */
  static final String SOURCE = "simulator";

  final SimulationConfig config;
  final KotaSerangReference reference;
  final List<Employee> roster;
  final String[] employeeIds;
  final int[] employeeUnit;
  final long[] busyUntil;
  final UnitProfile[] profiles;
  final WorkingCalendar calendar = new WorkingCalendar();
  final EventIds eventIds;
  final AudiencePools pools;
  final long fromMillis;
  private long ordinals;

  SimulationState(final SimulationConfig config, final KotaSerangReference reference) {
    this.config = config;
    this.reference = reference;
    this.roster = reference.roster();
    this.employeeIds = reference.employeeIds();
    this.employeeUnit = reference.employeeUnits();
    this.busyUntil = new long[employeeIds.length];
    this.profiles = reference.profilesByIndex();
    this.eventIds = new EventIds(config.seed(), 'e');
    this.fromMillis = config.from().toEpochMilli();
    this.pools = new AudiencePools(this);
  }

  /** The next timeline ordinal. */
  long nextOrdinal() {
    return ordinals++;
  }

  /** The profile of the unit an employee works in now. */
  UnitProfile profileOf(final int employee) {
    return profiles[employeeUnit[employee]];
  }
}
