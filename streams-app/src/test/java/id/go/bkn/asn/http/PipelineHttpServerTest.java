package id.go.bkn.asn.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.go.bkn.asn.metrics.MicrometerPipelineEvents;
import id.go.bkn.asn.metrics.PipelineEvents;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PipelineHttpServerTest {

  private static final String HOST = "127.0.0.1";

  private final HttpClient client = HttpClient.newHttpClient();
  private final AtomicReference<KafkaStreams.State> state =
      new AtomicReference<>(KafkaStreams.State.CREATED);
  private PrometheusMeterRegistry meters;
  private PipelineHttpServer server;

  @BeforeEach
  void start() {
    meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    server = PipelineHttpServer.start(HOST, 0, meters, state::get);
  }

  @AfterEach
  void stop() {
    server.close();
    meters.close();
  }

  @Test
  void shouldAnswer503UntilStreamsAreRunningThen200() throws Exception {
    state.set(KafkaStreams.State.REBALANCING);
    final HttpResponse<String> before = get("/health/ready");

    state.set(KafkaStreams.State.RUNNING);
    final HttpResponse<String> after = get("/health/ready");

    assertThat(before.statusCode()).isEqualTo(503);
    assertThat(before.body()).contains("REBALANCING");
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(after.body()).contains("RUNNING");
  }

  @Test
  void shouldAnswer503WhenStreamsHaveFailed() throws Exception {
    state.set(KafkaStreams.State.ERROR);

    assertThat(get("/health/ready").statusCode()).isEqualTo(503);
  }

  @Test
  void shouldBeLiveWhateverTheStreamsState() throws Exception {
    state.set(KafkaStreams.State.ERROR);

    assertThat(get("/health/live").statusCode()).isEqualTo(200);
  }

  @Test
  void shouldServePipelineCountersWhenEventsWereCounted() throws Exception {
    final MicrometerPipelineEvents events = new MicrometerPipelineEvents(meters);
    events.count("training.attendance", PipelineEvents.Outcome.ACCEPTED);
    events.count("training.attendance", PipelineEvents.Outcome.ACCEPTED);
    events.count("training.feedback", PipelineEvents.Outcome.DEAD_LETTER);

    final HttpResponse<String> response = get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue(PipelineHttpServer.PROMETHEUS_CONTENT_TYPE);
    assertThat(response.body())
        .contains("# TYPE asn_pipeline_events_total counter")
        .contains("asn_pipeline_events_total{outcome=\"accepted\",topic=\"training.attendance\"} 2")
        .contains(
            "asn_pipeline_events_total{outcome=\"dead_letter\",topic=\"training.feedback\"} 1")
        .contains("asn_pipeline_event_delay_seconds");
  }

  @Test
  void shouldAnswer404WhenThePathIsUnknown() throws Exception {
    assertThat(get("/nothing").statusCode()).isEqualTo(404);
  }

  @Test
  void shouldSayInOneLineWhenThePortIsTaken() {
    final int taken = server.port();

    assertThatThrownBy(() -> PipelineHttpServer.start(HOST, taken, meters, state::get))
        .isInstanceOf(HttpPortInUseException.class)
        .hasMessage(
            "HTTP port "
                + taken
                + " on 127.0.0.1 is already in use: stop the process using it or choose another"
                + " port with --http-port (PIPELINE_HTTP_PORT)");
  }

  private HttpResponse<String> get(final String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
