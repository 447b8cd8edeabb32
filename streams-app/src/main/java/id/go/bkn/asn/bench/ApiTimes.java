package id.go.bkn.asn.bench;

import id.go.bkn.asn.api.ApiHandler;
import id.go.bkn.asn.api.ApiQueries;
import id.go.bkn.asn.api.ApiSource;
import id.go.bkn.asn.function.JakartaCalendar;
import id.go.bkn.asn.http.PipelineHttpServer;
import id.go.bkn.asn.registry.SchemaRegistryClient;
import id.go.bkn.asn.topology.TopicNames;
import id.go.bkn.asn.view.AggregateSnapshot;
import id.go.bkn.asn.view.AggregateView;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The read-only API's answer times (issue #12: "within 50 ms at the demo's size, measured in the
 * bench"): an aggregate view reads the aggregate topics the full-topology phases wrote, the API
 * serves it on a free loopback port, and each endpoint is asked sequentially, JSON and CSV, after a
 * warm-up. Sequential requests measure the answer time itself, not queueing in the two handler
 * threads.
 */
final class ApiTimes {
  private static final int WARM_UP = 20;
  private static final Duration VIEW_TIMEOUT = Duration.ofMinutes(3);

  private final Map<String, Object> client;
  private final SchemaRegistryClient registry;
  private final TopicNames topics;
  private final Clock clock;
  private final int minCohort;

  ApiTimes(
      final Map<String, Object> client,
      final SchemaRegistryClient registry,
      final TopicNames topics,
      final Clock clock,
      final int minCohort) {
    this.client = client;
    this.registry = registry;
    this.topics = topics;
    this.clock = clock;
    this.minCohort = minCohort;
  }

  /** Figures per endpoint (p50, p99 and max in ms, answer bytes), {@code requests} each. */
  Map<String, Object> measure(final int requests) throws InterruptedException {
    final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (AggregateView view =
        AggregateView.start(client, registry, topics, meters, clock, Duration.ofMillis(200))) {
      final Instant deadline = Instant.now().plus(VIEW_TIMEOUT);
      while (!view.caughtUp() || view.snapshot().roots().isEmpty()) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              "the aggregate view did not catch up within " + VIEW_TIMEOUT);
        }
        Thread.sleep(100);
      }
      final AggregateSnapshot snapshot = view.snapshot();
      final String root = snapshot.roots().get(0).unitId();
      // The bench's input lies in the past, so the default range (the weeks before today) could
      // answer nothing: ask for the weeks the run wrote, up to the latest window it knows.
      final LocalDate to =
          JakartaCalendar.dateOf(
                  snapshot.windows().stream()
                      .map(AggregateSnapshot.UnitWindow::windowStart)
                      .max(Comparator.naturalOrder())
                      .orElse(clock.instant()))
              .plusDays(7);
      final String range = "from=" + to.minusDays(3 * 365) + "&to=" + to;
      try (PipelineHttpServer http =
          PipelineHttpServer.start(
              "127.0.0.1",
              0,
              meters,
              () -> KafkaStreams.State.RUNNING,
              Map.of(
                  ApiHandler.CONTEXT,
                  new ApiHandler(new ApiQueries(ApiSource.of(view), clock, minCohort))))) {
        final HttpClient http1 =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        final Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("units", snapshot.units().size());
        figures.put("requestsPerEndpoint", requests);
        final Map<String, Object> endpoints = new LinkedHashMap<>();
        for (final String path :
            List.of(
                "/api/v1/units",
                "/api/v1/units/" + root + "/activity?window=week&" + range,
                "/api/v1/activity?period=previous",
                "/api/v1/programs?" + range,
                "/api/v1/alerts/history")) {
          for (final String format : List.of("json", "csv")) {
            final String url =
                http.url() + path + (path.contains("?") ? "&" : "?") + "format=" + format;
            endpoints.put(
                path.replace("/api/v1", "")
                        .replace(root, "{root}")
                        .replace("&" + range, "")
                        .replace("?" + range, "")
                    + " "
                    + format,
                time(http1, URI.create(url), requests));
          }
        }
        figures.put("endpoints", endpoints);
        return figures;
      }
    } finally {
      meters.close();
    }
  }

  private static Map<String, Object> time(final HttpClient http, final URI uri, final int requests)
      throws InterruptedException {
    final Histogram micros = new Histogram(60_000_000L, 3);
    long bytes = 0;
    for (int i = 0; i < WARM_UP + requests; i++) {
      final long start = System.nanoTime();
      final HttpResponse<byte[]> answer;
      try {
        answer =
            http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (final IOException e) {
        throw new IllegalStateException("GET " + uri + " failed: " + e.getMessage(), e);
      }
      final long elapsed = (System.nanoTime() - start) / 1_000;
      if (answer.statusCode() != 200) {
        throw new IllegalStateException("GET " + uri + " answered " + answer.statusCode());
      }
      if (i >= WARM_UP) {
        micros.recordValue(Math.max(1, elapsed));
        bytes = answer.body().length;
      }
    }
    final Map<String, Object> one = new LinkedHashMap<>();
    one.put("p50Ms", micros.getValueAtPercentile(50) / 1000.0);
    one.put("p99Ms", micros.getValueAtPercentile(99) / 1000.0);
    one.put("maxMs", micros.getMaxValue() / 1000.0);
    one.put("answerBytes", bytes);
    return one;
  }
}
