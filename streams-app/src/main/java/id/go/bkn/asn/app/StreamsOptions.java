package id.go.bkn.asn.app;

import id.go.bkn.asn.config.BoundedRocksDbMemory;
import id.go.bkn.asn.config.KafkaConnection;
import id.go.bkn.asn.config.StreamsSettings;
import id.go.bkn.asn.http.PipelineHttpServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Option;

/**
 * How the streams app runs: its application id, processing guarantee, threads and HTTP port. The
 * data dir is the command's own ({@code run} and {@code demo} both have {@code --data-dir}). An
 * option left out is left to the lower layers of {@link StreamsSettings} ({@code KAFKA_*}
 * properties, then the defaults).
 */
final class StreamsOptions {

  @Option(
      names = "--application-id",
      paramLabel = "ID",
      description =
          "Kafka Streams application id, shared by all instances (default "
              + StreamsSettings.DEFAULT_APPLICATION_ID
              + ").")
  String applicationId;

  @Option(
      names = "--processing-guarantee",
      paramLabel = "GUARANTEE",
      description = "exactly_once_v2 (default) or at_least_once.")
  String processingGuarantee;

  @Option(
      names = "--num-stream-threads",
      paramLabel = "N",
      description = "Stream threads of this instance (default 1).")
  Integer numStreamThreads;

  @Option(
      names = "--rocksdb-memory",
      paramLabel = "BYTES",
      defaultValue = "0",
      description =
          "Bound the block cache and memtables of all RocksDB stores of this instance to BYTES in"
              + " all (at least 16 MiB; default 0: RocksDB's defaults per store, unbounded; sizing"
              + " in docs/benchmarks.md).")
  long rocksDbMemory;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      defaultValue = "" + PipelineHttpServer.DEFAULT_PORT,
      description =
          "Port of the web dashboard, the API, /metrics and /health/* (default ${DEFAULT-VALUE};"
              + " 0 = any free port).")
  int httpPort;

  /** What these options set, with this data dir; {@link #settings} validates them. */
  StreamsSettings.Options options(final Path dataDir) {
    return new StreamsSettings.Options(
        applicationId, processingGuarantee, dataDir, numStreamThreads);
  }

  /** The RocksDB bound as string properties (none when unbounded), for a client property map. */
  Map<String, String> rocksDbProperties() {
    if (rocksDbMemory == 0) {
      return Map.of();
    }
    final Map<String, String> props = new TreeMap<>();
    try {
      BoundedRocksDbMemory.properties(rocksDbMemory)
          .forEach(
              (key, value) ->
                  props.put(
                      key,
                      value instanceof Class<?> type ? type.getName() : String.valueOf(value)));
    } catch (final IllegalArgumentException e) {
      throw new UserError("--rocksdb-memory: " + e.getMessage(), e);
    }
    return props;
  }

  /** The validated streams settings for this cluster, data dir and dead-letters topic. */
  StreamsSettings settings(
      final KafkaConnection kafka, final Path dataDir, final String deadLetterTopic) {
    if (httpPort < 0 || httpPort > 65_535) {
      throw new UserError("--http-port must be a port number from 0 to 65535, got " + httpPort);
    }
    if (rocksDbMemory < 0) {
      throw new UserError("--rocksdb-memory must be 0 (unbounded) or more, got " + rocksDbMemory);
    }
    try {
      final StreamsSettings settings = StreamsSettings.of(kafka, options(dataDir), deadLetterTopic);
      return rocksDbMemory == 0
          ? settings
          : settings.withExtraProperties(BoundedRocksDbMemory.properties(rocksDbMemory));
    } catch (final IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().contains("RocksDB memory")) {
        throw new UserError("--rocksdb-memory: " + e.getMessage(), e);
      }
      throw new UserError("Invalid streams setting: " + e.getMessage(), e);
    }
  }
}
