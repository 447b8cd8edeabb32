package id.go.bkn.asn.registry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SchemaLog} in a compacted, single-partition Kafka topic ({@code _schemas} by default),
 * with keys and values shaped like Confluent's registry writes them, so the embedded registry's
 * schemas survive a restart of the demo. The topic is created if missing ({@code
 * cleanup.policy=compact}, one partition so changes keep their order); {@link #replay} reads it to
 * its end; {@link #append} is an idempotent send with {@code acks=all} that returns once the broker
 * has it. One registry process writes the topic at a time: there is no leader election as in
 * Confluent's cluster mode.
 */
public final class KafkaSchemaLog implements SchemaLog {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaSchemaLog.class);

  public static final String DEFAULT_TOPIC = "_schemas";

  private static final int PARTITION = 0;
  private static final int MAX_REPLICATION = 3;
  private static final Duration POLL = Duration.ofMillis(200);

  private final Map<String, Object> clientProps;
  private final String topic;
  private final Duration timeout;
  private final KafkaProducer<byte[], byte[]> producer;

  /**
   * Connects to the cluster and creates the topic when it is missing.
   *
   * @param clientProps Kafka client properties: {@code bootstrap.servers} and any security
   *     settings; serializer and acks settings are set here
   * @param topic the topic, usually {@link #DEFAULT_TOPIC}
   * @param timeout how long to wait for the cluster in each operation
   */
  public KafkaSchemaLog(
      final Map<String, Object> clientProps, final String topic, final Duration timeout) {
    this.clientProps = Map.copyOf(clientProps);
    this.topic = topic;
    this.timeout = timeout;
    ensureTopic();
    final Map<String, Object> producerProps = new HashMap<>(this.clientProps);
    producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    producerProps.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "schema-registry-log");
    this.producer = new KafkaProducer<>(producerProps);
  }

  @Override
  public void append(final SchemaLogEntry entry) {
    final ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            topic, PARTITION, SchemasTopicFormat.key(entry), SchemasTopicFormat.value(entry));
    try {
      producer.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw storeError("interrupted while writing to " + topic, e);
    } catch (final ExecutionException e) {
      throw storeError("cannot write to " + topic + ": " + e.getCause(), e.getCause());
    } catch (final TimeoutException e) {
      throw storeError("no acknowledgement from " + topic + " within " + timeout, e);
    }
  }

  @Override
  public void replay(final Consumer<SchemaLogEntry> consumer) {
    // Compaction keeps the last value of a key; reading into a map by key gives the same state
    // whether or not the cleaner has run yet, and a tombstone drops its key.
    final Map<String, SchemaLogEntry> byKey = new LinkedHashMap<>();
    final Map<String, Object> consumerProps = new HashMap<>(clientProps);
    consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerProps.remove(ConsumerConfig.GROUP_ID_CONFIG);
    consumerProps.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "schema-registry-log-reader");
    final TopicPartition partition = new TopicPartition(topic, PARTITION);
    int records = 0;
    try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(consumerProps)) {
      reader.assign(List.of(partition));
      reader.seekToBeginning(List.of(partition));
      final long end = reader.endOffsets(List.of(partition), timeout).get(partition);
      final long deadline = System.nanoTime() + timeout.toNanos();
      while (reader.position(partition, timeout) < end) {
        if (System.nanoTime() > deadline) {
          throw storeError(
              "cannot read " + topic + " to its end (offset " + end + ") within " + timeout, null);
        }
        for (final ConsumerRecord<byte[], byte[]> record : reader.poll(POLL)) {
          records++;
          read(record, byKey);
        }
      }
    } catch (final KafkaException e) {
      throw storeError("cannot read " + topic + ": " + e.getMessage(), e);
    }
    LOG.info("Read {} record(s), {} live entries, from {}", records, byKey.size(), topic);
    byKey.values().forEach(consumer);
  }

  @Override
  public void close() {
    producer.close(timeout);
  }

  private void read(
      final ConsumerRecord<byte[], byte[]> record, final Map<String, SchemaLogEntry> byKey) {
    if (record.key() == null) {
      return;
    }
    final String key = new String(record.key(), StandardCharsets.UTF_8);
    try {
      final Optional<SchemaLogEntry> entry = SchemasTopicFormat.parse(record.key(), record.value());
      if (record.value() == null) {
        byKey.remove(key);
      }
      entry.ifPresent(e -> byKey.put(key, e));
    } catch (final IllegalArgumentException | SchemaRegistryException e) {
      // A record this registry cannot read is skipped, not fatal: the others still rebuild state.
      LOG.warn(
          "Skipping unreadable record at offset {} of {}: {}",
          record.offset(),
          topic,
          e.getMessage());
    }
  }

  private void ensureTopic() {
    try (Admin admin = Admin.create(clientProps)) {
      final Optional<TopicDescription> existing = describe(admin);
      if (existing.isPresent()) {
        if (existing.get().partitions().size() != 1) {
          throw storeError(
              "topic "
                  + topic
                  + " has "
                  + existing.get().partitions().size()
                  + " partitions; the schema log needs exactly one to keep changes in order",
              null);
        }
        return;
      }
      final int brokers =
          admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
      final short replication = (short) Math.max(1, Math.min(MAX_REPLICATION, brokers));
      final NewTopic newTopic =
          new NewTopic(topic, 1, replication)
              .configs(
                  Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
      try {
        admin.createTopics(List.of(newTopic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Created schema log topic {} (compacted, replication {})", topic, replication);
      } catch (final ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw storeError("interrupted while preparing " + topic, e);
    } catch (final ExecutionException e) {
      throw storeError("cannot prepare " + topic + ": " + e.getCause(), e.getCause());
    } catch (final TimeoutException e) {
      throw storeError(
          "the cluster did not answer within " + timeout + " while preparing " + topic, e);
    }
  }

  private Optional<TopicDescription> describe(final Admin admin)
      throws InterruptedException, ExecutionException, TimeoutException {
    try {
      return Optional.of(
          admin
              .describeTopics(List.of(topic))
              .allTopicNames()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .get(topic));
    } catch (final ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static SchemaRegistryException storeError(final String message, final Throwable cause) {
    return new SchemaRegistryException(
        SchemaRegistryException.STORE_ERROR,
        SchemaRegistryException.statusOf(SchemaRegistryException.STORE_ERROR),
        "Schema log: " + message,
        cause);
  }
}
