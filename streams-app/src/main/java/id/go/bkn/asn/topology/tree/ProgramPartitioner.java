package id.go.bkn.asn.topology.tree;

import id.go.bkn.asn.internal.ProgramMessage;
import id.go.bkn.asn.internal.ProgramMessageKind;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Partitions the asn-program repartition topic: an attendance or feedback message goes to the
 * partition of its programme id (Kafka's default hash of the key), a WATERMARK to every partition
 * (KIP-837 multicast), so that each programme task hears every tree task's clock. Kafka Streams 4.4
 * honours the returned set for {@code repartition()}: its sink calls {@code partitions(...)} and
 * sends one copy per partition.
 */
public final class ProgramPartitioner implements StreamPartitioner<String, ProgramMessage> {

  /** The key of WATERMARK messages (never a programme id: programme ids have no '~'). */
  public static final String WATERMARK_KEY = "~watermark";

  @Override
  public Optional<Set<Integer>> partitions(
      final String topic, final String key, final ProgramMessage value, final int numPartitions) {
    if (value != null && value.getKind() == ProgramMessageKind.WATERMARK) {
      final Set<Integer> all = new HashSet<>();
      for (int p = 0; p < numPartitions; p++) {
        all.add(p);
      }
      return Optional.of(all);
    }
    if (key == null) {
      return Optional.empty();
    }
    return Optional.of(Set.of(TreeOwnership.partitionOf(key, numPartitions)));
  }
}
