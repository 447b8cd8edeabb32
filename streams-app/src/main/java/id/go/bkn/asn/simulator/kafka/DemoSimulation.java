package id.go.bkn.asn.simulator.kafka;

import id.go.bkn.asn.registry.RegistryClientConfig;
import id.go.bkn.asn.registry.SchemaRegistryClient;
import id.go.bkn.asn.registry.SchemaRegistryClients;
import id.go.bkn.asn.serde.AvroSerializer;
import id.go.bkn.asn.simulator.BadInputCounts;
import id.go.bkn.asn.simulator.EventGenerator;
import id.go.bkn.asn.simulator.SimulatedClock;
import id.go.bkn.asn.simulator.SimulationConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator as the demo runs it: on a thread of its own, into the demo's broker and registry,
 * resuming where the previous run on the same data dir stopped (the simulation is deterministic, so
 * it is regenerated from its start and what was already sent is skipped).
 */
public final class DemoSimulation implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DemoSimulation.class);
  private static final Duration SAVE_EVERY = Duration.ofSeconds(5);

  private final SchemaRegistryClient registry;
  private final KafkaProducer<String, byte[]> producer;
  private final KafkaSimulationSink sink;
  private final ResumableSink resumable;
  private final EventGenerator generator;
  private final SimulationConfig config;
  private final Path progressFile;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final Thread thread;
  private volatile long position;
  private volatile Instant reached;
  private volatile BadInputCounts badInput = BadInputCounts.ZERO;
  private volatile Exception failure;

  private DemoSimulation(
      final SchemaRegistryClient registry,
      final KafkaProducer<String, byte[]> producer,
      final SimulationConfig config,
      final Path progressFile,
      final Optional<SimulationProgress> progress,
      final Clock wall) {
    this.registry = registry;
    this.producer = producer;
    this.config = config;
    this.progressFile = progressFile;
    this.sink = new KafkaSimulationSink(producer, new AvroSerializer<SpecificRecord>(registry));
    this.resumable = new ResumableSink(sink, progress.map(SimulationProgress::position).orElse(0L));
    this.generator = EventGenerator.create(config, resumable);
    final Instant start = progress.map(SimulationProgress::reached).orElse(config.from());
    // Replays (and skips) what the previous run sent; the generator runs ~10^5 records/s.
    progress.ifPresent(p -> generator.advanceTo(p.reached()));
    this.reached = start;
    final SimulatedClock clock = new SimulatedClock(start, config.speed(), wall);
    final SimulationDriver driver =
        new SimulationDriver(
            generator, clock, wall, config.rate(), d -> Thread.sleep(d.toMillis()));
    this.thread = new Thread(() -> drive(driver, wall), "demo-simulator");
    this.thread.setDaemon(true);
  }

  /**
   * Starts the simulation; a saved progress in {@code progressFile} wins over {@code config}'s seed
   * and start, so a restart continues the same simulation.
   */
  public static DemoSimulation start(
      final String bootstrapServers,
      final String registryUrl,
      final SimulationConfig requested,
      final Path progressFile,
      final Clock wall) {
    final Optional<SimulationProgress> progress = SimulationProgress.load(progressFile);
    SimulationConfig config = requested;
    if (progress.isPresent()) {
      config = config.withSeed(progress.get().seed()).withFrom(progress.get().from());
      LOG.info(
          "Resuming the simulation (seed {}, from {}) at {}",
          config.seed(),
          config.from(),
          progress.get().reached());
    }
    final SchemaRegistryClient registry =
        SchemaRegistryClients.create(RegistryClientConfig.of(registryUrl));
    final KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                20,
                ProducerConfig.CLIENT_ID_CONFIG,
                "demo-simulator"),
            new StringSerializer(),
            new ByteArraySerializer());
    final DemoSimulation simulation =
        new DemoSimulation(registry, producer, config, progressFile, progress, wall);
    simulation.thread.start();
    return simulation;
  }

  /** The simulated time reached. */
  public Instant reached() {
    return reached;
  }

  /** Records handed to Kafka since the simulation began (earlier runs included). */
  public long position() {
    return position;
  }

  /** Bad input injected so far in this run. */
  public BadInputCounts badInput() {
    return badInput;
  }

  /** The simulation's settings (after resuming). */
  public SimulationConfig config() {
    return config;
  }

  /** Why the simulation stopped on its own, if it did. */
  public Optional<Exception> failure() {
    return Optional.ofNullable(failure);
  }

  private void drive(final SimulationDriver driver, final Clock wall) {
    final Instant[] lastSave = {wall.instant()};
    try {
      driver.run(
          null,
          0,
          stop::get,
          () -> {
            position = resumable.position();
            reached = generator.reached();
            badInput = generator.badInputCounts();
            if (Duration.between(lastSave[0], wall.instant()).compareTo(SAVE_EVERY) >= 0) {
              // Only what Kafka acknowledged counts as sent.
              sink.flush();
              save();
              lastSave[0] = wall.instant();
            }
          });
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (final RuntimeException e) {
      failure = e;
      LOG.error("The simulator stopped: {}", e.getMessage());
    }
  }

  private void save() {
    new SimulationProgress(config.seed(), config.from(), resumable.position(), generator.reached())
        .save(progressFile);
  }

  /** Stops the simulation, waits for what was sent, saves the progress and closes the clients. */
  @Override
  public void close() {
    stop.set(true);
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
      if (failure == null) {
        sink.flush();
        save();
      }
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (final RuntimeException e) {
      LOG.warn("Could not save the simulation's progress: {}", e.getMessage());
    } finally {
      producer.close(Duration.ofSeconds(10));
      registry.close();
    }
  }
}
