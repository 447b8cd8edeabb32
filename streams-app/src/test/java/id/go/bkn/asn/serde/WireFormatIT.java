package id.go.bkn.asn.serde;

import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.local.LocalStack;
import id.go.bkn.asn.registry.RegistryClientConfig;
import id.go.bkn.asn.registry.SchemaRegistryClient;
import id.go.bkn.asn.registry.SchemaRegistryClients;
import id.go.bkn.asn.topics.ContractTopic;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on the embedded stack: every record type is written with the project's serializer
 * through the registry over HTTP, read back by a plain Kafka consumer as bytes, and decoded with
 * Avro's own decoder from the schema the registry holds under the id in the frame.
 */
class WireFormatIT {

  @TempDir static Path dataDir;

  private static LocalStack stack;
  private static SchemaRegistryClient registry;

  @BeforeAll
  static void startStack() {
    stack = LocalStack.start(LocalStack.Settings.ephemeral(dataDir));
    registry = SchemaRegistryClients.create(RegistryClientConfig.of(stack.registryUrl()));
  }

  @AfterAll
  static void stopStack() throws Exception {
    registry.close();
    stack.close();
  }

  @Test
  void shouldDecodeEveryRecordTypeWithPlainAvroWhenWrittenWithProjectSerde() throws Exception {
    final List<SpecificRecord> sent = SampleRecords.all();
    final List<String> topics = new ArrayList<>();
    try (KafkaProducer<String, SpecificRecord> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new AvroSerializer<>(registry))) {
      for (final SpecificRecord record : sent) {
        final String topic = topicOf(record);
        topics.add(topic);
        producer.send(new ProducerRecord<>(topic, 0, "key", record)).get();
      }
    }

    final List<SpecificRecord> decoded = new ArrayList<>();
    for (int i = 0; i < sent.size(); i++) {
      final byte[] bytes = readOne(topics.get(i), countBefore(sent, topics, i));
      assertThat(bytes[0]).as("magic byte").isZero();
      final int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
      final Schema writer = registry.schemaById(id);
      assertThat(registry.latest(topics.get(i) + "-value").id()).isEqualTo(id);

      final SpecificRecord plain = decodeWithAvro(bytes, writer, sent.get(i).getSchema());
      decoded.add(plain);
      assertThat(projectDeserializer(sent.get(i)).deserialize(topics.get(i), bytes))
          .isEqualTo(sent.get(i));
    }

    assertThat(decoded).containsExactlyElementsOf(sent);
  }

  @SuppressWarnings("unchecked")
  private static AvroDeserializer<SpecificRecord> projectDeserializer(final SpecificRecord like) {
    return new AvroDeserializer<>(registry, (Class<SpecificRecord>) like.getClass());
  }

  private static SpecificRecord decodeWithAvro(
      final byte[] bytes, final Schema writer, final Schema reader) throws Exception {
    final BinaryDecoder decoder =
        DecoderFactory.get().binaryDecoder(Arrays.copyOfRange(bytes, 5, bytes.length), null);
    return new SpecificDatumReader<SpecificRecord>(writer, reader).read(null, decoder);
  }

  /** How many records of {@code topics.get(i)}'s topic were sent before the i-th. */
  private static int countBefore(
      final List<SpecificRecord> sent, final List<String> topics, final int i) {
    int n = 0;
    for (int j = 0; j < i; j++) {
      if (topics.get(j).equals(topics.get(i))) {
        n++;
      }
    }
    return n;
  }

  private static byte[] readOne(final String topic, final long offset) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "wire-" + UUID.randomUUID()),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      final TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seek(partition, offset);
      final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          return record.value();
        }
      }
      throw new AssertionError("no record at offset " + offset + " of " + topic);
    }
  }

  private static String topicOf(final SpecificRecord record) {
    return Arrays.stream(ContractTopic.values())
        .filter(t -> t.valueType().filter(c -> c.isInstance(record)).isPresent())
        .findFirst()
        .orElseThrow()
        .topicName();
  }
}
