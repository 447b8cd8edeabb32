package id.go.bkn.asn.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.go.bkn.asn.app.PipelineApp;
import id.go.bkn.asn.config.KafkaConnection;
import id.go.bkn.asn.config.StreamsSettings;
import id.go.bkn.asn.config.TopologySettings;
import id.go.bkn.asn.local.LocalStack;
import id.go.bkn.asn.registry.RegistryClientConfig;
import id.go.bkn.asn.registry.SchemaRegistryClient;
import id.go.bkn.asn.registry.SchemaRegistryClients;
import id.go.bkn.asn.serde.AvroClassTrust;
import id.go.bkn.asn.serde.AvroSerializer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input on the embedded broker, whose own timestamp checks apply (Kafka 4 refuses a record more
 * than an hour ahead of its clock), under exactly_once_v2: each bad record is set aside in {@code
 * training.dead-letters} with its reason while the app stays RUNNING, no stream thread dies, and
 * every set-aside record carries a timestamp its topic keeps for its whole retention.
 */
class BadInputIT {

  static {
    AvroClassTrust.trustPackage("id.go.bkn.asn.schema");
  }

  private static final String DEAD_LETTERS = "training.dead-letters";
  private static final Duration RETENTION = Duration.ofDays(30);

  @TempDir Path dataDir;

  @Test
  void shouldSetAsideFutureDatedEventWithoutStoppingWhenItIsThreeDaysAhead() throws Exception {
    try (LocalStack stack = LocalStack.start(LocalStack.Settings.ephemeral(dataDir));
        SchemaRegistryClient registry =
            SchemaRegistryClients.create(RegistryClientConfig.of(stack.registryUrl()));
        KafkaProducer<String, byte[]> producer = producer(stack)) {
      final AvroSerializer<SpecificRecord> avro = new AvroSerializer<>(registry);
      final Instant now = Instant.now();
      final Instant hired = now.minus(Duration.ofDays(30));
      send(
          producer,
          avro,
          "reference.units",
          "KOTA-SERANG",
          IngestFixture.unit("KOTA-SERANG", null));
      send(
          producer, avro, "reference.units", "DINKES", IngestFixture.unit("DINKES", "KOTA-SERANG"));
      send(
          producer,
          avro,
          "reference.employees",
          "E-1",
          IngestFixture.employee("E-1", "DINKES", true, hired));
      send(
          producer,
          avro,
          "training.attendance",
          "E-1",
          IngestFixture.attendance("future-1", "E-1", 2, now.plus(Duration.ofDays(3))));
      producer.flush();

      try (PipelineApp app = start(stack)) {
        final List<KafkaStreams.State> states = new CopyOnWriteArrayList<>();
        await()
            .atMost(Duration.ofSeconds(180))
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () -> {
                  states.add(app.state());
                  return reasons(stack).contains("FUTURE_TIMESTAMP");
                });
        assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
        final long setAsideBefore = System.currentTimeMillis();
        for (final ConsumerRecord<String, byte[]> letter : read(stack, DEAD_LETTERS)) {
          assertThat(letter.timestamp())
              .as("a dead letter carries the time it was set aside")
              .isBetween(now.toEpochMilli() - 1, setAsideBefore + 1)
              .isGreaterThan(setAsideBefore - RETENTION.toMillis());
        }
      }
    }
  }

  private static List<String> reasons(final LocalStack stack) {
    final List<String> reasons = new ArrayList<>();
    for (final ConsumerRecord<String, byte[]> record : read(stack, DEAD_LETTERS)) {
      final Header header = record.headers().lastHeader("asn.dlq.reason");
      reasons.add(header == null ? "?" : new String(header.value(), StandardCharsets.UTF_8));
    }
    return reasons;
  }

  private static void send(
      final KafkaProducer<String, byte[]> producer,
      final AvroSerializer<SpecificRecord> avro,
      final String topic,
      final String key,
      final SpecificRecord value) {
    producer.send(new ProducerRecord<>(topic, key, avro.serialize(topic, value)));
  }

  private static List<ConsumerRecord<String, byte[]>> read(
      final LocalStack stack, final String topic) {
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "bad-input-it-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      final List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      final List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline
          && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  private PipelineApp start(final LocalStack stack) {
    final TopicNames topics = TopicNames.contract();
    return PipelineApp.start(
        new PipelineApp.Settings(
            StreamsSettings.of(
                new KafkaConnection(stack.bootstrapServers(), Map.of()),
                new StreamsSettings.Options("bad-input-it", null, dataDir, null),
                topics.deadLetters()),
            TopologySettings.DEFAULTS,
            topics,
            RegistryClientConfig.of(stack.registryUrl()),
            "127.0.0.1",
            0,
            Duration.ofSeconds(30)),
        PipelineApp.TopologyFactory.PARTICIPATION,
        Clock.systemUTC());
  }

  private static KafkaProducer<String, byte[]> producer(final LocalStack stack) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            stack.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new StringSerializer(),
        new ByteArraySerializer());
  }
}
