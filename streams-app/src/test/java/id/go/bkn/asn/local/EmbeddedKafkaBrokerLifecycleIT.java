package id.go.bkn.asn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starting, stopping and restarting an {@link EmbeddedKafkaBroker}, and the one-line errors it
 * gives before Kafka starts when it cannot run.
 */
class EmbeddedKafkaBrokerLifecycleIT {
  @TempDir Path tempDir;

  @Test
  void shouldKeepTopicsAndRecordsWhenRestartedOnSameDataDir() throws Exception {
    // given: a broker that had a topic with records, then stopped
    final Path dataDir = tempDir.resolve("kafka");
    final String topic = "survives-restart";
    final String clusterId;
    try (EmbeddedKafkaBroker first = freePortsBroker(dataDir).start()) {
      clusterId = first.clusterId();
      try (Admin admin = KafkaTestClients.admin(first)) {
        KafkaTestClients.createTopic(admin, topic, 2);
      }
      try (KafkaProducer<String, String> producer = KafkaTestClients.producer(first)) {
        for (int i = 0; i < 5; i++) {
          producer.send(new ProducerRecord<>(topic, "key-" + i, "before-restart-" + i)).get();
        }
      }
    }

    // when: a new broker starts on the same data dir (and other free ports)
    try (EmbeddedKafkaBroker second = freePortsBroker(dataDir).start()) {

      // then
      assertThat(second.clusterId()).isEqualTo(clusterId);
      try (Admin admin = KafkaTestClients.admin(second)) {
        assertThat(admin.listTopics().names().get()).contains(topic);
      }
      assertThat(KafkaTestClients.consume(second, topic, 5))
          .extracting(ConsumerRecord::value)
          .containsExactlyInAnyOrder(
              "before-restart-0",
              "before-restart-1",
              "before-restart-2",
              "before-restart-3",
              "before-restart-4");
    }
  }

  @Test
  void shouldFailWithClearMessageWhenPortIsTaken() throws IOException {
    // given
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      final int port = taken.getLocalPort();
      final Path dataDir = tempDir.resolve("kafka");

      // when / then
      assertThatThrownBy(() -> EmbeddedKafkaBroker.builder(dataDir).port(port).start())
          .isInstanceOf(LocalStackException.class)
          .hasMessage(
              "Port "
                  + port
                  + " on 127.0.0.1 is already in use: stop the process using it or choose another"
                  + " port with --kafka-port");
      assertThat(dataDir).as("ports are checked before anything is written").doesNotExist();
    }
  }

  @Test
  void shouldFailWithClearMessageWhenDataDirIsAFile() throws IOException {
    // given
    final Path file = Files.writeString(tempDir.resolve("kafka"), "not a directory");

    // when / then
    assertThatThrownBy(() -> freePortsBroker(file).start())
        .isInstanceOf(LocalStackException.class)
        .hasMessage(
            "Data dir "
                + file
                + " is a file, not a directory: remove it or choose another data dir with"
                + " --data-dir");
  }

  @Test
  void shouldFailWithClearMessageWhenDataDirBelongsToAnotherNode() throws IOException {
    // given: a data dir formatted for node 2 (e.g. by another Kafka installation)
    final Path dataDir = Files.createDirectories(tempDir.resolve("kafka"));
    final Properties meta = new Properties();
    meta.setProperty("version", "1");
    meta.setProperty("node.id", "2");
    meta.setProperty("cluster.id", "5L6g3nShT-eMCtK--X86sw");
    try (OutputStream out = Files.newOutputStream(dataDir.resolve("meta.properties"))) {
      meta.store(out, null);
    }

    // when / then
    assertThatThrownBy(() -> freePortsBroker(dataDir).start())
        .isInstanceOf(LocalStackException.class)
        .hasMessageContaining("was formatted for Kafka node id 2, not 1");
  }

  @Test
  void shouldFailWithClearMessageAndStopWhenBrokerIsNotUpInTime() {
    // given: a timeout no broker can meet
    final EmbeddedKafkaBroker.Builder builder =
        freePortsBroker(tempDir.resolve("kafka")).startupTimeout(Duration.ofMillis(1));

    // when / then
    assertThatThrownBy(builder::start)
        .isInstanceOf(LocalStackException.class)
        .hasMessage("Kafka broker did not come up within 0.001 s: see the log for why");
    // A thread can outlive the latch it counted down by a moment, hence the wait.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(Thread.getAllStackTraces().keySet())
                    .as("the half-started broker was shut down")
                    .noneMatch(thread -> thread.getName().startsWith("kafka-1-raft-io-thread")));
  }

  private static EmbeddedKafkaBroker.Builder freePortsBroker(final Path dataDir) {
    return EmbeddedKafkaBroker.builder(dataDir).port(0).controllerPort(0);
  }
}
