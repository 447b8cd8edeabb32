package id.go.bkn.asn.app;

import id.go.bkn.asn.config.KafkaConnection;
import id.go.bkn.asn.config.StreamsSettings;
import id.go.bkn.asn.config.TopologySettings;
import id.go.bkn.asn.local.LocalStack;
import id.go.bkn.asn.registry.RegistryClientConfig;
import id.go.bkn.asn.simulator.SimulationConfig;
import id.go.bkn.asn.simulator.kafka.DemoSimulation;
import id.go.bkn.asn.topology.TopicNames;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./pipeline demo}: the whole pipeline on one machine with nothing but Java. Starts the
 * embedded broker, the topics and the registry, prints where they are, and runs until Ctrl-C; a
 * restart on the same data dir resumes.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run everything on this machine: broker, registry, streams app and simulator.",
      "A Kafka broker (KRaft), a schema registry, the topics, the streams app",
      "and the Kota Serang simulator in one process. Ctrl-C stops it;",
      "running it again on the same data dir resumes."
    })
final class DemoCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

  @Spec private CommandSpec spec;
  @Mixin private LocalStackOptions local;
  @Mixin private TopicOptions topicOptions;
  @Mixin private SimulationOptions simulation;
  @Mixin private StreamsOptions streamsOptions;
  @Mixin private TopologyOptions topologyOptions;

  @Option(names = "--no-simulator", description = "Start without the simulator.")
  boolean noSimulator;

  @Option(names = "--fresh", description = "Delete the data dir first and start over.")
  boolean fresh;

  @Option(
      names = "--bad-input-rate",
      paramLabel = "R",
      defaultValue = "0.002",
      description =
          "Bad records of each kind (undecodable, out of range, duplicate, late, unknown"
              + " employee) per simulated event, 0..1 (default ${DEFAULT-VALUE}), so the dead-letter,"
              + " late and duplicate paths show.")
  double badInputRate;

  /**
   * How long Ctrl-C waits for the streams client: exactly-once state is safe either way (an
   * unfinished transaction is aborted and redone on restart), and a demo must stop in seconds.
   */
  private static final java.time.Duration DEMO_CLOSE_TIMEOUT = java.time.Duration.ofSeconds(10);

  /** How often the demo prints where the simulation stands. */
  private static final java.time.Duration STATUS_EVERY = java.time.Duration.ofSeconds(15);

  private final Environment environment;

  DemoCommand(final Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws InterruptedException {
    simulation.validate();
    final SimulationConfig simulationConfig = simulation.config(badInputRate);
    final LocalStack.Settings settings = local.settings(topicOptions.settings());
    final TopologySettings topology = topologyOptions.settings();
    // Checked before the broker spends seconds starting; built again once its address is known.
    streamsSettings(settings.host() + ":" + Math.max(1, settings.kafkaPort()), settings.dataDir());
    final Path dataDir = settings.dataDir();
    if (fresh) {
      deleteRecursively(dataDir);
    }
    final boolean resumed = Files.isDirectory(dataDir.resolve("kafka"));
    final PrintWriter out = spec.commandLine().getOut();
    LOG.info("Starting the demo in {} ({})", dataDir, resumed ? "resuming" : "new");

    final CountDownLatch stopRequested = new CountDownLatch(1);
    final CountDownLatch stopped = new CountDownLatch(1);
    final Thread hook =
        new Thread(
            () -> {
              stopRequested.countDown();
              awaitQuietly(stopped);
            },
            "demo-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      runUntilStopped(settings, topology, simulationConfig, resumed, stopRequested, out);
      out.println("Stopped.");
      out.flush();
    } finally {
      // Only now may the shutdown hook return and the JVM halt: everything is closed.
      stopped.countDown();
    }
    return 0;
  }

  private void runUntilStopped(
      final LocalStack.Settings settings,
      final TopologySettings topology,
      final SimulationConfig simulationConfig,
      final boolean resumed,
      final CountDownLatch stopRequested,
      final PrintWriter out)
      throws InterruptedException {
    try (LocalStack stack = LocalStack.start(settings);
        PipelineApp app = startApp(stack, settings, topology);
        DemoSimulation simulator =
            noSimulator
                ? null
                : DemoSimulation.start(
                    stack.bootstrapServers(),
                    stack.registryUrl(),
                    simulationConfig,
                    settings.dataDir().resolve("simulator.properties"),
                    Clock.systemUTC())) {
      out.println("ASN participation demo is up (" + (resumed ? "resumed" : "new") + " data)");
      out.println("  Kafka broker     " + stack.bootstrapServers());
      out.println("  Schema registry  " + stack.registryUrl());
      out.println("  Topics           " + stack.topics().summary());
      out.println("  Data             " + settings.dataDir());
      {
        out.println(
            "  Streams app      "
                + app.applicationId()
                + ", state in "
                + stateDir(settings)
                + " (ready when /health/ready says RUNNING)");
        out.println("  Metrics          " + app.httpUrl() + "/metrics");
        out.println("  Health           " + app.httpUrl() + "/health/ready");
      }
      if (simulator == null) {
        out.println("  Simulator        off (--no-simulator): feed events with ./pipeline import");
      } else {
        out.printf(
            "  Simulator        Kota Serang, seed %d, from %s, %sx, %s events/s%n",
            simulator.config().seed(),
            simulator.config().from(),
            simulator.config().speed(),
            simulator.config().rate());
      }
      out.println("Press Ctrl-C to stop.");
      out.flush();
      while (!stopRequested.await(
          STATUS_EVERY.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        if (simulator != null) {
          out.printf(
              "  simulated time %s, %d records sent%s%n",
              simulator.reached().atZone(SimulationOptions.WIB).toLocalDateTime().withNano(0),
              simulator.position(),
              simulator.failure().map(e -> "; simulator stopped: " + e.getMessage()).orElse(""));
          out.flush();
        }
      }
      out.println("Stopping ...");
      out.flush();
    }
  }

  /** The streams app on the stack, its state under the data dir. */
  private PipelineApp startApp(
      final LocalStack stack, final LocalStack.Settings settings, final TopologySettings topology) {
    final TopicNames topics = TopicNames.contract();
    final PipelineApp.Settings app =
        new PipelineApp.Settings(
            streamsSettings(stack.bootstrapServers(), settings.dataDir()),
            topology,
            topics,
            RegistryClientConfig.of(stack.registryUrl()),
            settings.host(),
            streamsOptions.httpPort,
            DEMO_CLOSE_TIMEOUT);
    return PipelineApp.start(app, PipelineApp.TopologyFactory.PARTICIPATION, Clock.systemUTC());
  }

  private StreamsSettings streamsSettings(final String bootstrapServers, final Path dataDir) {
    final Map<String, String> props = new HashMap<>(environment.kafkaProperties());
    props.remove("bootstrap.servers");
    return streamsOptions.settings(
        new KafkaConnection(bootstrapServers, props), dataDir, TopicNames.contract().deadLetters());
  }

  private Path stateDir(final LocalStack.Settings settings) {
    return settings.dataDir().resolve(StreamsSettings.STATE_SUBDIR);
  }

  private static void awaitQuietly(final CountDownLatch latch) {
    try {
      latch.await();
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteRecursively(final Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(DemoCommand::delete);
    } catch (final IOException | UncheckedIOException e) {
      throw new UserError("Cannot delete " + dir + " for --fresh: " + e.getMessage(), e);
    }
  }

  private static void delete(final Path path) {
    try {
      Files.delete(path);
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
