package id.go.bkn.asn.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.go.bkn.asn.local.LocalStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why the end-to-end ITs read the outputs through {@link CommittedTail}: on the embedded broker,
 * with the topic settings the app uses, the log cleaner removes an alert episode's FIRING record
 * once its RESOLVED record, written a week of event time later, sits in a closed segment, within
 * seconds of wall-clock time. This is what CrashIT's seed 31 showed once (issue #10): every FIRING
 * record of the first week gone, the RESOLVED records naming their episodes still there.
 */
class CommittedTailIT {
  private static final String ALERTS = "alerts.participation";
  private static final long WEEK = Duration.ofDays(7).toMillis();
  private static final String KEY = "3673-UNIT|LOW_PARTICIPATION";

  @TempDir Path dataDir;

  @Test
  void shouldKeepEveryRecordOfACompactedOutputWhenTheCleanerRemovesSupersededOnes()
      throws Exception {
    try (LocalStack stack = LocalStack.start(LocalStack.Settings.ephemeral(dataDir));
        CommittedTail tail = CommittedTail.start(stack.bootstrapServers(), ALERTS);
        KafkaProducer<String, String> producer =
            new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                new StringSerializer(),
                new StringSerializer())) {
      // Event-time stamps, as the app's closes write them: each a week and a minute after the
      // last, so each rolls the segment (segment.ms is 7 days of record time) and the first two
      // segments become cleanable.
      final long firing = System.currentTimeMillis() - 10 * WEEK;
      final long minute = Duration.ofMinutes(1).toMillis();
      send(producer, firing, KEY, "FIRING");
      send(producer, firing + WEEK + minute, KEY, "RESOLVED");
      send(producer, firing + 2 * (WEEK + minute), "3673-OTHER|NO_ACTIVITY", "FIRING");
      send(producer, firing + 3 * (WEEK + minute), "3673-THIRD|NO_ACTIVITY", "FIRING");

      final CommittedReader atEnd = PipelineItFixture.atEnd(stack);
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofSeconds(2))
          .until(() -> values(atEnd.read(ALERTS, new StringDeserializer())).size() < 4);

      assertThat(values(atEnd.read(ALERTS, new StringDeserializer())))
          .as("what a reader from the beginning finds after the cleaner ran")
          .doesNotContain(KEY + "=FIRING")
          .contains(KEY + "=RESOLVED");
      assertThat(values(tail.read(ALERTS, new StringDeserializer())))
          .as("what the tail saw")
          .containsExactly(
              KEY + "=FIRING",
              KEY + "=RESOLVED",
              "3673-OTHER|NO_ACTIVITY=FIRING",
              "3673-THIRD|NO_ACTIVITY=FIRING");
      assertThat(PipelineItFixture.latest(atEnd, ALERTS, new StringDeserializer()))
          .as("the latest record of each key")
          .isEqualTo(PipelineItFixture.latest(tail, ALERTS, new StringDeserializer()));
    }
  }

  private static void send(
      final KafkaProducer<String, String> producer,
      final long timestamp,
      final String key,
      final String value)
      throws Exception {
    producer.send(new ProducerRecord<>(ALERTS, 0, timestamp, key, value)).get();
  }

  private static List<String> values(final List<ConsumerRecord<String, String>> records) {
    return records.stream().map(r -> r.key() + "=" + r.value()).toList();
  }
}
