package id.go.bkn.asn.view;

import id.go.bkn.asn.registry.SchemaRegistryClient;
import id.go.bkn.asn.schema.ParticipationAlert;
import id.go.bkn.asn.schema.ProgramSatisfaction;
import id.go.bkn.asn.schema.TrainingProgram;
import id.go.bkn.asn.schema.UnitActivity;
import id.go.bkn.asn.schema.UnitJpProgress;
import id.go.bkn.asn.schema.WorkUnit;
import id.go.bkn.asn.serde.AvroDeserializer;
import id.go.bkn.asn.topology.TopicNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The aggregate view of one app instance (docs/design/metrics.md): a Kafka consumer without a
 * consumer group that reads every partition of the reference and aggregate topics from the
 * beginning, committed records only, into an {@link AggregateState}, and publishes a snapshot to
 * the {@link BusinessMetrics} gauges and to {@link #snapshot()} readers at most once per refresh
 * interval. Every instance reads the same committed records, so every instance exposes the same
 * values, and a rebalance of the streams app does not touch it.
 *
 * <p>Input topics: {@code reference.units}, {@code reference.programs}, {@code
 * analytics.unit-activity-daily}, {@code analytics.unit-activity-weekly}, {@code
 * analytics.unit-jp-ytd}, {@code analytics.program-satisfaction-weekly}, {@code
 * alerts.participation}. It writes nothing. Snapshots are first published once the view has read up
 * to the end offsets it saw at start, so gauges never show a half-read history.
 */
public final class AggregateView implements AutoCloseable {

  /** How often the view publishes a new snapshot while records arrive. */
  public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(AggregateView.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration TOPIC_CHECK = Duration.ofSeconds(30);
  private static final Duration TOPIC_CHECK_UNTIL_FOUND = Duration.ofSeconds(2);
  private static final Duration BACKOFF = Duration.ofSeconds(5);

  private final KafkaConsumer<String, byte[]> consumer;
  private final Map<String, Handler<?>> handlers = new LinkedHashMap<>();
  private final AggregateState state = new AggregateState();
  private final AggregateHistory history = new AggregateHistory(AggregateHistory.Limits.DEFAULTS);
  private final BusinessMetrics metrics;
  private final Clock clock;
  private final Duration refresh;
  private final Thread thread;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile AggregateSnapshot snapshot = AggregateSnapshot.EMPTY;
  private volatile boolean caughtUp;
  private volatile Instant publishedAt;
  private volatile long version;
  private volatile boolean closing;

  /** Decodes one topic's values and applies them to the state. */
  private record Handler<T>(
      Deserializer<T> values, BiConsumer<String, T> apply, Counter applied, Counter rejected) {

    void handle(final ConsumerRecord<String, byte[]> record) {
      final T value = values.deserialize(record.topic(), record.value());
      apply.accept(record.key(), value);
      applied.increment();
    }
  }

  private AggregateView(
      final Map<String, Object> consumerConfig,
      final SchemaRegistryClient registry,
      final TopicNames topics,
      final MeterRegistry meters,
      final Clock clock,
      final Duration refresh,
      final UnitSeriesFilter exported) {
    this.consumer =
        new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
    this.metrics = new BusinessMetrics(meters, exported);
    this.clock = clock;
    this.refresh = refresh;
    handler(meters, topics.units(), registry, WorkUnit.class, state::unit);
    handler(meters, topics.programs(), registry, TrainingProgram.class, state::program);
    handler(meters, topics.unitActivityDaily(), registry, UnitActivity.class, this::activity);
    handler(meters, topics.unitActivityWeekly(), registry, UnitActivity.class, this::activity);
    handler(
        meters,
        topics.unitJpYtd(),
        registry,
        UnitJpProgress.class,
        (k, v) -> {
          state.ytd(v);
          history.ytd(v);
        });
    handler(
        meters,
        topics.programSatisfactionWeekly(),
        registry,
        ProgramSatisfaction.class,
        (k, v) -> {
          state.programWeek(v);
          history.programWeek(v);
        });
    handler(
        meters,
        topics.alerts(),
        registry,
        ParticipationAlert.class,
        (k, v) -> {
          state.alert(k, v);
          history.alert(k, v);
        });
    this.thread = new Thread(this::run, "aggregate-view");
    thread.setDaemon(true);
  }

  /**
   * Starts the view's consumer thread.
   *
   * @param consumerConfig the Kafka client settings (bootstrap servers, security); group, offsets
   *     and isolation are set here
   * @param registry the schema registry the aggregate topics' values were written with
   * @param topics the topic names
   * @param meters where the business gauges and the view's counters go
   */
  public static AggregateView start(
      final Map<String, Object> consumerConfig,
      final SchemaRegistryClient registry,
      final TopicNames topics,
      final MeterRegistry meters,
      final Clock clock,
      final Duration refresh) {
    return start(consumerConfig, registry, topics, meters, clock, refresh, UnitSeriesFilter.ALL);
  }

  /**
   * The same, exporting per-unit gauges only for the units {@code exported} lets through; the
   * view's {@link #snapshot()} keeps every unit.
   */
  public static AggregateView start(
      final Map<String, Object> consumerConfig,
      final SchemaRegistryClient registry,
      final TopicNames topics,
      final MeterRegistry meters,
      final Clock clock,
      final Duration refresh,
      final UnitSeriesFilter exported) {
    final Map<String, Object> config = new HashMap<>(consumerConfig);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    final AggregateView view =
        new AggregateView(config, registry, topics, meters, clock, refresh, exported);
    view.thread.start();
    return view;
  }

  /** The latest published snapshot ({@link AggregateSnapshot#EMPTY} until caught up). */
  public AggregateSnapshot snapshot() {
    return snapshot;
  }

  /**
   * The records behind the read-only API: past windows, year-to-date and alert history. Filled from
   * the start, but complete only once {@link #caughtUp()}.
   */
  public AggregateHistory history() {
    return history;
  }

  /** When the latest snapshot was published; empty before the first. */
  public Optional<Instant> publishedAt() {
    return Optional.ofNullable(publishedAt);
  }

  /** Counts the snapshots published: a reader polls it to learn that something changed. */
  public long version() {
    return version;
  }

  /** Whether the view has read everything that was in its topics when it started. */
  public boolean caughtUp() {
    return caughtUp;
  }

  @Override
  public void close() {
    closing = true;
    consumer.wakeup();
    try {
      if (!stopped.await(10, TimeUnit.SECONDS)) {
        LOG.warn("The aggregate view did not stop within 10 s");
      }
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void activity(final String key, final UnitActivity value) {
    state.activity(value);
    history.activity(value);
  }

  private <T> void handler(
      final MeterRegistry meters,
      final String topic,
      final SchemaRegistryClient registry,
      final Class<T> type,
      final BiConsumer<String, T> apply) {
    handlers.put(
        topic,
        new Handler<>(
            new AvroDeserializer<>(registry, type),
            apply,
            viewCounter(meters, topic, "applied"),
            viewCounter(meters, topic, "rejected")));
  }

  private static Counter viewCounter(
      final MeterRegistry meters, final String topic, final String outcome) {
    return Counter.builder("asn.view.records")
        .description("Records of the aggregate topics read by this instance's aggregate view")
        .tag("topic", topic)
        .tag("outcome", outcome)
        .register(meters);
  }

  private void run() {
    final Set<TopicPartition> assigned = new HashSet<>();
    Map<TopicPartition, Long> startEnds = null;
    Instant nextTopicCheck = Instant.MIN;
    Instant lastPublish = Instant.MIN;
    boolean dirty = false;
    try {
      while (!closing) {
        try {
          final Instant now = clock.instant();
          if (!now.isBefore(nextTopicCheck)) {
            final boolean complete = assign(assigned);
            nextTopicCheck = now.plus(complete ? TOPIC_CHECK : TOPIC_CHECK_UNTIL_FOUND);
            if (complete && startEnds == null) {
              startEnds = consumer.endOffsets(assigned);
            }
          }
          if (assigned.isEmpty()) {
            sleep(TOPIC_CHECK_UNTIL_FOUND);
            continue;
          }
          final ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
          for (final ConsumerRecord<String, byte[]> record : records) {
            apply(record);
            dirty = true;
          }
          if (!caughtUp && startEnds != null && reached(startEnds)) {
            caughtUp = true;
            LOG.info("Aggregate view caught up with {} partitions", assigned.size());
            dirty = true;
            lastPublish = Instant.MIN;
          }
          final Instant after = clock.instant();
          if (caughtUp && dirty && !after.isBefore(lastPublish.plus(refresh))) {
            publish();
            lastPublish = after;
            dirty = false;
          }
        } catch (final WakeupException e) {
          if (!closing) {
            throw e;
          }
        } catch (final RuntimeException e) {
          if (closing) {
            break;
          }
          LOG.warn("Aggregate view: {}; retrying in {} s", e.toString(), BACKOFF.toSeconds());
          sleep(BACKOFF);
        }
      }
    } finally {
      try {
        consumer.close(Duration.ofSeconds(5));
      } finally {
        stopped.countDown();
      }
    }
  }

  /** Adds the partitions of the view's topics not yet assigned; true when every topic exists. */
  private boolean assign(final Set<TopicPartition> assigned) {
    final Map<String, List<PartitionInfo>> existing = consumer.listTopics(Duration.ofSeconds(10));
    final Set<TopicPartition> added = new HashSet<>();
    boolean complete = true;
    for (final String topic : handlers.keySet()) {
      final List<PartitionInfo> partitions = existing.get(topic);
      if (partitions == null || partitions.isEmpty()) {
        complete = false;
        continue;
      }
      for (final PartitionInfo p : partitions) {
        final TopicPartition tp = new TopicPartition(p.topic(), p.partition());
        if (!assigned.contains(tp)) {
          added.add(tp);
        }
      }
    }
    if (!added.isEmpty()) {
      assigned.addAll(added);
      consumer.assign(assigned);
      consumer.seekToBeginning(added);
      LOG.info("Aggregate view reads {} partitions", assigned.size());
    }
    return complete;
  }

  private boolean reached(final Map<TopicPartition, Long> ends) {
    for (final Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      if (consumer.position(end.getKey()) < end.getValue()) {
        return false;
      }
    }
    return true;
  }

  private void apply(final ConsumerRecord<String, byte[]> record) {
    final Handler<?> handler = handlers.get(record.topic());
    try {
      handler.handle(record);
    } catch (final RuntimeException e) {
      handler.rejected().increment();
      LOG.warn(
          "Aggregate view skips record {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
    }
  }

  private void publish() {
    final AggregateSnapshot next = state.snapshot();
    metrics.update(next);
    snapshot = next;
    publishedAt = clock.instant();
    version++;
  }

  private static void sleep(final Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
