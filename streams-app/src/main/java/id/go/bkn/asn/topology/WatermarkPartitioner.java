package id.go.bkn.asn.topology;

import id.go.bkn.asn.topology.tree.TreeOwnership;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Partitions an internal topic that carries watermarks: a watermark goes to every partition
 * (KIP-837 multicast, honoured by {@code repartition()} since Kafka Streams 3.4), so that each
 * downstream task hears every upstream task's clock; every other message goes exactly where Kafka's
 * default partitioning of its key would send it (murmur2 of the UTF-8 key), because {@link
 * TreeOwnership} computes the same to know which trees a task answers for.
 *
 * @param <V> the internal message type
 */
public abstract class WatermarkPartitioner<V> implements StreamPartitioner<String, V> {

  /** The key of watermark messages (never a unit or programme id: those have no '~'). */
  public static final String WATERMARK_KEY = "~watermark";

  /** Whether {@code value} is a watermark, to be sent to every partition. */
  protected abstract boolean isWatermark(V value);

  @Override
  public final Optional<Set<Integer>> partitions(
      final String topic, final String key, final V value, final int numPartitions) {
    if (value != null && isWatermark(value)) {
      return Optional.of(
          IntStream.range(0, numPartitions).boxed().collect(Collectors.toUnmodifiableSet()));
    }
    if (key == null) {
      // What the default partitioner does with a null key: the producer picks.
      return Optional.empty();
    }
    return Optional.of(Set.of(TreeOwnership.partitionOf(key, numPartitions)));
  }
}
