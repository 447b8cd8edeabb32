package id.go.bkn.asn.topology.tree;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Which trees a tree-stage task answers for: the roots whose key the asn-tree repartition sends to
 * this task's partition (Kafka's default partitioning of a UTF-8 string key: murmur2, positive,
 * modulo the partition count), plus every root whose messages this task has actually received (kept
 * in {@code tree-roots}). The first part lets a tree without any event still get its FINAL zeros;
 * the second keeps a tree whose messages arrive here counted even if the ingest stage ever
 * partitions differently.
 */
public final class TreeOwnership {

  private final int partition;
  private final int partitions;
  private final KeyValueStore<String, Long> seenRoots;

  /**
   * The ownership of one task.
   *
   * @param partition the task's partition of asn-tree
   * @param partitions the partition count of asn-tree
   * @param seenRoots the {@code tree-roots} store
   */
  public TreeOwnership(
      final int partition, final int partitions, final KeyValueStore<String, Long> seenRoots) {
    this.partition = partition;
    this.partitions = partitions;
    this.seenRoots = seenRoots;
  }

  /** The partition Kafka's default partitioner gives a string key. */
  public static int partitionOf(final String key, final int partitions) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  /** Records that a message of this tree reached the task. */
  public void remember(final String root, final long at) {
    if (root != null && seenRoots.get(root) == null) {
      seenRoots.put(root, at);
    }
  }

  /** Whether this task answers for the tree of this root. */
  public boolean owns(final String root) {
    return partitionOf(root, partitions) == partition || seenRoots.get(root) != null;
  }
}
