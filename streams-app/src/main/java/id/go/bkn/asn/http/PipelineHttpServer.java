package id.go.bkn.asn.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's HTTP endpoints of CONTRACT.md section 7, on the JDK's {@link HttpServer}: {@code
 * /metrics} (Prometheus text format from the app's meter registry), {@code /health/live} (200 as
 * long as the process answers) and {@code /health/ready} (200 only while the streams client is
 * RUNNING, 503 otherwise; the body names the state, so a rebalance is visible as such), and the
 * further routes it is given (the web dashboard and the API). Every context is created in one
 * place, {@link #contexts}, so whatever applies to all of them is added there. Port 8080 by
 * default; port 0 picks a free one, for tests. Close it to stop.
 */
public final class PipelineHttpServer implements AutoCloseable {

  /** The contract's default port. */
  public static final int DEFAULT_PORT = 8080;

  /** Prometheus text exposition format 0.0.4, which every Prometheus version scrapes. */
  public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /**
   * The paths served without credentials when basic auth is on: the health checks, which say only
   * UP or the streams state (no figure, no name), so orchestrators and load balancers can probe
   * them without holding the password.
   */
  public static final Set<String> OPEN_PATHS = Set.of("/health/live", "/health/ready");

  private static final Logger LOG = LoggerFactory.getLogger(PipelineHttpServer.class);
  private static final String TEXT = "text/plain; charset=utf-8";
  private static final int THREADS = 2;

  private final HttpServer server;
  private final ExecutorService executor;

  private PipelineHttpServer(final HttpServer server, final ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts serving on host:port.
   *
   * @param meters the registry {@code /metrics} scrapes
   * @param state the streams client's state, e.g. {@code kafkaStreams::state}
   * @throws HttpPortInUseException when the port is taken
   */
  public static PipelineHttpServer start(
      final String host,
      final int port,
      final PrometheusMeterRegistry meters,
      final Supplier<KafkaStreams.State> state) {
    return start(host, port, meters, state, Map.of(), HttpSecurity.NONE);
  }

  /**
   * The same with TLS and basic auth as {@code security} says; it covers every context, those added
   * later included, except its open paths (see {@link #OPEN_PATHS}).
   */
  public static PipelineHttpServer start(
      final String host,
      final int port,
      final PrometheusMeterRegistry meters,
      final Supplier<KafkaStreams.State> state,
      final HttpSecurity security) {
    return start(host, port, meters, state, Map.of(), security);
  }

  /** Starts serving on host:port, with further routes beside the contract's endpoints. */
  public static PipelineHttpServer start(
      final String host,
      final int port,
      final PrometheusMeterRegistry meters,
      final Supplier<KafkaStreams.State> state,
      final Map<String, HttpHandler> routes) {
    return start(host, port, meters, state, routes, HttpSecurity.NONE);
  }

  /**
   * Starts serving on host:port, with further routes beside the contract's endpoints, under TLS and
   * basic auth as {@code security} says (every context but the open paths).
   *
   * @param routes handlers by context path (a prefix, as {@link HttpServer#createContext}); one for
   *     {@code /} replaces the default 404
   * @throws HttpPortInUseException when the port is taken
   */
  public static PipelineHttpServer start(
      final String host,
      final int port,
      final PrometheusMeterRegistry meters,
      final Supplier<KafkaStreams.State> state,
      final Map<String, HttpHandler> routes,
      final HttpSecurity security) {
    final HttpServer server;
    try {
      server = security.createServer(new InetSocketAddress(host, port));
    } catch (final BindException e) {
      throw new HttpPortInUseException(host, port, e);
    } catch (final IOException e) {
      throw new UncheckedIOException(
          "Cannot start the HTTP server on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    final ExecutorService executor =
        Executors.newFixedThreadPool(
            THREADS,
            runnable -> {
              final Thread thread = new Thread(runnable, "pipeline-http");
              thread.setDaemon(true);
              return thread;
            });
    contexts(server, meters, state, routes);
    server.setExecutor(executor);
    server.start();
    final PipelineHttpServer started = new PipelineHttpServer(server, executor);
    LOG.info("HTTP endpoints on {}", started.url());
    return started;
  }

  /** Every context of the server: the contract's endpoints, then the given routes. */
  private static void contexts(
      final HttpServer server,
      final PrometheusMeterRegistry meters,
      final Supplier<KafkaStreams.State> state,
      final Map<String, HttpHandler> routes) {
    final Map<String, HttpHandler> all = new LinkedHashMap<>();
    all.put(
        "/metrics",
        exchange ->
            respond(
                exchange, 200, PROMETHEUS_CONTENT_TYPE, meters.scrape(PROMETHEUS_CONTENT_TYPE)));
    all.put("/health/live", exchange -> respond(exchange, 200, TEXT, "UP\n"));
    all.put("/health/ready", new Readiness(state));
    all.put("/", exchange -> respond(exchange, 404, TEXT, "Not found\n"));
    all.putAll(routes);
    all.forEach(server::createContext);
  }

  /** The port it listens on (the chosen one when started with port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:8080}. */
  public String url() {
    return JdkHttpServers.url(server);
  }

  /** Stops accepting requests and frees the port; running requests get a second to finish. */
  @Override
  public void close() {
    JdkHttpServers.stop(server, executor);
    LOG.info("HTTP endpoints on port {} stopped", port());
  }

  private static void respond(
      final HttpExchange exchange, final int status, final String contentType, final String body)
      throws IOException {
    try (exchange) {
      final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", contentType);
      if ("HEAD".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(status, -1);
        return;
      }
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** 200 while RUNNING, 503 in every other state; the body names the state. */
  private static final class Readiness implements HttpHandler {

    private final Supplier<KafkaStreams.State> state;

    Readiness(final Supplier<KafkaStreams.State> state) {
      this.state = state;
    }

    @Override
    public void handle(final HttpExchange exchange) throws IOException {
      final KafkaStreams.State current = state.get();
      final boolean ready = current == KafkaStreams.State.RUNNING;
      respond(exchange, ready ? 200 : 503, TEXT, String.valueOf(current) + "\n");
    }
  }
}
