package id.go.bkn.asn.simulator;

import id.go.bkn.asn.function.JakartaCalendar;
import id.go.bkn.asn.schema.WorkUnit;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Assigns each unit its {@link UnitProfile}. Most units are ordinary, with some spread; a few
 * mid-sized offices (30-400 staff, so the weekly rules' minimum cohort of 20 applies) get the roles
 * that make alert rules fire: three lag, two have poor attendance, two rate harshly; six kelurahan
 * fall silent for five to ten weeks starting in the first two weeks. Which units get a role depends
 * on the seed.
 */
final class UnitProfiles {

  static final int LAGGING = 3;
  static final int LOW_ATTENDANCE = 2;
  static final int LOW_SATISFACTION = 2;
  static final int SILENT = 6;

  /** The big service offices and the training office itself do not play a lagging role. */
  private static final Set<String> NEVER_SPECIAL = Set.of("DINDIKBUD", "DINKES", "RSUD", "BKPSDM");

  private UnitProfiles() {}

  static UnitProfile[] assign(
      final List<WorkUnit> units,
      final int[] sizes,
      final Instant from,
      final SplittableRandom rng) {
    final UnitProfile[] profiles = new UnitProfile[units.size()];
    final List<Integer> offices = new ArrayList<>();
    final List<Integer> kelurahan = new ArrayList<>();
    for (int i = 0; i < units.size(); i++) {
      final WorkUnit unit = units.get(i);
      profiles[i] = sizes[i] == 0 ? empty() : ordinary(rng);
      final String kind = unit.getKind();
      if ("KELURAHAN".equals(kind)) {
        kelurahan.add(i);
      } else if (!"KECAMATAN".equals(kind)
          && !"PEMDA".equals(kind)
          && !NEVER_SPECIAL.contains(unit.getUnitId())
          && sizes[i] >= 30
          && sizes[i] <= 400) {
        offices.add(i);
      }
    }
    shuffle(offices, rng);
    shuffle(kelurahan, rng);
    int next = 0;
    for (int k = 0; k < LAGGING && next < offices.size(); k++) {
      profiles[offices.get(next++)] = lagging();
    }
    for (int k = 0; k < LOW_ATTENDANCE && next < offices.size(); k++) {
      profiles[offices.get(next++)] = lowAttendance(rng);
    }
    for (int k = 0; k < LOW_SATISFACTION && next < offices.size(); k++) {
      profiles[offices.get(next++)] = lowSatisfaction(rng);
    }
    final LocalDate start = JakartaCalendar.dateOf(from);
    for (int k = 0; k < SILENT && k < kelurahan.size(); k++) {
      final LocalDate silentFrom = start.plusDays(rng.nextInt(14));
      final LocalDate silentUntil = silentFrom.plusWeeks(5 + rng.nextInt(6));
      final UnitProfile base = profiles[kelurahan.get(k)];
      profiles[kelurahan.get(k)] =
          new UnitProfile(
              UnitProfile.Role.SILENT,
              base.participation(),
              base.lateShare(),
              base.absentShare(),
              base.excusedShare(),
              base.ratingBias(),
              base.responseRate(),
              silentFrom.atStartOfDay(JakartaCalendar.ZONE).toInstant(),
              silentUntil.atStartOfDay(JakartaCalendar.ZONE).toInstant());
    }
    return profiles;
  }

  private static UnitProfile ordinary(final SplittableRandom rng) {
    return new UnitProfile(
        UnitProfile.Role.NORMAL,
        0.75 + 0.55 * rng.nextDouble(),
        0.05 + 0.05 * rng.nextDouble(),
        0.03 + 0.05 * rng.nextDouble(),
        0.04,
        -0.15 + 0.3 * rng.nextDouble(),
        0.65 + 0.2 * rng.nextDouble(),
        null,
        null);
  }

  private static UnitProfile empty() {
    return new UnitProfile(UnitProfile.Role.EMPTY, 0, 0.07, 0.06, 0.04, 0, 0.7, null, null);
  }

  private static UnitProfile lagging() {
    return new UnitProfile(UnitProfile.Role.LAGGING, 0.04, 0.1, 0.12, 0.05, -0.2, 0.45, null, null);
  }

  private static UnitProfile lowAttendance(final SplittableRandom rng) {
    // (present + late) / (present + late + absent) is about 0.65, well under the 80 % line.
    return new UnitProfile(
        UnitProfile.Role.LOW_ATTENDANCE,
        0.9 + 0.3 * rng.nextDouble(),
        0.1,
        0.32,
        0.04,
        -0.1,
        0.6,
        null,
        null);
  }

  private static UnitProfile lowSatisfaction(final SplittableRandom rng) {
    // Ordinary programmes (about 4.2) land near 2.9 for these units: index about 58, IKM band D.
    return new UnitProfile(
        UnitProfile.Role.LOW_SATISFACTION,
        1.0 + 0.2 * rng.nextDouble(),
        0.07,
        0.06,
        0.04,
        -1.3,
        0.8,
        null,
        null);
  }

  /** Fisher-Yates with the given stream, so the choice depends on the seed only. */
  private static void shuffle(final List<Integer> list, final SplittableRandom rng) {
    for (int i = list.size() - 1; i > 0; i--) {
      final int j = rng.nextInt(i + 1);
      final Integer tmp = list.get(i);
      list.set(i, list.get(j));
      list.set(j, tmp);
    }
  }
}
