package id.go.bkn.asn.topology;

import id.go.bkn.asn.app.PipelineApp;
import id.go.bkn.asn.config.KafkaConnection;
import id.go.bkn.asn.config.StreamsSettings;
import id.go.bkn.asn.config.TopologySettings;
import id.go.bkn.asn.local.LocalStack;
import id.go.bkn.asn.registry.RegistryClientConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the topology's end-to-end ITs share on an embedded stack: the app with short emit and idle
 * settings, a producer of raw bytes, and a read of everything committed to a topic.
 */
final class PipelineItFixture {
  private PipelineItFixture() {}

  /** How long the app started here holds a roster version for a unit not in reference.units. */
  static final Duration REFERENCE_WAIT = Duration.ofSeconds(10);

  /**
   * The participation app under exactly_once_v2, emitting every 500 ms, all graces {@code grace}.
   */
  static PipelineApp startApp(
      final LocalStack stack,
      final String applicationId,
      final Path dataDir,
      final Duration grace) {
    return startApp(stack, applicationId, dataDir, grace, Map.of());
  }

  /** The same, with extra Kafka client properties. */
  static PipelineApp startApp(
      final LocalStack stack,
      final String applicationId,
      final Path dataDir,
      final Duration grace,
      final Map<String, String> clientProperties) {
    final TopicNames topics = TopicNames.contract();
    final TopologySettings topology =
        TopologySettings.DEFAULTS.toBuilder()
            .grace(grace)
            .idleTimeout(Duration.ofMinutes(10))
            .emitInterval(Duration.ofMillis(500))
            // A roster version for a missing unit is set aside after 10 s, not 5 min (BadInputIT).
            .referenceWait(REFERENCE_WAIT)
            .build();
    return PipelineApp.start(
        new PipelineApp.Settings(
            StreamsSettings.of(
                new KafkaConnection(stack.bootstrapServers(), clientProperties),
                new StreamsSettings.Options(applicationId, null, dataDir, null),
                topics.deadLetters()),
            topology,
            topics,
            RegistryClientConfig.of(stack.registryUrl()),
            "127.0.0.1",
            0,
            Duration.ofSeconds(30)),
        PipelineApp.TopologyFactory.PARTICIPATION,
        Clock.systemUTC());
  }

  /** A producer of raw bytes that waits for every replica. */
  static KafkaProducer<String, byte[]> producer(final LocalStack stack) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            stack.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.LINGER_MS_CONFIG,
            10),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  /** Every committed record of {@code topic}, up to its end offsets when called (30 s at most). */
  static <T> List<ConsumerRecord<String, T>> readCommitted(
      final LocalStack stack, final String topic, final Deserializer<T> values) {
    try (KafkaConsumer<String, T> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "pipeline-it-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            values)) {
      final List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      final List<ConsumerRecord<String, T>> records = new ArrayList<>();
      final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline
          && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  /** The latest committed value of each key of {@code topic} (what a compacted topic keeps). */
  static <T> Map<String, T> latestCommitted(
      final LocalStack stack, final String topic, final Deserializer<T> values) {
    return latest(atEnd(stack), topic, values);
  }

  /** The latest value of each key of {@code topic} as {@code reader} reads it. */
  static <T> Map<String, T> latest(
      final CommittedReader reader, final String topic, final Deserializer<T> values) {
    final Map<String, T> latest = new HashMap<>();
    for (final ConsumerRecord<String, T> r : reader.read(topic, values)) {
      latest.put(r.key(), r.value());
    }
    return latest;
  }

  /** Reads from the beginning at the time of each call: what the log cleaner left. */
  static CommittedReader atEnd(final LocalStack stack) {
    return new CommittedReader() {
      @Override
      public <T> List<ConsumerRecord<String, T>> read(
          final String topic, final Deserializer<T> values) {
        return readCommitted(stack, topic, values);
      }
    };
  }

  /**
   * Tails every output and set-aside topic the ITs compare with the model, from the beginning;
   * start it before the app so that no record can be cleaned before it is seen.
   */
  static CommittedTail tailOutputs(final LocalStack stack) {
    return CommittedTail.start(
        stack.bootstrapServers(),
        "analytics.unit-activity-daily",
        "analytics.unit-activity-weekly",
        "analytics.program-satisfaction-weekly",
        "analytics.unit-jp-ytd",
        "restricted.employee-jp-ytd",
        "alerts.participation",
        "training.late-events",
        "training.dead-letters");
  }
}
