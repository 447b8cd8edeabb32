package id.go.bkn.asn.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * A replay's commit interval (longer than Kafka Streams' 10 s transaction timeout under
 * exactly_once_v2) is accepted by Kafka Streams with the bench's settings, and short intervals keep
 * Kafka's default timeout so earlier runs stay comparable.
 */
class BenchCommitPropertiesTest {

  @Test
  void shouldLetKafkaStreamsAcceptAReplaysCommitIntervalUnderExactlyOnce() {
    // given: Kafka Streams alone refuses a 20 s commit interval under exactly_once_v2
    assertThatThrownBy(() -> eos(Map.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 20_000L)))
        .hasMessageContaining("commit interval");

    // when
    final StreamsConfig config = eos(Bench.commitProperties(20_000L));

    // then: accepted, with a transaction timeout beyond the interval
    assertThat(config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(20_000L);
    assertThat(config.getProducerConfigs("client").get(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG))
        .isEqualTo(30_000);
  }

  @Test
  void shouldKeepKafkasTransactionTimeoutForShortIntervals() {
    // when
    final Map<String, Object> props = Bench.commitProperties(1_000L);

    // then
    assertThat(props)
        .containsOnlyKeys(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)
        .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1_000L);
  }

  private static StreamsConfig eos(final Map<String, Object> extra) {
    final Map<String, Object> props = new HashMap<>(extra);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-commit-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    final StreamsConfig config = new StreamsConfig(props);
    // the producers' settings are where Kafka Streams checks the timeout against the interval
    config.getProducerConfigs("client");
    return config;
  }
}
