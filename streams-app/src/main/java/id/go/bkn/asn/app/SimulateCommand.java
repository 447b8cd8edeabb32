package id.go.bkn.asn.app;

import id.go.bkn.asn.registry.RegistryClientConfig;
import id.go.bkn.asn.registry.SchemaRegistryClient;
import id.go.bkn.asn.registry.SchemaRegistryClients;
import id.go.bkn.asn.serde.AvroSerializer;
import id.go.bkn.asn.simulator.EventGenerator;
import id.go.bkn.asn.simulator.NationalConfig;
import id.go.bkn.asn.simulator.NationalSimulation;
import id.go.bkn.asn.simulator.SimulatedClock;
import id.go.bkn.asn.simulator.Simulation;
import id.go.bkn.asn.simulator.SimulationConfig;
import id.go.bkn.asn.simulator.kafka.KafkaSimulationSink;
import id.go.bkn.asn.simulator.kafka.SimulationDriver;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
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

/**
 * {@code ./pipeline simulate}: Kota Serang (or, with {@code --profile national}, all of Indonesia)
 * reference data and events into an existing cluster.
 */
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
      names = "--profile",
      paramLabel = "NAME",
      defaultValue = "kota-serang",
      description =
          "kota-serang (default: one city, about 8,800 ASN) or national (about 550 trees, 4.7"
              + " million ASN, 120 million events a year; the roster is streamed, never held).")
  String profile;

  @Option(
      names = "--employees",
      paramLabel = "N",
      description =
          "Roster of the national profile (default "
              + NationalConfig.DEFAULT_EMPLOYEES
              + ", at most "
              + NationalConfig.MAX_EMPLOYEES
              + ").")
  Integer employees;

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

  private boolean national() {
    return switch (profile.toLowerCase(Locale.ROOT)) {
      case "kota-serang" -> false;
      case "national" -> true;
      default ->
          throw new UserError("--profile must be kota-serang or national, got '" + profile + "'");
    };
  }

  private NationalConfig nationalConfig(final SimulationConfig config) {
    try {
      final NationalConfig national =
          NationalConfig.defaults(Clock.systemUTC())
              .withSeed(config.seed())
              .withFrom(config.from());
      return employees == null ? national : national.withEmployees(employees);
    } catch (final IllegalArgumentException e) {
      throw new UserError("--employees: " + e.getMessage(), e);
    }
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
    final boolean national = national();
    if (national && badInputRate > 0) {
      throw new UserError("--bad-input-rate is for the kota-serang profile only");
    }
    if (!national && employees != null) {
      throw new UserError("--employees is for the national profile only");
    }
    final SimulationConfig config = simulation.config(badInputRate);
    final NationalConfig nationalConfig = national ? nationalConfig(config) : null;
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
      final Simulation generator =
          national
              ? NationalSimulation.create(nationalConfig, sink)
              : EventGenerator.create(config, sink);
      final SimulatedClock clock = SimulatedClock.of(config, Clock.systemUTC());
      out.printf(
          "Simulating %s from %s at %sx, %s events/s into %s%n",
          national
              ? String.format(
                  Locale.ROOT,
                  "Indonesia (%,d ASN, %.1f events/s of simulated time)",
                  nationalConfig.employees(),
                  nationalConfig.eventsPerSecond())
              : "Kota Serang",
          config.from(),
          config.speed(),
          config.rate(),
          connection.bootstrapServers);
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
          "Generated %d events up to %s%s%n",
          generated,
          generator.reached(),
          generator instanceof EventGenerator kotaSerang
              ? " (bad input: " + kotaSerang.badInputCounts() + ")"
              : "");
    } finally {
      if (!stop.get()) {
        Runtime.getRuntime().removeShutdownHook(hook);
      }
    }
    return 0;
  }
}
