package id.go.bkn.asn.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.go.bkn.asn.local.LocalStack;
import id.go.bkn.asn.registry.RegistryClientConfig;
import id.go.bkn.asn.registry.SchemaRegistryClient;
import id.go.bkn.asn.registry.SchemaRegistryClients;
import id.go.bkn.asn.schema.AlertRule;
import id.go.bkn.asn.schema.EmployeeJpProgress;
import id.go.bkn.asn.schema.ProgramSatisfaction;
import id.go.bkn.asn.schema.RecordStatus;
import id.go.bkn.asn.schema.UnitActivity;
import id.go.bkn.asn.schema.UnitJpProgress;
import id.go.bkn.asn.serde.AvroClassTrust;
import id.go.bkn.asn.serde.AvroDeserializer;
import id.go.bkn.asn.serde.AvroSerializer;
import id.go.bkn.asn.simulator.BadInputRates;
import id.go.bkn.asn.simulator.EventGenerator;
import id.go.bkn.asn.simulator.SimulationConfig;
import id.go.bkn.asn.simulator.kafka.KafkaSimulationSink;
import id.go.bkn.asn.topics.TopicSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crashes as Kafka's own suites make them (apache/kafka {@code streams_eos_test}, {@code
 * EosIntegrationTest}): two instances of the app, each a separate JVM ({@code java -jar} the built
 * app, {@code run}, one application id), process a seeded simulation of several weeks of Kota
 * Serang with transfers while it streams in, and are killed with SIGKILL at seeded random points,
 * once just as a window close is being written (the first FINAL weekly record seen uncommitted),
 * then restarted; the broker is stopped and started again once on the same data dir and port.
 * Everything the app wrote is then read with {@code read_committed} and compared field by field
 * with {@link ReferenceModel}: every FINAL daily and weekly record, exactly one FINAL per key, the
 * FINAL programme weeks, each unit's latest year-to-date record as of its own asOf and every
 * employee's year, every alert record judged on the FINAL week figures, with nothing set aside as
 * late or dead. The input carries duplicates (the same event again, about one in twenty), which the
 * model drops as the contract says. What was written is read by a tail that follows the outputs
 * from the start ({@link CommittedTail}): the compacted outputs would otherwise lose superseded
 * records to the log cleaner (a FIRING alert to its RESOLVED one) depending on timing; the latest
 * record of each key read from the beginning at the end must equal the tail's.
 *
 * <p>The same scenario under at_least_once is run and its differences written to its report, not
 * asserted: that is why exactly_once_v2 is the default. Reports: {@code target/crash-it/}.
 */
class CrashIT {

  static {
    AvroClassTrust.trustPackage("id.go.bkn.asn.schema");
    // The app JVMs must not outlive this one when it is stopped (a build's timeout, Ctrl-C).
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> ProcessHandle.current().children().forEach(ProcessHandle::destroyForcibly),
                "crash-it-children"));
  }

  private static final Logger LOG = LoggerFactory.getLogger(CrashIT.class);

  /** A Monday, 00:00 WIB. */
  private static final Instant FROM = Instant.parse("2026-08-02T17:00:00Z");

  private static final Duration GRACE = Duration.ofHours(48);
  private static final int DAYS = 26;
  private static final Duration STEP = Duration.ofHours(3);
  private static final Duration STEP_PAUSE = Duration.ofMillis(250);
  private static final long SEED = Long.getLong("crash.seed", 11L);
  private static final double DUPLICATE_RATE = 0.05;

  /**
   * {@code -Dcrash.noKills=true}: the same scenario without kills, to tell a crash's doing apart.
   */
  private static final boolean NO_KILLS = Boolean.getBoolean("crash.noKills");

  private static final Path REPORTS = Path.of("target", "crash-it");

  @TempDir Path dataDir;

  /**
   * One run with seed {@code crash.seed} (11), or {@code crash.runs} runs with the seeds after it
   * (each run's report apart, one line each in {@code summary.txt}); every run must be exact.
   */
  @Test
  void shouldMatchTheReferenceModelExactlyWhenInstancesAreKilledUnderExactlyOnce()
      throws Exception {
    final int runs = Integer.getInteger("crash.runs", 1);
    final SoftAssertions softly = new SoftAssertions();
    for (int run = 0; run < runs; run++) {
      final long seed = SEED + run;
      final Outcome outcome;
      try {
        outcome = new Scenario("exactly_once_v2", seed, dataDir).run();
      } catch (final Exception | AssertionError e) {
        summarize("exactly_once_v2 seed " + seed + ": FAILED to complete: " + e);
        softly.fail("seed " + seed + " did not complete", e);
        continue;
      }
      outcome.writeReport();
      final String what = "seed " + seed + " ";
      softly.assertThat(outcome.kills).as(what + "SIGKILLs").hasSizeGreaterThanOrEqualTo(4);
      softly
          .assertThat(outcome.kills.stream().filter(k -> k.contains("window close")).count())
          .as(what + "kills during a window close")
          .isEqualTo(2);
      softly.assertThat(outcome.brokerRestarts).as(what + "broker restarts").isEqualTo(1);
      softly.assertThat(outcome.duplicatesSent).as(what + "duplicates in the input").isPositive();
      softly
          .assertThat(outcome.duplicatesDropped)
          .as(what + "duplicates the model dropped")
          .isPositive();
      softly
          .assertThat(outcome.differences)
          .as(what + "differences from the reference model")
          .isEmpty();
    }
    softly.assertAll();
  }

  @Test
  void shouldReportWhatDiffersUnderAtLeastOnce() throws Exception {
    final Outcome outcome = new Scenario("at_least_once", SEED, dataDir).run();
    outcome.writeReport();
    // Not asserted exact: at_least_once may count an event twice after a crash. The report says.
    assertThat(outcome.kills).as("SIGKILLs while processing").hasSizeGreaterThanOrEqualTo(4);
    assertThat(outcome.weeks).as("FINAL weeks compared").isNotEmpty();
  }

  private static synchronized void summarize(final String line) {
    try {
      Files.createDirectories(REPORTS);
      Files.writeString(
          REPORTS.resolve("summary.txt"),
          Instant.now() + " " + line + System.lineSeparator(),
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (final IOException e) {
      LOG.warn("Crash test: no summary line: {}", e.toString());
    }
  }

  /** What a scenario saw, and how it differs from the reference model. */
  static final class Outcome {
    final String guarantee;
    final long seed;
    final List<String> deadLetterReasons = new ArrayList<>();
    final List<String> kills = Collections.synchronizedList(new ArrayList<>());
    final List<String> differences = new ArrayList<>();
    final List<Instant> weeks = new ArrayList<>();
    int brokerRestarts;
    String windowClose = "no kill during a window close";
    long records;
    long duplicatesSent;
    long duplicatesDropped;
    long seconds;
    int weeklyFinals;
    int programFinals;
    int unitYears;
    int alerts;
    int alertsCleaned;
    int dailyFinals;
    int lateEvents;
    int deadLetters;

    Outcome(final String guarantee, final long seed) {
      this.guarantee = guarantee;
      this.seed = seed;
    }

    private long count(final String marker) {
      return differences.stream().filter(d -> d.contains(marker)).count();
    }

    void writeReport() throws IOException {
      Files.createDirectories(REPORTS);
      final StringBuilder text = new StringBuilder();
      text.append("crash test, ").append(guarantee).append(", seed ").append(seed).append('\n');
      text.append("records produced: ").append(records).append('\n');
      text.append("duplicates sent: ").append(duplicatesSent);
      text.append(", dropped by the reference model: ").append(duplicatesDropped).append('\n');
      text.append("wall time: ").append(seconds).append(" s\n");
      text.append("broker restarts: ").append(brokerRestarts).append('\n');
      text.append("window close: ").append(windowClose).append('\n');
      text.append("SIGKILLs: ").append(kills.size()).append('\n');
      kills.forEach(k -> text.append("  ").append(k).append('\n'));
      text.append("FINAL weekly records: ").append(weeklyFinals).append(", daily: ");
      text.append(dailyFinals).append(", weeks compared: ").append(weeks.size()).append('\n');
      text.append("FINAL programme weeks compared: ").append(programFinals);
      text.append(", unit-jp-ytd keys compared: ").append(unitYears);
      text.append(", alert records compared: ").append(alerts).append('\n');
      text.append("late events: ").append(lateEvents).append(", dead letters: ");
      text.append(deadLetters).append(' ').append(deadLetterReasons).append('\n');
      text.append("differences from the reference model: ").append(differences.size()).append('\n');
      text.append("  FINAL keys with more than one FINAL record: ");
      text.append(count("FINAL records")).append('\n');
      text.append("  fields of FINAL records that differ: ");
      text.append(differences.stream().filter(d -> d.startsWith("[")).count()).append('\n');
      text.append("  employee years that differ: ").append(count("employee year")).append('\n');
      text.append("  alert records that differ: ").append(count("alert")).append('\n');
      text.append("alert records the log cleaner had removed by the end (seen by the tail): ");
      text.append(alertsCleaned).append('\n');
      text.append("first differences:\n");
      differences.stream().limit(200).forEach(d -> text.append("  ").append(d).append('\n'));
      final Path report = REPORTS.resolve(guarantee + "-seed-" + seed + ".txt");
      Files.writeString(report, text.toString(), StandardCharsets.UTF_8);
      summarize(
          guarantee
              + " seed "
              + seed
              + ": "
              + seconds
              + " s, "
              + records
              + " records, "
              + kills.size()
              + " SIGKILLs, "
              + brokerRestarts
              + " broker restart, "
              + differences.size()
              + " differences, "
              + alertsCleaned
              + " alert records cleaned, "
              + lateEvents
              + " late, "
              + windowClose);
      LOG.info(
          "Crash test {}: {} records, {} SIGKILLs, {} broker restart, {} s, {} differences from the"
              + " reference model (report {})",
          guarantee,
          records,
          kills.size(),
          brokerRestarts,
          seconds,
          differences.size(),
          report.toAbsolutePath());
    }
  }

  /** One run: a stack, two app processes, the simulation streamed in, kills, the comparison. */
  private static final class Scenario {
    private final String guarantee;
    private final long seed;
    private final Random random;
    private final Path dir;
    private final Outcome outcome;
    private final String applicationId = "crash-it";
    private final AppProcess[] apps = new AppProcess[2];
    private LocalStack stack;
    private CommittedTail tail;
    private volatile TopicPartition killedClose;
    private volatile long killedCloseOffset;

    Scenario(final String guarantee, final long seed, final Path dir) {
      this.guarantee = guarantee;
      this.seed = seed;
      this.random = new Random(seed);
      this.dir = dir.resolve(guarantee + "-" + seed);
      this.outcome = new Outcome(guarantee, seed);
    }

    Outcome run() throws Exception {
      final long started = System.nanoTime();
      stack = LocalStack.start(LocalStack.Settings.ephemeral(dir.resolve("stack")));
      tail = PipelineItFixture.tailOutputs(stack);
      final ReferenceModel model = new ReferenceModel(5);
      final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor();
      final AtomicBoolean watching = new AtomicBoolean(true);
      Thread watcher = null;
      try (SchemaRegistryClient registry =
              SchemaRegistryClients.create(RegistryClientConfig.of(stack.registryUrl()));
          KafkaProducer<String, byte[]> producer = PipelineItFixture.producer(stack)) {
        final KafkaSimulationSink kafka =
            new KafkaSimulationSink(producer, new AvroSerializer<SpecificRecord>(registry));
        final SimulationConfig config =
            SimulationConfig.startingAt(FROM)
                .withSeed(seed)
                .withRoster(1_000, 0)
                .withTransfersPerWeek(10)
                // Duplicates only (the same event again): one whose original was committed before
                // a kill must still be dropped after the restart, from the rebuilt eventId index.
                .withBadInput(new BadInputRates(0, 0, DUPLICATE_RATE, 0, 0));
        final EventGenerator generator =
            EventGenerator.create(config, new ParticipationIT.Tee(kafka, model));
        generator.emitReference();
        kafka.flush();
        for (int i = 0; i < apps.length; i++) {
          apps[i] =
              new AppProcess(
                  i,
                  dir.resolve("app-" + i),
                  stack.bootstrapServers(),
                  stack.registryUrl(),
                  applicationId,
                  guarantee,
                  guarantee + "-seed-" + seed);
          apps[i].start();
        }
        if (!NO_KILLS) {
          watcher = watchForWindowClose(registry, watching);
        }

        final int steps = (int) (Duration.ofDays(DAYS).toMillis() / STEP.toMillis());
        final List<Integer> killSteps = new ArrayList<>();
        while (killSteps.size() < 3) {
          final int step = steps / 10 + random.nextInt(steps * 8 / 10);
          if (!killSteps.contains(step)) {
            killSteps.add(step);
          }
        }
        final int brokerStep = steps / 4 + random.nextInt(steps / 2);
        for (int step = 1; step <= steps; step++) {
          generator.advanceTo(FROM.plus(STEP.multipliedBy(step)));
          kafka.flush();
          if (!NO_KILLS && killSteps.contains(step)) {
            final int which = random.nextInt(apps.length);
            final long downMillis = 500 + random.nextInt(4_000);
            kill(which, "random point, simulated " + generator.reached());
            restarts.schedule(() -> restart(which), downMillis, TimeUnit.MILLISECONDS);
          }
          if (!NO_KILLS && step == brokerStep) {
            restartBroker();
          }
          Thread.sleep(STEP_PAUSE.toMillis());
        }
        outcome.records = generator.recordsEmitted();
        outcome.duplicatesSent = generator.badInputCounts().duplicates();
        outcome.duplicatesDropped = model.duplicates();
        restarts.shutdown();
        restarts.awaitTermination(1, TimeUnit.MINUTES);
        // The first window close may come after the last input, while the backlog is processed.
        if (watcher != null) {
          watcher.join(Duration.ofMinutes(3).toMillis());
        }
        watching.set(false);
        for (final AppProcess app : apps) {
          app.ensureRunning();
        }

        final List<Instant> weeks = model.closedWindowStarts("WEEK", model.lastEventTime(), GRACE);
        final List<Instant> days = model.closedWindowStarts("DAY", model.lastEventTime(), GRACE);
        // The model, like the app, closes every window still open when the first event came
        // (its time minus the grace), so the first week may start before FROM.
        assertThat(weeks).hasSizeGreaterThanOrEqualTo(3).contains(FROM);
        assertThat(weeks.get(0)).isBeforeOrEqualTo(FROM);
        outcome.weeks.addAll(weeks);
        final boolean exactlyOnce = "exactly_once_v2".equals(guarantee);
        try {
          await()
              .atMost(exactlyOnce ? Duration.ofMinutes(4) : Duration.ofMinutes(2))
              .pollInterval(Duration.ofSeconds(2))
              .until(
                  () ->
                      ParticipationIT.hasAll(
                              finals(registry, "analytics.unit-activity-weekly"), weeks)
                          && ParticipationIT.hasAll(
                              finals(registry, "analytics.unit-activity-daily"), days));
        } catch (final ConditionTimeoutException e) {
          if (exactlyOnce) {
            throw e;
          }
          // at_least_once can lose a FINAL record: the store restored from its changelog may say
          // a window closed whose records never reached the topic. Reported, not waited for.
          outcome.differences.add("FINAL records still missing after 2 minutes");
        }
        awaitCaughtUp();
        // The internal stages follow within seconds; the employees' totals go out every emit
        // interval (5 s): let the last ones out.
        Thread.sleep(15_000);
        compare(registry, model, weeks, days);
        checkWindowCloseAborted();
      } finally {
        watching.set(false);
        restarts.shutdownNow();
        for (final AppProcess app : apps) {
          if (app != null) {
            app.stop();
          }
        }
        tail.close();
        stack.close();
        outcome.seconds = (System.nanoTime() - started) / 1_000_000_000L;
      }
      return outcome;
    }

    private synchronized void kill(final int which, final String why) {
      apps[which].kill();
      outcome.kills.add("instance " + which + " killed at " + Instant.now() + " (" + why + ")");
      LOG.info("Crash test: SIGKILL to instance {} ({})", which, why);
    }

    private synchronized void restart(final int which) {
      try {
        apps[which].start();
      } catch (final IOException e) {
        throw new IllegalStateException(e);
      }
    }

    /** Stops the broker and the registry, starts them again on the same data dir and ports. */
    private void restartBroker() {
      final URI bootstrap = URI.create("kafka://" + stack.bootstrapServers());
      final URI registryUrl = URI.create(stack.registryUrl());
      LOG.info("Crash test: stopping the broker");
      stack.close();
      stack =
          LocalStack.start(
              new LocalStack.Settings(
                  dir.resolve("stack"),
                  bootstrap.getHost(),
                  bootstrap.getPort(),
                  0,
                  registryUrl.getPort(),
                  TopicSettings.defaults()));
      outcome.brokerRestarts++;
      LOG.info("Crash test: broker started again on {}", stack.bootstrapServers());
    }

    /**
     * Watches the weekly topic uncommitted: the first FINAL record seen is being written inside an
     * open transaction (a window close), so both instances are killed there and then.
     */
    private Thread watchForWindowClose(
        final SchemaRegistryClient registry, final AtomicBoolean watching) {
      final String bootstrap = stack.bootstrapServers();
      final Random pause = new Random(seed + 1);
      final Thread thread =
          new Thread(
              () -> {
                try (KafkaConsumer<String, UnitActivity> consumer =
                    new KafkaConsumer<>(
                        Map.of(
                            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            bootstrap,
                            ConsumerConfig.GROUP_ID_CONFIG,
                            "crash-watch-" + UUID.randomUUID(),
                            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                            "earliest",
                            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                            "read_uncommitted"),
                        new StringDeserializer(),
                        new AvroDeserializer<>(registry, UnitActivity.class))) {
                  consumer.subscribe(List.of("analytics.unit-activity-weekly"));
                  while (watching.get()) {
                    for (final ConsumerRecord<String, UnitActivity> r :
                        consumer.poll(Duration.ofMillis(20))) {
                      if (r.value().getStatus() == RecordStatus.FINAL) {
                        killedClose = new TopicPartition(r.topic(), r.partition());
                        killedCloseOffset = r.offset();
                        for (int i = 0; i < apps.length; i++) {
                          kill(
                              i,
                              "window close: FINAL "
                                  + r.key()
                                  + " seen uncommitted at offset "
                                  + r.offset());
                        }
                        Thread.sleep(1_000 + pause.nextInt(2_000));
                        for (int i = 0; i < apps.length; i++) {
                          restart(i);
                        }
                        return;
                      }
                    }
                  }
                } catch (final InterruptedException e) {
                  Thread.currentThread().interrupt();
                } catch (final RuntimeException e) {
                  // the broker restart may end the watch; the assertion on kills says so
                  LOG.info("Crash test: window-close watch ended: {}", e.toString());
                }
              },
              "crash-watch");
      thread.setDaemon(true);
      thread.start();
      return thread;
    }

    /** Until the app's group has committed every input record there is. */
    private void awaitCaughtUp() {
      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
        await()
            .atMost(Duration.ofMinutes(4))
            .pollInterval(Duration.ofSeconds(2))
            .until(() -> lag(admin) == 0);
      }
    }

    private long lag(final Admin admin) throws Exception {
      // The input topics only: the repartition topics get watermarks every emit interval.
      final Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
      admin
          .listConsumerGroupOffsets(applicationId)
          .partitionsToOffsetAndMetadata()
          .get()
          .forEach(
              (partition, offset) -> {
                if (!partition.topic().endsWith("-repartition")) {
                  committed.put(partition, offset);
                }
              });
      final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      committed.keySet().forEach(p -> latest.put(p, OffsetSpec.latest()));
      final var ends =
          admin
              .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
              .all()
              .get();
      long lag = 0;
      for (final var entry : committed.entrySet()) {
        final long end = ends.get(entry.getKey()).offset();
        final OffsetAndMetadata at = entry.getValue();
        lag += Math.max(0, end - (at == null ? 0 : at.offset()));
      }
      return committed.isEmpty() ? Long.MAX_VALUE : lag;
    }

    /** Whether the FINAL record seen uncommitted when both instances were killed was aborted. */
    private void checkWindowCloseAborted() {
      final TopicPartition partition = killedClose;
      if (partition == null) {
        return;
      }
      final boolean committed =
          PipelineItFixture.readCommitted(stack, partition.topic(), new ByteArrayDeserializer())
              .stream()
              .anyMatch(
                  r -> r.partition() == partition.partition() && r.offset() == killedCloseOffset);
      outcome.windowClose =
          "the FINAL record seen uncommitted at "
              + partition
              + " offset "
              + killedCloseOffset
              + (committed
                  ? " was committed (its transaction ended before the kill)"
                  : " was aborted: the kill hit the open transaction of the window close");
    }

    private List<UnitActivity> finals(final SchemaRegistryClient registry, final String topic) {
      return ParticipationIT.finals(tail, registry, topic);
    }

    private void compare(
        final SchemaRegistryClient registry,
        final ReferenceModel model,
        final List<Instant> weeks,
        final List<Instant> days) {
      final List<UnitActivity> weekly = finals(registry, "analytics.unit-activity-weekly");
      final List<UnitActivity> daily = finals(registry, "analytics.unit-activity-daily");
      outcome.weeklyFinals = weekly.size();
      outcome.dailyFinals = daily.size();
      onePerKey("WEEK", weekly);
      onePerKey("DAY", daily);
      final SoftAssertions softly = new SoftAssertions();
      for (final Instant week : weeks) {
        ParticipationIT.compare(model.finalRecords("WEEK", week), weekly, softly);
      }
      for (final Instant day : days) {
        ParticipationIT.compare(model.finalRecords("DAY", day), daily, softly);
      }
      // Programme weeks: those the event time closed (the wall clock closes the rest at the end).
      final List<ProgramSatisfaction> programs =
          ParticipationIT.programFinals(tail, registry).stream()
              .filter(p -> weeks.contains(p.getWindowStart()))
              .toList();
      outcome.programFinals = programs.size();
      ParticipationIT.comparePrograms(model, weeks, programs, softly);
      // Alerts of the weeks event time closed, every rule judged on the FINAL week figures alone:
      // JP_BEHIND_PACE reads the year-to-date as of the clock at the close, which a streamed
      // scenario does not pin (ParticipationIT pins it batch by batch and compares every rule).
      final Map<String, List<ReferenceModel.Alert>> alerts = model.weekFigureAlerts(weeks);
      outcome.alerts = alerts.values().stream().mapToInt(List::size).sum();
      ParticipationIT.compareAlerts(
          alerts,
          tail,
          registry,
          softly,
          alert ->
              alert.getRule() != AlertRule.JP_BEHIND_PACE
                  && weeks.contains(alert.getWindowStart()));
      // and what compaction promises a reader from the beginning: the latest of every key
      final int alertsLeft =
          PipelineItFixture.atEnd(stack)
              .read("alerts.participation", new ByteArrayDeserializer())
              .size();
      outcome.alertsCleaned =
          tail.read("alerts.participation", new ByteArrayDeserializer()).size() - alertsLeft;
      ParticipationIT.compareCompacted(PipelineItFixture.atEnd(stack), tail, registry, softly);
      unitYears(registry, model, softly);
      softly.errorsCollected().forEach(e -> outcome.differences.add(firstLine(e.getMessage())));
      employeeTotals(registry, model);
      outcome.lateEvents = tail.read("training.late-events", new ByteArrayDeserializer()).size();
      final List<ConsumerRecord<String, byte[]>> dead =
          tail.read("training.dead-letters", new ByteArrayDeserializer());
      outcome.deadLetters = dead.size();
      dead.forEach(
          r -> {
            final var reason = r.headers().lastHeader("asn.dlq.reason");
            outcome.deadLetterReasons.add(
                reason == null ? "?" : new String(reason.value(), StandardCharsets.UTF_8));
          });
      if (outcome.lateEvents > 0) {
        outcome.differences.add(outcome.lateEvents + " records set aside as late");
      }
      if (outcome.deadLetters > 0) {
        outcome.differences.add(outcome.deadLetters + " dead letters");
      }
    }

    private void onePerKey(final String size, final List<UnitActivity> finals) {
      final Map<String, Integer> counts = new TreeMap<>();
      finals.forEach(
          a ->
              counts.merge(
                  a.getUnitId() + "|" + LocalDate.ofInstant(a.getWindowStart(), ReferenceModel.WIB),
                  1,
                  Integer::sum));
      counts.forEach(
          (key, count) -> {
            if (count != 1) {
              outcome.differences.add(size + " " + key + ": " + count + " FINAL records");
            }
          });
    }

    /**
     * Every unit's latest year-to-date record against the model as of that record's asOf: once all
     * input is in, each unit holds its whole year as of the clock it was last written at.
     */
    private void unitYears(
        final SchemaRegistryClient registry,
        final ReferenceModel model,
        final SoftAssertions softly) {
      final Map<String, UnitJpProgress> latest =
          PipelineItFixture.latest(
              tail,
              "analytics.unit-jp-ytd",
              new AvroDeserializer<>(registry, UnitJpProgress.class));
      outcome.unitYears = latest.size();
      final Map<Instant, Map<String, ReferenceModel.UnitYear>> expected = new HashMap<>();
      latest.forEach(
          (key, actual) -> {
            final Map<String, ReferenceModel.UnitYear> asOf =
                expected.computeIfAbsent(
                    actual.getAsOf(),
                    at -> {
                      final Map<String, ReferenceModel.UnitYear> byKey = new HashMap<>();
                      model.unitYears(at).forEach(y -> byKey.put(y.key(), y));
                      return byKey;
                    });
            final ReferenceModel.UnitYear e = asOf.get(key);
            if (e == null) {
              softly.fail("unit-jp-ytd " + key + " not expected");
            } else {
              ParticipationIT.compareUnitYear(e, actual, "unit-jp-ytd " + key, softly);
            }
          });
      softly
          .assertThat(latest.keySet())
          .as("unit-jp-ytd keys")
          .containsAll(
              model.unitYears(model.lastEventTime()).stream()
                  .map(ReferenceModel.UnitYear::key)
                  .toList());
    }

    private void employeeTotals(final SchemaRegistryClient registry, final ReferenceModel model) {
      final Map<String, EmployeeJpProgress> latest =
          PipelineItFixture.latest(
              tail,
              "restricted.employee-jp-ytd",
              new AvroDeserializer<>(registry, EmployeeJpProgress.class));
      final Map<String, ReferenceModel.EmployeeYear> expected = model.employeeYears();
      for (final String key : latest.keySet()) {
        if (!expected.containsKey(key)) {
          outcome.differences.add("employee year not expected: " + key.hashCode());
        }
      }
      // Employee ids are personal data: differences name them by a hash only.
      expected.forEach(
          (key, year) -> {
            final EmployeeJpProgress actual = latest.get(key);
            final String who = "employee year #" + Integer.toHexString(key.hashCode());
            if (actual == null) {
              outcome.differences.add(who + ": no record");
            } else if (!java.util.Objects.equals(actual.getUnitId(), year.unitId())
                || actual.getJpTotal() != year.jpTotal()
                || actual.getSessionsAttended() != year.sessionsAttended()
                || actual.getProgramsCompleted() != year.programsCompleted()) {
              outcome.differences.add(
                  who
                      + ": jpTotal "
                      + actual.getJpTotal()
                      + " expected "
                      + year.jpTotal()
                      + ", sessions "
                      + actual.getSessionsAttended()
                      + " expected "
                      + year.sessionsAttended()
                      + ", completed "
                      + actual.getProgramsCompleted()
                      + " expected "
                      + year.programsCompleted()
                      + (java.util.Objects.equals(actual.getUnitId(), year.unitId())
                          ? ""
                          : ", unit " + actual.getUnitId() + " expected " + year.unitId()));
            }
          });
    }

    private static String firstLine(final String message) {
      final String text =
          message == null
              ? "?"
              : message.strip().replaceAll("\\s+", " ").replaceAll(" at ParticipationIT\\..*", "");
      return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
  }

  /** One app instance: {@code java -jar target/streams-app.jar run ...} in its own JVM. */
  private static final class AppProcess {
    private final int index;
    private final Path dataDir;
    private final String bootstrapServers;
    private final String registryUrl;
    private final String applicationId;
    private final String guarantee;
    private final String logPrefix;
    private Process process;
    private int incarnation;

    AppProcess(
        final int index,
        final Path dataDir,
        final String bootstrapServers,
        final String registryUrl,
        final String applicationId,
        final String guarantee,
        final String logPrefix) {
      this.index = index;
      this.logPrefix = logPrefix;
      this.dataDir = dataDir;
      this.bootstrapServers = bootstrapServers;
      this.registryUrl = registryUrl;
      this.applicationId = applicationId;
      this.guarantee = guarantee;
    }

    synchronized void start() throws IOException {
      if (process != null && process.isAlive()) {
        return;
      }
      Files.createDirectories(dataDir);
      final Path jar = Path.of("target", "streams-app.jar").toAbsolutePath();
      assertThat(jar).as("the app jar that package builds").exists();
      final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      final List<String> command =
          List.of(
              java,
              "-Xmx384m",
              "-XX:+UseSerialGC",
              "-XX:TieredStopAtLevel=1",
              "-jar",
              jar.toString(),
              "run",
              "--bootstrap-servers",
              bootstrapServers,
              "--schema-registry-url",
              registryUrl,
              "--application-id",
              applicationId,
              "--processing-guarantee",
              guarantee,
              "--data-dir",
              dataDir.toString(),
              "--http-port",
              "0",
              "--grace",
              "48h",
              "--idle-timeout",
              "30s");
      final ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().keySet().removeIf(k -> k.startsWith("KAFKA_"));
      // A killed member leaves the group after the session timeout: 6 s, the broker's minimum.
      builder.environment().put("KAFKA_SESSION_TIMEOUT_MS", "6000");
      builder.environment().put("KAFKA_HEARTBEAT_INTERVAL_MS", "1500");
      builder.environment().put("LOG_LEVEL_KAFKA", "WARN");
      builder.redirectErrorStream(true);
      final Path log = REPORTS.resolve(logPrefix + "-instance-" + index + ".log");
      Files.createDirectories(REPORTS);
      if (incarnation == 0) {
        Files.deleteIfExists(log);
      }
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      incarnation++;
      process = builder.start();
    }

    synchronized void kill() {
      if (process != null && process.isAlive()) {
        process.destroyForcibly();
        try {
          process.waitFor(30, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    synchronized void ensureRunning() throws IOException {
      start();
    }

    synchronized void stop() {
      if (process != null && process.isAlive()) {
        process.destroy();
        try {
          if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
          }
        } catch (final InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
