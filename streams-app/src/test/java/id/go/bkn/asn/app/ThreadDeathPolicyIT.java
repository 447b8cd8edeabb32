package id.go.bkn.asn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.go.bkn.asn.config.KafkaConnection;
import id.go.bkn.asn.config.StreamsSettings;
import id.go.bkn.asn.config.TopologySettings;
import id.go.bkn.asn.local.LocalStack;
import id.go.bkn.asn.registry.RegistryClientConfig;
import id.go.bkn.asn.topology.TopicNames;
import id.go.bkn.asn.topology.TopologyContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The thread-death policy end to end, through {@link PipelineApp} on the embedded broker under
 * exactly_once_v2 (README, "When something fails"): a record whose processing kills the stream
 * thread with an {@link Error}, which no exception handler takes (Kafka Streams' processing handler
 * sees {@link Exception}s only), is read again by every replacement thread, as its offset never
 * commits. After {@value ThreadDeathPolicy#MAX_DEATHS} replacements the fourth death stops the
 * client: the app is no longer RUNNING, {@code /health/ready} answers 503, {@code
 * asn_pipeline_thread_replacement_stopped} is 1 and four deaths are counted, while the process's
 * HTTP endpoints stay up. The poison processor is a test topology given to {@link PipelineApp}: the
 * fault injection lives here, not in the app.
 */
class ThreadDeathPolicyIT {

  private static final String POISON_TOPIC = "test.poison";

  @TempDir Path dataDir;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldStopReplacingThreadsAndReportNotReadyWhenTheSameRecordKillsEveryThread()
      throws Exception {
    try (LocalStack stack = LocalStack.start(LocalStack.Settings.ephemeral(dataDir));
        Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
      admin
          .createTopics(List.of(new NewTopic(POISON_TOPIC, 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
      final PipelineApp app = PipelineApp.start(settings(stack), new Poisoned(), Clock.systemUTC());
      try {
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(250))
            .until(() -> get(app, "/health/ready").statusCode() == 200);
        assertThat(stopped(app)).isZero();

        try (KafkaProducer<String, String> producer =
            new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                new StringSerializer(),
                new StringSerializer())) {
          producer
              .send(new ProducerRecord<>(POISON_TOPIC, "k", "poison"))
              .get(30, TimeUnit.SECONDS);
        }

        await()
            .atMost(Duration.ofSeconds(240))
            .pollInterval(Duration.ofMillis(500))
            // The stream threads die of the test fault on purpose; Awaitility would fail on it.
            .dontCatchUncaughtExceptions()
            .until(() -> stopped(app) == 1.0);
        await()
            .atMost(Duration.ofSeconds(60))
            .dontCatchUncaughtExceptions()
            .pollInterval(Duration.ofMillis(250))
            .until(() -> app.state() != KafkaStreams.State.RUNNING);

        assertThat(app.meterRegistry().get("asn.pipeline.stream.thread.deaths").counter().count())
            .as("three deaths replaced, the fourth stops the client")
            .isEqualTo(ThreadDeathPolicy.MAX_DEATHS + 1.0);
        assertThat(app.terminated().get(60, TimeUnit.SECONDS)).isEqualTo(KafkaStreams.State.ERROR);
        final HttpResponse<String> ready = get(app, "/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("ERROR");
        assertThat(get(app, "/health/live").statusCode()).isEqualTo(200);
        assertThat(get(app, "/metrics").body())
            .containsPattern("(?m)^asn_pipeline_thread_replacement_stopped(\\{[^}]*\\})? 1\\.0$")
            .containsPattern("(?m)^asn_pipeline_ready(\\{[^}]*\\})? 0\\.0$");
      } finally {
        app.close();
      }
    }
  }

  /** A topology whose one processor dies of an Error on the record "poison". */
  private static final class Poisoned implements PipelineApp.TopologyFactory {

    @Override
    public Topology build(final TopologyContext context, final TopologyConfig config) {
      final StreamsBuilder builder = new StreamsBuilder(config);
      builder.stream(
              POISON_TOPIC,
              Consumed.with(Serdes.String(), Serdes.String()).withName("poison-source"))
          .foreach(
              (key, value) -> {
                if ("poison".equals(value)) {
                  throw new AssertionError("test fault: this record kills every stream thread");
                }
              },
              Named.as("poison"));
      return builder.build();
    }
  }

  private static double stopped(final PipelineApp app) {
    return app.meterRegistry().get("asn.pipeline.thread.replacement.stopped").gauge().value();
  }

  private PipelineApp.Settings settings(final LocalStack stack) {
    final TopicNames topics = TopicNames.contract();
    return new PipelineApp.Settings(
        StreamsSettings.of(
            // A dead thread's consumer is out of the group after 6 s rather than 45.
            new KafkaConnection(
                stack.bootstrapServers(),
                Map.of("session.timeout.ms", "6000", "heartbeat.interval.ms", "1000")),
            new StreamsSettings.Options("thread-death-it", null, dataDir, null),
            topics.deadLetters()),
        TopologySettings.DEFAULTS,
        topics,
        RegistryClientConfig.of(stack.registryUrl()),
        "127.0.0.1",
        0,
        Duration.ofSeconds(20));
  }

  private HttpResponse<String> get(final PipelineApp app, final String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(app.httpUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
