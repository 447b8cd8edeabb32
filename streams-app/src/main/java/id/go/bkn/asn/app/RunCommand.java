package id.go.bkn.asn.app;

import id.go.bkn.asn.config.KafkaConnection;
import id.go.bkn.asn.config.ReplayMode;
import id.go.bkn.asn.config.StreamsSettings;
import id.go.bkn.asn.config.TopologySettings;
import id.go.bkn.asn.http.HttpSecurity;
import id.go.bkn.asn.http.PipelineHttpServer;
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
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./pipeline run}: the streams app alone against an existing cluster and registry, until
 * SIGTERM or Ctrl-C (then it closes cleanly within the close timeout). When the streams client
 * fails for good (the thread-death policy gave up, see README "When something fails") the process
 * stays up, reporting not ready on {@code /health/ready} and serving its metrics, so that the alert
 * and the operator can see why; a restart of a deterministic fault would only fail again. It then
 * exits 1 when stopped.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run the streams app against an existing Kafka cluster and schema registry.")
final class RunCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

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
      names = "--http-basic-auth",
      paramLabel = "USER:PASSWORD",
      description =
          "Ask for these credentials on /metrics and every other path but /health/*"
              + " (env PIPELINE_HTTP_BASIC_AUTH, better than the command line; default: none).")
  String httpBasicAuth;

  @Option(
      names = "--http-tls-keystore",
      paramLabel = "FILE",
      description =
          "Serve the HTTP port over TLS with this PKCS12 (or .jks) key store (default: plain"
              + " HTTP).")
  Path httpTlsKeystore;

  @Option(
      names = "--http-tls-keystore-password",
      paramLabel = "PASSWORD",
      description = "The key store's password (env PIPELINE_HTTP_TLS_KEYSTORE_PASSWORD).")
  String httpTlsKeystorePassword;

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

  @Option(
      names = "--replay",
      description =
          "Settings for reading a year again from the start under a new --application-id: a 20 s"
              + " commit interval (and a 30 s transaction timeout), a record cache of 256 MiB per"
              + " stream thread (at most a quarter of the heap). KAFKA_* variables still win."
              + " Default: off (live traffic).")
  boolean replay;

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
    final CountDownLatch signalled = new CountDownLatch(1);
    final CountDownLatch stopped = new CountDownLatch(1);
    final Thread hook =
        new Thread(
            () -> {
              signalled.countDown();
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
      if (failed && signalled.getCount() > 0) {
        out.println(
            "The streams app stopped after repeated failures and reports not ready until this"
                + " process is restarted; the log says why");
        out.flush();
        signalled.await();
      }
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
    final StreamsSettings streams =
        replay(streamsOptions.settings(kafka, dataDir, topics.deadLetters()));
    return new PipelineApp.Settings(
        streams,
        topology,
        topics,
        registryConfig(),
        "0.0.0.0",
        streamsOptions.httpPort,
        PipelineApp.DEFAULT_CLOSE_TIMEOUT,
        httpSecurity());
  }

  /**
   * The replay's settings under the connection's and the command line's (a {@code KAFKA_*} value
   * still wins), the record cache sized by the stream threads those settle on.
   */
  private StreamsSettings replay(final StreamsSettings settings) {
    if (!replay) {
      return settings;
    }
    final int threads =
        Integer.parseInt(
            String.valueOf(settings.properties().get(StreamsConfig.NUM_STREAM_THREADS_CONFIG))
                .trim());
    final Map<String, Object> props =
        ReplayMode.properties(threads, Runtime.getRuntime().maxMemory());
    final StreamsSettings replaying;
    try {
      replaying = settings.withExtraProperties(props);
    } catch (final IllegalArgumentException e) {
      throw new UserError("Invalid streams setting with --replay: " + e.getMessage(), e);
    }
    final java.util.Properties effective = replaying.properties();
    LOG.info(
        "Replay settings: commit interval {} ms, record cache {} MiB for {} stream thread(s)",
        effective.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG),
        Long.parseLong(
                String.valueOf(effective.get(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)))
            / (1024 * 1024),
        threads);
    return replaying;
  }

  /** TLS and basic auth of the HTTP port, checked now so a bad file stops the start. */
  HttpSecurity httpSecurity() {
    if (httpTlsKeystore == null && httpTlsKeystorePassword != null) {
      throw new UserError("--http-tls-keystore-password needs --http-tls-keystore");
    }
    final HttpSecurity security;
    try {
      security =
          HttpSecurity.of(
              httpTlsKeystore,
              httpTlsKeystorePassword,
              httpBasicAuth == null || httpBasicAuth.isEmpty() ? null : httpBasicAuth,
              PipelineHttpServer.OPEN_PATHS);
    } catch (final IllegalArgumentException e) {
      throw new UserError("Invalid HTTP security option: " + e.getMessage(), e);
    }
    if (security.authenticates() && !security.https()) {
      LOG.warn(
          "HTTP basic auth without TLS sends the password in clear text: add"
              + " --http-tls-keystore, or keep the port on a trusted network");
    }
    return security;
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
