package id.go.bkn.asn.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a bench run is set up, validated by the command before it starts.
 *
 * @param profile which simulation makes the input
 * @param seed the simulation's seed: the same seed gives the same input
 * @param events at most this many events (the Kota Serang profile also stops at the present)
 * @param weeks how many weeks of history the Kota Serang profile simulates, up to the present
 * @param employees roster size (0: the profile's own, 8,800 for Kota Serang and 4.7 million
 *     nationally)
 * @param partitions partitions of every topic (inputs, outputs, internal)
 * @param streamThreads {@code num.stream.threads}
 * @param cacheMaxBytes {@code statestore.cache.max.bytes}
 * @param commitIntervalMs {@code commit.interval.ms}
 * @param emitInterval how often the topology writes PROVISIONAL records
 * @param rocksDbMemoryBytes the RocksDB memory bound of the app (0: RocksDB's defaults, unbounded)
 * @param latencyDuration how long the open-loop producer runs at each rate (zero: no latency phase)
 * @param scaleOut instance counts of the scale-out phases, in order (empty: none): the full
 *     topology under exactly_once_v2 as that many instances of one application id in this JVM
 * @param drainTimeout how long a phase may take before the bench gives up
 * @param bootstrapServers an existing cluster, or null for an embedded broker
 * @param registryUrl its schema registry (with {@code bootstrapServers})
 * @param kafkaProperties further client properties ({@code KAFKA_*})
 * @param dataDir where the embedded broker and the state stores live
 * @param output the JSON file
 */
public record BenchSettings(
    Profile profile,
    long seed,
    long events,
    int weeks,
    int employees,
    int partitions,
    int streamThreads,
    long cacheMaxBytes,
    long commitIntervalMs,
    Duration emitInterval,
    long rocksDbMemoryBytes,
    Duration latencyDuration,
    List<Integer> scaleOut,
    Duration drainTimeout,
    String bootstrapServers,
    String registryUrl,
    Map<String, String> kafkaProperties,
    Path dataDir,
    Path output) {

  /** The simulation behind the input. */
  public enum Profile {
    /** The Kota Serang simulator (one tree of 101 units, about 8,800 employees). */
    KOTA_SERANG,
    /** The national profile (about 550 trees). */
    NATIONAL
  }

  public BenchSettings {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(emitInterval, "emitInterval");
    Objects.requireNonNull(latencyDuration, "latencyDuration");
    scaleOut = List.copyOf(scaleOut);
    Objects.requireNonNull(drainTimeout, "drainTimeout");
    kafkaProperties = Map.copyOf(kafkaProperties);
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(output, "output");
  }

  /** Whether the bench starts its own broker and registry. */
  boolean embedded() {
    return bootstrapServers == null;
  }
}
