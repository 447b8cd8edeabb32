package id.go.bkn.asn.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * A replay's commit interval (longer than Kafka Streams' 10 s transaction timeout under
 * exactly_once_v2) is accepted by Kafka Streams with these settings, short intervals (the bench's
 * defaults) keep Kafka's default timeout so earlier runs stay comparable, and the record cache is
 * sized per stream thread within a quarter of the heap.
 */
class ReplayModeTest {

  @Test
  void shouldLetKafkaStreamsAcceptAReplaysCommitIntervalUnderExactlyOnce() {
    // given: Kafka Streams alone refuses a 20 s commit interval under exactly_once_v2
    assertThatThrownBy(() -> eos(Map.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 20_000L)))
        .hasMessageContaining("commit interval");

    // when
    final StreamsConfig config = eos(ReplayMode.commitProperties(20_000L));

    // then: accepted, with a transaction timeout beyond the interval
    assertThat(config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(20_000L);
    assertThat(config.getProducerConfigs("client").get(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG))
        .isEqualTo(30_000);
  }

  @Test
  void shouldKeepKafkasTransactionTimeoutForShortIntervals() {
    // when
    final Map<String, Object> props = ReplayMode.commitProperties(1_000L);

    // then
    assertThat(props)
        .containsOnlyKeys(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)
        .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1_000L);
  }

  @Test
  void shouldSizeTheCachePerStreamThreadWithinAQuarterOfTheHeap() {
    final long gib = 1024L * 1024 * 1024;
    // a large heap: 256 MiB per thread
    assertThat(ReplayMode.cacheBytes(1, 8 * gib)).isEqualTo(256L * 1024 * 1024);
    assertThat(ReplayMode.cacheBytes(4, 8 * gib)).isEqualTo(gib);
    // a small heap: a quarter of it
    assertThat(ReplayMode.cacheBytes(4, 2 * gib)).isEqualTo(gib / 2);
  }

  @Test
  void shouldSetEveryReplayPropertyKafkaStreamsAccepts() {
    // when
    final Map<String, Object> props = ReplayMode.properties(2, 8L * 1024 * 1024 * 1024);

    // then
    final StreamsConfig config = eos(props);
    assertThat(config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(20_000L);
    assertThat(config.getLong(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG))
        .isEqualTo(512L * 1024 * 1024);
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
