package id.go.bkn.asn.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** A running {@link EmbeddedKafkaBroker} serves plain and exactly-once clients. */
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
}
