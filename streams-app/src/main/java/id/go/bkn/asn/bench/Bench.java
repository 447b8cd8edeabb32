package id.go.bkn.asn.bench;

import id.go.bkn.asn.config.BoundedRocksDbMemory;
import id.go.bkn.asn.config.KafkaConnection;
import id.go.bkn.asn.config.ReplayMode;
import id.go.bkn.asn.config.StreamsSettings;
import id.go.bkn.asn.config.TopologySettings;
import id.go.bkn.asn.local.LocalStack;
import id.go.bkn.asn.local.Resources;
import id.go.bkn.asn.metrics.MicrometerPipelineEvents;
import id.go.bkn.asn.metrics.PipelineEvents;
import id.go.bkn.asn.registry.RegistryClientConfig;
import id.go.bkn.asn.registry.SchemaRegistryClient;
import id.go.bkn.asn.registry.SchemaRegistryClients;
import id.go.bkn.asn.schema.UnitActivity;
import id.go.bkn.asn.serde.AvroDeserializer;
import id.go.bkn.asn.serde.AvroSerializer;
import id.go.bkn.asn.simulator.EventGenerator;
import id.go.bkn.asn.simulator.NationalConfig;
import id.go.bkn.asn.simulator.NationalSimulation;
import id.go.bkn.asn.simulator.SimulationConfig;
import id.go.bkn.asn.topics.ContractTopic;
import id.go.bkn.asn.topics.TopicSettings;
import id.go.bkn.asn.topology.ParticipationTopology;
import id.go.bkn.asn.topology.TopicNames;
import id.go.bkn.asn.topology.TopologyContext;
import id.go.bkn.asn.topology.TopologySerdes;
import id.go.bkn.asn.topology.ingest.IngestStreamsConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./pipeline bench}: how fast the pipeline is, against baselines measured in the same run on
 * the same input, so that the ratios hold on a noisy machine. Generates the input once from a
 * seeded simulation, writes the reference data, then measures B1 (produce only), B2 (consume only),
 * B3 (a pass-through Kafka Streams app, bytes in and out), B4 (the same decoding and encoding with
 * the project's Avro serde) and the full topology draining the backlog, each Streams phase under
 * at_least_once and exactly_once_v2, then latency with an open-loop producer at 50 % and 80 % of
 * the full topology's exactly_once_v2 rate; with {@code --scale-out}, before the latency phase, the
 * full topology under exactly_once_v2 again as N instances of one application id. Every Streams
 * phase is a fresh application id reading the same topics from the start. The result is a {@link
 * BenchReport}.
 */
public final class Bench {

  private static final Logger LOG = LoggerFactory.getLogger(Bench.class);

  /** Requests per API endpoint and format, after a warm-up. */
  private static final int API_REQUESTS = 200;

  /** Runs of each baseline per guarantee; the median is reported. */
  private static final int BASELINE_RUNS = 3;

  private static final List<String> GUARANTEES =
      List.of(StreamsConfig.AT_LEAST_ONCE, StreamsConfig.EXACTLY_ONCE_V2);

  private final BenchSettings settings;
  private final PrintWriter out;
  private final Clock clock;
  private final String runTag;
  private final BrokerCounters broker = new BrokerCounters();

  public Bench(final BenchSettings settings, final PrintWriter out, final Clock clock) {
    this.settings = settings;
    this.out = out;
    this.clock = clock;
    this.runTag = Long.toString(clock.millis(), 36);
  }

  /** Runs every phase and returns the report (also written to the settings' output file). */
  public BenchReport run() throws InterruptedException {
    final BenchReport report = new BenchReport(settings, runTag);
    try (Resources resources = new Resources()) {
      final String bootstrap;
      final String registryUrl;
      final TopicNames topics;
      if (settings.embedded()) {
        final LocalStack stack =
            LocalStack.start(
                new LocalStack.Settings(
                    settings.dataDir().resolve("kafka-" + runTag).toAbsolutePath(),
                    "127.0.0.1",
                    0,
                    0,
                    0,
                    TopicSettings.defaults().withPartitions(settings.partitions())));
        resources.push(stack);
        bootstrap = stack.bootstrapServers();
        registryUrl = stack.registryUrl();
        topics = TopicNames.contract();
      } else {
        bootstrap = settings.bootstrapServers();
        registryUrl = settings.registryUrl();
        topics = prefixed("bench-" + runTag + ".");
      }
      final Map<String, Object> client =
          new KafkaConnection(bootstrap, settings.kafkaProperties()).clientConfig();
      try (Admin admin = Admin.create(client)) {
        createTopics(admin, contractTopics(topics));
      }
      final SchemaRegistryClient registry =
          SchemaRegistryClients.create(RegistryClientConfig.of(registryUrl));
      resources.push(registry::close);
      report.put("broker", settings.embedded() ? "embedded, this process" : bootstrap);

      final Context context = new Context(client, registry, topics);
      final BenchInput input = generate(context, report);
      produce(context, input, report);
      consume(context, input, report);
      // The first Streams app of a JVM pays for loading and compiling Kafka Streams; an unreported
      // pass-through run pays it so that B3 at_least_once does not.
      passThrough(context, input, StreamsConfig.AT_LEAST_ONCE, false, "warmup");
      for (final String guarantee : GUARANTEES) {
        final double[] b3b4 = baselines(context, input, guarantee, report);
        full(context, input, guarantee, b3b4[0], b3b4[1], report);
      }
      api(context, report);
      report.finish(clock.instant());
      return report;
    }
  }

  /** Everything the phases share. */
  private record Context(
      Map<String, Object> client, SchemaRegistryClient registry, TopicNames topics) {
    AvroSerializer<SpecificRecord> serializer() {
      return new AvroSerializer<>(registry);
    }

    List<String> eventTopics() {
      return List.of(topics.enrollments(), topics.attendance(), topics.feedback());
    }
  }

  private BenchInput generate(final Context context, final BenchReport report)
      throws InterruptedException {
    final long start = System.nanoTime();
    final Map<String, Object> config = new HashMap<>(context.client());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    final BenchInput input;
    final long referenceSeconds;
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      input =
          BenchInput.generate(
              sink ->
                  switch (settings.profile()) {
                    case KOTA_SERANG -> EventGenerator.create(kotaSerangConfig(), sink);
                    case NATIONAL -> NationalSimulation.create(nationalConfig(), sink);
                  },
              context.topics(),
              context.serializer(),
              producer::send,
              settings.events(),
              clock.instant());
      producer.flush();
      referenceSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    }
    if (input.events() == 0) {
      throw new IllegalStateException("the simulation produced no events");
    }
    final Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("profile", settings.profile().name().toLowerCase(java.util.Locale.ROOT));
    figures.put("events", input.events());
    figures.put("streamRecords", input.stream().size());
    figures.put("streamBytes", input.streamBytes());
    figures.put("referenceRecords", input.referenceRecords());
    figures.put("perTopic", input.perTopic());
    figures.put("lastEventTime", input.lastEventTime().toString());
    figures.put("generateAndReferenceLoadSeconds", referenceSeconds);
    report.put("input", figures);
    say(
        "Input: %,d events (%,d records, %.1f MB) and %,d reference records, generated in %d s",
        input.events(),
        input.stream().size(),
        input.streamBytes() / 1e6,
        input.referenceRecords(),
        referenceSeconds);
    return input;
  }

  /** The Kota Serang profile, with a roster of the given size split as the city's is. */
  private SimulationConfig kotaSerangConfig() {
    final java.time.LocalDate today =
        id.go.bkn.asn.function.JakartaCalendar.dateOf(clock.instant());
    // A Friday, as the demo's default start, so the first week closes early.
    final Instant from =
        today
            .minusWeeks(settings.weeks())
            .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.FRIDAY))
            .atStartOfDay(id.go.bkn.asn.function.JakartaCalendar.ZONE)
            .toInstant();
    final SimulationConfig config =
        SimulationConfig.defaults(clock).withSeed(settings.seed()).withFrom(from);
    if (settings.employees() == 0) {
      return config;
    }
    final int pppk = (int) ((long) settings.employees() * config.pppkCount() / config.rosterSize());
    return config.withRoster(settings.employees() - pppk, pppk);
  }

  /**
   * The national profile, started so that the backlog ends about now: the latency phase's events
   * then fall in a week that is still open.
   */
  private NationalConfig nationalConfig() {
    final NationalConfig config =
        NationalConfig.defaults(clock)
            .withSeed(settings.seed())
            .withEmployees(
                settings.employees() > 0 ? settings.employees() : NationalConfig.DEFAULT_EMPLOYEES);
    final double seconds = settings.events() / config.eventsPerSecond() * 1.3;
    return config.withFrom(clock.instant().minusSeconds((long) Math.max(3_600, seconds)));
  }

  /** B1: the stream records into their topics, as fast as one producer goes. */
  private void produce(final Context context, final BenchInput input, final BenchReport report) {
    final long cpu = Cpu.process();
    final long start = System.nanoTime();
    sendAll(context, input.stream());
    final double seconds = (System.nanoTime() - start) / 1e9;
    report.phase(
        "B1_produce",
        rates(input.stream().size(), input.streamBytes(), seconds, Cpu.process() - cpu));
    say("B1 produce:  %,.0f records/s", input.stream().size() / seconds);
  }

  /** Writes pre-serialized records as fast as one producer can (acks=all, 256 KiB batches). */
  private static void sendAll(
      final Context context, final List<ProducerRecord<String, byte[]>> records) {
    final Map<String, Object> config = new HashMap<>(context.client());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 10);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      records.forEach(producer::send);
      producer.flush();
    }
  }

  /** B2: the three event topics read back from the start by one consumer. */
  private void consume(final Context context, final BenchInput input, final BenchReport report) {
    final Map<String, Object> config = new HashMap<>(context.client());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
    final long cpu = Cpu.process();
    final long start = System.nanoTime();
    long records = 0;
    long bytes = 0;
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      final List<TopicPartition> partitions = new ArrayList<>();
      for (final String topic : context.eventTopics()) {
        consumer
            .partitionsFor(topic)
            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      final long deadline = start + settings.drainTimeout().toNanos();
      while (records < input.events()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "B2 read only " + records + " of " + input.events() + " events");
        }
        final ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(200));
        for (final var record : polled) {
          records++;
          bytes += record.serializedKeySize() + record.serializedValueSize();
        }
      }
    }
    final double seconds = (System.nanoTime() - start) / 1e9;
    report.phase("B2_consume", rates(records, bytes, seconds, Cpu.process() - cpu));
    say("B2 consume:  %,.0f records/s", records / seconds);
  }

  /**
   * B3 and B4 under one guarantee, each run {@value #BASELINE_RUNS} times with a new application id
   * and interleaved (B3 first in odd runs, B4 first in even ones), the median run reported. A
   * baseline drains the backlog in a few seconds, so one run is at the mercy of whatever else the
   * machine does in those seconds, and running B3 always before B4 made B4 come out faster than B3
   * in every earlier run, which a pass-through of bytes cannot be (an order effect).
   *
   * @return the median events/s of B3 and of B4
   */
  private double[] baselines(
      final Context context,
      final BenchInput input,
      final String guarantee,
      final BenchReport report)
      throws InterruptedException {
    final List<Map<String, Object>> b3 = new ArrayList<>();
    final List<Map<String, Object>> b4 = new ArrayList<>();
    for (int i = 1; i <= BASELINE_RUNS; i++) {
      final boolean avroFirst = i % 2 == 0;
      for (final boolean avro :
          avroFirst ? new boolean[] {true, false} : new boolean[] {false, true}) {
        final Map<String, Object> figures = passThrough(context, input, guarantee, avro, "r" + i);
        figures.put("runNumber", i);
        figures.put("ranFirst", avro == avroFirst);
        (avro ? b4 : b3).add(figures);
      }
    }
    return new double[] {
      reportMedian("B3_passthrough", guarantee, b3, report),
      reportMedian("B4_avro", guarantee, b4, report)
    };
  }

  /** Reports the median run of a baseline, with every run's rate beside it. */
  private double reportMedian(
      final String phase,
      final String guarantee,
      final List<Map<String, Object>> runs,
      final BenchReport report) {
    final List<Map<String, Object>> sorted = new ArrayList<>(runs);
    sorted.sort(java.util.Comparator.comparingDouble(f -> (double) f.get("eventsPerSecond")));
    final Map<String, Object> median = new LinkedHashMap<>(sorted.get(sorted.size() / 2));
    median.put("runsEventsPerSecond", runs.stream().map(f -> f.get("eventsPerSecond")).toList());
    median.put("settings", runSettings(guarantee));
    report.phase(phase, guarantee, median);
    final double rate = (double) median.get("eventsPerSecond");
    say(
        "%s %s: %,.0f events/s (median of %s)",
        phase,
        guarantee,
        rate,
        runs.stream()
            .map(
                f ->
                    String.format(
                        java.util.Locale.ROOT, "%,.0f", (double) f.get("eventsPerSecond")))
            .toList());
    return rate;
  }

  /** B3 (bytes) or B4 (Avro): the three event topics through a Streams app that changes nothing. */
  private Map<String, Object> passThrough(
      final Context context,
      final BenchInput input,
      final String guarantee,
      final boolean avro,
      final String runName)
      throws InterruptedException {
    final String appId =
        "bench-" + runTag + "-" + (avro ? "b4-" : "b3-") + shortName(guarantee) + "-" + runName;
    final Map<String, String> outputs = new LinkedHashMap<>();
    for (final String topic : context.eventTopics()) {
      outputs.put(topic, appId + "." + topic);
    }
    try (Admin admin = Admin.create(context.client())) {
      final Map<String, String> configs = Map.of();
      createTopics(
          admin,
          outputs.values().stream()
              .collect(java.util.stream.Collectors.toMap(t -> t, t -> configs)));
    }
    final Topology topology =
        avro
            ? PassThrough.avro(context.topics(), outputs, context.registry())
            : PassThrough.bytes(outputs);
    final Properties props = baseProperties(context, appId, guarantee);
    final StreamsRun run =
        runStreams(
            appId,
            List.of(new Instance(appId, topology, props)),
            List.of(context.eventTopics()),
            false,
            input.events(),
            null);
    return run.figures(input.events());
  }

  /**
   * The full topology draining the backlog; with exactly_once_v2 then the scale-out phases (when
   * asked for) and the latency phase, on the drained app.
   */
  private double full(
      final Context context,
      final BenchInput input,
      final String guarantee,
      final double b3,
      final double b4,
      final BenchReport report)
      throws InterruptedException {
    final String appId = "bench-" + runTag + "-full-" + shortName(guarantee);
    final TopicNames topics = context.topics();
    final boolean eos = StreamsConfig.EXACTLY_ONCE_V2.equals(guarantee);
    final boolean latency = eos && !settings.latencyDuration().isZero();
    final boolean scaleOut = eos && !settings.scaleOut().isEmpty();
    final Map<String, Object> latencyFigures = new LinkedHashMap<>();
    final Map<String, Object> steadyFigures = new LinkedHashMap<>();
    final List<PrometheusMeterRegistry> meters = new ArrayList<>();
    final StreamsRun run;
    try {
      final Instance single =
          fullInstance(
              context,
              appId,
              appId,
              settings.dataDir().resolve("state-" + runTag),
              guarantee,
              meters);
      run =
          runStreams(
              appId,
              List.of(single),
              fullStages(appId, topics),
              settings.rocksDbMemoryBytes() > 0,
              0,
              (perSecond, clients) -> {
                if (scaleOut) {
                  // The latency phase writes fresh events into the inputs, and the scale-out
                  // phases must drain the same backlog as this one: they run first, with this
                  // instance paused (it keeps polling and committing, and processes nothing).
                  clients.forEach(KafkaStreams::pause);
                  try {
                    scaleOut(context, input, perSecond * input.events(), appId, report);
                  } finally {
                    clients.forEach(KafkaStreams::resume);
                  }
                }
                if (eos) {
                  // Only under the last guarantee: its events stay in the inputs, and an earlier
                  // phase's would be in the next phases' backlog.
                  steadyFigures.putAll(steady(context, input, appId, single.props(), clients));
                }
                if (latency) {
                  latencyFigures.putAll(latency(context, input, perSecond * input.events()));
                }
              });
    } finally {
      meters.forEach(PrometheusMeterRegistry::close);
    }
    final Map<String, Object> figures = run.figures(input.events());
    final double rate = input.events() / run.seconds();
    figures.put("ratioToB3", rate / b3);
    figures.put("ratioToB4", rate / b4);
    figures.put("stageDrainedSeconds", run.stageSeconds());
    figures.put("brokerWrittenPerEvent", run.perEvent(appId, topics, input.events()));
    figures.put("settings", runSettings(guarantee));
    if (!steadyFigures.isEmpty()) {
      figures.put("steady", steadyFigures);
    }
    report.phase("full", guarantee, figures);
    say(
        "full %s: %,.0f events/s (%.0f %% of B3, %.0f %% of B4)",
        guarantee, rate, 100 * rate / b3, 100 * rate / b4);
    if (latency) {
      report.put("latency", latencyFigures);
    }
    return rate;
  }

  /**
   * The per-event cost with the roster and the units already in the stores: once the backlog has
   * drained, as many fresh attendance facts as the backlog had events (copies of its attendance
   * events, so spread over the employees as they are, see {@link BenchInput#freshAttendance}) are
   * written at once and drained by the same app. The backlog's figures carry the load of the
   * reference and roster, which grows with the roster however the per-event path does; these do
   * not, so they are the ones to compare between a city and all of Indonesia.
   */
  private Map<String, Object> steady(
      final Context context,
      final BenchInput input,
      final String appId,
      final Properties props,
      final List<KafkaStreams> clients)
      throws InterruptedException {
    final TopicNames topics = context.topics();
    // Work the backlog left due (PROVISIONAL emission, window closes done in bounded chunks after
    // the offsets were committed, and the closes of the days up to today once the idle tree clock
    // follows the wall clock) must not be counted as the batch's.
    final double quietAfter = awaitQuiet(appId, topics);
    // Dated now (or at the backlog's end, if later): a smaller national backlog ends weeks before
    // today, and by now the tree clock has closed those weeks, so facts dated then would be late.
    final Instant occurredAt =
        input.lastEventTime().isAfter(clock.instant().minusSeconds(60))
            ? input.lastEventTime()
            : clock.instant().minusSeconds(60);
    final List<ProducerRecord<String, byte[]>> batch =
        input.freshAttendance(
            runTag + "-steady",
            input.events(),
            occurredAt,
            topics.attendance(),
            context.serializer());
    System.gc();
    final Map<String, BrokerCounters.Written> before =
        broker.available() ? broker.snapshot() : Map.of();
    final long processCpu = Cpu.process();
    final long appCpu = Cpu.threads(appId);
    final long start = System.nanoTime();
    sendAll(context, batch);
    final List<Duration> drained;
    try (Drain drain = new Drain(adminConfig(props))) {
      drained =
          drain.await(
              appId,
              fullStages(appId, topics),
              start,
              settings.drainTimeout(),
              () -> worst(clients));
    }
    final double seconds = drained.get(drained.size() - 1).toNanos() / 1e9;
    final double millions = batch.size() / 1e6;
    final double processCpuPerMillion = (Cpu.process() - processCpu) / 1e9 / millions;
    final double appCpuPerMillion = (Cpu.threads(appId) - appCpu) / 1e9 / millions;
    // The batch's own trailing writes come after its offsets are committed: the PROVISIONAL records
    // of what it changed (and the puts clearing their marks) at the next emit interval. Counted
    // to the drain alone, a faster drain would leave that emission out by luck of timing (a 5.4 s
    // drain with a 5 s emit interval counted no output at all). So the writes are taken once the
    // outputs and changelogs are quiet again, as before the batch. The CPU stays taken at the
    // drain: the quiet wait is seconds of an idle app's polls, which would weigh more than the
    // one emission it adds.
    final double settledAfter = awaitQuiet(appId, topics);
    final Map<String, BrokerCounters.Written> written =
        broker.available() ? BrokerCounters.delta(before, broker.snapshot()) : Map.of();
    final Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("events", batch.size());
    figures.put("quietAfterSeconds", quietAfter);
    figures.put("settledAfterSeconds", settledAfter);
    figures.put("occurredAt", occurredAt.toString());
    figures.put("seconds", seconds);
    figures.put("eventsPerSecond", batch.size() / seconds);
    figures.put("processCpuSecondsPerMillionEvents", processCpuPerMillion);
    figures.put("appCpuSecondsPerMillionEvents", appCpuPerMillion);
    figures.put("stageDrainedSeconds", StreamsRun.stageSeconds(drained));
    if (broker.available()) {
      figures.put(
          "brokerWrittenPerEvent", StreamsRun.perEvent(written, appId, topics, batch.size()));
    }
    say(
        "steady (roster loaded), %,d fresh attendance facts: %,.0f events/s, %.0f app CPU-s per"
            + " million events",
        batch.size(),
        batch.size() / seconds,
        (double) figures.get("appCpuSecondsPerMillionEvents"));
    return figures;
  }

  /**
   * Waits until the app writes nothing to its outputs and changelogs for an emit interval plus a
   * commit interval and a second (at least three seconds), at most the drain timeout; without the
   * embedded broker's counters, that long once.
   *
   * @return the seconds waited
   */
  private double awaitQuiet(final String appId, final TopicNames topics)
      throws InterruptedException {
    final long quiet =
        Math.max(3_000, settings.emitInterval().toMillis() + settings.commitIntervalMs() + 1_000);
    final long start = System.nanoTime();
    if (!broker.available()) {
      TimeUnit.MILLISECONDS.sleep(quiet);
      return quiet / 1e3;
    }
    final long deadline = start + settings.drainTimeout().toNanos();
    long last = -1;
    long since = System.nanoTime();
    while (System.nanoTime() < deadline) {
      final long written =
          broker.snapshot().entrySet().stream()
              .filter(
                  e -> {
                    final String category = StreamsRun.category(e.getKey(), appId, topics);
                    return "outputs".equals(category) || "changelogs".equals(category);
                  })
              .mapToLong(e -> e.getValue().records())
              .sum();
      if (written != last) {
        last = written;
        since = System.nanoTime();
      } else if (System.nanoTime() - since >= TimeUnit.MILLISECONDS.toNanos(quiet)) {
        break;
      }
      TimeUnit.MILLISECONDS.sleep(250);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /**
   * The full topology under exactly_once_v2 as N instances of one application id in this JVM, each
   * with its own client id and state directory, for each N of {@code --scale-out}: the same
   * topology, settings and backlog as the single-instance phase, measured by the same code. The
   * instances share this machine's cores, so the ratio to the single instance says how the work
   * splits between them, not how it would scale on N machines.
   */
  private void scaleOut(
      final Context context,
      final BenchInput input,
      final double singleRate,
      final String singleAppId,
      final BenchReport report)
      throws InterruptedException {
    final String guarantee = StreamsConfig.EXACTLY_ONCE_V2;
    for (final int count : settings.scaleOut()) {
      final String appId = "bench-" + runTag + "-scaleout-" + count;
      final long pausedCpu = Cpu.threads(singleAppId);
      final List<PrometheusMeterRegistry> meters = new ArrayList<>();
      final StreamsRun run;
      try {
        final List<Instance> instances = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
          instances.add(
              fullInstance(
                  context,
                  appId,
                  appId + "-i" + i,
                  settings.dataDir().resolve("state-" + runTag + "-scaleout-" + count + "-i" + i),
                  guarantee,
                  meters));
        }
        run =
            runStreams(
                appId,
                instances,
                fullStages(appId, context.topics()),
                settings.rocksDbMemoryBytes() > 0,
                0,
                null);
      } finally {
        meters.forEach(PrometheusMeterRegistry::close);
      }
      final double rate = input.events() / run.seconds();
      final Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("instances", count);
      figures.putAll(run.figures(input.events()));
      figures.put("singleInstanceEventsPerSecond", singleRate);
      figures.put("ratioToSingleInstance", rate / singleRate);
      figures.put("stageDrainedSeconds", run.stageSeconds());
      figures.put(
          "brokerRecordsWrittenPerEvent",
          run.perEvent(appId, context.topics(), input.events())
              .get("recordsOutputsRepartitionsChangelogs"));
      final List<Map<String, Object>> perInstance = new ArrayList<>();
      run.instances().forEach(one -> perInstance.add(one.figures()));
      figures.put("perInstance", perInstance);
      // The paused single instance's threads during the phase: polling and committing only.
      figures.put("pausedSingleInstanceCpuSeconds", (Cpu.threads(singleAppId) - pausedCpu) / 1e9);
      final Map<String, Object> runSettings = runSettings(guarantee);
      runSettings.put("instances", count);
      runSettings.put("applicationId", "one for all instances; a client id and state dir each");
      figures.put("settings", runSettings);
      report.phase("scaleOut", Integer.toString(count), figures);
      final StringBuilder split = new StringBuilder();
      for (final InstanceRun one : run.instances()) {
        split
            .append(split.isEmpty() ? "" : "; ")
            .append(one.activeTasks())
            .append(String.format(java.util.Locale.ROOT, " %,d records", one.processedRecords()));
      }
      say(
          "scale-out, %d instances, %s: %,.0f events/s (%.2f x the single instance); %s",
          count, guarantee, rate, rate / singleRate, split);
    }
  }

  /** One instance of the full topology as the app builds it, with the bench's settings. */
  private Instance fullInstance(
      final Context context,
      final String appId,
      final String clientId,
      final Path dataDir,
      final String guarantee,
      final List<PrometheusMeterRegistry> meters) {
    final TopicNames topics = context.topics();
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    meters.add(registry);
    final PipelineEvents events = new MicrometerPipelineEvents(registry);
    final TopologyContext topologyContext =
        new TopologyContext(
            topologySettings(), topics, TopologySerdes.on(context.registry()), clock, events);
    final StreamsSettings streamsSettings =
        StreamsSettings.of(
                new KafkaConnection(
                    String.valueOf(context.client().get("bootstrap.servers")),
                    settings.kafkaProperties()),
                new StreamsSettings.Options(appId, guarantee, dataDir, settings.streamThreads()),
                topics.deadLetters())
            .withExtraProperties(IngestStreamsConfig.properties(topics, events))
            .withExtraProperties(tuning(appId))
            .withExtraProperties(Map.of(StreamsConfig.CLIENT_ID_CONFIG, clientId))
            .withExtraProperties(
                settings.rocksDbMemoryBytes() > 0
                    ? BoundedRocksDbMemory.properties(settings.rocksDbMemoryBytes())
                    : Map.of());
    final Properties props = streamsSettings.properties();
    final Topology topology =
        new ParticipationTopology(topologyContext)
            .build(new TopologyConfig(new StreamsConfig(props)));
    return new Instance(clientId, topology, props);
  }

  /** The full topology's stages, drained in order: its inputs, then the tree, then programmes. */
  private static List<List<String>> fullStages(final String appId, final TopicNames topics) {
    return List.of(
        List.of(topics.enrollments(), topics.attendance(), topics.feedback(), topics.employees()),
        List.of(appId + "-asn-tree-repartition"),
        List.of(appId + "-asn-program-repartition"));
  }

  /** The read-only API's answer times on the aggregates the full-topology phases wrote. */
  private void api(final Context context, final BenchReport report) throws InterruptedException {
    final Map<String, Object> figures =
        new ApiTimes(
                context.client(),
                context.registry(),
                context.topics(),
                clock,
                topologySettings().alerts().minCohort())
            .measure(API_REQUESTS);
    report.put("api", figures);
    @SuppressWarnings("unchecked")
    final Map<String, Map<String, Object>> endpoints =
        (Map<String, Map<String, Object>>) figures.get("endpoints");
    endpoints.forEach(
        (endpoint, one) ->
            say(
                "api %s: p50 %.1f ms, p99 %.1f ms (%,d bytes)",
                endpoint, one.get("p50Ms"), one.get("p99Ms"), one.get("answerBytes")));
  }

  /** Open-loop latency at 50 % and 80 % of the rate the full topology drained the backlog at. */
  private Map<String, Object> latency(
      final Context context, final BenchInput input, final double maxRate)
      throws InterruptedException {
    final LatencyProbe probe =
        new LatencyProbe(
            context.client(),
            context.topics().attendance(),
            context.topics().unitActivityWeekly(),
            context.serializer(),
            new AvroDeserializer<>(context.registry(), UnitActivity.class),
            input.templates(),
            input.lastEventTime());
    // An event shows once its tree's next emission is committed: the emit interval, the commit
    // interval and some slack.
    final Duration settle =
        settings
            .emitInterval()
            .multipliedBy(2)
            .plusMillis(settings.commitIntervalMs())
            .plusSeconds(5);
    final Map<String, Object> figures = new LinkedHashMap<>();
    for (final int percent : List.of(50, 80)) {
      final LatencyProbe.Result result =
          probe.measure(
              runTag + "-" + percent,
              maxRate * percent / 100.0,
              settings.latencyDuration(),
              settle);
      final Map<String, Object> one = new LinkedHashMap<>();
      one.put("targetEventsPerSecond", result.targetRate());
      one.put("sentEventsPerSecond", result.sentRate());
      one.put("sent", result.sent());
      one.put("measured", result.measured());
      one.put("p50Ms", result.p50Ms());
      one.put("p95Ms", result.p95Ms());
      one.put("p99Ms", result.p99Ms());
      one.put("maxMs", result.maxMs());
      one.put("settings", runSettings(StreamsConfig.EXACTLY_ONCE_V2));
      figures.put("at" + percent + "PercentOfMax", one);
      say(
          "latency at %d %% (%,.0f events/s): p50 %.0f ms, p95 %.0f ms, p99 %.0f ms (%d of %d"
              + " events seen)",
          percent,
          result.targetRate(),
          result.p50Ms(),
          result.p95Ms(),
          result.p99Ms(),
          result.measured(),
          result.sent());
    }
    return figures;
  }

  /** A finished Streams phase. */
  private record StreamsRun(
      double seconds,
      double startupSeconds,
      double everyRunningSeconds,
      double committedSeconds,
      List<Duration> stages,
      long processCpuNanos,
      long appCpuNanos,
      long peakHeap,
      long peakRss,
      long peakRocksDb,
      Map<String, Long> peakRocksDbParts,
      Map<String, BrokerCounters.Written> written,
      List<InstanceRun> instances) {

    Map<String, Object> figures(final long events) {
      final Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("events", events);
      figures.put("seconds", seconds);
      figures.put("startupSeconds", startupSeconds);
      if (instances.size() > 1) {
        figures.put("secondsUntilEveryInstanceRunning", everyRunningSeconds);
      }
      figures.put("secondsFromStartToCommitted", committedSeconds);
      figures.put("eventsPerSecond", events / seconds);
      figures.put("processCpuSecondsPerMillionEvents", processCpuNanos / 1e9 / (events / 1e6));
      figures.put("appCpuSecondsPerMillionEvents", appCpuNanos / 1e9 / (events / 1e6));
      figures.put("peakHeapBytes", peakHeap);
      figures.put("peakRssBytes", peakRss);
      figures.put("peakRocksDbBytes", peakRocksDb);
      figures.put("peakRocksDbPartsBytes", peakRocksDbParts);
      return figures;
    }

    Map<String, Object> stageSeconds() {
      return stageSeconds(stages);
    }

    static Map<String, Object> stageSeconds(final List<Duration> stages) {
      final Map<String, Object> drained = new LinkedHashMap<>();
      drained.put("ingest", stages.get(0).toMillis() / 1000.0);
      drained.put("tree", stages.get(1).toMillis() / 1000.0);
      drained.put("program", stages.get(2).toMillis() / 1000.0);
      return drained;
    }

    Map<String, Object> perEvent(final String appId, final TopicNames topics, final long events) {
      return perEvent(written, appId, topics, events);
    }

    /** Broker writes per input event, by category and by topic. */
    static Map<String, Object> perEvent(
        final Map<String, BrokerCounters.Written> written,
        final String appId,
        final TopicNames topics,
        final long events) {
      final Map<String, long[]> sums = new LinkedHashMap<>();
      for (final String category :
          List.of("outputs", "repartitions", "changelogs", "coordination", "inputs", "other")) {
        sums.put(category, new long[2]);
      }
      written.forEach(
          (topic, w) -> {
            final long[] sum = sums.get(category(topic, appId, topics));
            sum[0] += w.bytes();
            sum[1] += w.records();
          });
      final Map<String, Object> figures = new LinkedHashMap<>();
      sums.forEach(
          (category, sum) ->
              figures.put(
                  category,
                  Map.of("bytes", (double) sum[0] / events, "records", (double) sum[1] / events)));
      final long records =
          sums.get("outputs")[1] + sums.get("repartitions")[1] + sums.get("changelogs")[1];
      figures.put("recordsOutputsRepartitionsChangelogs", (double) records / events);
      // The ten topics written most, so that a reader sees which store or output dominates.
      final Map<String, Object> top = new LinkedHashMap<>();
      written.entrySet().stream()
          .sorted((a, b) -> Long.compare(b.getValue().records(), a.getValue().records()))
          .limit(10)
          .forEach(
              e ->
                  top.put(
                      e.getKey(),
                      Map.of(
                          "records", (double) e.getValue().records() / events,
                          "bytes", (double) e.getValue().bytes() / events)));
      figures.put("topTopics", top);
      // Every topic written, by name: a store that fell out of the ten still has its figure.
      final Map<String, Object> all = new TreeMap<>();
      written.forEach(
          (topic, w) ->
              all.put(
                  topic,
                  Map.of(
                      "records", (double) w.records() / events,
                      "bytes", (double) w.bytes() / events)));
      figures.put("topics", all);
      return figures;
    }

    private static String category(final String topic, final String appId, final TopicNames t) {
      if (topic.startsWith(appId + "-") && topic.endsWith("-repartition")) {
        return "repartitions";
      }
      if (topic.startsWith(appId + "-") && topic.endsWith("-changelog")) {
        return "changelogs";
      }
      if (topic.startsWith("__")) {
        return "coordination";
      }
      if (List.of(
              t.unitActivityDaily(),
              t.unitActivityWeekly(),
              t.unitJpYtd(),
              t.programSatisfactionWeekly(),
              t.employeeJpYtd(),
              t.alerts(),
              t.deadLetters(),
              t.lateEvents())
          .contains(topic)) {
        return "outputs";
      }
      if (List.of(t.enrollments(), t.attendance(), t.feedback(), t.employees()).contains(topic)) {
        return "inputs";
      }
      return "other";
    }
  }

  /** What to do once a Streams phase has drained, before it is closed. */
  @FunctionalInterface
  private interface AfterDrain {
    /** Called with 1 / the drain time in seconds and the phase's clients, still running. */
    void run(double perSecond, List<KafkaStreams> clients) throws InterruptedException;
  }

  /** One Kafka Streams client of a phase: its client id, topology and properties. */
  private record Instance(String clientId, Topology topology, Properties props) {}

  /**
   * What one client of a phase did, read when the phase had drained.
   *
   * @param activeTasks its active tasks at the end, counted by sub-topology
   * @param activeTaskIds the same tasks' ids ({@code subtopology_partition})
   * @param processedRecords what its stream threads processed ({@code process-total})
   * @param streamThreadCpuNanos CPU time of its stream threads
   * @param clientThreadCpuNanos CPU time of every thread named after it (its stream threads, their
   *     consumers' and producers' network threads, its state updater)
   * @param rebalances how often it went into REBALANCING
   */
  private record InstanceRun(
      String clientId,
      Map<String, Integer> activeTasks,
      List<String> activeTaskIds,
      long processedRecords,
      long streamThreadCpuNanos,
      long clientThreadCpuNanos,
      int rebalances) {

    Map<String, Object> figures() {
      final Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("clientId", clientId);
      figures.put("activeTasks", activeTasks);
      figures.put("activeTaskIds", activeTaskIds);
      figures.put("recordsProcessed", processedRecords);
      figures.put("streamThreadCpuSeconds", streamThreadCpuNanos / 1e9);
      figures.put("clientThreadsCpuSeconds", clientThreadCpuNanos / 1e9);
      figures.put("rebalances", rebalances);
      return figures;
    }
  }

  /**
   * Runs a phase: starts its clients (one, or the instances of one application id), waits until
   * they have drained the stages (or processed {@code processedRecords}, for a baseline) and
   * measures, then runs {@code afterDrain} and closes them. One code path for every Streams phase,
   * so the single-instance and the scale-out phases are measured alike.
   */
  private StreamsRun runStreams(
      final String appId,
      final List<Instance> instances,
      final List<List<String>> stages,
      final boolean sharedCache,
      final long processedRecords,
      final AfterDrain afterDrain)
      throws InterruptedException {
    System.gc();
    final Map<String, BrokerCounters.Written> before =
        broker.available() ? broker.snapshot() : Map.of();
    final long cpu = Cpu.process();
    final List<KafkaStreams> clients = new ArrayList<>();
    final AtomicLongArray running = new AtomicLongArray(instances.size());
    final AtomicIntegerArray rebalances = new AtomicIntegerArray(instances.size());
    try {
      for (final Instance instance : instances) {
        final KafkaStreams streams = new KafkaStreams(instance.topology(), instance.props());
        clients.add(streams);
        streams.setUncaughtExceptionHandler(
            e -> {
              LOG.error("A stream thread of {} died", instance.clientId(), e);
              return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler
                  .StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
        final int index = clients.size() - 1;
        streams.setStateListener(
            (now, previous) -> {
              if (now == KafkaStreams.State.RUNNING) {
                running.compareAndSet(index, 0, System.nanoTime());
              } else if (now == KafkaStreams.State.REBALANCING) {
                rebalances.incrementAndGet(index);
              }
            });
      }
      try (ResourceSampler sampler = new ResourceSampler(() -> metrics(clients), sharedCache);
          Drain drain = new Drain(adminConfig(instances.get(0).props()))) {
        final long start = System.nanoTime();
        clients.forEach(KafkaStreams::start);
        final List<Duration> drained;
        final long processed;
        try (ProcessedWatch watch =
            processedRecords > 0 ? new ProcessedWatch(clients, processedRecords) : null) {
          drained =
              drain.await(appId, stages, start, settings.drainTimeout(), () -> worst(clients));
          processed = watch == null ? 0 : watch.doneNanos();
        }
        // Joining the group and assigning tasks take seconds whatever the work; the rates count
        // from the first RUNNING state (the time from start() is reported beside). With several
        // instances, from the first instance's: it processes from then on, while the others join
        // (counting from the last one's would leave out work done before it, and flatter them).
        // A baseline ends when its last record was processed (see ProcessedWatch), the full
        // topology when its committed offsets reached the ends of every stage.
        final double committed = drained.get(drained.size() - 1).toNanos() / 1e9;
        final double total = processed > 0 ? (processed - start) / 1e9 : committed;
        long firstRunning = Long.MAX_VALUE;
        long allRunning = Long.MIN_VALUE;
        for (int i = 0; i < running.length(); i++) {
          final long at = running.get(i);
          if (at != 0) {
            firstRunning = Math.min(firstRunning, at);
          }
          allRunning = at == 0 || allRunning == 0 ? 0 : Math.max(allRunning, at);
        }
        final double startup = firstRunning == Long.MAX_VALUE ? 0 : (firstRunning - start) / 1e9;
        final double everyRunning = allRunning == 0 ? 0 : (allRunning - start) / 1e9;
        final double seconds = total > startup ? total - startup : total;
        final List<InstanceRun> perInstance = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
          perInstance.add(instanceRun(instances.get(i), clients.get(i), rebalances.get(i)));
        }
        final long appCpu = Cpu.threads(appId);
        final long processCpu = Cpu.process() - cpu;
        final Map<String, BrokerCounters.Written> written =
            broker.available() ? BrokerCounters.delta(before, broker.snapshot()) : Map.of();
        // A last sample, so a phase shorter than the RocksDB sampling period still reports one.
        sampler.close();
        final StreamsRun run =
            new StreamsRun(
                seconds,
                startup,
                everyRunning,
                committed,
                drained,
                processCpu,
                appCpu,
                sampler.peakHeapBytes(),
                sampler.peakRssBytes(),
                sampler.peakRocksDbBytes(),
                sampler.peakRocksDbParts(),
                written,
                perInstance);
        if (afterDrain != null) {
          afterDrain.run(1 / seconds, clients);
        }
        return run;
      }
    } finally {
      close(appId, clients);
    }
  }

  /** Every client's metrics in one map (their names differ by client id). */
  private static Map<MetricName, ? extends Metric> metrics(final List<KafkaStreams> clients) {
    if (clients.size() == 1) {
      return clients.get(0).metrics();
    }
    final Map<MetricName, Metric> all = new HashMap<>();
    clients.forEach(streams -> all.putAll(streams.metrics()));
    return all;
  }

  /** A failed client's state if one has failed, else the first client's. */
  private static KafkaStreams.State worst(final List<KafkaStreams> clients) {
    for (final KafkaStreams streams : clients) {
      final KafkaStreams.State state = streams.state();
      if (state == KafkaStreams.State.ERROR
          || state == KafkaStreams.State.PENDING_ERROR
          || state == KafkaStreams.State.NOT_RUNNING) {
        return state;
      }
    }
    return clients.get(0).state();
  }

  private static InstanceRun instanceRun(
      final Instance instance, final KafkaStreams streams, final int rebalances) {
    final Map<Integer, String> names = subtopologyNames(instance.topology());
    final Map<String, Integer> tasks = new TreeMap<>();
    final List<String> ids = new ArrayList<>();
    for (final ThreadMetadata thread : streams.metadataForLocalThreads()) {
      for (final TaskMetadata task : thread.activeTasks()) {
        final int subtopology = task.taskId().subtopology();
        tasks.merge(
            names.getOrDefault(subtopology, "sub-topology " + subtopology), 1, Integer::sum);
        ids.add(task.taskId().toString());
      }
    }
    ids.sort(null);
    return new InstanceRun(
        instance.clientId(),
        tasks,
        List.copyOf(ids),
        ProcessedWatch.processed(streams),
        Cpu.threadsStartingWith(instance.clientId() + "-StreamThread-"),
        Cpu.threads(instance.clientId()),
        rebalances);
  }

  /**
   * The full topology's sub-topologies by what they read: {@code ingest} (the event topics), {@code
   * tree} (the {@code asn-tree} repartition: one task per tree partition), {@code program}; any
   * other by its number.
   */
  private static Map<Integer, String> subtopologyNames(final Topology topology) {
    final Map<Integer, String> names = new HashMap<>();
    for (final TopologyDescription.Subtopology subtopology : topology.describe().subtopologies()) {
      final java.util.Set<String> sources = new java.util.HashSet<>();
      for (final TopologyDescription.Node node : subtopology.nodes()) {
        if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
          sources.addAll(source.topicSet());
        }
      }
      final String name;
      if (sources.stream().anyMatch(t -> t.endsWith("asn-tree-repartition"))) {
        name = "tree";
      } else if (sources.stream().anyMatch(t -> t.endsWith("asn-program-repartition"))) {
        name = "program";
      } else if (sources.stream().anyMatch(t -> t.endsWith("training.attendance"))) {
        name = "ingest";
      } else {
        name = "sub-topology " + subtopology.id();
      }
      names.put(subtopology.id(), name);
    }
    return names;
  }

  /**
   * Closes the clients of a phase and deletes their state. Several instances are all asked to stop
   * first, so that none takes over the tasks of another that is closing before it.
   */
  private static void close(final String appId, final List<KafkaStreams> clients) {
    if (clients.size() > 1) {
      clients.forEach(streams -> streams.close(CloseOptions.timeout(Duration.ZERO)));
    }
    for (final KafkaStreams streams : clients) {
      // On a heavily loaded machine a close can outlast its timeout; cleanUp() would then throw
      // and lose every figure of the run. The state lives under the run's own directory anyway.
      if (streams.close(CloseOptions.timeout(Duration.ofMinutes(2)))) {
        streams.cleanUp();
      } else {
        LOG.warn(
            "{} did not close within 2 minutes; its state directory is left to the run's", appId);
      }
    }
  }

  private Properties baseProperties(
      final Context context, final String appId, final String guarantee) {
    final Properties props = new Properties();
    props.putAll(context.client());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.streamThreads());
    props.put(
        StreamsConfig.STATE_DIR_CONFIG,
        settings.dataDir().resolve("state-" + runTag).toAbsolutePath().toString());
    props.putAll(tuning(appId));
    return props;
  }

  /** The settings every Streams phase shares, so that the ratios compare like with like. */
  private Map<String, Object> tuning(final String appId) {
    final Map<String, Object> props = new HashMap<>();
    props.put(StreamsConfig.CLIENT_ID_CONFIG, appId);
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, settings.cacheMaxBytes());
    props.putAll(ReplayMode.commitProperties(settings.commitIntervalMs()));
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    return props;
  }

  private TopologySettings topologySettings() {
    final TopologySettings d = TopologySettings.DEFAULTS;
    return d.toBuilder()
        .emitInterval(settings.emitInterval())
        .treePartitions(settings.partitions())
        .programPartitions(settings.partitions())
        .inputPartitions(settings.partitions())
        .build();
  }

  private Map<String, Object> runSettings(final String guarantee) {
    final Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("processingGuarantee", guarantee);
    figures.put("partitions", settings.partitions());
    figures.put("streamThreads", settings.streamThreads());
    figures.put("cacheMaxBytes", settings.cacheMaxBytes());
    figures.put("commitIntervalMs", settings.commitIntervalMs());
    figures.put("emitIntervalMs", settings.emitInterval().toMillis());
    figures.put("rocksDbMemoryBytes", settings.rocksDbMemoryBytes());
    return figures;
  }

  private static Map<String, Object> rates(
      final long records, final long bytes, final double seconds, final long cpuNanos) {
    final Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("records", records);
    figures.put("seconds", seconds);
    figures.put("recordsPerSecond", records / seconds);
    figures.put("megabytesPerSecond", bytes / 1e6 / seconds);
    figures.put("processCpuSecondsPerMillionRecords", cpuNanos / 1e9 / (records / 1e6));
    return figures;
  }

  private static Map<String, Object> adminConfig(final Properties props) {
    final Map<String, Object> config = new HashMap<>();
    for (final String key : props.stringPropertyNames()) {
      if (org.apache.kafka.clients.admin.AdminClientConfig.configNames().contains(key)) {
        config.put(key, props.getProperty(key));
      }
    }
    props.forEach(
        (k, v) -> {
          if (org.apache.kafka.clients.admin.AdminClientConfig.configNames().contains(k)) {
            config.put(String.valueOf(k), v);
          }
        });
    return config;
  }

  private static String shortName(final String guarantee) {
    return StreamsConfig.EXACTLY_ONCE_V2.equals(guarantee) ? "eos" : "alo";
  }

  /** The contract's names under a prefix, for a cluster that is not the bench's own. */
  private static TopicNames prefixed(final String prefix) {
    final TopicNames c = TopicNames.contract();
    return new TopicNames(
        prefix + c.units(),
        prefix + c.employees(),
        prefix + c.programs(),
        prefix + c.enrollments(),
        prefix + c.attendance(),
        prefix + c.feedback(),
        prefix + c.unitActivityDaily(),
        prefix + c.unitActivityWeekly(),
        prefix + c.unitJpYtd(),
        prefix + c.programSatisfactionWeekly(),
        prefix + c.employeeJpYtd(),
        prefix + c.alerts(),
        prefix + c.deadLetters(),
        prefix + c.lateEvents());
  }

  /** Each topic of these names with its contract cleanup policy. */
  private static Map<String, Map<String, String>> contractTopics(final TopicNames topics) {
    final TopicNames contract = TopicNames.contract();
    final String prefix =
        topics.units().substring(0, topics.units().length() - contract.units().length());
    final Map<String, Map<String, String>> configs = new LinkedHashMap<>();
    for (final ContractTopic topic : ContractTopic.values()) {
      configs.put(
          prefix + topic.topicName(),
          Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, topic.cleanup().policy()));
    }
    return configs;
  }

  private void createTopics(final Admin admin, final Map<String, Map<String, String>> topics)
      throws InterruptedException {
    for (final Map.Entry<String, Map<String, String>> topic : topics.entrySet()) {
      try {
        admin
            .createTopics(
                List.of(
                    new NewTopic(
                            topic.getKey(),
                            java.util.Optional.of(settings.partitions()),
                            java.util.Optional.empty())
                        .configs(topic.getValue())))
            .all()
            .get(30, TimeUnit.SECONDS);
      } catch (final ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException(
              "cannot create topic " + topic.getKey() + ": " + e.getCause().getMessage(), e);
        }
      } catch (final TimeoutException e) {
        throw new IllegalStateException("the cluster did not create " + topic.getKey(), e);
      }
    }
  }

  private void say(final String format, final Object... args) {
    out.printf(format + "%n", args);
    out.flush();
  }

  /** CPU time of this process and of named threads. */
  static final class Cpu {
    private Cpu() {}

    /** CPU time of the whole process (with an embedded broker: the broker's too). */
    static long process() {
      final java.lang.management.OperatingSystemMXBean os =
          ManagementFactory.getOperatingSystemMXBean();
      if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
        return sun.getProcessCpuTime();
      }
      return -1;
    }

    /** CPU time of the live threads whose name starts with {@code prefix}. */
    static long threadsStartingWith(final String prefix) {
      return matching(name -> name.startsWith(prefix));
    }

    /** CPU time of the live threads whose name holds {@code marker} (a Streams client id). */
    static long threads(final String marker) {
      return matching(name -> name.contains(marker));
    }

    private static long matching(final java.util.function.Predicate<String> named) {
      final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long total = 0;
      for (final Thread thread : Thread.getAllStackTraces().keySet()) {
        if (named.test(thread.getName())) {
          final long cpu = threads.getThreadCpuTime(thread.getId());
          if (cpu > 0) {
            total += cpu;
          }
        }
      }
      return total;
    }
  }
}
