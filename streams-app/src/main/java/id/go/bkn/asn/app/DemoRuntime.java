package id.go.bkn.asn.app;

import id.go.bkn.asn.config.KafkaConnection;
import id.go.bkn.asn.config.StreamsSettings;
import id.go.bkn.asn.config.TopologySettings;
import id.go.bkn.asn.local.LocalStack;
import id.go.bkn.asn.local.Resources;
import id.go.bkn.asn.metrics.MicrometerPipelineEvents;
import id.go.bkn.asn.registry.RegistryClientConfig;
import id.go.bkn.asn.simulator.SimulationConfig;
import id.go.bkn.asn.simulator.kafka.DemoSimulation;
import id.go.bkn.asn.topology.TopicNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code ./pipeline demo} runs, in one place so the command and its integration test run the
 * same wiring: the local stack (broker, topics, registry) under the data dir, the streams app on it
 * with its state under the same dir, and the simulator, resuming from {@code simulator.properties}
 * there. {@link #start} starts them in that order; {@link #close} stops them in reverse.
 */
public final class DemoRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DemoRuntime.class);

  /** The simulator's saved progress, under the data dir. */
  static final String SIMULATOR_PROGRESS = "simulator.properties";

  /**
   * Everything the demo is started with.
   *
   * @param stack where the broker and registry run; its data dir holds everything
   * @param kafkaProperties further Kafka client properties of the streams app ({@code KAFKA_*})
   * @param streams the streams app's options (the data dir among them)
   * @param topology what the topology is told
   * @param httpPort the port of /metrics and /health/* (0: a free one)
   * @param closeTimeout how long closing waits for the streams client
   * @param simulation the simulator's settings, null to run without it
   */
  public record Settings(
      LocalStack.Settings stack,
      Map<String, String> kafkaProperties,
      StreamsSettings.Options streams,
      TopologySettings topology,
      int httpPort,
      Duration closeTimeout,
      SimulationConfig simulation) {

    public Settings {
      Objects.requireNonNull(stack, "stack");
      kafkaProperties = Map.copyOf(kafkaProperties);
      Objects.requireNonNull(streams, "streams");
      Objects.requireNonNull(topology, "topology");
      Objects.requireNonNull(closeTimeout, "closeTimeout");
    }

    /** The streams app's settings against this broker; throws IllegalArgumentException if bad. */
    public StreamsSettings streamsSettings(final String bootstrapServers) {
      return StreamsSettings.of(
          new KafkaConnection(bootstrapServers, kafkaProperties),
          streams,
          TopicNames.contract().deadLetters());
    }
  }

  private final Settings settings;
  private final boolean resumed;
  private final LocalStack stack;
  private final PipelineApp app;
  private final DemoSimulation simulator;
  private final LiveView.Source source;

  private DemoRuntime(
      final Settings settings,
      final boolean resumed,
      final LocalStack stack,
      final PipelineApp app,
      final DemoSimulation simulator) {
    this.settings = settings;
    this.resumed = resumed;
    this.stack = stack;
    this.app = app;
    this.simulator = simulator;
    // The business figures come from the app's aggregate view, as the business gauges do.
    this.source = new AggregateLiveSource(app::aggregates);
  }

  /**
   * Starts the stack, the app and (unless its settings are null) the simulator; on any failure
   * stops what had started and rethrows.
   */
  public static DemoRuntime start(final Settings settings, final Clock clock) {
    final Path dataDir = settings.stack().dataDir();
    final boolean resumed = Files.isDirectory(dataDir.resolve("kafka"));
    LOG.info("Starting the demo in {} ({})", dataDir, resumed ? "resuming" : "new");
    final Resources started = new Resources();
    try {
      final LocalStack stack = LocalStack.start(settings.stack());
      started.push(stack);
      final PipelineApp app =
          PipelineApp.start(
              new PipelineApp.Settings(
                  settings.streamsSettings(stack.bootstrapServers()),
                  settings.topology(),
                  TopicNames.contract(),
                  RegistryClientConfig.of(stack.registryUrl()),
                  settings.stack().host(),
                  settings.httpPort(),
                  settings.closeTimeout()),
              PipelineApp.TopologyFactory.PARTICIPATION,
              clock);
      started.push(app);
      final DemoSimulation simulator =
          settings.simulation() == null
              ? null
              : DemoSimulation.start(
                  stack.bootstrapServers(),
                  stack.registryUrl(),
                  settings.simulation(),
                  dataDir.resolve(SIMULATOR_PROGRESS),
                  clock);
      return new DemoRuntime(settings, resumed, stack, app, simulator);
    } catch (final RuntimeException e) {
      started.close();
      throw e;
    }
  }

  /** The broker, topics and registry. */
  public LocalStack stack() {
    return stack;
  }

  /** The streams app. */
  public PipelineApp app() {
    return app;
  }

  /** The simulator, empty when started without it. */
  public Optional<DemoSimulation> simulator() {
    return Optional.ofNullable(simulator);
  }

  /** Whether the data dir held a previous run's data. */
  public boolean resumed() {
    return resumed;
  }

  /** Where everything is kept: the broker's data, the app's state, the simulator's progress. */
  public Path dataDir() {
    return settings.stack().dataDir();
  }

  /** Where the streams app keeps its state. */
  public Path stateDir() {
    return settings.stack().dataDir().resolve(StreamsSettings.STATE_SUBDIR);
  }

  /** What the live view shows now: counters and simulator read here, the rest from the source. */
  public LiveView.Snapshot snapshot(final Clock clock) {
    final LiveView.SimulatorStatus sim =
        simulator == null
            ? null
            : new LiveView.SimulatorStatus(
                simulator.reached(),
                simulator.position(),
                simulator.config().speed(),
                simulator.failure().map(Exception::getMessage).orElse(null));
    return new LiveView.Snapshot(
        clock.instant(),
        app.state().name(),
        MicrometerPipelineEvents.totals(app.meterRegistry()),
        sim,
        settings.topology().alerts().minCohort(),
        source.cityThisWeek().orElse(null),
        source.unitWeeks(),
        source.firingAlerts(),
        new LiveView.Endpoints(stack.bootstrapServers(), stack.registryUrl(), app.httpUrl()));
  }

  /** Stops the simulator (saving its progress), the app and the stack, in that order. */
  @Override
  public void close() {
    final Resources all = new Resources();
    all.push(stack);
    all.push(app);
    if (simulator != null) {
      all.push(simulator);
    }
    all.close();
  }
}
