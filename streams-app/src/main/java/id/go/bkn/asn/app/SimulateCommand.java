package id.go.bkn.asn.app;

import id.go.bkn.asn.registry.RegistryClientConfig;
import id.go.bkn.asn.registry.SchemaRegistryClient;
import id.go.bkn.asn.registry.SchemaRegistryClients;
import id.go.bkn.asn.serde.AvroSerializer;
import id.go.bkn.asn.simulator.EventGenerator;
import id.go.bkn.asn.simulator.SimulatedClock;
import id.go.bkn.asn.simulator.SimulationConfig;
import id.go.bkn.asn.simulator.kafka.KafkaSimulationSink;
import id.go.bkn.asn.simulator.kafka.SimulationDriver;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./pipeline simulate}: Kota Serang reference data and events into an existing cluster. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = "Write realistic Kota Serang reference data and events into an existing cluster.")
final class SimulateCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;
  @Mixin private ConnectionOptions connection;
  @Mixin private SimulationOptions simulation;

  @Option(
      names = "--duration",
      paramLabel = "D",
      converter = DurationConverter.class,
      description = "Stop after this long (e.g. 10m, 2h; default: run until Ctrl-C).")
  Duration duration;

  @Option(
      names = "--events",
      paramLabel = "N",
      defaultValue = "0",
      description = "Stop after N events (default: no limit).")
  long events;

  @Option(
      names = "--bad-input-rate",
      paramLabel = "R",
      defaultValue = "0",
      description =
          "Bad records of each kind (undecodable, out of range, duplicate, late, unknown"
              + " employee, malformed: dated ahead or before 2000, tombstone, empty value,"
              + " non-finite JP, oversized id) per event, 0..1 (default ${DEFAULT-VALUE}).")
  double badInputRate;

  private final Environment environment;

  SimulateCommand(final Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws InterruptedException {
    simulation.validate();
    if (events < 0) {
      throw new UserError("--events must be 0 (no limit) or more, got " + events);
    }
    if (duration != null && (duration.isNegative() || duration.isZero())) {
      throw new UserError("--duration must be positive, got " + duration);
    }
    final SimulationConfig config = simulation.config(badInputRate);
    final Map<String, Object> registryConfig = new HashMap<>(environment.registryProperties());
    registryConfig.put(RegistryClientConfig.URL, connection.schemaRegistryUrl);
    final Map<String, Object> producerConfig =
        new HashMap<>(connection.kafka(environment).clientConfig());
    producerConfig.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 20);
    producerConfig.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
    producerConfig.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);

    final AtomicBoolean stop = new AtomicBoolean();
    final Thread hook = new Thread(() -> stop.set(true), "simulate-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    final PrintWriter out = spec.commandLine().getOut();
    try (SchemaRegistryClient registry =
            SchemaRegistryClients.create(RegistryClientConfig.fromMap(registryConfig));
        KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(
                producerConfig, new StringSerializer(), new ByteArraySerializer())) {
      final KafkaSimulationSink sink =
          new KafkaSimulationSink(producer, new AvroSerializer<SpecificRecord>(registry));
      final EventGenerator generator = EventGenerator.create(config, sink);
      final SimulatedClock clock = SimulatedClock.of(config, Clock.systemUTC());
      out.printf(
          "Simulating Kota Serang from %s at %sx, %s events/s into %s%n",
          config.from(), config.speed(), config.rate(), connection.bootstrapServers);
      out.flush();
      final long generated =
          ClusterErrors.explain(
              connection.bootstrapServers,
              () -> {
                try {
                  final long n =
                      new SimulationDriver(
                              generator,
                              clock,
                              Clock.systemUTC(),
                              config.rate(),
                              d -> Thread.sleep(d.toMillis()))
                          .run(duration, events, stop::get);
                  sink.flush();
                  return n;
                } catch (final InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return 0L;
                }
              });
      out.printf(
          "Generated %d events up to %s (bad input: %s)%n",
          generated, generator.reached(), generator.badInputCounts());
    } finally {
      if (!stop.get()) {
        Runtime.getRuntime().removeShutdownHook(hook);
      }
    }
    return 0;
  }
}
