package id.go.bkn.asn.app;

import id.go.bkn.asn.config.TopologySettings;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * their window closed (too few). The event topics and the roster are co-partitioned, so one topic
 * tells for all. When the topic cannot be described the configured count is kept, with a WARN.
 */
final class InputPartitions {

  private static final Logger LOG = LoggerFactory.getLogger(InputPartitions.class);
  private static final int TIMEOUT_MS = 15_000;

  private InputPartitions() {}

  /** The settings with the topic's partition count, or unchanged when it cannot be read. */
  static TopologySettings of(
      final TopologySettings settings, final String topic, final Properties streamsProperties) {
    final Map<String, Object> config =
        new StreamsConfig(streamsProperties).getAdminConfigs("input-partitions");
    try (Admin admin = Admin.create(config)) {
      final TopicDescription description =
          admin
              .describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(TIMEOUT_MS))
              .allTopicNames()
              .get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
              .get(topic);
      final int partitions = description.partitions().size();
      if (partitions != settings.inputPartitions()) {
        LOG.info("{} has {} partitions: the tree stage waits for as many", topic, partitions);
      }
      return settings.withInputPartitions(partitions);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      return fallback(settings, topic, e);
    } catch (final ExecutionException | TimeoutException | RuntimeException e) {
      return fallback(settings, topic, e);
    }
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
