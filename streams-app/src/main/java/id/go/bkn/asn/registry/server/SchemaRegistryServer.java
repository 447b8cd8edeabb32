package id.go.bkn.asn.registry.server;

import com.sun.net.httpserver.HttpServer;
import id.go.bkn.asn.http.HttpSecurity;
import id.go.bkn.asn.http.JdkHttpServers;
import id.go.bkn.asn.registry.SchemaRegistryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded schema registry of {@code ./pipeline demo} and of the integration tests: the core of
 * the Confluent Schema Registry REST API (subjects, versions, schemas by id, compatibility checks,
 * config) on the JDK's {@link HttpServer}, over a {@link SchemaRegistryStore}, so any client of
 * that API (our serde, Confluent's, kcat, a browser) can use it. It listens on 127.0.0.1:8081 by
 * default; port 0 picks a free port, for tests. Close it to stop.
 */
public final class SchemaRegistryServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8081;

  private static final int THREADS = 4;

  private final HttpServer server;
  private final ExecutorService executor;
  private final SchemaRegistryStore store;

  private SchemaRegistryServer(
      final HttpServer server, final ExecutorService executor, final SchemaRegistryStore store) {
    this.server = server;
    this.executor = executor;
    this.store = store;
  }

  /**
   * Starts serving the store on host:port (port 0: a free one).
   *
   * @throws PortInUseException when the port is taken
   */
  public static SchemaRegistryServer start(
      final String host, final int port, final SchemaRegistryStore store) {
    return start(host, port, store, HttpSecurity.NONE);
  }

  /**
   * The same with TLS and basic auth as {@code security} says (the Confluent registry's {@code
   * https} listener and basic authentication, for a secured test cluster).
   *
   * @throws PortInUseException when the port is taken
   */
  public static SchemaRegistryServer start(
      final String host,
      final int port,
      final SchemaRegistryStore store,
      final HttpSecurity security) {
    final HttpServer server;
    try {
      server = security.createServer(new InetSocketAddress(host, port));
    } catch (final BindException e) {
      throw new PortInUseException(host, port, "schema registry");
    } catch (final IOException e) {
      throw new UncheckedIOException(
          "Cannot start the schema registry on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    final AtomicInteger threads = new AtomicInteger();
    final ExecutorService executor =
        Executors.newFixedThreadPool(
            THREADS,
            runnable -> {
              final Thread thread =
                  new Thread(runnable, "schema-registry-http-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    server.createContext("/", new RegistryRequestHandler(store));
    server.setExecutor(executor);
    server.start();
    final SchemaRegistryServer started = new SchemaRegistryServer(server, executor, store);
    LOG.info("Schema registry listening on {}", started.url());
    return started;
  }

  /** Starts serving the store on the default 127.0.0.1:8081. */
  public static SchemaRegistryServer start(final SchemaRegistryStore store) {
    return start(DEFAULT_HOST, DEFAULT_PORT, store);
  }

  /** The port it listens on (the chosen one when started with port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The base URL clients use, e.g. {@code http://127.0.0.1:8081}. */
  public String url() {
    return JdkHttpServers.url(server);
  }

  public SchemaRegistryStore store() {
    return store;
  }

  /** Stops accepting requests and frees the port; running requests get a second to finish. */
  @Override
  public void close() {
    JdkHttpServers.stop(server, executor);
    LOG.info("Schema registry on port {} stopped", port());
  }
}
