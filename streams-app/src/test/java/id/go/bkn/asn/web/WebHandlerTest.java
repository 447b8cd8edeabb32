package id.go.bkn.asn.web;

import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.http.PipelineHttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's files on the app's HTTP server: the page at {@code /}, its assets, the ECharts
 * WebJar by name without its version, and a 404 for anything else, a path escaping the served
 * folders included; the contract's endpoints stay as they were.
 */
class WebHandlerTest {

  private final PipelineHttpServer server =
      PipelineHttpServer.start(
          "127.0.0.1",
          0,
          new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
          () -> KafkaStreams.State.RUNNING,
          Map.of("/", new WebHandler()));
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void shouldServeThePageInBahasaIndonesiaAtTheRoot() throws Exception {
    final HttpResponse<String> page = get("/");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.body())
        .contains("<html lang=\"id\">")
        .contains("Ringkasan")
        .contains("/webjars/echarts/dist/echarts.min.js");
  }

  @Test
  void shouldServeTheAssetsAndTheChartLibraryFromTheClasspath() throws Exception {
    final HttpResponse<String> script = get("/assets/app.js");
    final HttpResponse<String> echarts = get("/webjars/echarts/dist/echarts.min.js");
    final HttpResponse<String> swagger = get("/webjars/swagger-ui/swagger-ui.css");

    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type"))
        .hasValue("text/javascript; charset=utf-8");
    assertThat(echarts.statusCode()).isEqualTo(200);
    assertThat(echarts.body()).contains("echarts").hasSizeGreaterThan(500_000);
    assertThat(swagger.statusCode()).isEqualTo(200);
  }

  @Test
  void shouldAnswer404ForAnythingElseAndForPathsOutsideTheServedFolders() throws Exception {
    assertThat(get("/nothing").statusCode()).isEqualTo(404);
    assertThat(get("/assets/").statusCode()).isEqualTo(404);
    assertThat(get("/assets/missing.js").statusCode()).isEqualTo(404);
    assertThat(get("/webjars/no-such-webjar/x.js").statusCode()).isEqualTo(404);
    assertThat(get("/assets/..%2Flogback.xml").statusCode()).isEqualTo(404);
    assertThat(new WebHandler().resourceOf("/assets/../logback.xml")).isEmpty();
    assertThat(new WebHandler().resourceOf("/webjars/echarts/../../../../logback.xml")).isEmpty();
  }

  @Test
  void shouldKeepTheContractsEndpointsBesideThePage() throws Exception {
    assertThat(get("/health/live").body()).isEqualTo("UP\n");
    assertThat(get("/metrics").statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> get(final String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
