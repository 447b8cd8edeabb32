package id.go.bkn.asn.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Says when a Streams app has drained a backlog: when its consumer group's committed offsets have
 * reached the ends of its input topics and then, stage by stage, of its internal topics (the end of
 * each stage's topics taken when the stage before it drained, so the watermarks the app keeps
 * sending do not move the goal). Under exactly_once_v2 a committed offset can stop just before a
 * transaction marker, which holds no record; a partition whose committed offset is short of its end
 * counts as drained when a read_committed consumer positioned there finds no record before the end.
 * Kafka has no API for "drained", so this is written here on its Admin and consumer APIs.
 */
final class Drain implements AutoCloseable {

  private static final Duration PAUSE = Duration.ofMillis(100);

  private final Admin admin;
  private final KafkaConsumer<byte[], byte[]> probe;

  Drain(final Map<String, Object> clientConfig) {
    this.admin = Admin.create(clientConfig);
    final Map<String, Object> consumer = new HashMap<>(clientConfig);
    consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
    consumer.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
    this.probe =
        new KafkaConsumer<>(consumer, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /**
   * Waits until the group has drained every stage, in order.
   *
   * @param group the consumer group (the Streams application id)
   * @param stages the topics of each stage, inputs first
   * @param startNanos {@link System#nanoTime()} at the start of the run
   * @param timeout how long to wait in all
   * @param state the app's state: waiting stops when it has failed
   * @return for each stage, the time from the start at which it had drained
   * @throws IllegalStateException when the timeout passes first
   */
  List<Duration> await(
      final String group,
      final List<List<String>> stages,
      final long startNanos,
      final Duration timeout,
      final Supplier<KafkaStreams.State> state)
      throws InterruptedException {
    final long deadline = startNanos + timeout.toNanos();
    final List<Duration> drained = new ArrayList<>();
    for (final List<String> topics : stages) {
      final Map<TopicPartition, Long> targets = ends(topics);
      while (!reached(group, targets)) {
        final KafkaStreams.State now = state.get();
        if (now == KafkaStreams.State.ERROR
            || now == KafkaStreams.State.PENDING_ERROR
            || now == KafkaStreams.State.NOT_RUNNING) {
          throw new IllegalStateException(
              "the app " + group + " stopped (" + now + ") before draining; the log says why");
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the app "
                  + group
                  + " did not drain "
                  + topics
                  + " within "
                  + timeout.toSeconds()
                  + " s");
        }
        TimeUnit.MILLISECONDS.sleep(PAUSE.toMillis());
      }
      drained.add(Duration.ofNanos(System.nanoTime() - startNanos));
    }
    return drained;
  }

  /** The last stable offsets of every partition of these topics, now. */
  Map<TopicPartition, Long> ends(final List<String> topics) throws InterruptedException {
    final Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (final TopicPartition partition : partitions(topics)) {
      request.put(partition, OffsetSpec.latest());
    }
    return get(
            admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all())
        .entrySet()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  private boolean reached(final String group, final Map<TopicPartition, Long> targets)
      throws InterruptedException {
    final Map<TopicPartition, OffsetAndMetadata> committed =
        get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
    final Map<TopicPartition, Long> behind = new HashMap<>();
    for (final Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
      final OffsetAndMetadata offset = committed.get(target.getKey());
      final long at = offset == null ? 0 : offset.offset();
      if (at < target.getValue()) {
        behind.put(target.getKey(), at);
      }
    }
    return behind.isEmpty() || onlyMarkersLeft(behind, targets);
  }

  /** Whether nothing but transaction markers lies between each committed offset and its end. */
  private boolean onlyMarkersLeft(
      final Map<TopicPartition, Long> committed, final Map<TopicPartition, Long> targets) {
    // A gap of more than a few offsets always holds records: one marker per transaction.
    if (committed.entrySet().stream().anyMatch(e -> targets.get(e.getKey()) - e.getValue() > 3)) {
      return false;
    }
    probe.assign(committed.keySet());
    committed.forEach(probe::seek);
    final long deadline = System.nanoTime() + Duration.ofMillis(500).toNanos();
    while (System.nanoTime() < deadline) {
      for (final ConsumerRecord<byte[], byte[]> record : probe.poll(Duration.ofMillis(50))) {
        final TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (record.offset() < targets.get(partition)) {
          return false;
        }
      }
      if (committed.keySet().stream().allMatch(p -> probe.position(p) >= targets.get(p))) {
        return true;
      }
    }
    return false;
  }

  private Set<TopicPartition> partitions(final List<String> topics) throws InterruptedException {
    return get(admin.describeTopics(topics).allTopicNames()).values().stream()
        .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
        .collect(Collectors.toSet());
  }

  private static <T> T get(final org.apache.kafka.common.KafkaFuture<T> future)
      throws InterruptedException {
    try {
      return future.get(30, TimeUnit.SECONDS);
    } catch (final ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (final TimeoutException e) {
      throw new IllegalStateException("the cluster did not answer within 30 s", e);
    }
  }

  @Override
  public void close() {
    probe.close(Duration.ofSeconds(5));
    admin.close(Duration.ofSeconds(5));
  }
}
