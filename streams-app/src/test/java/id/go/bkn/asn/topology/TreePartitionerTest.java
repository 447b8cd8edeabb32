package id.go.bkn.asn.topology;

import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.internal.TreeMessageKind;
import id.go.bkn.asn.topology.ingest.TreePartitioner;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

/** The asn-tree partitioner: watermarks to every partition, the rest as Kafka's default would. */
class TreePartitionerTest {

  private final TreePartitioner partitioner = new TreePartitioner();

  @Test
  void shouldMulticastToEveryPartitionWhenMessageIsWatermark() {
    // given
    final TreeMessage watermark =
        TreeMessage.newBuilder()
            .setKind(TreeMessageKind.WATERMARK)
            .setOccurredAt(Instant.parse("2025-03-10T00:00:00Z"))
            .setSenderPartition(3)
            .setSenderPartitions(6)
            .setIdle(false)
            .build();
    // when
    final Optional<Set<Integer>> partitions =
        partitioner.partitions("asn-tree", TreePartitioner.WATERMARK_KEY, watermark, 6);
    // then
    assertThat(partitions).contains(Set.of(0, 1, 2, 3, 4, 5));
  }

  @Test
  void shouldSendWhereKafkasDefaultPartitionerWouldWhenMessageIsNotWatermark() {
    for (final String root : new String[] {"KOTA-SERANG", "KAB-SERANG", "PROG-LATSAR", "X"}) {
      // given
      final TreeMessage event =
          TreeMessage.newBuilder()
              .setKind(TreeMessageKind.ATTENDANCE)
              .setRootUnitId(root)
              .setOccurredAt(Instant.parse("2025-03-10T00:00:00Z"))
              .build();
      // when
      final Optional<Set<Integer>> partitions = partitioner.partitions("asn-tree", root, event, 6);
      // then
      final int expected =
          BuiltInPartitioner.partitionForKey(root.getBytes(StandardCharsets.UTF_8), 6);
      assertThat(partitions).as(root).contains(Set.of(expected));
    }
  }
}
