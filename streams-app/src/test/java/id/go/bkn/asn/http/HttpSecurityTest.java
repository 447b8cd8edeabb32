package id.go.bkn.asn.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import id.go.bkn.asn.local.TestCertificates;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS and basic auth of the app's HTTP port, on free ports with a certificate made for the test.
 */
class HttpSecurityTest {

  private static final String HOST = "127.0.0.1";

  @TempDir static Path dir;

  private static TestCertificates certificates;
  private static PrometheusMeterRegistry meters;

  @BeforeAll
  static void makeCertificates() throws Exception {
    certificates = TestCertificates.create(dir);
    meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  @AfterAll
  static void closeMeters() {
    meters.close();
  }

  @Test
  void shouldAskForCredentialsEverywhereButTheHealthChecksWhenBasicAuthIsOn() throws Exception {
    final HttpSecurity security =
        HttpSecurity.of(null, null, "prometheus:s3cret", PipelineHttpServer.OPEN_PATHS);
    try (PipelineHttpServer server =
        PipelineHttpServer.start(HOST, 0, meters, () -> KafkaStreams.State.RUNNING, security)) {
      final HttpClient client = HttpClient.newHttpClient();

      final HttpResponse<String> anonymous = get(client, server.url() + "/metrics", null);
      final HttpResponse<String> wrong = get(client, server.url() + "/metrics", "prometheus:nope");
      final HttpResponse<String> right =
          get(client, server.url() + "/metrics", "prometheus:s3cret");

      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
          .get()
          .asString()
          .contains("Basic");
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(right.statusCode()).isEqualTo(200);
      assertThat(get(client, server.url() + "/nowhere", null).statusCode()).isEqualTo(401);
      assertThat(get(client, server.url() + "/health/live", null).statusCode()).isEqualTo(200);
      assertThat(get(client, server.url() + "/health/ready", null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void shouldProtectAContextWhenItIsAddedAfterTheServerWasCreated() throws Exception {
    final HttpSecurity security = HttpSecurity.of(null, null, "u:p", Set.of("/open"));
    final HttpServer server = security.createServer(new InetSocketAddress(HOST, 0));
    // As a later route (a page, an API) would be added: no call to protect it.
    server.createContext("/api/v1/units", exchange -> reply(exchange, "units"));
    server.createContext("/open", exchange -> reply(exchange, "open"));
    server.setExecutor(Executors.newSingleThreadExecutor());
    server.start();
    try {
      final HttpClient client = HttpClient.newHttpClient();
      final String base = JdkHttpServers.url(server);

      assertThat(get(client, base + "/api/v1/units", null).statusCode()).isEqualTo(401);
      assertThat(get(client, base + "/api/v1/units", "u:p").body()).isEqualTo("units");
      assertThat(get(client, base + "/open", null).body()).isEqualTo("open");
    } finally {
      server.stop(0);
      ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
  }

  @Test
  void shouldServeOverTlsWhenAKeyStoreIsGiven() throws Exception {
    final HttpSecurity security =
        HttpSecurity.of(
            certificates.keyStore(),
            certificates.keyStorePassword(),
            "prometheus:s3cret",
            PipelineHttpServer.OPEN_PATHS);
    try (PipelineHttpServer server =
        PipelineHttpServer.start(HOST, 0, meters, () -> KafkaStreams.State.RUNNING, security)) {
      final HttpClient trusting = HttpClient.newBuilder().sslContext(trustingTestCa()).build();

      assertThat(server.url()).startsWith("https://127.0.0.1:");
      assertThat(get(trusting, server.url() + "/metrics", "prometheus:s3cret").statusCode())
          .isEqualTo(200);
      final String plain = server.url().replace("https://", "http://");
      assertThatThrownBy(() -> get(HttpClient.newHttpClient(), plain + "/health/live", null))
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void shouldSayWhatToFixWhenTheKeyStoreIsMissingOrItsPasswordWrong() {
    final Path missing = dir.resolve("no-such.p12");

    assertThatThrownBy(() -> HttpSecurity.of(missing, "x", null, Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the key store " + missing + " does not exist");
    assertThatThrownBy(() -> HttpSecurity.of(certificates.keyStore(), "wrong", null, Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot be read (wrong password");
    assertThatThrownBy(() -> HttpSecurity.of(null, null, "no-colon", Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("user:password");
  }

  @Test
  void shouldHideThePasswordWhenPrinted() throws Exception {
    assertThat(HttpSecurity.of(null, null, "prometheus:s3cret", Set.of()).toString())
        .contains("prometheus")
        .doesNotContain("s3cret");
  }

  private static HttpResponse<String> get(
      final HttpClient client, final String url, final String userInfo) throws Exception {
    final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (userInfo != null) {
      request.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void reply(final com.sun.net.httpserver.HttpExchange exchange, final String body)
      throws IOException {
    try (exchange) {
      final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  private static SSLContext trustingTestCa() throws Exception {
    final KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(certificates.trustStore())) {
      store.load(in, certificates.trustStorePassword().toCharArray());
    }
    final TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    final SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}
