package id.go.bkn.asn.local;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka clients for integration tests against an {@link EmbeddedKafkaBroker}: string producers
 * (plain and transactional), a read_committed consumer that starts at the earliest offset, an admin
 * client, and a helper that polls until a number of records has arrived.
 */
public final class KafkaTestClients {
  /** How long helpers wait for the broker before failing the test. */
  public static final Duration TIMEOUT = Duration.ofSeconds(30);

  private KafkaTestClients() {}

  public static Admin admin(final EmbeddedKafkaBroker broker) {
    return admin(broker.bootstrapServers());
  }

  /** An admin client of the cluster at {@code bootstrapServers}. */
  public static Admin admin(final String bootstrapServers) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  /** An idempotent producer of string keys and values. */
  public static KafkaProducer<String, String> producer(final EmbeddedKafkaBroker broker) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new StringSerializer(),
        new StringSerializer());
  }

  /** A transactional producer; call {@code initTransactions()} before the first transaction. */
  public static KafkaProducer<String, String> transactionalProducer(
      final EmbeddedKafkaBroker broker, final String transactionalId) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            transactionalId),
        new StringSerializer(),
        new StringSerializer());
  }

  /** A consumer in a new group that reads committed records from the earliest offset. */
  public static KafkaConsumer<String, String> consumer(final EmbeddedKafkaBroker broker) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "test-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed"),
        new StringDeserializer(),
        new StringDeserializer());
  }

  /** Creates {@code topic} with {@code partitions} partitions and replication factor 1. */
  public static void createTopic(final Admin admin, final String topic, final int partitions)
      throws InterruptedException, ExecutionException {
    admin.createTopics(Set.of(new NewTopic(topic, partitions, (short) 1))).all().get();
  }

  /**
   * Reads {@code topic} from the start until at least {@code count} records arrived, and returns
   * them; fails after {@link #TIMEOUT}.
   */
  public static List<ConsumerRecord<String, String>> consume(
      final EmbeddedKafkaBroker broker, final String topic, final int count) {
    final List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = consumer(broker)) {
      consumer.subscribe(List.of(topic));
      await()
          .atMost(TIMEOUT)
          .pollInSameThread()
          .pollInterval(Duration.ofMillis(10))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= count;
              });
    }
    return records;
  }
}
