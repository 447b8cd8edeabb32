package id.go.bkn.asn.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The settings of a replay ({@code run --replay}): a year read again from the start under a new
 * application id needs no second-scale freshness, so a longer commit interval with a record cache
 * that holds an interval's changes lets the cache merge each unit-window's writes over many events
 * (docs/benchmarks.md, "Sixth session": on the national trees about half the broker records per
 * event and a quarter less CPU). They go in below the {@code KAFKA_*} properties, so any one of
 * them can still be set by hand.
 */
public final class ReplayMode {

  /** The commit (and transaction) interval of a replay. */
  public static final long COMMIT_INTERVAL_MS = 20_000;

  /** The record cache per stream thread of a replay, as measured. */
  public static final long CACHE_BYTES_PER_THREAD = 256L * 1024 * 1024;

  /** Commit intervals up to this keep Kafka Streams' 10 s transaction timeout. */
  static final long LONGEST_COMMIT_UNDER_DEFAULT_TIMEOUT_MS = 5_000;

  /** How far past a longer commit interval the transaction timeout is set. */
  static final long TRANSACTION_TIMEOUT_MARGIN_MS = 10_000;

  /** The share of the heap the record cache may take at most. */
  static final int HEAP_SHARE_DIVISOR = 4;

  private ReplayMode() {}

  /**
   * The commit interval, and above 5 s a transaction timeout 10 s beyond it: Kafka Streams refuses
   * a commit interval longer than the transaction timeout (10 s under exactly_once_v2), and a
   * transaction spans a commit interval. Shorter intervals keep Kafka's default timeout.
   */
  public static Map<String, Object> commitProperties(final long commitIntervalMs) {
    final Map<String, Object> props = new LinkedHashMap<>();
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
    if (commitIntervalMs > LONGEST_COMMIT_UNDER_DEFAULT_TIMEOUT_MS) {
      props.put(
          StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
          (int) (commitIntervalMs + TRANSACTION_TIMEOUT_MARGIN_MS));
    }
    return props;
  }

  /**
   * The record cache of an instance: {@link #CACHE_BYTES_PER_THREAD} per stream thread (Kafka
   * Streams divides {@code statestore.cache.max.bytes} among them), at most a quarter of the heap.
   */
  public static long cacheBytes(final int streamThreads, final long maxHeapBytes) {
    return Math.min(
        CACHE_BYTES_PER_THREAD * Math.max(1, streamThreads), maxHeapBytes / HEAP_SHARE_DIVISOR);
  }

  /** Every property a replay sets, for this many stream threads and this heap. */
  public static Map<String, Object> properties(final int streamThreads, final long maxHeapBytes) {
    final Map<String, Object> props = new LinkedHashMap<>(commitProperties(COMMIT_INTERVAL_MS));
    props.put(
        StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, cacheBytes(streamThreads, maxHeapBytes));
    return props;
  }
}
