package id.go.bkn.asn.local;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka cluster in this process: one KRaft server with the broker and
 * controller roles, its log under a data dir that is formatted on first start and reused
 * afterwards, so topics and records survive a restart. Configured for a single node (replication
 * factor 1 for the internal topics, so exactly_once_v2 works; no automatic topic creation). Start
 * it with {@link #builder(Path)}; {@link #close()} shuts it down cleanly.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
  /** The default host, port and controller port of {@code ./pipeline demo} (CONTRACT.md 1). */
  public static final String DEFAULT_HOST = "127.0.0.1";

  public static final int DEFAULT_PORT = 9092;
  public static final int DEFAULT_CONTROLLER_PORT = 9093;

  /** Partitions of a topic created without an explicit count (CONTRACT.md 3). */
  public static final int DEFAULT_PARTITIONS = 6;

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final int NODE_ID = 1;
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaRaftServer server;
  private final Path dataDir;
  private final String host;
  private final int port;
  private final int controllerPort;
  private final String clusterId;
  private boolean closed;

  private EmbeddedKafkaBroker(
      final KafkaRaftServer server,
      final Path dataDir,
      final String host,
      final int port,
      final int controllerPort,
      final String clusterId) {
    this.server = server;
    this.dataDir = dataDir;
    this.host = host;
    this.port = port;
    this.controllerPort = controllerPort;
    this.clusterId = clusterId;
  }

  /** A builder for a broker keeping its log in {@code dataDir}, with the demo's defaults. */
  public static Builder builder(final Path dataDir) {
    return new Builder(dataDir);
  }

  /** The {@code bootstrap.servers} of this broker: {@code host:port}. */
  public String bootstrapServers() {
    return host + ":" + port;
  }

  public String host() {
    return host;
  }

  /** The port clients connect to (the one picked when 0 was asked for). */
  public int port() {
    return port;
  }

  /** The KRaft controller's port (the one picked when 0 was asked for). */
  public int controllerPort() {
    return controllerPort;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The cluster id the data dir was formatted with. */
  public String clusterId() {
    return clusterId;
  }

  /** Shuts the broker down and waits for it; a second call does nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    final long started = System.nanoTime();
    shutdown(server);
    LOG.info("Kafka broker at {} stopped in {} ms", bootstrapServers(), millisSince(started));
  }

  private static void shutdown(final KafkaRaftServer server) {
    // shutdown() waits for the broker's controlled shutdown; a thread bounds that wait so that a
    // stuck broker cannot hang the caller's exit.
    final ExecutorService executor = Executors.newSingleThreadExecutor(daemon("kafka-shutdown"));
    try {
      final Future<?> done =
          executor.submit(
              () -> {
                server.shutdown();
                server.awaitShutdown();
              });
      done.get(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (final ExecutionException | TimeoutException e) {
      LOG.warn("Kafka broker did not shut down cleanly: {}", e.toString());
    } finally {
      executor.shutdownNow();
    }
  }

  private static long millisSince(final long nanoTime) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanoTime);
  }

  private static ThreadFactory daemon(final String name) {
    return runnable -> {
      final Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * Settings of an {@link EmbeddedKafkaBroker}. Port 0 picks a free port, which is what tests want;
   * the demo keeps the contract's 9092 and 9093.
   */
  public static final class Builder {
    private final Path dataDir;
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private int controllerPort = DEFAULT_CONTROLLER_PORT;
    private Optional<String> clusterId = Optional.empty();
    private Duration startupTimeout = Duration.ofSeconds(60);
    private final Map<String, String> brokerProperties = new LinkedHashMap<>();
    private BrokerSecurity security;

    private Builder(final Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
    }

    /** The address both listeners bind to and clients use; 127.0.0.1 by default. */
    public Builder host(final String value) {
      this.host = Objects.requireNonNull(value, "host");
      return this;
    }

    /** The clients' port; 9092 by default, 0 for any free port. */
    public Builder port(final int value) {
      this.port = requirePort(value);
      return this;
    }

    /** The KRaft controller's port; 9093 by default, 0 for any free port. */
    public Builder controllerPort(final int value) {
      this.controllerPort = requirePort(value);
      return this;
    }

    /**
     * The cluster id to format a new data dir with; a data dir formatted for another one is
     * refused. By default a new data dir gets a random id and an existing one keeps its own.
     */
    public Builder clusterId(final String value) {
      this.clusterId = Optional.of(value);
      return this;
    }

    /** How long {@link #start()} waits for the broker to come up; 60 seconds by default. */
    public Builder startupTimeout(final Duration value) {
      this.startupTimeout = Objects.requireNonNull(value, "startupTimeout");
      return this;
    }

    /** A broker property ({@code server.properties} key) that overrides the built-in settings. */
    public Builder brokerProperty(final String key, final String value) {
      brokerProperties.put(key, value);
      return this;
    }

    /**
     * The secured mode: SASL_SSL with SCRAM-SHA-512, the StandardAuthorizer, the admin as super
     * user. Its SCRAM users are created when the data dir is formatted, so give it on first start.
     */
    public Builder security(final BrokerSecurity value) {
      this.security = Objects.requireNonNull(value, "security");
      return this;
    }

    /** Broker properties that override the built-in settings. */
    public Builder brokerProperties(final Map<String, String> properties) {
      brokerProperties.putAll(properties);
      return this;
    }

    /**
     * Checks the ports and the data dir, formats the data dir if it is new and starts the broker.
     *
     * @throws LocalStackException with a one-line message when a port is taken, the data dir is
     *     unusable or the broker does not come up within the startup timeout
     */
    public EmbeddedKafkaBroker start() {
      final long started = System.nanoTime();
      if (port != 0 && port == controllerPort) {
        throw new LocalStackException(
            "The Kafka port and the Kafka controller port are both " + port + ": choose two ports");
      }
      // Ports first: "port in use" is the most common problem and the cheapest to check.
      final int actualPort = resolvePort(port, "--kafka-port");
      final int actualControllerPort = resolvePort(controllerPort, "--kafka-controller-port");
      final KafkaStorage storage = new KafkaStorage(dataDir);
      storage.requireUsable();
      final Properties properties =
          BrokerSettings.properties(
              NODE_ID,
              storage.dataDir(),
              host,
              actualPort,
              actualControllerPort,
              security,
              brokerProperties);
      final Optional<String> formatted = storage.formattedClusterId(NODE_ID, clusterId);
      final String actualClusterId =
          formatted.orElseGet(() -> clusterId.orElseGet(() -> Uuid.randomUuid().toString()));
      if (formatted.isEmpty()) {
        storage.format(
            properties, actualClusterId, security == null ? List.of() : security.formatArguments());
      }
      final KafkaRaftServer server = startServer(properties);
      LOG.info(
          "Kafka broker up at {}:{}{} in {} ms (cluster {}, data in {})",
          host,
          actualPort,
          security == null ? "" : " (SASL_SSL, " + BrokerSecurity.MECHANISM + ", ACLs)",
          millisSince(started),
          actualClusterId,
          storage.dataDir());
      return new EmbeddedKafkaBroker(
          server, storage.dataDir(), host, actualPort, actualControllerPort, actualClusterId);
    }

    private int resolvePort(final int requested, final String option) {
      if (requested == 0) {
        return LocalPorts.pickFree(host);
      }
      LocalPorts.requireFree(host, requested, option);
      return requested;
    }

    private KafkaRaftServer startServer(final Properties properties) {
      final KafkaRaftServer server;
      try {
        // doLog=false: the full config dump is hundreds of INFO lines nobody asked for.
        server = new KafkaRaftServer(new KafkaConfig(properties, false), Time.SYSTEM);
      } catch (final RuntimeException e) {
        throw new LocalStackException("Kafka broker could not start: " + e.getMessage(), e);
      }
      // startup() blocks until the broker is unfenced, but not with a timeout of ours.
      final ExecutorService executor = Executors.newSingleThreadExecutor(daemon("kafka-startup"));
      final Future<?> startup = executor.submit(server::startup);
      executor.shutdown();
      try {
        startup.get(startupTimeout.toMillis(), TimeUnit.MILLISECONDS);
        return server;
      } catch (final TimeoutException e) {
        abandon(server, executor);
        throw new LocalStackException(
            "Kafka broker did not come up within "
                + BigDecimal.valueOf(startupTimeout.toMillis(), 3)
                    .stripTrailingZeros()
                    .toPlainString()
                + " s: see the log for why",
            e);
      } catch (final ExecutionException e) {
        shutdown(server);
        throw new LocalStackException(
            "Kafka broker could not start: " + e.getCause().getMessage(), e.getCause());
      } catch (final InterruptedException e) {
        abandon(server, executor);
        Thread.currentThread().interrupt();
        throw new LocalStackException("Interrupted while the Kafka broker was starting", e);
      }
    }

    /**
     * Stops a server whose startup is still running. Kafka's shutdown() returns at once for a part
     * that has not finished starting, which would then come up and leak; interrupting the startup
     * is worse, as Kafka treats that as a fatal fault and halts the JVM. So the startup is given
     * some more time to end, and the server is shut down after it.
     */
    private static void abandon(final KafkaRaftServer server, final ExecutorService executor) {
      try {
        if (!executor.awaitTermination(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.warn(
              "Kafka broker startup still running after {} more seconds; shutting it down anyway",
              SHUTDOWN_TIMEOUT.toSeconds());
        }
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      shutdown(server);
    }

    private static int requirePort(final int value) {
      if (value < 0 || value > 65_535) {
        throw new IllegalArgumentException("Not a TCP port: " + value);
      }
      return value;
    }
  }
}
