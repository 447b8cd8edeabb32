package id.go.bkn.asn.error;

import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.function.DeadLetterHeaders;
import id.go.bkn.asn.function.DeadLetterReason;
import id.go.bkn.asn.topology.TopicNames;
import id.go.bkn.asn.topology.ingest.IngestStreamsConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app's handler configuration on Kafka Streams' real processing path: a record whose processing
 * throws lands in the dead letters with reason PROCESSING_ERROR and its original bytes, stamped
 * with the time it was set aside, and the records after it are processed.
 */
class ProcessingErrorTest {

  private static final Instant NOW = Instant.parse("2026-12-02T03:00:00Z");
  private static final Instant SENT = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path stateDir;

  @Test
  void shouldSetAsideRecordAndGoOnWhenItsProcessingThrows() {
    final TopicNames topics = TopicNames.contract();
    final Properties properties = new Properties();
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "processing-error-test");
    properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    properties.putAll(
        IngestStreamsConfig.properties(
            topics, id.go.bkn.asn.metrics.PipelineEvents.NONE, Clock.fixed(NOW, ZoneOffset.UTC)));
    final StreamsBuilder builder = new StreamsBuilder();
    builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
        .mapValues(
            value -> {
              if (value.equals("boom")) {
                throw new IllegalStateException("no rule foresaw this");
              }
              return value.toUpperCase(java.util.Locale.ROOT);
            })
        .to("out", Produced.with(Serdes.String(), Serdes.String()));

    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), properties)) {
      final TestInputTopic<String, String> in =
          driver.createInputTopic("in", Serdes.String().serializer(), Serdes.String().serializer());
      final TestOutputTopic<String, String> out =
          driver.createOutputTopic(
              "out", Serdes.String().deserializer(), Serdes.String().deserializer());
      final TestOutputTopic<byte[], byte[]> dead =
          driver.createOutputTopic(
              topics.deadLetters(),
              Serdes.ByteArray().deserializer(),
              Serdes.ByteArray().deserializer());

      in.pipeInput("k1", "boom", SENT);
      in.pipeInput("k2", "fine", SENT);

      assertThat(out.readValuesToList()).containsExactly("FINE");
      final List<TestRecord<byte[], byte[]>> letters = dead.readRecordsToList();
      assertThat(letters).hasSize(1);
      final TestRecord<byte[], byte[]> letter = letters.get(0);
      assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("boom");
      assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo("k1");
      assertThat(letter.timestamp()).isEqualTo(NOW.toEpochMilli());
      assertThat(header(letter, DeadLetterHeaders.REASON))
          .isEqualTo(DeadLetterReason.PROCESSING_ERROR.name());
      assertThat(header(letter, DeadLetterHeaders.EXCEPTION))
          .isEqualTo(IllegalStateException.class.getName());
      assertThat(header(letter, DeadLetterHeaders.TOPIC)).isEqualTo("in");
    }
  }

  private static String header(final TestRecord<byte[], byte[]> record, final String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
