package id.go.bkn.asn.app;

import id.go.bkn.asn.bench.Bench;
import id.go.bkn.asn.bench.BenchReport;
import id.go.bkn.asn.bench.BenchSettings;
import id.go.bkn.asn.simulator.NationalConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./pipeline bench}: the pipeline's speed against baselines in the same run (see {@link
 * Bench}), on an embedded broker of its own unless {@code --bootstrap-servers} names a cluster.
 * Prints a table and writes the figures as JSON.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measure the pipeline against baselines in one run: produce (B1), consume (B2), a"
          + " pass-through Streams app (B3), the same with Avro (B4), the full topology under"
          + " at_least_once and exactly_once_v2, and event-to-aggregate latency.",
      "Runs on an embedded broker on free ports unless --bootstrap-servers is given; prints a"
          + " table and writes JSON (--output). Defaults take about ten minutes on 2 cores;"
          + " --events 20000 --latency-duration 10s is a one-minute smoke."
    })
final class BenchCommand implements Callable<Integer> {

  /** The most instances a scale-out phase may run in one process. */
  static final int MAX_SCALE_OUT = 8;

  @Spec private CommandSpec spec;

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      defaultValue = "kota-serang",
      description =
          "The simulation behind the input: kota-serang or national (default ${DEFAULT-VALUE}).")
  String profile;

  @Option(
      names = "--events",
      paramLabel = "N",
      defaultValue = "200000",
      description =
          "At most this many events in the backlog (default ${DEFAULT-VALUE}; the kota-serang"
              + " profile also stops at the present).")
  long events;

  @Option(
      names = "--weeks",
      paramLabel = "N",
      defaultValue = "26",
      description =
          "Weeks of Kota Serang history up to the present (default ${DEFAULT-VALUE}: about 170,000"
              + " events; 8 weeks give about 55,000).")
  int weeks;

  @Option(
      names = "--employees",
      paramLabel = "N",
      description =
          "Roster size (default: the profile's, about 8,800 for kota-serang and 4,700,000 for"
              + " national; kota-serang takes 2,000-880,000, national 10,000-"
              + NationalConfig.MAX_EMPLOYEES
              + ").")
  Integer employees;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "20261128",
      description = "Seed of the simulation (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      defaultValue = "6",
      description = "Partitions of every topic (default ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--num-stream-threads",
      paramLabel = "N",
      defaultValue = "1",
      description = "Stream threads of every Streams phase (default ${DEFAULT-VALUE}).")
  int streamThreads;

  @Option(
      names = "--cache-max-bytes",
      paramLabel = "BYTES",
      defaultValue = "10485760",
      description = "statestore.cache.max.bytes (default ${DEFAULT-VALUE}, Kafka's).")
  long cacheMaxBytes;

  @Option(
      names = "--commit-interval",
      paramLabel = "DURATION",
      defaultValue = "1s",
      converter = DurationConverter.class,
      description =
          "commit.interval.ms (default ${DEFAULT-VALUE}, the app's); above 5s the transaction"
              + " timeout is set 10s beyond it (a replay's setting).")
  Duration commitInterval;

  @Option(
      names = "--emit-interval",
      paramLabel = "DURATION",
      defaultValue = "5s",
      converter = DurationConverter.class,
      description =
          "How often PROVISIONAL records are written (default ${DEFAULT-VALUE}, the app's).")
  Duration emitInterval;

  @Option(
      names = "--rocksdb-memory",
      paramLabel = "BYTES",
      defaultValue = "0",
      description =
          "Bound RocksDB's block cache and memtables of the full topology to this many bytes in"
              + " all (default 0: RocksDB's own defaults, unbounded).")
  long rocksDbMemory;

  @Option(
      names = "--latency-duration",
      paramLabel = "DURATION",
      defaultValue = "60s",
      converter = DurationConverter.class,
      description =
          "How long the open-loop producer runs at each of 50 %% and 80 %% of the maximum (default"
              + " ${DEFAULT-VALUE}; 0s: no latency phase).")
  Duration latencyDuration;

  @Option(
      names = "--scale-out",
      paramLabel = "N[,N...]",
      description =
          "After the full-topology phases, run the full topology under exactly_once_v2 as N"
              + " instances of one application id in this process, for each N (1-"
              + MAX_SCALE_OUT
              + "), draining the same backlog: how the work splits between instances (on one"
              + " machine they share its cores). Default: none.")
  String scaleOut;

  @Option(
      names = "--drain-timeout",
      paramLabel = "DURATION",
      defaultValue = "20m",
      converter = DurationConverter.class,
      description = "Give up when a phase takes longer (default ${DEFAULT-VALUE}).")
  Duration drainTimeout;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      defaultValue = "bench.json",
      description = "Where the JSON goes (default ${DEFAULT-VALUE}).")
  Path output;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Where the embedded broker and the state stores live (default: a temporary directory,"
              + " deleted afterwards).")
  Path dataDir;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT[,...]",
      description =
          "Bench an existing cluster instead of an embedded broker (env KAFKA_BOOTSTRAP_SERVERS);"
              + " its topics get the prefix bench-<run>.")
  String bootstrapServers;

  @Option(
      names = "--schema-registry-url",
      paramLabel = "URL",
      description = "The schema registry of --bootstrap-servers (env SCHEMA_REGISTRY_URL).")
  String schemaRegistryUrl;

  private final Environment environment;

  BenchCommand(final Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws InterruptedException {
    final BenchSettings.Profile chosen = profile();
    validate(chosen);
    final List<Integer> instanceCounts = parseScaleOut(scaleOut);
    final boolean temporary = dataDir == null;
    final Path dir = temporary ? temporaryDir() : dataDir;
    final PrintWriter out = spec.commandLine().getOut();
    try {
      final BenchSettings settings =
          new BenchSettings(
              chosen,
              seed,
              events,
              weeks,
              employees == null ? 0 : employees,
              partitions,
              streamThreads,
              cacheMaxBytes,
              commitInterval.toMillis(),
              emitInterval,
              rocksDbMemory,
              latencyDuration,
              instanceCounts,
              drainTimeout,
              bootstrapServers,
              schemaRegistryUrl,
              bootstrapServers == null ? Map.of() : environment.kafkaProperties(),
              dir,
              output);
      final BenchReport report = new Bench(settings, out, Clock.systemUTC()).run();
      report.write(output);
      report.printTable(out);
      out.println();
      out.println("Figures: " + output.toAbsolutePath());
      out.flush();
      return 0;
    } finally {
      if (temporary) {
        deleteQuietly(dir);
      }
    }
  }

  private BenchSettings.Profile profile() {
    return switch (profile.toLowerCase(Locale.ROOT)) {
      case "kota-serang" -> BenchSettings.Profile.KOTA_SERANG;
      case "national" -> BenchSettings.Profile.NATIONAL;
      default ->
          throw new UserError("--profile must be kota-serang or national, got '" + profile + "'");
    };
  }

  private void validate(final BenchSettings.Profile chosen) {
    if (events < 1) {
      throw new UserError("--events must be at least 1, got " + events);
    }
    if (employees != null) {
      final boolean national = chosen == BenchSettings.Profile.NATIONAL;
      final int min = national ? 10_000 : 2_000;
      final int max = national ? NationalConfig.MAX_EMPLOYEES : 880_000;
      if (employees < min || employees > max) {
        throw new UserError(
            "--employees of the "
                + profile.toLowerCase(Locale.ROOT)
                + " profile must be "
                + min
                + "-"
                + max
                + ", got "
                + employees);
      }
    }
    if (weeks < 1 || weeks > 300) {
      throw new UserError("--weeks must be 1-300, got " + weeks);
    }
    if (partitions < 1) {
      throw new UserError("--partitions must be at least 1, got " + partitions);
    }
    if (streamThreads < 1) {
      throw new UserError("--num-stream-threads must be at least 1, got " + streamThreads);
    }
    if (cacheMaxBytes < 0) {
      throw new UserError("--cache-max-bytes must be 0 or more, got " + cacheMaxBytes);
    }
    if (rocksDbMemory < 0 || (rocksDbMemory > 0 && rocksDbMemory < 16L * 1024 * 1024)) {
      throw new UserError(
          "--rocksdb-memory must be 0 (unbounded) or at least 16 MiB (16777216), got "
              + rocksDbMemory);
    }
    requirePositive(commitInterval, "--commit-interval", false);
    requirePositive(emitInterval, "--emit-interval", false);
    requirePositive(latencyDuration, "--latency-duration", true);
    requirePositive(drainTimeout, "--drain-timeout", false);
    if (bootstrapServers != null && schemaRegistryUrl == null) {
      throw new UserError(
          "--bootstrap-servers needs --schema-registry-url (or SCHEMA_REGISTRY_URL) too");
    }
    if (bootstrapServers == null && schemaRegistryUrl != null) {
      throw new UserError(
          "--schema-registry-url is for an existing cluster: give --bootstrap-servers too, or"
              + " neither for the embedded broker");
    }
    if (Files.isDirectory(output)) {
      throw new UserError("--output must be a file, " + output + " is a directory");
    }
  }

  /**
   * The instance counts of {@code --scale-out}: whole numbers 1-{@value #MAX_SCALE_OUT}, separated
   * by commas, none twice; none when the option is absent.
   */
  static List<Integer> parseScaleOut(final String value) {
    if (value == null) {
      return List.of();
    }
    final String fix =
        "--scale-out takes instance counts of 1-"
            + MAX_SCALE_OUT
            + " separated by commas, like 2,3; got '"
            + value
            + "'";
    final List<Integer> counts = new ArrayList<>();
    for (final String part : value.split(",", -1)) {
      final int count;
      try {
        count = Integer.parseInt(part.strip());
      } catch (final NumberFormatException e) {
        throw new UserError(fix, e);
      }
      if (count < 1 || count > MAX_SCALE_OUT) {
        throw new UserError(fix);
      }
      if (counts.contains(count)) {
        throw new UserError("--scale-out names " + count + " twice; give each count once");
      }
      counts.add(count);
    }
    return List.copyOf(counts);
  }

  private static void requirePositive(
      final Duration value, final String option, final boolean zeroAllowed) {
    if (value.isNegative() || (!zeroAllowed && value.isZero())) {
      throw new UserError(
          option + " must be " + (zeroAllowed ? "0s or more" : "positive") + ", got " + value);
    }
  }

  private static Path temporaryDir() {
    try {
      return Files.createTempDirectory("asn-bench-");
    } catch (final IOException e) {
      throw new UserError("Cannot create a temporary directory: " + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(final Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.delete(path);
                } catch (final IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (final IOException | UncheckedIOException e) {
      // A leftover temporary directory is no reason to fail a finished bench.
    }
  }
}
