package id.go.bkn.asn.app;

import id.go.bkn.asn.config.KafkaConnection;
import id.go.bkn.asn.config.StreamsSettings;
import id.go.bkn.asn.config.TopologySettings;
import id.go.bkn.asn.registry.RegistryClientConfig;
import id.go.bkn.asn.topology.TopicNames;
import id.go.bkn.asn.view.UnitSeriesFilter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./pipeline run}: the streams app alone against an existing cluster and registry, until
 * SIGTERM or Ctrl-C (then it closes cleanly within the close timeout) or until the streams client
 * fails for good (exit code 1, so that an orchestrator restarts it).
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run the streams app against an existing Kafka cluster and schema registry.")
final class RunCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private ConnectionOptions connection;
  @Mixin private StreamsOptions streamsOptions;
  @Mixin private TopologyOptions topologyOptions;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "${env:PIPELINE_HOME:-.}/.data",
      description = "Where the state stores live, under DIR/streams (default: .data).")
  Path dataDir;

  @Option(
      names = "--metrics-max-depth",
      paramLabel = "N",
      description =
          "Per-unit series on /metrics only for units down to this depth (0: roots only; default:"
              + " every unit). For national deployments; series counts in docs/benchmarks.md.")
  Integer metricsMaxDepth;

  @Option(
      names = "--metrics-trees",
      paramLabel = "ROOT[,ROOT...]",
      split = ",",
      description =
          "Per-unit series on /metrics only for these trees, by root unit id (default: all).")
  java.util.List<String> metricsTrees;

  private final Environment environment;

  RunCommand(final Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws InterruptedException {
    final PipelineApp.Settings settings = settings();
    exportedUnits();
    final PrintWriter out = spec.commandLine().getOut();
    final CountDownLatch stopRequested = new CountDownLatch(1);
    final CountDownLatch stopped = new CountDownLatch(1);
    final Thread hook =
        new Thread(
            () -> {
              stopRequested.countDown();
              awaitQuietly(stopped);
            },
            "run-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try (PipelineApp app =
        PipelineApp.start(
            settings,
            PipelineApp.TopologyFactory.PARTICIPATION,
            Clock.systemUTC(),
            exportedUnits())) {
      out.println("Streams app " + settings.streams().applicationId() + " started");
      out.println("  Metrics   " + app.httpUrl() + "/metrics");
      out.println("  Health    " + app.httpUrl() + "/health/ready");
      out.flush();
      app.terminated().thenRun(stopRequested::countDown);
      stopRequested.await();
      final boolean failed = app.terminated().getNow(null) == KafkaStreams.State.ERROR;
      if (failed) {
        throw new UserError("The streams app stopped with an error; the log says why");
      }
      return 0;
    } finally {
      stopped.countDown();
      removeHook(hook);
    }
  }

  /** Every setting, validated before anything connects anywhere. */
  PipelineApp.Settings settings() {
    final TopicNames topics = TopicNames.contract();
    final TopologySettings topology = topologyOptions.settings();
    final KafkaConnection kafka = connection.kafka(environment);
    final StreamsSettings streams = streamsOptions.settings(kafka, dataDir, topics.deadLetters());
    return new PipelineApp.Settings(
        streams,
        topology,
        topics,
        registryConfig(),
        "0.0.0.0",
        streamsOptions.httpPort,
        PipelineApp.DEFAULT_CLOSE_TIMEOUT);
  }

  /** Which units get per-unit series on /metrics. */
  UnitSeriesFilter exportedUnits() {
    try {
      return new UnitSeriesFilter(
          metricsMaxDepth,
          metricsTrees == null
              ? java.util.Set.of()
              : metricsTrees.stream()
                  .map(String::strip)
                  .filter(s -> !s.isEmpty())
                  .collect(java.util.stream.Collectors.toSet()));
    } catch (final IllegalArgumentException e) {
      throw new UserError("--metrics-max-depth: " + e.getMessage(), e);
    }
  }

  private RegistryClientConfig registryConfig() {
    final Map<String, Object> config = new HashMap<>(environment.registryProperties());
    config.put(RegistryClientConfig.URL, connection.schemaRegistryUrl);
    try {
      return RegistryClientConfig.fromMap(config);
    } catch (final ConfigException e) {
      throw new UserError("Invalid schema registry setting: " + e.getMessage(), e);
    }
  }

  private static void removeHook(final Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (final IllegalStateException e) {
      // The JVM is already shutting down: the hook is running and waits for us; nothing to undo.
    }
  }

  private static void awaitQuietly(final CountDownLatch latch) {
    try {
      latch.await();
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
