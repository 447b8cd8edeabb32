package id.go.bkn.asn.topics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link TopicAdmin} creates the contract's topics: partitions (6 for every topic unless told
 * otherwise, CONTRACT.md 3), replication factor (by default min(3, brokers in the cluster)) and how
 * long to wait for the cluster. Immutable; the {@code with...} methods return a changed copy.
 *
 * @param defaultPartitions partitions of every topic without an override
 * @param partitionOverrides partitions of particular topics
 * @param replicationFactor the replication factor; empty for min(3, number of brokers)
 * @param timeout how long each request to the cluster may take
 */
public record TopicSettings(
    int defaultPartitions,
    Map<ContractTopic, Integer> partitionOverrides,
    Optional<Short> replicationFactor,
    Duration timeout) {
  /** Partitions of every contract topic unless configured otherwise. */
  public static final int DEFAULT_PARTITIONS = 6;

  /** The replication factor when the cluster has at least this many brokers. */
  public static final short MAX_DEFAULT_REPLICATION_FACTOR = 3;

  public TopicSettings {
    requirePositive(defaultPartitions, "defaultPartitions");
    partitionOverrides.values().forEach(p -> requirePositive(p, "partitions"));
    partitionOverrides = Map.copyOf(partitionOverrides);
    replicationFactor.ifPresent(rf -> requirePositive(rf, "replicationFactor"));
    Objects.requireNonNull(timeout, "timeout");
  }

  /** 6 partitions for every topic, replication factor min(3, brokers), 30 s per request. */
  public static TopicSettings defaults() {
    return new TopicSettings(
        DEFAULT_PARTITIONS, Map.of(), Optional.empty(), Duration.ofSeconds(30));
  }

  /** A copy with {@code partitions} for every topic without an override. */
  public TopicSettings withPartitions(final int partitions) {
    return new TopicSettings(partitions, partitionOverrides, replicationFactor, timeout);
  }

  /** A copy with {@code partitions} for {@code topic}. */
  public TopicSettings withPartitions(final ContractTopic topic, final int partitions) {
    final Map<ContractTopic, Integer> overrides = new EnumMap<>(ContractTopic.class);
    overrides.putAll(partitionOverrides);
    overrides.put(topic, partitions);
    return new TopicSettings(defaultPartitions, overrides, replicationFactor, timeout);
  }

  /** A copy with a fixed replication factor instead of min(3, brokers). */
  public TopicSettings withReplicationFactor(final short factor) {
    return new TopicSettings(defaultPartitions, partitionOverrides, Optional.of(factor), timeout);
  }

  /** A copy waiting at most {@code value} for each request to the cluster. */
  public TopicSettings withTimeout(final Duration value) {
    return new TopicSettings(defaultPartitions, partitionOverrides, replicationFactor, value);
  }

  /** The partitions {@code topic} is created with. */
  public int partitionsOf(final ContractTopic topic) {
    return partitionOverrides.getOrDefault(topic, defaultPartitions);
  }

  private static void requirePositive(final int value, final String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, not " + value);
    }
  }
}
