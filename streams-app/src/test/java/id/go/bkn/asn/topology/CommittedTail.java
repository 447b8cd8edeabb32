package id.go.bkn.asn.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read_committed consumer that follows topics from their beginnings for a whole test, so that a
 * test compares every record a consumer keeping up saw, not what the log cleaner left.
 *
 * <p>The output topics are compacted and their records carry event time, so when a test replays
 * weeks of events in seconds their segments roll (by record timestamp, {@code segment.ms}) as fast
 * as the weeks close, and the cleaner then keeps only the latest record of each key: a FIRING alert
 * and the RESOLVED one after it share the key {@code unitId|RULE}, a PROVISIONAL and a FINAL record
 * share theirs, and so would a duplicate FINAL. A read from the beginning at the end of a test
 * therefore sees a history the cleaner may have shortened, or not, depending on timing. The tail
 * sees each record within a poll of its commit, long before its segment can be cleaned.
 */
final class CommittedTail implements CommittedReader, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CommittedTail.class);
  private static final Duration CATCH_UP = Duration.ofSeconds(60);

  private final List<String> topics;
  private final Map<String, Object> config;
  private final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
  private final LinkedBlockingQueue<CompletableFuture<Void>> catchUps = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean running = true;

  private CommittedTail(final String bootstrapServers, final List<String> topics) {
    this.topics = List.copyOf(topics);
    this.config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.GROUP_ID_CONFIG,
            "committed-tail-" + UUID.randomUUID(),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed");
    this.thread = new Thread(this::follow, "committed-tail");
    this.thread.setDaemon(true);
  }

  /** Follows {@code topics} (which must exist) from their beginnings until closed. */
  static CommittedTail start(final String bootstrapServers, final String... topics) {
    final CommittedTail tail = new CommittedTail(bootstrapServers, List.of(topics));
    tail.thread.start();
    return tail;
  }

  /**
   * Every record of {@code topic} the tail has seen, in offset order per partition, once the tail
   * has reached the topics' committed ends as they are now (it fails after a minute).
   */
  @Override
  public <T> List<ConsumerRecord<String, T>> read(
      final String topic, final Deserializer<T> values) {
    if (!topics.contains(topic)) {
      throw new IllegalArgumentException("the tail does not follow " + topic);
    }
    final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    catchUps.add(caughtUp);
    try {
      caughtUp.get(CATCH_UP.toMillis(), TimeUnit.MILLISECONDS);
    } catch (final TimeoutException e) {
      throw new AssertionError("the tail did not reach the end of " + topics + " in " + CATCH_UP);
    } catch (final ExecutionException e) {
      throw new AssertionError("the tail stopped", e.getCause());
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for the tail", e);
    }
    final List<ConsumerRecord<String, T>> out = new ArrayList<>();
    synchronized (records) {
      for (final ConsumerRecord<String, byte[]> r : records) {
        if (r.topic().equals(topic)) {
          out.add(
              new ConsumerRecord<>(
                  r.topic(),
                  r.partition(),
                  r.offset(),
                  r.timestamp(),
                  r.timestampType(),
                  r.serializedKeySize(),
                  r.serializedValueSize(),
                  r.key(),
                  r.value() == null ? null : values.deserialize(topic, r.headers(), r.value()),
                  r.headers(),
                  r.leaderEpoch()));
        }
      }
    }
    return out;
  }

  private void follow() {
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      final List<TopicPartition> partitions = new ArrayList<>();
      for (final String topic : topics) {
        consumer
            .partitionsFor(topic)
            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (running) {
        try {
          final var polled = consumer.poll(Duration.ofMillis(100));
          synchronized (records) {
            polled.forEach(records::add);
          }
          if (!catchUps.isEmpty()) {
            // a read_committed consumer's end offsets are the last stable offsets
            final Map<TopicPartition, Long> ends =
                consumer.endOffsets(partitions, Duration.ofSeconds(5));
            if (partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p))) {
              final List<CompletableFuture<Void>> waiting = new ArrayList<>();
              catchUps.drainTo(waiting);
              waiting.forEach(w -> w.complete(null));
            }
          }
        } catch (final org.apache.kafka.common.errors.TimeoutException e) {
          // the broker is restarting (CrashIT): the next poll reconnects
          LOG.debug("Tail: {}", e.toString());
        }
      }
    } catch (final RuntimeException e) {
      LOG.warn("Tail of {} stopped: {}", topics, e.toString());
      running = false;
      catchUps.forEach(w -> w.completeExceptionally(e));
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
