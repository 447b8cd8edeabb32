package id.go.bkn.asn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.go.bkn.asn.config.StreamsSettings;
import id.go.bkn.asn.config.TopologySettings;
import id.go.bkn.asn.function.JakartaCalendar;
import id.go.bkn.asn.local.LocalStack;
import id.go.bkn.asn.metrics.PipelineEvents.Outcome;
import id.go.bkn.asn.registry.RegistryClientConfig;
import id.go.bkn.asn.registry.SchemaRegistryClient;
import id.go.bkn.asn.registry.SchemaRegistryClients;
import id.go.bkn.asn.schema.AlertRule;
import id.go.bkn.asn.schema.AlertState;
import id.go.bkn.asn.schema.ParticipationAlert;
import id.go.bkn.asn.schema.RecordStatus;
import id.go.bkn.asn.schema.UnitActivity;
import id.go.bkn.asn.serde.AvroClassTrust;
import id.go.bkn.asn.serde.AvroDeserializer;
import id.go.bkn.asn.simulator.BadInputRates;
import id.go.bkn.asn.simulator.KotaSerangReference;
import id.go.bkn.asn.simulator.SimulationConfig;
import id.go.bkn.asn.simulator.UnitProfile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's own wiring ({@link DemoRuntime}: embedded broker and registry, streams app, simulator
 * with the demo's bad input) on free ports, fast-forwarded through two full weeks: every unit of
 * the reference CSV gets a FINAL weekly record for both, a unit the simulator makes lag is alerted
 * on LOW_PARTICIPATION, and the dead-letter, late and duplicate paths all count something. The
 * contract's 48-hour grace is kept, so the second week closes on its Wednesday; simulated time runs
 * at {@value #SPEED}x, 16 simulated days in about two minutes and a quarter.
 */
class DemoIT {

  static {
    AvroClassTrust.trustPackage("id.go.bkn.asn.schema");
  }

  private static final Logger LOG = LoggerFactory.getLogger(DemoIT.class);

  /** Two full weeks plus the grace: 16 simulated days in 138 s. */
  private static final double SPEED = 10_000;

  /** Events per second: a busy simulated Monday (about 1,700 events) passes in 8.6 s. */
  private static final double RATE = 1_000;

  /** The reference list of units, as the repository's sibling {@code shared/} holds it. */
  private static final Path UNITS_CSV =
      Path.of("..", "..", "shared", "reference", "kota-serang-units.csv");

  private static final String WEEKLY = "analytics.unit-activity-weekly";
  private static final String ALERTS = "alerts.participation";
  private static final Pattern EVENTS_TOTAL =
      Pattern.compile("^asn_pipeline_events_total\\{([^}]*)}\\s+(\\S+)$", Pattern.MULTILINE);
  private static final Pattern OUTCOME = Pattern.compile("outcome=\"([a-z_]+)\"");

  @TempDir Path dataDir;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldShowFinalWeeksForEveryUnitAlertsAndSetAsideInputWhenTheDemoRunsTwoWeeks()
      throws Exception {
    // given: the demo, its simulation starting on a Monday three to four weeks back
    final Set<String> units = unitIdsOfTheCsv();
    final LocalDate monday =
        LocalDate.now(JakartaCalendar.ZONE)
            .minusWeeks(3)
            .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    final Instant firstWeek = monday.atStartOfDay(JakartaCalendar.ZONE).toInstant();
    final Instant secondWeek = firstWeek.plus(Duration.ofDays(7));
    final SimulationConfig simulation =
        SimulationConfig.defaults(Clock.systemUTC())
            .withFrom(firstWeek)
            .withSpeed(SPEED)
            .withRate(RATE)
            .withBadInput(
                BadInputRates.uniform(Double.parseDouble(DemoCommand.DEFAULT_BAD_INPUT_RATE)));
    final List<String> lagging =
        KotaSerangReference.build(simulation).unitsWithRole(UnitProfile.Role.LAGGING);
    assertThat(lagging).as("units the simulator makes lag").isNotEmpty();
    final DemoRuntime.Settings settings =
        new DemoRuntime.Settings(
            LocalStack.Settings.ephemeral(dataDir),
            Map.of(),
            StreamsSettings.Options.defaults(dataDir),
            TopologySettings.DEFAULTS,
            0,
            Duration.ofSeconds(10),
            simulation);
    final long started = System.nanoTime();

    // when
    try (DemoRuntime demo = DemoRuntime.start(settings, Clock.systemUTC());
        SchemaRegistryClient registry =
            SchemaRegistryClients.create(RegistryClientConfig.of(demo.stack().registryUrl()));
        Outputs outputs = new Outputs(demo.stack().bootstrapServers(), registry)) {
      final Map<String, Long> seenAt = new HashMap<>();
      await()
          .atMost(Duration.ofMinutes(4))
          .pollInterval(Duration.ofSeconds(5))
          .pollInSameThread()
          .until(
              () -> {
                outputs.poll();
                final Map<Outcome, Long> counts = eventCounts(demo);
                mark(seenAt, "FINAL week 1", outputs.finalUnits(firstWeek).containsAll(units));
                mark(seenAt, "FINAL week 2", outputs.finalUnits(secondWeek).containsAll(units));
                mark(seenAt, "lagging unit FIRING", !outputs.firing(lagging).isEmpty());
                mark(
                    seenAt,
                    "dead letter, late, duplicate",
                    counts.get(Outcome.DEAD_LETTER) > 0
                        && counts.get(Outcome.LATE) > 0
                        && counts.get(Outcome.DUPLICATE) > 0);
                return seenAt.size() == 4;
              });
      LOG.info(
          "Demo at {}x from {}: seen after {} s; {}",
          SPEED,
          monday,
          (System.nanoTime() - started) / 1_000_000_000,
          seenAt.entrySet().stream()
              .map(e -> e.getKey() + " after " + (e.getValue() - started) / 1_000_000_000 + " s")
              .collect(Collectors.joining(", ")));

      // then
      assertThat(outputs.finalUnits(firstWeek)).as("FINAL units of week 1").isEqualTo(units);
      assertThat(outputs.finalUnits(secondWeek)).as("FINAL units of week 2").isEqualTo(units);
      final Set<String> lowParticipation = outputs.firingUnits(AlertRule.LOW_PARTICIPATION);
      assertThat(lowParticipation)
          .as("units with LOW_PARTICIPATION firing")
          .containsAnyElementsOf(lagging)
          .hasSizeLessThan(outputs.unitsOfCohort(secondWeek, 20));
      final Map<Outcome, Long> counts = eventCounts(demo);
      assertThat(counts.get(Outcome.ACCEPTED)).isGreaterThan(counts.get(Outcome.DEAD_LETTER));
      final LiveView.Snapshot snapshot = demo.snapshot(Clock.systemUTC());
      assertThat(snapshot.events().get(Outcome.DEAD_LETTER))
          .as("the live view's dead letters")
          .isPositive();
      assertThat(snapshot.simulator().reached()).isAfter(secondWeek.plus(Duration.ofDays(9)));
      // The business lines come from the app's aggregate view, a second or so behind the topics.
      final LiveView.Snapshot live =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () -> demo.snapshot(Clock.systemUTC()),
                  s ->
                      s.city() != null
                          && s.unitWeeks().size() == units.size()
                          && s.unitWeeks().stream().allMatch(LiveView.UnitWeek::closed)
                          && !s.firingAlerts().isEmpty());
      assertThat(live.unitWeeks())
          .extracting(LiveView.UnitWeek::unitId)
          .containsExactlyInAnyOrderElementsOf(units);
      assertThat(live.firingAlerts())
          .filteredOn(a -> a.rule().equals(AlertRule.LOW_PARTICIPATION.name()))
          .extracting(LiveView.FiringAlert::unitId)
          .containsAnyElementsOf(lagging);
      assertThat(live.city().weekStart()).isAfter(secondWeek);
    }
  }

  private static void mark(final Map<String, Long> seenAt, final String what, final boolean now) {
    if (now && !seenAt.containsKey(what)) {
      seenAt.put(what, System.nanoTime());
    }
  }

  /** asn_pipeline_events_total from the app's /metrics, summed over topics. */
  private Map<Outcome, Long> eventCounts(final DemoRuntime demo) throws Exception {
    final String body =
        http.send(
                HttpRequest.newBuilder(URI.create(demo.app().httpUrl() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    final Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
    for (final Outcome outcome : Outcome.values()) {
      counts.put(outcome, 0L);
    }
    final Matcher line = EVENTS_TOTAL.matcher(body);
    while (line.find()) {
      final Matcher outcome = OUTCOME.matcher(line.group(1));
      if (outcome.find()) {
        final Outcome o = Outcome.valueOf(outcome.group(1).toUpperCase(Locale.ROOT));
        counts.merge(o, (long) Double.parseDouble(line.group(2)), Long::sum);
      }
    }
    return counts;
  }

  private static Set<String> unitIdsOfTheCsv() throws IOException {
    assertThat(UNITS_CSV).as("the shared reference data beside the repository").exists();
    final List<String> lines = Files.readAllLines(UNITS_CSV, StandardCharsets.UTF_8);
    final Set<String> ids =
        lines.subList(1, lines.size()).stream()
            .filter(l -> !l.isBlank())
            .map(l -> l.substring(0, l.indexOf(',')))
            .collect(Collectors.toSet());
    assertThat(ids).hasSize(101);
    return ids;
  }

  /** The weekly and alert topics, read_committed from the beginning, their latest state kept. */
  private static final class Outputs implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroDeserializer<UnitActivity> weekly;
    private final AvroDeserializer<ParticipationAlert> alerts;
    private final Map<Instant, Map<String, UnitActivity>> finals = new HashMap<>();
    private final Map<String, ParticipationAlert> latestAlerts = new HashMap<>();

    Outputs(final String bootstrapServers, final SchemaRegistryClient registry) {
      this.consumer =
          new KafkaConsumer<>(
              Map.of(
                  ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrapServers,
                  ConsumerConfig.GROUP_ID_CONFIG,
                  "demo-it-" + UUID.randomUUID(),
                  ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                  false,
                  ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                  "read_committed"),
              new StringDeserializer(),
              new ByteArrayDeserializer());
      this.weekly = new AvroDeserializer<>(registry, UnitActivity.class);
      this.alerts = new AvroDeserializer<>(registry, ParticipationAlert.class);
      final List<TopicPartition> partitions =
          Stream.of(WEEKLY, ALERTS)
              .flatMap(
                  t ->
                      consumer.partitionsFor(t).stream()
                          .map(p -> new TopicPartition(t, p.partition())))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
    }

    /** Reads what has been committed since the last call. */
    void poll() {
      var records = consumer.poll(Duration.ofMillis(500));
      while (!records.isEmpty()) {
        records.forEach(this::add);
        records = consumer.poll(Duration.ofMillis(100));
      }
    }

    private void add(final ConsumerRecord<String, byte[]> r) {
      if (WEEKLY.equals(r.topic())) {
        final UnitActivity a = weekly.deserialize(r.topic(), r.value());
        if (a.getStatus() == RecordStatus.FINAL) {
          finals.computeIfAbsent(a.getWindowStart(), w -> new HashMap<>()).put(a.getUnitId(), a);
        }
      } else {
        latestAlerts.put(r.key(), alerts.deserialize(r.topic(), r.value()));
      }
    }

    Set<String> finalUnits(final Instant week) {
      return new HashSet<>(finals.getOrDefault(week, Map.of()).keySet());
    }

    int unitsOfCohort(final Instant week, final int cohort) {
      return (int)
          finals.getOrDefault(week, Map.of()).values().stream()
              .filter(a -> a.getHeadcount() >= cohort)
              .count();
    }

    /** The lagging units whose LOW_PARTICIPATION alert is FIRING now. */
    Set<String> firing(final List<String> unitIds) {
      final Set<String> firing = firingUnits(AlertRule.LOW_PARTICIPATION);
      firing.retainAll(unitIds);
      return firing;
    }

    Set<String> firingUnits(final AlertRule rule) {
      return latestAlerts.values().stream()
          .filter(a -> a.getRule() == rule && a.getState() == AlertState.FIRING)
          .map(ParticipationAlert::getUnitId)
          .collect(Collectors.toSet());
    }

    @Override
    public void close() {
      consumer.close();
    }
  }
}
