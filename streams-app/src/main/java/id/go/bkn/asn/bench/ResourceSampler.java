package id.go.bkn.asn.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Samples while a phase runs, and keeps the peaks of: the JVM's used heap and the process's
 * resident set (Linux {@code /proc/self/status}, else unknown), every 200 ms; the RocksDB memory
 * Kafka Streams reports (the state-store metrics {@code size-all-mem-tables}, {@code
 * estimate-table-readers-mem} and {@code block-cache-usage}), every 5 s. Reading the Streams
 * client's metrics means building a map of thousands of them: a JFR profile of the bench showed
 * that at 200 ms it took a quarter of the process's CPU samples, so RocksDB is read 25 times less
 * often (its memory moves slowly). A shared block cache is reported by every store that uses it, so
 * with one its usage is counted once (the largest report), not summed; and its write buffer manager
 * charges the memtables to that cache, so they are in its usage already and not added again.
 */
final class ResourceSampler implements AutoCloseable {

  private static final Path STATUS = Path.of("/proc/self/status");
  private static final String MEMTABLES = "size-all-mem-tables";
  private static final String TABLE_READERS = "estimate-table-readers-mem";
  private static final String CACHE = "block-cache-usage";

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            final Thread thread = new Thread(r, "bench-sampler");
            thread.setDaemon(true);
            return thread;
          });
  private final Supplier<Map<MetricName, ? extends Metric>> metrics;
  private final boolean sharedCache;
  private volatile long peakHeap;
  private volatile long peakRss = -1;
  private volatile long peakRocksDb;
  private volatile long peakMemtables;
  private volatile long peakTableReaders;
  private volatile long peakCache;

  /**
   * Starts sampling.
   *
   * @param metrics the Streams client's metrics, or an empty map's supplier when there is none
   * @param sharedCache whether the stores share one block cache
   */
  ResourceSampler(
      final Supplier<Map<MetricName, ? extends Metric>> metrics, final boolean sharedCache) {
    this.metrics = metrics;
    this.sharedCache = sharedCache;
    timer.scheduleAtFixedRate(this::sampleMemory, 0, 200, TimeUnit.MILLISECONDS);
    timer.scheduleAtFixedRate(this::sampleRocksDb, 1, 5, TimeUnit.SECONDS);
  }

  long peakHeapBytes() {
    return peakHeap;
  }

  /** The peak resident set, or -1 where the OS does not tell. */
  long peakRssBytes() {
    return peakRss;
  }

  long peakRocksDbBytes() {
    return peakRocksDb;
  }

  /** The peaks of each part of {@link #peakRocksDbBytes()}, each on its own. */
  Map<String, Long> peakRocksDbParts() {
    return Map.of(
        "memtables", peakMemtables, "tableReaders", peakTableReaders, "blockCache", peakCache);
  }

  private void sampleMemory() {
    peakHeap =
        Math.max(peakHeap, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    peakRss = Math.max(peakRss, rss());
  }

  private void sampleRocksDb() {
    try {
      peakRocksDb = Math.max(peakRocksDb, rocksDb());
    } catch (final RuntimeException e) {
      // A metric that goes away while a task closes; the next sample reads the rest.
    }
  }

  private long rocksDb() {
    long memtables = 0;
    long readers = 0;
    long cacheSum = 0;
    long cacheMax = 0;
    for (final Map.Entry<MetricName, ? extends Metric> entry : metrics.get().entrySet()) {
      final MetricName name = entry.getKey();
      if (!"stream-state-metrics".equals(name.group())) {
        continue;
      }
      final Object value = entry.getValue().metricValue();
      if (!(value instanceof Number number)) {
        continue;
      }
      final long bytes = number.longValue();
      if (MEMTABLES.equals(name.name())) {
        memtables += bytes;
      } else if (TABLE_READERS.equals(name.name())) {
        readers += bytes;
      } else if (CACHE.equals(name.name())) {
        cacheSum += bytes;
        cacheMax = Math.max(cacheMax, bytes);
      }
    }
    final long cache = sharedCache ? cacheMax : cacheSum;
    peakMemtables = Math.max(peakMemtables, memtables);
    peakTableReaders = Math.max(peakTableReaders, readers);
    peakCache = Math.max(peakCache, cache);
    return (sharedCache ? 0 : memtables) + readers + cache;
  }

  private static long rss() {
    if (!Files.isReadable(STATUS)) {
      return -1;
    }
    try {
      for (final String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmRSS:")) {
          final String[] parts = line.trim().split("\\s+");
          return Long.parseLong(parts[1]) * 1024;
        }
      }
    } catch (final IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    sampleMemory();
    sampleRocksDb();
  }
}
