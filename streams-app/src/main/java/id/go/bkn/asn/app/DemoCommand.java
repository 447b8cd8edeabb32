package id.go.bkn.asn.app;

import id.go.bkn.asn.config.KafkaConnection;
import id.go.bkn.asn.local.LocalStack;
import id.go.bkn.asn.topology.TopicNames;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./pipeline demo}: the whole pipeline on one machine with nothing but Java. Starts the
 * {@link DemoRuntime} (broker, topics, registry, streams app, simulator), prints where they are,
 * then shows the {@link LiveView} until Ctrl-C; a restart on the same data dir resumes.
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

  /** Bad records of each kind per simulated event unless --bad-input-rate says otherwise. */
  static final String DEFAULT_BAD_INPUT_RATE = "0.002";

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
      defaultValue = DEFAULT_BAD_INPUT_RATE,
      description =
          "Bad records of each kind (undecodable, out of range, duplicate, late, unknown"
              + " employee, malformed: dated ahead or before 2000, tombstone, empty value,"
              + " non-finite JP, oversized id) per simulated event, 0..1 (default ${DEFAULT-VALUE}), so the dead-letter,"
              + " late and duplicate paths show.")
  double badInputRate;

  /**
   * How long Ctrl-C waits for the streams client: exactly-once state is safe either way (an
   * unfinished transaction is aborted and redone on restart), and a demo must stop in seconds.
   */
  private static final Duration DEMO_CLOSE_TIMEOUT = Duration.ofSeconds(10);

  /** How often the live view is refreshed on a terminal. */
  private static final Duration REFRESH_EVERY = Duration.ofSeconds(5);

  /** How often it is printed when the output is not a terminal (a pipe, a log file). */
  private static final Duration PRINT_EVERY = Duration.ofSeconds(30);

  private final Environment environment;

  DemoCommand(final Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws InterruptedException {
    simulation.validate();
    final DemoRuntime.Settings settings = settings();
    final Path dataDir = settings.stack().dataDir();
    if (fresh) {
      deleteRecursively(dataDir);
    }
    final PrintWriter out = spec.commandLine().getOut();

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
      try (DemoRuntime demo = DemoRuntime.start(settings, Clock.systemUTC())) {
        printBanner(demo, out);
        showUntilStopped(demo, stopRequested, out);
        out.println("Stopping ...");
        out.flush();
      }
      out.println("Stopped.");
      out.flush();
    } finally {
      // Only now may the shutdown hook return and the JVM halt: everything is closed.
      stopped.countDown();
    }
    return 0;
  }

  /** The demo's settings from the options, checked before the broker spends seconds starting. */
  private DemoRuntime.Settings settings() {
    final LocalStack.Settings stack = local.settings(topicOptions.settings());
    final Map<String, String> kafka = new HashMap<>(environment.kafkaProperties());
    kafka.remove("bootstrap.servers");
    kafka.putAll(streamsOptions.rocksDbProperties());
    // Validates the streams options now; built again once the broker's address is known.
    streamsOptions.settings(
        new KafkaConnection(stack.host() + ":" + Math.max(1, stack.kafkaPort()), kafka),
        stack.dataDir(),
        TopicNames.contract().deadLetters());
    return new DemoRuntime.Settings(
        stack,
        kafka,
        streamsOptions.options(stack.dataDir()),
        topologyOptions.settings(),
        streamsOptions.httpPort,
        DEMO_CLOSE_TIMEOUT,
        noSimulator ? null : simulation.config(badInputRate));
  }

  private static void printBanner(final DemoRuntime demo, final PrintWriter out) {
    final LocalStack stack = demo.stack();
    final PipelineApp app = demo.app();
    out.println("ASN participation demo is up (" + (demo.resumed() ? "resumed" : "new") + " data)");
    out.println("  Dashboard        " + app.httpUrl() + "/  (open it in a browser)");
    out.println("  API for data     " + app.httpUrl() + "/api/v1/docs");
    out.println("  Kafka broker     " + stack.bootstrapServers());
    out.println("  Schema registry  " + stack.registryUrl());
    out.println("  Topics           " + stack.topics().summary());
    out.println("  Data             " + demo.dataDir());
    out.println(
        "  Streams app      "
            + app.applicationId()
            + ", state in "
            + demo.stateDir()
            + " (ready when /health/ready says RUNNING)");
    out.println("  Metrics          " + app.httpUrl() + "/metrics");
    out.println("  Health           " + app.httpUrl() + "/health/ready");
    demo.simulator()
        .ifPresentOrElse(
            simulator ->
                out.printf(
                    "  Simulator        Kota Serang, seed %d, from %s, %sx, %s events/s%n",
                    simulator.config().seed(),
                    simulator.config().from(),
                    simulator.config().speed(),
                    simulator.config().rate()),
            () ->
                out.println(
                    "  Simulator        off (--no-simulator): feed events with ./pipeline import"));
    out.println("Press Ctrl-C to stop.");
    out.flush();
  }

  /** Refreshes the live view until Ctrl-C: in place on a terminal, else now and then. */
  private void showUntilStopped(
      final DemoRuntime demo, final CountDownLatch stopRequested, final PrintWriter out)
      throws InterruptedException {
    final Clock clock = Clock.systemUTC();
    final LiveConsole console =
        new LiveConsole(
            out,
            LiveConsole.isTerminal(System.console() != null, environment.variable("TERM")),
            PRINT_EVERY,
            clock);
    while (!stopRequested.await(REFRESH_EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
      if (console.due()) {
        console.show(LiveView.render(demo.snapshot(clock)));
      }
    }
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
