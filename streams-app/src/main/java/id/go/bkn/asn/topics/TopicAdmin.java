package id.go.bkn.asn.topics;

import id.go.bkn.asn.topics.TopicSetupResult.TopicMismatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates every topic of the contract ({@link ContractTopic}) with its partitions, replication
 * factor, {@code cleanup.policy} and {@code retention.ms}, as {@code ./pipeline topics} does.
 * Idempotent: topics that exist are left alone, and one whose partitions or cleanup policy differ
 * from the contract is reported as a warning, never changed, because repartitioning or recompacting
 * a live topic is an operator's decision. Wraps an {@link Admin} client that the caller owns.
 */
public final class TopicAdmin {
  private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);

  private final Admin admin;
  private final TopicSettings settings;

  public TopicAdmin(final Admin admin, final TopicSettings settings) {
    this.admin = admin;
    this.settings = settings;
  }

  /**
   * Creates the contract's topics that do not exist yet and checks the ones that do.
   *
   * @throws KafkaException when the cluster cannot be reached or refuses a topic
   */
  public TopicSetupResult createTopics() {
    final List<ContractTopic> topics = Arrays.asList(ContractTopic.values());
    final Set<String> present = await(admin.listTopics().names(), "list topics");
    final List<ContractTopic> missing =
        topics.stream().filter(t -> !present.contains(t.topicName())).toList();

    final List<String> created = new ArrayList<>();
    final List<String> raced = createMissing(missing, created);
    final List<String> existing =
        topics.stream()
            .map(ContractTopic::topicName)
            .filter(name -> present.contains(name) || raced.contains(name))
            .toList();
    final List<TopicMismatch> mismatched = checkExisting(existing);

    final TopicSetupResult result = new TopicSetupResult(created, existing, mismatched);
    LOG.info("Contract topics: {}", result.summary());
    mismatched.forEach(m -> LOG.warn("Topic {} {}; left as it is", m.topic(), m.problem()));
    return result;
  }

  /** Creates {@code missing} into {@code created}; returns those another client created first. */
  private List<String> createMissing(
      final List<ContractTopic> missing, final List<String> created) {
    if (missing.isEmpty()) {
      return List.of();
    }
    final short replicationFactor = replicationFactor();
    final List<NewTopic> newTopics =
        missing.stream().map(t -> newTopic(t, replicationFactor)).toList();
    final Map<String, KafkaFuture<Void>> futures = admin.createTopics(newTopics).values();
    final List<String> raced = new ArrayList<>();
    for (final ContractTopic topic : missing) {
      try {
        await(futures.get(topic.topicName()), "create topic " + topic.topicName());
        created.add(topic.topicName());
      } catch (final TopicExistsException e) {
        // Another instance of ./pipeline topics (or the app) won the race: it exists, that is all.
        raced.add(topic.topicName());
      }
    }
    return raced;
  }

  private NewTopic newTopic(final ContractTopic topic, final short replicationFactor) {
    final Map<String, String> configs = new HashMap<>();
    configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, topic.cleanup().policy());
    topic
        .retention()
        .ifPresent(r -> configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(r.toMillis())));
    return new NewTopic(topic.topicName(), settings.partitionsOf(topic), replicationFactor)
        .configs(configs);
  }

  private short replicationFactor() {
    return settings
        .replicationFactor()
        .orElseGet(
            () -> {
              final int brokers = await(admin.describeCluster().nodes(), "describe cluster").size();
              return (short) Math.min(TopicSettings.MAX_DEFAULT_REPLICATION_FACTOR, brokers);
            });
  }

  private List<TopicMismatch> checkExisting(final List<String> existing) {
    if (existing.isEmpty()) {
      return List.of();
    }
    final Map<String, TopicDescription> descriptions =
        await(admin.describeTopics(existing).allTopicNames(), "describe topics");
    final List<ConfigResource> resources =
        existing.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
    final Map<ConfigResource, Config> configs =
        await(admin.describeConfigs(resources).all(), "describe topic configs");
    final List<TopicMismatch> mismatched = new ArrayList<>();
    for (final String name : existing) {
      final ContractTopic topic = ContractTopic.byName(name).orElseThrow();
      final int partitions = descriptions.get(name).partitions().size();
      final int expectedPartitions = settings.partitionsOf(topic);
      final List<String> problems = new ArrayList<>();
      if (partitions != expectedPartitions) {
        problems.add("has " + partitions + " partitions, the contract says " + expectedPartitions);
      }
      final ConfigEntry policy =
          configs
              .get(new ConfigResource(ConfigResource.Type.TOPIC, name))
              .get(TopicConfig.CLEANUP_POLICY_CONFIG);
      final String actualPolicy = policy == null ? "" : policy.value();
      if (!policies(actualPolicy).equals(Set.of(topic.cleanup().policy()))) {
        problems.add(
            "has cleanup.policy="
                + actualPolicy
                + ", the contract says "
                + topic.cleanup().policy());
      }
      if (!problems.isEmpty()) {
        mismatched.add(new TopicMismatch(name, String.join(" and ", problems)));
      }
    }
    return mismatched;
  }

  /** A cleanup.policy value as a set: {@code "compact, delete"} equals {@code "delete,compact"}. */
  private static Set<String> policies(final String value) {
    return Arrays.stream(value.split(","))
        .map(p -> p.trim().toLowerCase(Locale.ROOT))
        .filter(p -> !p.isEmpty())
        .collect(Collectors.toSet());
  }

  private <T> T await(final KafkaFuture<T> future, final String what) {
    try {
      return future.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (final ExecutionException e) {
      if (e.getCause() instanceof KafkaException) {
        throw (KafkaException) e.getCause();
      }
      throw new KafkaException("Could not " + what + ": " + e.getCause(), e.getCause());
    } catch (final TimeoutException e) {
      throw new KafkaException(
          "Could not " + what + " within " + settings.timeout().toSeconds() + " s", e);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("Interrupted while trying to " + what, e);
    }
  }
}
