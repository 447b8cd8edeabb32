package id.go.bkn.asn.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {

  private static final Path DATA = Path.of("/var/lib/asn");
  private static final String DLQ = "training.dead-letters";
  private static final KafkaConnection KAFKA = new KafkaConnection("kafka:9092", Map.of());

  @Test
  void shouldUseTheDefaultsWhenNothingIsGiven() {
    final Properties props =
        StreamsSettings.of(KAFKA, StreamsSettings.Options.defaults(DATA), DLQ).properties();

    assertThat(props)
        .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "asn-participation")
        .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka:9092")
        .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "exactly_once_v2")
        .containsEntry(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true")
        .containsEntry(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, DLQ)
        .containsEntry(StreamsConfig.STATE_DIR_CONFIG, "/var/lib/asn/streams")
        .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1")
        .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "1000");
  }

  @Test
  void shouldLetKafkaPropertiesWinWhenTheyOverrideADefault() {
    final KafkaConnection kafka =
        new KafkaConnection(
            "kafka:9092",
            Map.of(
                "commit.interval.ms", "200",
                "processing.guarantee", "at_least_once",
                "security.protocol", "SASL_SSL"));

    final Properties props =
        StreamsSettings.of(kafka, StreamsSettings.Options.defaults(DATA), DLQ).properties();

    assertThat(props)
        .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "200")
        .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "at_least_once")
        .containsEntry("security.protocol", "SASL_SSL");
  }

  @Test
  void shouldLetExplicitOptionsWinWhenKafkaPropertiesSetTheSame() {
    final KafkaConnection kafka =
        new KafkaConnection("kafka:9092", Map.of("num.stream.threads", "2"));
    final StreamsSettings.Options options =
        new StreamsSettings.Options("asn-test", "at_least_once", DATA, 4);

    final StreamsSettings settings = StreamsSettings.of(kafka, options, DLQ);

    assertThat(settings.properties())
        .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "asn-test")
        .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "at_least_once")
        .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "4");
    assertThat(settings.applicationId()).isEqualTo("asn-test");
    assertThat(settings.stateDir()).isEqualTo(Path.of("/var/lib/asn/streams"));
  }

  @Test
  void shouldPutExtraPropertiesAboveDefaultsAndBelowKafkaPropertiesWhenMerged() {
    final KafkaConnection kafka =
        new KafkaConnection("kafka:9092", Map.of("commit.interval.ms", "300"));

    final Properties props =
        StreamsSettings.of(kafka, StreamsSettings.Options.defaults(DATA), DLQ)
            .withExtraProperties(
                Map.of(
                    "commit.interval.ms", "700",
                    "errors.dead.letter.queue.topic.name", "other.dlq",
                    "processing.exception.handler", LogAndContinueProcessingExceptionHandler.class))
            .properties();

    assertThat(props)
        .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "300")
        .containsEntry(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "other.dlq")
        .containsEntry(
            "processing.exception.handler", LogAndContinueProcessingExceptionHandler.class);
  }

  @Test
  void shouldHideSecretsWhenRedacted() {
    final KafkaConnection kafka =
        new KafkaConnection("kafka:9092", Map.of("sasl.jaas.config", "user=\"a\" password=\"b\""));

    final StreamsSettings settings =
        StreamsSettings.of(kafka, StreamsSettings.Options.defaults(DATA), DLQ);

    assertThat(settings.redacted()).containsEntry("sasl.jaas.config", "[hidden]");
    assertThat(settings.toString()).doesNotContain("password=");
  }

  @Test
  void shouldGiveACopyWhenPropertiesAreAskedFor() {
    final StreamsSettings settings =
        StreamsSettings.of(KAFKA, StreamsSettings.Options.defaults(DATA), DLQ);

    settings.properties().put(StreamsConfig.APPLICATION_ID_CONFIG, "changed");

    assertThat(settings.applicationId()).isEqualTo("asn-participation");
  }

  @Test
  void shouldRefuseWithOneLineWhenTheGuaranteeIsUnknown() {
    assertThatThrownBy(() -> of(new StreamsSettings.Options(null, "exactly_once", DATA, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "processing.guarantee must be exactly_once_v2 or at_least_once, got 'exactly_once'");
  }

  @Test
  void shouldRefuseWhenThreadsAreZero() {
    assertThatThrownBy(() -> of(new StreamsSettings.Options(null, null, DATA, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("num.stream.threads must be at least 1, got 0");
  }

  @Test
  void shouldRefuseWhenTheApplicationIdCannotNameATopic() {
    assertThatThrownBy(() -> of(new StreamsSettings.Options("asn participation", null, DATA, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("application.id must be")
        .hasMessageContaining("'asn participation'");
  }

  @Test
  void shouldRefuseWhenAKafkaPropertyIsNotANumber() {
    final KafkaConnection kafka =
        new KafkaConnection("kafka:9092", Map.of("commit.interval.ms", "soon"));

    assertThatThrownBy(() -> StreamsSettings.of(kafka, StreamsSettings.Options.defaults(DATA), DLQ))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("commit.interval.ms must be a whole number, got 'soon'");
  }

  @Test
  void shouldRefuseWhenKafkaRejectsAValue() {
    final KafkaConnection kafka =
        new KafkaConnection("kafka:9092", Map.of("replication.factor", "three"));

    assertThatThrownBy(() -> StreamsSettings.of(kafka, StreamsSettings.Options.defaults(DATA), DLQ))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("replication.factor")
        .hasMessageContaining("three");
  }

  private static StreamsSettings of(final StreamsSettings.Options options) {
    return StreamsSettings.of(KAFKA, options, DLQ);
  }
}
