package id.go.bkn.asn.topology;

import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.internal.ProgramMessage;
import id.go.bkn.asn.internal.ProgramMessageKind;
import id.go.bkn.asn.topology.tree.ProgramPartitioner;
import id.go.bkn.asn.topology.tree.TreeOwnership;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The asn-program partitioner: watermarks to every partition, the rest by programme. */
class TreeProgramPartitionerTest {

  private final ProgramPartitioner partitioner = new ProgramPartitioner();

  @Test
  void shouldMulticastToEveryPartitionWhenMessageIsWatermark() {
    // given
    final ProgramMessage watermark =
        ProgramMessage.newBuilder()
            .setKind(ProgramMessageKind.WATERMARK)
            .setOccurredAt(Instant.parse("2025-03-10T00:00:00Z"))
            .setSenderPartition(2)
            .setSenderPartitions(6)
            .build();
    // when
    final Optional<Set<Integer>> partitions =
        partitioner.partitions("asn-program", ProgramPartitioner.WATERMARK_KEY, watermark, 6);
    // then
    assertThat(partitions).contains(Set.of(0, 1, 2, 3, 4, 5));
  }

  @Test
  void shouldSendToTheProgrammesPartitionWhenMessageIsAnEvent() {
    // given
    final ProgramMessage attendance =
        ProgramMessage.newBuilder()
            .setKind(ProgramMessageKind.ATTENDANCE)
            .setProgramId("PRG-42")
            .setEmployeeId("E1")
            .setStatus("PRESENT")
            .setOccurredAt(Instant.parse("2025-03-10T00:00:00Z"))
            .build();
    // when
    final Optional<Set<Integer>> partitions =
        partitioner.partitions("asn-program", "PRG-42", attendance, 6);
    // then
    assertThat(partitions).contains(Set.of(TreeOwnership.partitionOf("PRG-42", 6)));
  }
}
