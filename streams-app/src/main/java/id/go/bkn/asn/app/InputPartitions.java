package id.go.bkn.asn.app;

import id.go.bkn.asn.config.TopologySettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets {@link TopologySettings#inputPartitions()} from the actual partition count of an input
 * topic: each tree task waits for a watermark from every ingest task, one per input partition, so a
 * wrong count either stalls every window (too many) or lets one ingest task's events arrive after
 * their window closed (too few). The roster and the three event topics must be co-partitioned (the
 * same count), or the as-of roster join looks for an employee in a task that does not hold them: a
 * mismatch stops the start with a one-line {@link UserError} naming each topic's count, before any
 * record is processed. When the topics cannot be described the configured count is kept, with a
 * WARN (Kafka Streams itself then stops on a missing topic).
 */
final class InputPartitions {

  private static final Logger LOG = LoggerFactory.getLogger(InputPartitions.class);
  private static final int TIMEOUT_MS = 15_000;

  private InputPartitions() {}

  /**
   * The settings with the topics' common partition count, or unchanged when they cannot be read.
   *
   * @param topics the co-partitioned inputs, the roster and the event topics
   * @throws UserError when their partition counts differ
   */
  static TopologySettings of(
      final TopologySettings settings,
      final List<String> topics,
      final Properties streamsProperties) {
    final Map<String, Object> config =
        new StreamsConfig(streamsProperties).getAdminConfigs("input-partitions");
    final Map<String, Integer> counts = new LinkedHashMap<>();
    try (Admin admin = Admin.create(config)) {
      final Map<String, TopicDescription> descriptions =
          admin
              .describeTopics(topics, new DescribeTopicsOptions().timeoutMs(TIMEOUT_MS))
              .allTopicNames()
              .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      for (final String topic : topics) {
        counts.put(topic, descriptions.get(topic).partitions().size());
      }
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      return fallback(settings, topics.toString(), e);
    } catch (final ExecutionException | TimeoutException | RuntimeException e) {
      return fallback(settings, topics.toString(), e);
    }
    final int partitions = common(counts);
    if (partitions != settings.inputPartitions()) {
      LOG.info("The input topics have {} partitions: the tree stage waits for as many", partitions);
    }
    return settings.withInputPartitions(partitions);
  }

  /**
   * The partition count all the topics share.
   *
   * @throws UserError naming every topic's count when they differ
   */
  static int common(final Map<String, Integer> counts) {
    if (counts.values().stream().distinct().count() > 1) {
      throw new UserError(
          "The roster and event topics must have the same number of partitions for the roster"
              + " join, but "
              + counts.entrySet().stream()
                  .map(e -> e.getKey() + " has " + e.getValue())
                  .collect(Collectors.joining(", "))
              + "; give them the same count (kafka-topics.sh --alter --partitions N) before"
              + " starting");
    }
    return counts.values().iterator().next();
  }

  private static TopologySettings fallback(
      final TopologySettings settings, final String topic, final Exception e) {
    LOG.warn(
        "Could not read the partition count of {} ({}); assuming the configured {}",
        topic,
        e.toString(),
        settings.inputPartitions());
    return settings;
  }
}
