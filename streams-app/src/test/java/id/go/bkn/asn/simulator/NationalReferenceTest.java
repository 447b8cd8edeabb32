package id.go.bkn.asn.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.go.bkn.asn.schema.Employee;
import id.go.bkn.asn.schema.WorkUnit;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NationalReferenceTest {

  private static final Instant FROM = Instant.parse("2026-10-01T17:00:00Z");
  private static final NationalConfig FULL =
      new NationalConfig(SimulationConfig.DEFAULT_SEED, FROM, NationalConfig.DEFAULT_EMPLOYEES);
  private static final NationalReference NATION = NationalReference.build(FULL);

  @Test
  void shouldHaveAbout550TreesWhoseSizesAddUpToTheRosterWhenBuiltAtFullSize() {
    final int[] sizes = NATION.treeSizes();

    assertThat(NATION.roots()).hasSize(550).doesNotHaveDuplicates();
    assertThat(Arrays.stream(sizes).asLongStream().sum()).isEqualTo(4_700_000L);
    // The largest tree is a ministry of a few hundred thousand; the smallest a small kabupaten.
    final int largest = Arrays.stream(sizes).max().orElseThrow();
    assertThat(largest).isBetween(200_000, 600_000);
    assertThat(Arrays.stream(sizes).min().orElseThrow()).isBetween(500, 5_000);
    assertThat(NATION.units().size()).isBetween(20_000, 100_000);
  }

  @Test
  void shouldListParentsBeforeChildrenWithinOneTreeWhenUnitsAreBuilt() {
    final Map<String, String> rootOf = new HashMap<>();
    for (final WorkUnit unit : NATION.units()) {
      if (unit.getParentUnitId() == null) {
        assertThat(NATION.roots()).contains(unit.getUnitId());
        rootOf.put(unit.getUnitId(), unit.getUnitId());
      } else {
        assertThat(rootOf)
            .as("parent of %s seen first", unit.getUnitId())
            .containsKey(unit.getParentUnitId());
        rootOf.put(unit.getUnitId(), rootOf.get(unit.getParentUnitId()));
      }
    }
    assertThat(rootOf).hasSize(NATION.units().size());
  }

  @Test
  void shouldGiveDistinctValidNipsWhenEmployeesAreDerivedFromTheirNumber() {
    final Set<String> ids = new HashSet<>();
    // Contiguous numbers share a birth day and differ by sequence, far ones by birth day: both.
    for (long g = 0; g < 100_000; g++) {
      ids.add(NATION.employeeId(g));
    }
    for (long g = 4_600_000; g < 4_700_000; g++) {
      ids.add(NATION.employeeId(g));
    }
    assertThat(ids).hasSize(200_000).allMatch(Nip::isValid);
  }

  @Test
  void shouldPlaceEveryEmployeeInTheUnitWhoseRangeHoldsThemWhenAskedForTheirRecord() {
    final Employee first = NATION.employee(0);
    final Employee last = NATION.employee(4_699_999);

    assertThat(first.getEmployeeId()).isEqualTo(NATION.employeeId(0));
    assertThat(NATION.units().get(NATION.unitOf(0)).getUnitId()).isEqualTo(first.getUnitId());
    assertThat(NATION.units().get(NATION.unitOf(4_699_999)).getUnitId())
        .isEqualTo(last.getUnitId());
    // Roots have no staff of their own: nobody is placed in one.
    assertThat(NATION.roots()).doesNotContain(first.getUnitId(), last.getUnitId());
  }

  @Test
  void shouldBeTheSameReferenceWhenBuiltTwiceFromOneSeed() {
    final NationalReference again = NationalReference.build(FULL);
    final NationalReference other = NationalReference.build(FULL.withSeed(7));

    assertThat(again.units()).isEqualTo(NATION.units());
    assertThat(again.employee(123_456)).isEqualTo(NATION.employee(123_456));
    assertThat(other.employeeId(123_456)).isNotEqualTo(NATION.employeeId(123_456));
  }

  @Test
  void shouldRefuseWhenRosterIsTooLargeForUniqueIds() {
    assertThatThrownBy(() -> FULL.withEmployees(NationalConfig.MAX_EMPLOYEES + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10000-13000000");
  }
}
