package id.go.bkn.asn.topology;

import static id.go.bkn.asn.topology.TreeFixture.KEC_A;
import static id.go.bkn.asn.topology.TreeFixture.KEL_A1;
import static id.go.bkn.asn.topology.TreeFixture.KEL_A2;
import static id.go.bkn.asn.topology.TreeFixture.wib;
import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.config.AlertThresholds;
import id.go.bkn.asn.config.TopologySettings;
import id.go.bkn.asn.schema.AlertRule;
import id.go.bkn.asn.schema.AlertState;
import id.go.bkn.asn.schema.ParticipationAlert;
import id.go.bkn.asn.topology.tree.TreeOwnership;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CONTRACT.md section 5, "Alerts": an alert that can no longer be judged because its unit became
 * inactive or left the task's trees (moved under a root another task owns; a unit is never deleted:
 * a tombstone on reference.units is bad input and changes nothing) is RESOLVED when the next week
 * closes, saying why, so {@code asn_alert_active} does not stay 1 for ever.
 */
class TreeStageAlertsResolveTest {

  private static final AlertThresholds COHORT_OF_ONE =
      new AlertThresholds(0.05, 0.80, 76.61, 0.20, 4, 1);

  @TempDir Path stateDir;

  @Test
  void shouldResolveOpenAlertsSayingWhyWhenTheUnitBecomesInactiveOrLeavesTheTasksTrees() {
    // Two tree partitions: the driver runs partition 0, so a root of partition 1 with no messages
    // belongs to another task.
    final TopologySettings two = TreeFixture.settingsWith(COHORT_OF_ONE).withInternalPartitions(2);
    final String otherRoot = rootOfPartition(1, two.treePartitions());
    try (TreeFixture fx = new TreeFixture(stateDir, two)) {
      // given one employee in each kelurahan of KEC-A and a silent week (03-10) that fires
      fx.pipe(
          fx.hire("E1", KEL_A1, wib("2025-01-01T00:00")),
          fx.hire("E2", KEL_A2, wib("2025-01-01T00:00")));
      fx.tick(wib("2025-03-10T08:00"));
      fx.tick(wib("2025-03-19T00:00"));
      fx.drain();
      // (participation 0 %, no attendance, and no one at 20 JP when the pace line is above 0)
      final AlertRule[] firing = {
        AlertRule.LOW_PARTICIPATION, AlertRule.NO_ACTIVITY, AlertRule.JP_BEHIND_PACE
      };
      assertThat(of(fx, KEL_A1))
          .allSatisfy(a -> assertThat(a.getState()).isEqualTo(AlertState.FIRING))
          .extracting(ParticipationAlert::getRule)
          .containsExactlyInAnyOrder(firing);
      assertThat(of(fx, KEL_A2)).extracting(ParticipationAlert::getRule).hasSize(3);

      // when KEL-A1 is made inactive, KEL-A2 moved under another task's root, a tombstone for
      // KEC-A (bad input: skipped) and the week of 03-17 closes
      fx.updateUnit(KEL_A1, "Kelurahan A1", "KELURAHAN", KEC_A, false);
      fx.updateUnit(otherRoot, "Kota Lain", "PEMDA", null, true);
      fx.updateUnit(KEL_A2, "Kelurahan A2", "KELURAHAN", otherRoot, true);
      fx.deleteUnit(KEC_A);
      fx.tick(wib("2025-03-26T00:00"));
      fx.drain();

      // then each open alert gets exactly one RESOLVED record naming the reason
      final List<ParticipationAlert> inactive = resolved(fx, KEL_A1);
      assertThat(inactive)
          .extracting(ParticipationAlert::getRule)
          .containsExactlyInAnyOrder(firing);
      assertThat(inactive)
          .allSatisfy(a -> assertThat(a.getMessage()).contains("unit kerja tidak lagi aktif"));
      final List<ParticipationAlert> moved = resolved(fx, KEL_A2);
      assertThat(moved).extracting(ParticipationAlert::getRule).containsExactlyInAnyOrder(firing);
      assertThat(moved)
          .allSatisfy(a -> assertThat(a.getMessage()).contains("unit kerja tidak lagi terdaftar"));
      // the tombstone changed nothing: KEC-A is still in reference.units
      assertThat(resolved(fx, KEC_A))
          .noneSatisfy(a -> assertThat(a.getMessage()).contains("tidak lagi terdaftar"));

      // and nothing more once they are resolved
      fx.tick(wib("2025-04-02T00:00"));
      fx.drain();
      assertThat(of(fx, KEL_A1)).hasSize(6);
      assertThat(of(fx, KEL_A2)).hasSize(6);
    }
  }

  /** A root id that Kafka's default partitioning sends to {@code partition}. */
  private static String rootOfPartition(final int partition, final int partitions) {
    for (int i = 0; ; i++) {
      final String root = "KOTA-LAIN-" + i;
      if (TreeOwnership.partitionOf(root, partitions) == partition) {
        return root;
      }
    }
  }

  private static List<ParticipationAlert> of(final TreeFixture fx, final String unit) {
    return fx.alertRecords.stream().filter(a -> a.getUnitId().equals(unit)).toList();
  }

  private static List<ParticipationAlert> resolved(final TreeFixture fx, final String unit) {
    return of(fx, unit).stream().filter(a -> a.getState() == AlertState.RESOLVED).toList();
  }
}
