package id.go.bkn.asn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A running {@link EmbeddedKafkaBroker} serves plain, transactional and Kafka Streams clients. */
@EmbeddedKafka
class EmbeddedKafkaBrokerIT {

  @Test
  void shouldDeliverRecordsWhenProducedAndConsumed(final EmbeddedKafkaBroker kafka)
      throws Exception {
    // given
    final String topic = "round-trip";
    try (Admin admin = KafkaTestClients.admin(kafka)) {
      KafkaTestClients.createTopic(admin, topic, 3);
      assertThat(admin.describeCluster().nodes().get()).hasSize(1);
    }

    // when
    try (KafkaProducer<String, String> producer = KafkaTestClients.producer(kafka)) {
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i)).get();
      }
    }

    // then
    final List<ConsumerRecord<String, String>> records = KafkaTestClients.consume(kafka, topic, 10);
    assertThat(records)
        .extracting(ConsumerRecord::value)
        .containsExactlyInAnyOrder(
            "value-0", "value-1", "value-2", "value-3", "value-4", "value-5", "value-6", "value-7",
            "value-8", "value-9");
    assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
  }

  @Test
  void shouldShowOnlyCommittedRecordsWhenProducerUsesTransactions(final EmbeddedKafkaBroker kafka)
      throws Exception {
    // given: one partition, so that the order of transactions is the order of the log
    final String topic = "transactions";
    try (Admin admin = KafkaTestClients.admin(kafka)) {
      KafkaTestClients.createTopic(admin, topic, 1);
    }

    // when
    try (KafkaProducer<String, String> producer =
        KafkaTestClients.transactionalProducer(kafka, "it-transactions")) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k", "committed-1"));
      producer.send(new ProducerRecord<>(topic, "k", "committed-2"));
      producer.commitTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k", "aborted"));
      producer.flush();
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "k", "committed-3"));
      producer.commitTransaction();
    }

    // then: a read_committed consumer reaches committed-3 without seeing the aborted record
    assertThat(KafkaTestClients.consume(kafka, topic, 3))
        .extracting(ConsumerRecord::value)
        .containsExactly("committed-1", "committed-2", "committed-3");
  }

  @Test
  void shouldCountEachRecordOnceWhenStreamsRunsExactlyOnceV2(
      final EmbeddedKafkaBroker kafka, @TempDir final Path stateDir) throws Exception {
    // given: a Streams app counting per key with exactly_once_v2, which needs transactions and
    // the internal topics at replication factor 1
    try (Admin admin = KafkaTestClients.admin(kafka)) {
      KafkaTestClients.createTopic(admin, "eos-in", 6);
      KafkaTestClients.createTopic(admin, "eos-out", 6);
    }
    final StreamsBuilder builder = new StreamsBuilder();
    builder.stream("eos-in", Consumed.with(Serdes.String(), Serdes.String()))
        .groupByKey(Grouped.with("by-key", Serdes.String(), Serdes.String()))
        .count(Materialized.as("counts"))
        .toStream()
        .mapValues(count -> Long.toString(count))
        .to("eos-out", Produced.with(Serdes.String(), Serdes.String()));
    final Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "eos-check");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());

    try (KafkaStreams streams = new KafkaStreams(builder.build(), config)) {
      streams.start();

      // when
      try (KafkaProducer<String, String> producer = KafkaTestClients.producer(kafka)) {
        for (int i = 0; i < 30; i++) {
          producer.send(new ProducerRecord<>("eos-in", "key-" + i % 3, "event-" + i));
        }
      }

      // then: the last committed count of every key is 10
      final Map<String, String> lastCounts = new TreeMap<>();
      try (KafkaConsumer<String, String> consumer = KafkaTestClients.consumer(kafka)) {
        consumer.subscribe(List.of("eos-out"));
        await()
            .atMost(KafkaTestClients.TIMEOUT)
            .pollInSameThread()
            .until(
                () -> {
                  consumer
                      .poll(Duration.ofMillis(200))
                      .forEach(r -> lastCounts.put(r.key(), r.value()));
                  return lastCounts.equals(Map.of("key-0", "10", "key-1", "10", "key-2", "10"));
                });
      }
      assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
    }
  }
}
