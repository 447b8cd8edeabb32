package id.go.bkn.asn.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.go.bkn.asn.app.PipelineApp;
import id.go.bkn.asn.config.KafkaConnection;
import id.go.bkn.asn.config.StreamsSettings;
import id.go.bkn.asn.config.TopologySettings;
import id.go.bkn.asn.local.LocalStack;
import id.go.bkn.asn.registry.RegistryClientConfig;
import id.go.bkn.asn.registry.SchemaRegistryClient;
import id.go.bkn.asn.registry.SchemaRegistryClients;
import id.go.bkn.asn.schema.RecordStatus;
import id.go.bkn.asn.schema.UnitActivity;
import id.go.bkn.asn.schema.WindowSize;
import id.go.bkn.asn.serde.AvroClassTrust;
import id.go.bkn.asn.serde.AvroDeserializer;
import id.go.bkn.asn.serde.AvroSerializer;
import id.go.bkn.asn.simulator.BadInputRates;
import id.go.bkn.asn.simulator.EventGenerator;
import id.go.bkn.asn.simulator.SimulationConfig;
import id.go.bkn.asn.simulator.kafka.KafkaSimulationSink;
import id.go.bkn.asn.topology.TopicNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the app on one embedded stack expose the same business values, those values are
 * the FINAL records' figures, and when one instance stops (its tasks move to the other) the other
 * keeps every series, once, and follows the weeks that close after.
 */
class AggregateViewIT {

  static {
    AvroClassTrust.trustPackage("id.go.bkn.asn.schema");
  }

  /** A Monday, 00:00 WIB. */
  private static final Instant FROM = Instant.parse("2026-08-02T17:00:00Z");

  private static final Duration GRACE = Duration.ofHours(48);
  private static final int UNITS = 101;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dataDir;

  @Test
  void shouldExposeSameBusinessValuesOnTwoInstancesAndKeepThemThroughRebalance() throws Exception {
    try (LocalStack stack = LocalStack.start(LocalStack.Settings.ephemeral(dataDir));
        SchemaRegistryClient registry =
            SchemaRegistryClients.create(RegistryClientConfig.of(stack.registryUrl()));
        KafkaProducer<String, byte[]> producer = producer(stack)) {
      final KafkaSimulationSink kafka =
          new KafkaSimulationSink(producer, new AvroSerializer<SpecificRecord>(registry));
      final EventGenerator generator =
          EventGenerator.create(
              SimulationConfig.startingAt(FROM)
                  .withSeed(11)
                  .withRoster(1_000, 0)
                  .withBadInput(BadInputRates.NONE),
              kafka);
      generator.advanceTo(FROM.plus(Duration.ofDays(17)));
      kafka.flush();

      final PipelineApp second;
      try (PipelineApp first = start(stack, "a")) {
        second = start(stack, "b");
        final Map<String, String> a =
            await()
                .atMost(Duration.ofSeconds(150))
                .pollInterval(Duration.ofSeconds(2))
                .until(
                    () -> sameOnBoth(first, second, FROM.plus(Duration.ofDays(7))), m -> m != null);
        assertMatchesFinals(a, stack, registry, FROM.plus(Duration.ofDays(7)));
        assertThat(series(a, "asn_unit_info{")).hasSize(UNITS);
        // Every unit has its year's figures; attainment is null (absent) where it has nobody.
        final List<String> staffed =
            series(a, "asn_unit_headcount{").stream()
                .filter(k -> Double.parseDouble(a.get(k)) > 0)
                .map(k -> k.substring(k.indexOf('{')))
                .toList();
        assertThat(staffed).hasSizeGreaterThan(UNITS / 2);
        assertThat(series(a, "asn_unit_jp_expected_ratio{")).hasSize(UNITS);
        assertThat(series(a, "asn_unit_jp_attainment_ratio{"))
            .containsExactlyInAnyOrderElementsOf(
                staffed.stream().map(l -> "asn_unit_jp_attainment_ratio" + l).toList());
        assertThat(series(a, "asn_program_satisfaction_index{")).isNotEmpty();
        assertThat(a.keySet()).noneMatch(k -> a.get(k).equals("NaN"));
      }

      // The first instance is gone: its tasks move to the second, whose view is untouched.
      try (PipelineApp only = second) {
        generator.advanceTo(FROM.plus(Duration.ofDays(24)));
        kafka.flush();
        final Instant week3 = FROM.plus(Duration.ofDays(14));
        final Map<String, String> b =
            await()
                .atMost(Duration.ofSeconds(150))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> closedWeekSeries(only, week3), m -> m != null);
        assertThat(series(b, "asn_unit_participants{"))
            .as("one series per unit, window and period")
            .hasSize(UNITS * 4);
        assertMatchesFinals(b, stack, registry, week3);
      }
    }
  }

  /** The business series of both instances once they agree and show the given closed week. */
  private static Map<String, String> sameOnBoth(
      final PipelineApp a, final PipelineApp b, final Instant closedWeek) throws Exception {
    final Map<String, String> first = closedWeekSeries(a, closedWeek);
    final Map<String, String> second = closedWeekSeries(b, closedWeek);
    return first != null && first.equals(second) ? first : null;
  }

  /**
   * The instance's business series once its view holds the given week as every unit's previous
   * week, or null before. The view is checked before the scrape: a scrape taken first could show
   * the week before for units whose FINAL the view read in between.
   */
  private static Map<String, String> closedWeekSeries(final PipelineApp app, final Instant week)
      throws Exception {
    final AggregateSnapshot view = app.aggregates();
    if (view.units().size() != UNITS
        || !view.units().stream()
            .allMatch(
                u ->
                    view.window(u.unitId(), WindowSize.WEEK, Period.PREVIOUS)
                        .map(w -> w.windowStart().equals(week))
                        .orElse(false))) {
      return null;
    }
    final Map<String, String> series = business(scrape(app));
    return series(series, "asn_unit_participants{").size() == UNITS * 4 ? series : null;
  }

  /** Every unit's previous-week gauges equal its FINAL record of that week. */
  private static void assertMatchesFinals(
      final Map<String, String> series,
      final LocalStack stack,
      final SchemaRegistryClient registry,
      final Instant week) {
    final List<UnitActivity> finals =
        read(stack, "analytics.unit-activity-weekly", registry).stream()
            .filter(r -> r.getStatus() == RecordStatus.FINAL && r.getWindowStart().equals(week))
            .toList();
    assertThat(finals).hasSize(UNITS);
    for (final UnitActivity f : finals) {
      final String labels = "{period=\"previous\",unit=\"" + f.getUnitId() + "\",window=\"week\"}";
      assertThat(Double.parseDouble(series.get("asn_unit_participants" + labels)))
          .as("participants of %s", f.getUnitId())
          .isEqualTo(f.getParticipants());
      assertThat(Double.parseDouble(series.get("asn_unit_jp_delivered" + labels)))
          .as("jpDelivered of %s", f.getUnitId())
          .isEqualTo(f.getJpDelivered());
      if (f.getParticipationRate() == null) {
        assertThat(series).doesNotContainKey("asn_unit_participation_ratio" + labels);
      } else {
        assertThat(Double.parseDouble(series.get("asn_unit_participation_ratio" + labels)))
            .isEqualTo(f.getParticipationRate());
      }
      if (f.getSatisfactionIndex() == null) {
        assertThat(series).doesNotContainKey("asn_unit_satisfaction_index" + labels);
      } else {
        assertThat(Double.parseDouble(series.get("asn_unit_satisfaction_index" + labels)))
            .isEqualTo(f.getSatisfactionIndex());
      }
    }
  }

  private static List<String> series(final Map<String, String> all, final String prefix) {
    return all.keySet().stream().filter(k -> k.startsWith(prefix)).sorted().toList();
  }

  /** The business series by name and labels; fails on a series that appears twice. */
  private static Map<String, String> business(final String scrape) {
    final Map<String, String> out = new HashMap<>();
    for (final String line : scrape.split("\n")) {
      if (line.startsWith("asn_unit_")
          || line.startsWith("asn_program_")
          || line.startsWith("asn_alert_active")) {
        final int space = line.lastIndexOf(' ');
        final String value = String.valueOf(Double.parseDouble(line.substring(space + 1)));
        assertThat(out.put(line.substring(0, space), value))
            .as("series %s appears once", line.substring(0, space))
            .isNull();
      }
    }
    return out;
  }

  private static String scrape(final PipelineApp app) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(app.httpUrl() + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private PipelineApp start(final LocalStack stack, final String instance) {
    final TopicNames topics = TopicNames.contract();
    final TopologySettings defaults = TopologySettings.DEFAULTS;
    final TopologySettings topology =
        defaults.toBuilder()
            .grace(GRACE)
            .idleTimeout(Duration.ofMinutes(10))
            .emitInterval(Duration.ofMillis(500))
            .build();
    return PipelineApp.start(
        new PipelineApp.Settings(
            StreamsSettings.of(
                new KafkaConnection(stack.bootstrapServers(), Map.of()),
                new StreamsSettings.Options(
                    "aggregate-view-it", null, dataDir.resolve(instance), null),
                topics.deadLetters()),
            topology,
            topics,
            RegistryClientConfig.of(stack.registryUrl()),
            "127.0.0.1",
            0,
            Duration.ofSeconds(30)),
        PipelineApp.TopologyFactory.PARTICIPATION,
        Clock.systemUTC());
  }

  private static List<UnitActivity> read(
      final LocalStack stack, final String topic, final SchemaRegistryClient registry) {
    try (KafkaConsumer<String, UnitActivity> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "aggregate-view-it-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new AvroDeserializer<>(registry, UnitActivity.class))) {
      final List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      final List<UnitActivity> out = new ArrayList<>();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        for (final ConsumerRecord<String, UnitActivity> r : consumer.poll(Duration.ofMillis(500))) {
          out.add(r.value());
        }
      }
      return out;
    }
  }

  private static KafkaProducer<String, byte[]> producer(final LocalStack stack) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            stack.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.LINGER_MS_CONFIG,
            10),
        new StringSerializer(),
        new ByteArraySerializer());
  }
}
