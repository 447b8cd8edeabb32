package id.go.bkn.asn.config;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the memory of every RocksDB store of the app by one figure ({@link #MEMORY_CONFIG},
 * bytes): all stores of all tasks share one LRU block cache of that size, and a write buffer
 * manager counts their memtables against the same cache (a quarter of it at most), so index and
 * filter blocks, data blocks and memtables together stay within it however many tasks and stores
 * the instance holds. This is Kafka Streams' documented recipe for bounded memory (Kafka Streams
 * memory management: "RocksDB"), with RocksDB's own {@link Cache} and {@link WriteBufferManager}.
 * Without it each store of each task has its own block cache and memtables, so memory grows with
 * the partitions an instance owns.
 *
 * <p>The cache and manager are shared by every store in the JVM, one pair per configured size, and
 * live as long as the JVM (closing them while a store still uses them would crash RocksDB).
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

  /** The streams config key of the bound, in bytes. */
  public static final String MEMORY_CONFIG = "asn.rocksdb.memory.bytes";

  /** Share of the bound the memtables may take. */
  static final double MEMTABLE_SHARE = 0.25;

  /** Share of the cache kept for index and filter blocks (high priority). */
  static final double INDEX_FILTER_SHARE = 0.1;

  private static final long BLOCK_SIZE = 16 * 1024L;
  private static final Map<Long, Shared> SHARED = new HashMap<>();

  /** One cache and manager for one size. */
  private record Shared(Cache cache, WriteBufferManager writeBufferManager) {}

  /** The streams properties that bound RocksDB to {@code bytes} in all. */
  public static Map<String, Object> properties(final long bytes) {
    if (bytes < 16L * 1024 * 1024) {
      throw new IllegalArgumentException(
          "the RocksDB memory bound must be at least 16 MiB, got " + bytes + " bytes");
    }
    return Map.of(
        StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG,
        BoundedRocksDbMemory.class,
        MEMORY_CONFIG,
        bytes);
  }

  @Override
  public void setConfig(
      final String storeName, final Options options, final Map<String, Object> configs) {
    final Object value = configs.get(MEMORY_CONFIG);
    if (value == null) {
      throw new IllegalStateException(MEMORY_CONFIG + " is not set; use properties(bytes)");
    }
    final Shared shared = shared(Long.parseLong(String.valueOf(value)));
    // Kafka Streams hands over its own BlockBasedTableConfig; keep its other settings.
    final BlockBasedTableConfig table =
        options.tableFormatConfig() instanceof BlockBasedTableConfig given
            ? given
            : new BlockBasedTableConfig();
    table.setBlockCache(shared.cache());
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    table.setBlockSize(BLOCK_SIZE);
    options.setTableFormatConfig(table);
    options.setWriteBufferManager(shared.writeBufferManager());
  }

  @Override
  public void close(final String storeName, final Options options) {
    // The cache and the manager are shared by every store: they must outlive any one of them.
  }

  private static synchronized Shared shared(final long bytes) {
    return SHARED.computeIfAbsent(
        bytes,
        size -> {
          final Cache cache = new LRUCache(size, -1, false, INDEX_FILTER_SHARE);
          return new Shared(cache, new WriteBufferManager((long) (size * MEMTABLE_SHARE), cache));
        });
  }
}
