package id.go.bkn.asn.topology.ingest;

import id.go.bkn.asn.internal.TreeMessage;
import id.go.bkn.asn.internal.TreeMessageKind;
import id.go.bkn.asn.topology.tree.TreeOwnership;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Partitions the asn-tree repartition topic: a WATERMARK goes to every partition (KIP-837
 * multicast), so that each tree task hears every ingest task's watermark; every other message goes
 * exactly where Kafka's default partitioning of its key would send it (murmur2 of the UTF-8 key),
 * because {@link TreeOwnership} computes the same to know which trees a task answers for.
 */
public final class TreePartitioner implements StreamPartitioner<String, TreeMessage> {

  /** The key of WATERMARK messages (never a unit or programme id: those have no '~'). */
  public static final String WATERMARK_KEY = "~watermark";

  @Override
  public Optional<Set<Integer>> partitions(
      final String topic, final String key, final TreeMessage value, final int numPartitions) {
    if (value != null && value.getKind() == TreeMessageKind.WATERMARK) {
      final Set<Integer> all = new HashSet<>();
      for (int p = 0; p < numPartitions; p++) {
        all.add(p);
      }
      return Optional.of(all);
    }
    if (key == null) {
      // What the default partitioner does with a null key: the producer picks.
      return Optional.empty();
    }
    return Optional.of(Set.of(TreeOwnership.partitionOf(key, numPartitions)));
  }
}
