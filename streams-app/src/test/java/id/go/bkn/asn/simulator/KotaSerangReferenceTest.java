package id.go.bkn.asn.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.schema.Employee;
import id.go.bkn.asn.schema.EmploymentType;
import id.go.bkn.asn.schema.OrganizerKind;
import id.go.bkn.asn.schema.PositionType;
import id.go.bkn.asn.schema.TrainingProgram;
import id.go.bkn.asn.schema.WorkUnit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KotaSerangReferenceTest {

  private static final Instant FROM = Instant.parse("2026-10-02T17:00:00Z");

  private KotaSerangReference reference;
  private Map<String, Integer> headcount;

  @BeforeAll
  void buildTheCity() {
    reference = KotaSerangReference.build(SimulationConfig.startingAt(FROM));
    headcount = new HashMap<>();
    for (final Employee employee : reference.roster()) {
      headcount.merge(employee.getUnitId(), 1, Integer::sum);
    }
  }

  @Test
  void shouldGiveEveryPnsAValidNipWhenTheRosterIsBuilt() {
    // given the default roster

    // when
    final List<Employee> pns =
        reference.roster().stream()
            .filter(e -> e.getEmploymentType() == EmploymentType.PNS)
            .toList();
    final List<Employee> pppk =
        reference.roster().stream()
            .filter(e -> e.getEmploymentType() == EmploymentType.PPPK)
            .toList();

    // then
    assertThat(pns).hasSize(SimulationConfig.DEFAULT_PNS);
    assertThat(pppk).hasSize(SimulationConfig.DEFAULT_PPPK);
    assertThat(pns).allSatisfy(e -> assertThat(Nip.isValid(e.getEmployeeId())).isTrue());
    assertThat(pppk)
        .allSatisfy(e -> assertThat(PppkNumber.isValid(e.getEmployeeId())).isTrue())
        .allSatisfy(e -> assertThat(e.getPositionType()).isNotEqualTo(PositionType.STRUCTURAL));
    assertThat(reference.roster().stream().map(Employee::getEmployeeId).distinct().count())
        .isEqualTo(reference.roster().size());
    assertThat(reference.roster())
        .allSatisfy(e -> assertThat(e.getEffectiveFrom()).isBefore(FROM))
        .allSatisfy(e -> assertThat(e.getActive()).isTrue());
  }

  @Test
  void shouldHoldEveryUnitOfTheCsvWhenItIsLoaded() throws IOException {
    // given the CSV itself, read independently of the loader
    final List<List<String>> rows;
    try (InputStream in = getClass().getResourceAsStream(KotaSerangReference.UNITS_RESOURCE)) {
      rows = CsvReader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    final Set<String> csvIds =
        rows.subList(1, rows.size()).stream().map(r -> r.get(0)).collect(Collectors.toSet());

    // when
    final Map<String, WorkUnit> units =
        reference.units().stream().collect(Collectors.toMap(WorkUnit::getUnitId, u -> u));

    // then
    assertThat(units.keySet()).isEqualTo(csvIds).hasSize(101);
    assertThat(units.get("DKBP3A").getName())
        .isEqualTo("Dinas Pengendalian Penduduk, KB, Pemberdayaan Perempuan dan Perlindungan Anak");
    assertThat(reference.units().stream().filter(u -> "KELURAHAN".equals(u.getKind()))).hasSize(67);
  }

  @Test
  void shouldKeepTheHierarchyIntactWhenUnitsAreOrderedParentsFirst() {
    // given
    final Set<String> seen = new HashSet<>();

    // when / then: one root, and every parent exists and comes before its children
    assertThat(reference.units().stream().filter(u -> u.getParentUnitId() == null))
        .singleElement()
        .satisfies(root -> assertThat(root.getUnitId()).isEqualTo("KOTA-SERANG"));
    for (final WorkUnit unit : reference.units()) {
      if (unit.getParentUnitId() != null) {
        assertThat(seen).as("parent of %s", unit.getUnitId()).contains(unit.getParentUnitId());
      }
      seen.add(unit.getUnitId());
    }
  }

  @Test
  void shouldSizeUnitsByKindWhenStaffIsSpread() {
    // given the default roster of 8,800

    // when / then
    for (final WorkUnit unit : reference.units()) {
      final int size = headcount.getOrDefault(unit.getUnitId(), 0);
      final String id = unit.getUnitId();
      switch (unit.getKind()) {
        case "PEMDA" -> assertThat(size).as(id).isZero();
        case "KELURAHAN" -> assertThat(size).as(id).isBetween(5, 15);
        case "KECAMATAN" -> assertThat(size).as(id).isBetween(20, 40);
        case "RSUD" -> assertThat(size).as(id).isBetween(400, 900);
        default -> {
          if ("DINDIKBUD".equals(id)) {
            assertThat(size).as(id).isBetween(2_500, 5_000);
          } else if ("DINKES".equals(id)) {
            assertThat(size).as(id).isBetween(700, 1_500);
          } else {
            assertThat(size).as(id).isBetween(40, 300);
          }
        }
      }
    }
    assertThat(
            reference.roster().stream().filter(e -> e.getPositionType() == PositionType.STRUCTURAL))
        .hasSizeBetween(300, 700);
  }

  @Test
  void shouldCoverEveryTrainingTypeAndOrganizerKindWhenTheCatalogueIsBuilt() {
    // given
    final List<String> types = KotaSerangReference.trainingTypeCodes();

    // when
    final List<TrainingProgram> programs = reference.programs();

    // then
    assertThat(types).hasSize(23).contains("PKA", "SEM", "ELRN", "MANDIRI");
    assertThat(programs.stream().map(TrainingProgram::getTrainingType).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(types);
    assertThat(programs.stream().map(TrainingProgram::getOrganizerKind).collect(Collectors.toSet()))
        .isEqualTo(EnumSet.allOf(OrganizerKind.class));
    assertThat(
            programs.stream()
                .filter(p -> p.getOrganizerKind() == OrganizerKind.UNIVERSITY)
                .map(TrainingProgram::getOrganizer)
                .collect(Collectors.toSet()))
        .anyMatch(o -> o.contains("Untirta"))
        .anyMatch(o -> o.contains("UIN Sultan Maulana Hasanuddin"));
    assertThat(programs.stream().map(TrainingProgram::getProgramId).distinct())
        .hasSize(programs.size());
    assertThat(programs)
        .filteredOn(p -> "PKA".equals(p.getTrainingType()))
        .allSatisfy(p -> assertThat(p.getTotalJp()).isGreaterThanOrEqualTo(200));
    assertThat(programs)
        .filteredOn(p -> "SEM".equals(p.getTrainingType()))
        .allSatisfy(p -> assertThat(p.getTotalJp()).isBetween(2.0, 8.0));
    assertThat(programs)
        .filteredOn(p -> "ELRN".equals(p.getTrainingType()))
        .allSatisfy(p -> assertThat(p.getTotalJp()).isBetween(4.0, 20.0));
  }

  @Test
  void shouldGiveEveryAlertRuleSomeUnitsWhenProfilesAreAssigned() {
    // given the default city

    // when / then: lagging and special units are big enough for the weekly rules (cohort 20)
    for (final UnitProfile.Role role :
        List.of(
            UnitProfile.Role.LAGGING,
            UnitProfile.Role.LOW_ATTENDANCE,
            UnitProfile.Role.LOW_SATISFACTION)) {
      assertThat(reference.unitsWithRole(role))
          .as(role.name())
          .isNotEmpty()
          .allSatisfy(id -> assertThat(headcount.get(id)).isGreaterThanOrEqualTo(20));
    }
    assertThat(reference.unitsWithRole(UnitProfile.Role.SILENT))
        .hasSize(UnitProfiles.SILENT)
        .allSatisfy(id -> assertThat(id).startsWith("KEL-"));
  }

  @Test
  void shouldBuildTheSameCityWhenTheSeedIsTheSame() {
    // given
    final SimulationConfig config = SimulationConfig.startingAt(FROM);

    // when
    final KotaSerangReference again = KotaSerangReference.build(config);
    final KotaSerangReference other = KotaSerangReference.build(config.withSeed(7));

    // then
    assertThat(again.roster()).isEqualTo(reference.roster());
    assertThat(other.roster()).isNotEqualTo(reference.roster());
  }
}
