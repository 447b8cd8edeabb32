package id.go.bkn.asn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import id.go.bkn.asn.config.KafkaConnection;
import id.go.bkn.asn.config.StreamsSettings;
import id.go.bkn.asn.config.TopologySettings;
import id.go.bkn.asn.local.LocalStack;
import id.go.bkn.asn.registry.RegistryClientConfig;
import id.go.bkn.asn.serde.AvroClassTrust;
import id.go.bkn.asn.topology.TopicNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app on the embedded broker and registry: it starts, becomes ready, serves its metrics and
 * closes cleanly, running the participation topology under exactly_once_v2 with explicit naming.
 */
class PipelineAppIT {

  static {
    AvroClassTrust.trustPackage("id.go.bkn.asn.schema");
  }

  @TempDir Path dataDir;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldBecomeReadyAndServeMetricsWhenStartedOnTheLocalStack() throws Exception {
    try (LocalStack stack = LocalStack.start(LocalStack.Settings.ephemeral(dataDir))) {
      final PipelineApp.Settings settings = settings(stack);
      final PipelineApp app =
          PipelineApp.start(settings, PipelineApp.TopologyFactory.PARTICIPATION, Clock.systemUTC());
      try {
        assertThat(get(app, "/health/live").statusCode()).isEqualTo(200);

        await()
            .atMost(60, TimeUnit.SECONDS)
            .pollInterval(Duration.ofMillis(250))
            .until(() -> get(app, "/health/ready").statusCode() == 200);
        final HttpResponse<String> metrics = get(app, "/metrics");

        assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);
        assertThat(get(app, "/health/ready").body()).contains("RUNNING");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
            .contains("asn_pipeline_event_delay_seconds")
            .contains("jvm_memory_used_bytes")
            .contains("kafka_stream_");
      } finally {
        app.close();
      }
      assertThat(app.terminated().get(5, TimeUnit.SECONDS))
          .isEqualTo(KafkaStreams.State.NOT_RUNNING);
    }
  }

  @Test
  void shouldRefuseToStartWhenAnEventTopicIsNotCoPartitionedWithTheRoster() throws Exception {
    try (LocalStack stack = LocalStack.start(LocalStack.Settings.ephemeral(dataDir));
        Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
      // given: one event topic grown to more partitions than the roster
      admin
          .createPartitions(Map.of("training.attendance", NewPartitions.increaseTo(8)))
          .all()
          .get(30, TimeUnit.SECONDS);
      final PipelineApp.Settings settings = settings(stack);

      // when / then: one line naming the topics and their counts, and nothing started
      assertThatThrownBy(
              () ->
                  PipelineApp.start(
                      settings, PipelineApp.TopologyFactory.PARTICIPATION, Clock.systemUTC()))
          .isInstanceOf(UserError.class)
          .hasMessageContaining("training.attendance has 8")
          .hasMessageContaining("reference.employees has 6")
          .hasMessageNotContaining("\n");
      assertThat(
              admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS).stream()
                  .map(g -> g.groupId())
                  .toList())
          .doesNotContain("pipeline-app-it");
    }
  }

  private PipelineApp.Settings settings(final LocalStack stack) {
    final TopicNames topics = TopicNames.contract();
    return new PipelineApp.Settings(
        StreamsSettings.of(
            new KafkaConnection(stack.bootstrapServers(), Map.of()),
            new StreamsSettings.Options("pipeline-app-it", null, dataDir, null),
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
