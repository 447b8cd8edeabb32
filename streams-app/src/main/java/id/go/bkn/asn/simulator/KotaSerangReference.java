package id.go.bkn.asn.simulator;

import id.go.bkn.asn.function.JakartaCalendar;
import id.go.bkn.asn.schema.Employee;
import id.go.bkn.asn.schema.EmploymentType;
import id.go.bkn.asn.schema.PositionType;
import id.go.bkn.asn.schema.TrainingProgram;
import id.go.bkn.asn.schema.WorkUnit;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The simulated city: every work unit of Kota Serang in its hierarchy (from the classpath copy of
 * reference/kota-serang-units.csv), a synthetic roster (about 5,000 PNS and 3,800 PPPK by default)
 * spread over the units by kind, each unit's behaviour ({@link UnitProfile}) and the programme
 * catalogue. Built from the config's seed and the year of its {@code from}, so the same config
 * gives the same city. No names and no real person's data: PNS get random ids valid by the NIP
 * layout ({@link Nip}), PPPK ids of the documented {@link PppkNumber} scheme. The initial roster
 * takes effect on 1 January of the year before {@code from} (WIB), so late events reported weeks
 * after the fact still find their employee.
 */
public final class KotaSerangReference {

  /** Classpath location of the unit list; its source is /work/shared/reference. */
  public static final String UNITS_RESOURCE = "/reference/kota-serang-units.csv";

  /** Classpath location of the training types; its source is /work/shared/reference. */
  public static final String TRAINING_TYPES_RESOURCE = "/reference/training-types.csv";

  /** The root of the Kota Serang tree. */
  public static final String ROOT_UNIT_ID = "KOTA-SERANG";

  private final List<WorkUnit> units;
  private final Map<String, Integer> unitIndex;
  private final UnitProfile[] profiles;
  private final List<Employee> roster;
  private final List<ProgramSpec> programs;
  private final Instant rosterEffectiveFrom;
  // Per employee, in roster order: what the generator needs without looking at records.
  private final String[] employeeIds;
  private final int[] employeeUnit;
  private final boolean[] recentlyAppointed;
  private final double[] personalPropensity;

  private KotaSerangReference(
      final List<WorkUnit> units,
      final UnitProfile[] profiles,
      final Roster roster,
      final List<ProgramSpec> programs,
      final Instant rosterEffectiveFrom) {
    this.units = List.copyOf(units);
    this.unitIndex = new HashMap<>();
    for (int i = 0; i < units.size(); i++) {
      unitIndex.put(units.get(i).getUnitId(), i);
    }
    this.profiles = profiles.clone();
    this.roster = Collections.unmodifiableList(roster.records);
    this.programs = List.copyOf(programs);
    this.rosterEffectiveFrom = rosterEffectiveFrom;
    this.employeeIds = roster.ids.toArray(new String[0]);
    this.employeeUnit = roster.unit.stream().mapToInt(Integer::intValue).toArray();
    this.recentlyAppointed = new boolean[employeeIds.length];
    this.personalPropensity = new double[employeeIds.length];
    for (int i = 0; i < employeeIds.length; i++) {
      recentlyAppointed[i] = roster.recent.get(i);
      personalPropensity[i] = roster.propensity.get(i);
    }
  }

  /** The city for a config: units from the classpath, roster and profiles from the seed. */
  public static KotaSerangReference build(final SimulationConfig config) {
    final List<WorkUnit> units = loadUnits();
    final int year = JakartaCalendar.yearOf(config.from());
    final Instant effectiveFrom =
        LocalDate.of(year - 1, 1, 1).atStartOfDay(JakartaCalendar.ZONE).toInstant();
    final Roster roster =
        Roster.build(
            units,
            config.pnsCount(),
            config.pppkCount(),
            year,
            effectiveFrom,
            Seeds.random(config.seed(), Seeds.ROSTER, 0));
    final UnitProfile[] profiles =
        UnitProfiles.assign(
            units, roster.sizes, config.from(), Seeds.random(config.seed(), Seeds.PROFILES, 0));
    return new KotaSerangReference(
        units, profiles, roster, ProgramCatalog.kotaSerang(), effectiveFrom);
  }

  /** Every unit, parents before children. */
  public List<WorkUnit> units() {
    return units;
  }

  /** The initial roster, one record per employee, grouped by unit. */
  public List<Employee> roster() {
    return roster;
  }

  /** The programme catalogue. */
  public List<TrainingProgram> programs() {
    return programs.stream().map(ProgramSpec::program).toList();
  }

  /** When the initial roster takes effect. */
  public Instant rosterEffectiveFrom() {
    return rosterEffectiveFrom;
  }

  /** How a unit behaves in this simulation. */
  public UnitProfile profile(final String unitId) {
    final Integer index = unitIndex.get(unitId);
    if (index == null) {
      throw new IllegalArgumentException("no such unit: " + unitId);
    }
    return profiles[index];
  }

  /** The ids of the units with the given role, in unit order. */
  public List<String> unitsWithRole(final UnitProfile.Role role) {
    final List<String> ids = new ArrayList<>();
    for (int i = 0; i < units.size(); i++) {
      if (profiles[i].role() == role) {
        ids.add(units.get(i).getUnitId());
      }
    }
    return ids;
  }

  /** The training type codes of reference/training-types.csv, in file order. */
  public static List<String> trainingTypeCodes() {
    final List<List<String>> rows = CsvReader.parse(resource(TRAINING_TYPES_RESOURCE));
    return rows.subList(1, rows.size()).stream().map(row -> row.get(0)).toList();
  }

  List<ProgramSpec> programSpecs() {
    return programs;
  }

  UnitProfile[] profilesByIndex() {
    return profiles.clone();
  }

  String[] employeeIds() {
    return employeeIds.clone();
  }

  int[] employeeUnits() {
    return employeeUnit.clone();
  }

  boolean[] recentlyAppointed() {
    return recentlyAppointed.clone();
  }

  double[] personalPropensity() {
    return personalPropensity.clone();
  }

  static List<WorkUnit> loadUnits() {
    final List<List<String>> rows = CsvReader.parse(resource(UNITS_RESOURCE));
    final List<String> header = rows.get(0);
    if (!header.equals(List.of("unit_code", "name", "kind", "parent_code", "source"))) {
      throw new IllegalStateException("unexpected header in " + UNITS_RESOURCE + ": " + header);
    }
    final Map<String, WorkUnit> byId = new LinkedHashMap<>();
    for (final List<String> row : rows.subList(1, rows.size())) {
      if (row.size() != header.size()) {
        throw new IllegalStateException("bad row in " + UNITS_RESOURCE + ": " + row);
      }
      final String parent = row.get(3).isBlank() ? null : row.get(3).strip();
      final WorkUnit unit =
          new WorkUnit(row.get(0).strip(), row.get(1).strip(), row.get(2).strip(), parent, true);
      if (byId.put(unit.getUnitId(), unit) != null) {
        throw new IllegalStateException("duplicate unit " + unit.getUnitId());
      }
    }
    return parentsFirst(byId);
  }

  /** Units ordered by depth (stable), after checking every parent exists and there is one root. */
  private static List<WorkUnit> parentsFirst(final Map<String, WorkUnit> byId) {
    final Map<String, Integer> depth = new HashMap<>();
    int roots = 0;
    for (final WorkUnit unit : byId.values()) {
      if (unit.getParentUnitId() == null) {
        roots++;
      }
      depth.put(unit.getUnitId(), depthOf(unit, byId, new HashSet<>()));
    }
    if (roots != 1) {
      throw new IllegalStateException("expected one root unit, found " + roots);
    }
    final List<WorkUnit> ordered = new ArrayList<>(byId.values());
    ordered.sort((a, b) -> Integer.compare(depth.get(a.getUnitId()), depth.get(b.getUnitId())));
    return ordered;
  }

  private static int depthOf(
      final WorkUnit unit, final Map<String, WorkUnit> byId, final Set<String> seen) {
    if (!seen.add(unit.getUnitId())) {
      throw new IllegalStateException("cycle in the unit hierarchy at " + unit.getUnitId());
    }
    if (unit.getParentUnitId() == null) {
      return 0;
    }
    final WorkUnit parent = byId.get(unit.getParentUnitId());
    if (parent == null) {
      throw new IllegalStateException(
          "unit " + unit.getUnitId() + " has unknown parent " + unit.getParentUnitId());
    }
    return 1 + depthOf(parent, byId, seen);
  }

  private static String resource(final String path) {
    try (InputStream in = KotaSerangReference.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  /** The synthetic roster, built unit by unit. */
  private static final class Roster {
    private final List<Employee> records = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();
    private final List<Integer> unit = new ArrayList<>();
    private final List<Boolean> recent = new ArrayList<>();
    private final List<Double> propensity = new ArrayList<>();
    private final Set<String> taken = new HashSet<>();
    private int[] sizes;

    static Roster build(
        final List<WorkUnit> units,
        final int pns,
        final int pppk,
        final int year,
        final Instant effectiveFrom,
        final SplittableRandom rng) {
      final Roster roster = new Roster();
      final int[] sizes = UnitSizing.sizes(units, pns + pppk, rng);
      final int[] structural = new int[units.size()];
      for (int i = 0; i < units.size(); i++) {
        structural[i] = UnitSizing.structuralPosts(units.get(i), sizes[i]);
      }
      final int[] pppkPerUnit = UnitSizing.pppk(units, sizes, structural, pppk);
      roster.sizes = sizes;
      for (int u = 0; u < units.size(); u++) {
        final WorkUnit unit = units.get(u);
        final double functional = UnitSizing.functionalShare(unit);
        final double female = UnitSizing.femaleShare(unit);
        for (int k = 0; k < sizes[u]; k++) {
          final boolean isPppk = k >= sizes[u] - pppkPerUnit[u];
          final PositionType position =
              k < structural[u]
                  ? PositionType.STRUCTURAL
                  : rng.nextDouble() < functional ? PositionType.FUNCTIONAL : PositionType.EXECUTOR;
          final int sex = rng.nextDouble() < female ? 2 : 1;
          final String id = isPppk ? roster.pppkId(year, sex, rng) : roster.pnsId(year, sex, rng);
          roster.records.add(
              new Employee(
                  id,
                  unit.getUnitId(),
                  isPppk ? EmploymentType.PPPK : EmploymentType.PNS,
                  position,
                  true,
                  effectiveFrom));
          roster.ids.add(id);
          roster.unit.add(u);
          roster.propensity.add(propensity(rng));
        }
      }
      return roster;
    }

    /** A NIP for someone aged 23-57 in the year, appointed CPNS at 20-35, before the year. */
    private String pnsId(final int year, final int sex, final SplittableRandom rng) {
      final int age = 23 + rng.nextInt(35);
      final LocalDate birth = LocalDate.of(year - age, 1, 1).plusDays(rng.nextInt(365));
      final int appointedAt = 20 + rng.nextInt(Math.min(age - 1, 35) - 20 + 1);
      final YearMonth appointment =
          YearMonth.of(birth.getYear() + appointedAt, 1 + rng.nextInt(12));
      recent.add(appointment.getYear() >= year - 2);
      int sequence = 1 + rng.nextInt(3);
      String id = new Nip(birth, appointment, sex, sequence).toString();
      while (!taken.add(id)) {
        sequence = sequence % 999 + 1;
        id = new Nip(birth, appointment, sex, sequence).toString();
      }
      return id;
    }

    /** A PPPK number for someone aged 24-55, appointed 2019 or later, half of them last year. */
    private String pppkId(final int year, final int sex, final SplittableRandom rng) {
      final int age = 24 + rng.nextInt(32);
      final LocalDate birth = LocalDate.of(year - age, 1, 1).plusDays(rng.nextInt(365));
      final int earliest = Math.max(PppkNumber.FIRST_YEAR, birth.getYear() + 19);
      final int latest = year - 1;
      final int appointed =
          rng.nextBoolean() || earliest >= latest
              ? latest
              : earliest + rng.nextInt(latest - earliest + 1);
      recent.add(false);
      int sequence = 1 + rng.nextInt(5);
      String id = new PppkNumber(birth, appointed, sex, sequence).toString();
      while (!taken.add(id)) {
        sequence = sequence % 999 + 1;
        id = new PppkNumber(birth, appointed, sex, sequence).toString();
      }
      return id;
    }

    /** Some never go (15 %), some always do (10 %), most in between. */
    private static double propensity(final SplittableRandom rng) {
      final double u = rng.nextDouble();
      if (u < 0.15) {
        return 0.1;
      }
      if (u < 0.25) {
        return 2.0;
      }
      return 0.6 + 0.8 * rng.nextDouble();
    }
  }
}
