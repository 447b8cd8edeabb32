package id.go.bkn.asn.app;

import id.go.bkn.asn.topology.ReferenceAuditTopology;
import id.go.bkn.asn.topology.TopicNames;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the app does with the reference judge before the main client starts: creates the judge's
 * valid-record topics if they are missing (compacted, one partition: the judge's order is their
 * order), and waits until the judge has caught up, so that the global stores are complete before
 * any event is processed. Caught up means: the judge's consumer group has committed, on every
 * partition of the raw reference topics, the end offset taken when the wait began, and then, on its
 * one-partition repartition topic, the end offset taken once the first part held (units pass
 * through it before they are judged). Kafka Streams has no such gate, so it is written here with
 * the admin client: a bounded wait, logged once, and a clear error when it runs out, never a hang.
 */
final class ReferenceJudgeStartup {

  private static final Logger LOG = LoggerFactory.getLogger(ReferenceJudgeStartup.class);
  private static final long TIMEOUT_MS = 30_000;
  private static final Duration POLL = Duration.ofMillis(200);

  private ReferenceJudgeStartup() {}

  /** Creates the valid-record topics that are missing; running it twice changes nothing. */
  static void createValidTopics(final Map<String, Object> adminConfig, final TopicNames topics) {
    try (Admin admin = Admin.create(adminConfig)) {
      final List<NewTopic> missing = new ArrayList<>();
      final Map<String, String> compact =
          Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
      for (final String topic : List.of(topics.unitsStoreSource(), topics.programsStoreSource())) {
        missing.add(new NewTopic(topic, Optional.of(1), Optional.empty()).configs(compact));
      }
      for (final NewTopic topic : missing) {
        try {
          admin.createTopics(List.of(topic)).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
          LOG.info("Created the reference judge's topic {}", topic.name());
        } catch (final ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException(
                "Cannot create the reference judge's topic " + topic.name() + ": " + e.getCause(),
                e);
          }
        }
      }
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating the reference judge's topics", e);
    } catch (final TimeoutException e) {
      throw new IllegalStateException("Timed out creating the reference judge's topics", e);
    }
  }

  /**
   * Waits until the judge of {@code judgeApplicationId} has caught up with {@code rawTopics}, at
   * most {@code timeout}; {@code alive} false (the judge failed) ends the wait at once.
   *
   * @throws IllegalStateException when it has not caught up in time, or stopped
   */
  static void awaitCaughtUp(
      final Map<String, Object> adminConfig,
      final String judgeApplicationId,
      final List<String> rawTopics,
      final Duration timeout,
      final BooleanSupplier alive,
      final Clock clock) {
    final long deadline = clock.millis() + timeout.toMillis();
    final String repartition =
        judgeApplicationId + "-" + ReferenceAuditTopology.JUDGE_TOPIC + "-repartition";
    LOG.info(
        "Waiting for the reference judge to catch up with {} before the figures start (at most {})",
        rawTopics,
        timeout);
    try (Admin admin = Admin.create(adminConfig)) {
      final Map<TopicPartition, Long> rawEnds = endOffsets(admin, rawTopics);
      waitFor(admin, judgeApplicationId, rawEnds, deadline, alive, clock, "the reference topics");
      // Missing only if the judge never ran a record through it (empty reference topics).
      final Map<TopicPartition, Long> judgeEnds =
          admin.listTopics().names().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).contains(repartition)
              ? endOffsets(admin, List.of(repartition))
              : Map.of();
      waitFor(admin, judgeApplicationId, judgeEnds, deadline, alive, clock, repartition);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the reference judge", e);
    } catch (final ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Cannot read the reference judge's progress: " + e, e);
    }
    LOG.info("The reference judge has caught up; the figures start");
  }

  private static void waitFor(
      final Admin admin,
      final String group,
      final Map<TopicPartition, Long> ends,
      final long deadline,
      final BooleanSupplier alive,
      final Clock clock,
      final String what)
      throws InterruptedException, ExecutionException, TimeoutException {
    while (true) {
      final Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      final List<TopicPartition> behind = new ArrayList<>();
      for (final Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
        final OffsetAndMetadata at = committed.get(end.getKey());
        if (end.getValue() > 0 && (at == null || at.offset() < end.getValue())) {
          behind.add(end.getKey());
        }
      }
      if (behind.isEmpty()) {
        return;
      }
      if (!alive.getAsBoolean()) {
        throw new IllegalStateException(
            "The reference judge stopped before it caught up with " + what + "; see its log");
      }
      if (clock.millis() >= deadline) {
        throw new IllegalStateException(
            "The reference judge did not catch up with "
                + what
                + " in time (still behind on "
                + behind
                + "); the figures do not start without complete reference data");
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  private static Map<TopicPartition, Long> endOffsets(final Admin admin, final List<String> topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    final Map<String, TopicDescription> descriptions =
        admin.describeTopics(topics).allTopicNames().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    descriptions.forEach(
        (topic, description) ->
            description
                .partitions()
                .forEach(
                    p ->
                        latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
    final Map<TopicPartition, ListOffsetsResultInfo> offsets =
        admin.listOffsets(latest).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    final Map<TopicPartition, Long> ends = new HashMap<>();
    offsets.forEach((partition, info) -> ends.put(partition, info.offset()));
    return ends;
  }
}
