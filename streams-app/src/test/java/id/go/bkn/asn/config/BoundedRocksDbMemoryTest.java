package id.go.bkn.asn.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;

class BoundedRocksDbMemoryTest {

  private static final long SIXTY_FOUR_MIB = 64L * 1024 * 1024;

  @TempDir Path stateDir;

  @Test
  void shouldGiveEveryStoreTheSameWriteBufferManagerWhenTheBoundIsTheSame() {
    final BoundedRocksDbMemory setter = new BoundedRocksDbMemory();
    final Map<String, Object> configs =
        new HashMap<>(BoundedRocksDbMemory.properties(SIXTY_FOUR_MIB));
    try (Options first = new Options();
        Options second = new Options();
        Options other = new Options()) {
      setter.setConfig("tree-windows", first, configs);
      setter.setConfig("tree-seen", second, configs);
      setter.setConfig(
          "roster", other, new HashMap<>(BoundedRocksDbMemory.properties(2 * SIXTY_FOUR_MIB)));

      assertThat(first.writeBufferManager()).isNotNull().isSameAs(second.writeBufferManager());
      assertThat(other.writeBufferManager()).isNotSameAs(first.writeBufferManager());
      final BlockBasedTableConfig table = (BlockBasedTableConfig) first.tableFormatConfig();
      assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
      assertThat(table.cacheIndexAndFilterBlocksWithHighPriority()).isTrue();
    }
  }

  @Test
  void shouldRefuseWhenTheBoundIsBelowSixteenMebibytes() {
    assertThatThrownBy(() -> BoundedRocksDbMemory.properties(1_000_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 16 MiB");
  }

  @Test
  void shouldStoreAndReadBackWhenRocksDbRunsUnderTheBound() {
    final StreamsBuilder builder = new StreamsBuilder();
    builder.table(
        "in",
        Consumed.with(Serdes.String(), Serdes.String()),
        Materialized.<String, String, KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]>>as(
                "bounded")
            .withKeySerde(Serdes.String())
            .withValueSerde(Serdes.String()));
    final Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bounded-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.putAll(BoundedRocksDbMemory.properties(SIXTY_FOUR_MIB));
    // As the app sets it (StreamsSettings), so that Kafka does not warn about the global thread.
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
      final TestInputTopic<String, String> in =
          driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
      for (int i = 0; i < 1_000; i++) {
        in.pipeInput("k" + i, "v" + i);
      }
      final KeyValueStore<String, String> store = driver.getKeyValueStore("bounded");

      assertThat(store.get("k999")).isEqualTo("v999");
      assertThat(store.approximateNumEntries()).isPositive();
    }
  }
}
