package id.go.bkn.asn.simulator;

import id.go.bkn.asn.schema.EmploymentType;
import id.go.bkn.asn.schema.PositionType;
import id.go.bkn.asn.schema.WorkUnit;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Fills a run's seats from its audience without scanning the roster per seat: each audience is an
 * array of roster positions with cumulative weights (the unit's participation times the person's
 * own propensity), sampled by binary search. Nobody gets two seats in one run, nobody tied up in a
 * long programme is booked into another, and nobody from a unit that is silent during the run is
 * picked. Transfers change units, so they mark the pools stale and the next fill rebuilds them.
 */
final class AudiencePools {

  private final SimulationState state;
  private final Map<Audience, Pool> pools = new EnumMap<>(Audience.class);
  private final int[] seatedIn;
  private final double[] personal;
  private final boolean[] recent;
  private int fills;
  private boolean stale = true;

  AudiencePools(final SimulationState state) {
    this.state = state;
    this.seatedIn = new int[state.employeeIds.length];
    Arrays.fill(seatedIn, -1);
    this.personal = state.reference.personalPropensity();
    this.recent = state.reference.recentlyAppointed();
  }

  /** Marks the pools stale (an employee changed unit). */
  void invalidate() {
    stale = true;
  }

  /**
   * Picks up to seats employees of the audience for a run spanning [start, end].
   *
   * @param occupies whether the run ties its attendees up until its end
   * @return roster positions, fewer than seats when the audience runs short
   */
  int[] fill(
      final Audience audience,
      final int seats,
      final long start,
      final long end,
      final boolean occupies,
      final SplittableRandom rng) {
    if (stale) {
      rebuild();
    }
    Pool pool = pools.get(audience);
    if (pool.members.length == 0) {
      pool = pools.get(Audience.ALL);
    }
    final int stamp = fills++;
    final int[] chosen = new int[Math.min(seats, pool.members.length)];
    int count = 0;
    final int attempts = seats * 4 + 16;
    for (int attempt = 0; attempt < attempts && count < chosen.length; attempt++) {
      final int employee = pool.sample(rng);
      if (seatedIn[employee] == stamp
          || state.busyUntil[employee] > start
          || state.profileOf(employee).silentDuring(start, end)) {
        continue;
      }
      seatedIn[employee] = stamp;
      if (occupies) {
        state.busyUntil[employee] = end;
      }
      chosen[count++] = employee;
    }
    return Arrays.copyOf(chosen, count);
  }

  private void rebuild() {
    for (final Audience audience : Audience.values()) {
      pools.put(audience, build(audience));
    }
    stale = false;
  }

  private Pool build(final Audience audience) {
    final int n = state.employeeIds.length;
    final int[] members = new int[n];
    final double[] cumulative = new double[n];
    int count = 0;
    double total = 0;
    for (int e = 0; e < n; e++) {
      if (belongs(audience, e)) {
        total += state.profileOf(e).participation() * personal[e];
        members[count] = e;
        cumulative[count] = total;
        count++;
      }
    }
    return new Pool(Arrays.copyOf(members, count), Arrays.copyOf(cumulative, count), total);
  }

  private boolean belongs(final Audience audience, final int e) {
    final WorkUnit unit = state.reference.units().get(state.employeeUnit[e]);
    final PositionType position = state.roster.get(e).getPositionType();
    return switch (audience) {
      case ALL -> true;
      case STRUCTURAL -> position == PositionType.STRUCTURAL;
      case NEW_PNS -> recent[e] && state.roster.get(e).getEmploymentType() == EmploymentType.PNS;
      case EDUCATION -> "DINDIKBUD".equals(unit.getUnitId());
      case HEALTH -> "DINKES".equals(unit.getUnitId()) || "RSUD".equals(unit.getUnitId());
      case REGIONAL -> "KECAMATAN".equals(unit.getKind()) || "KELURAHAN".equals(unit.getKind());
      case FUNCTIONAL -> position == PositionType.FUNCTIONAL;
    };
  }

  /** One audience's members with their cumulative weights. */
  private record Pool(int[] members, double[] cumulative, double total) {
    int sample(final SplittableRandom rng) {
      if (total <= 0) {
        return members[rng.nextInt(members.length)];
      }
      final double u = rng.nextDouble() * total;
      int index = Arrays.binarySearch(cumulative, u);
      if (index < 0) {
        index = -index - 1;
      }
      return members[Math.min(index, members.length - 1)];
    }
  }
}
