package id.go.bkn.asn.local;

import id.go.bkn.asn.registry.KafkaSchemaLog;
import id.go.bkn.asn.registry.SchemaRegistryStore;
import id.go.bkn.asn.registry.server.SchemaRegistryServer;
import id.go.bkn.asn.topics.TopicAdmin;
import id.go.bkn.asn.topics.TopicSettings;
import id.go.bkn.asn.topics.TopicSetupResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the pipeline needs from outside, on this machine: a single-node KRaft broker, every
 * topic of the contract, and a schema registry speaking the Confluent REST API whose schemas live
 * in the compacted {@code _schemas} topic, so that ids survive a restart. Started by {@code
 * ./pipeline demo} and by the integration tests; closing it stops the three in reverse order.
 */
public final class LocalStack implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
  private static final Duration CLUSTER_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Where and how the stack runs.
   *
   * @param dataDir the broker's data lives in {@code dataDir/kafka}
   * @param host the address every server binds to
   * @param kafkaPort the broker's port (0: a free one)
   * @param controllerPort the KRaft controller's port (0: a free one)
   * @param registryPort the registry's port (0: a free one)
   * @param topics how the contract's topics are created
   */
  public record Settings(
      Path dataDir,
      String host,
      int kafkaPort,
      int controllerPort,
      int registryPort,
      TopicSettings topics) {

    public Settings {
      Objects.requireNonNull(dataDir, "dataDir");
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(topics, "topics");
    }

    /** The contract's defaults (9092, 9093, 8081 on 127.0.0.1) under {@code dataDir}. */
    public static Settings defaults(final Path dataDir) {
      return new Settings(
          dataDir,
          EmbeddedKafkaBroker.DEFAULT_HOST,
          EmbeddedKafkaBroker.DEFAULT_PORT,
          EmbeddedKafkaBroker.DEFAULT_CONTROLLER_PORT,
          SchemaRegistryServer.DEFAULT_PORT,
          TopicSettings.defaults());
    }

    /** Free ports everywhere: for tests. */
    public static Settings ephemeral(final Path dataDir) {
      return new Settings(
          dataDir, EmbeddedKafkaBroker.DEFAULT_HOST, 0, 0, 0, TopicSettings.defaults());
    }
  }

  private final EmbeddedKafkaBroker broker;
  private final KafkaSchemaLog schemaLog;
  private final SchemaRegistryServer registry;
  private final TopicSetupResult topics;

  private LocalStack(
      final EmbeddedKafkaBroker broker,
      final KafkaSchemaLog schemaLog,
      final SchemaRegistryServer registry,
      final TopicSetupResult topics) {
    this.broker = broker;
    this.schemaLog = schemaLog;
    this.registry = registry;
    this.topics = topics;
  }

  /**
   * Starts the broker, creates the topics and starts the registry; on any failure stops what had
   * started and throws a {@link LocalStackException} (or the registry's port-in-use exception).
   */
  public static LocalStack start(final Settings settings) {
    if (settings.registryPort() != 0) {
      // Checked first, so a taken registry port fails before the broker spends seconds starting.
      LocalPorts.requireFree(settings.host(), settings.registryPort(), "--registry-port");
    }
    final Resources started = new Resources();
    try {
      final EmbeddedKafkaBroker broker =
          EmbeddedKafkaBroker.builder(settings.dataDir().resolve("kafka"))
              .host(settings.host())
              .port(settings.kafkaPort())
              .controllerPort(settings.controllerPort())
              .start();
      started.push(broker);
      final Map<String, Object> client =
          Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
      final TopicSetupResult topics;
      try (Admin admin = Admin.create(client)) {
        topics = new TopicAdmin(admin, settings.topics()).createTopics();
      }
      final KafkaSchemaLog schemaLog =
          new KafkaSchemaLog(client, KafkaSchemaLog.DEFAULT_TOPIC, CLUSTER_TIMEOUT);
      started.push(schemaLog);
      final SchemaRegistryStore store = new SchemaRegistryStore(schemaLog);
      final SchemaRegistryServer registry =
          SchemaRegistryServer.start(settings.host(), settings.registryPort(), store);
      LOG.info(
          "Local stack up: Kafka {}, schema registry {}, {} subjects",
          broker.bootstrapServers(),
          registry.url(),
          store.subjects().size());
      return new LocalStack(broker, schemaLog, registry, topics);
    } catch (final RuntimeException e) {
      started.close();
      throw e;
    }
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  public String registryUrl() {
    return registry.url();
  }

  /** The broker's data directory. */
  public Path kafkaDataDir() {
    return broker.dataDir();
  }

  /** What the topic step did at start-up. */
  public TopicSetupResult topics() {
    return topics;
  }

  @Override
  public void close() {
    final Resources all = new Resources();
    all.push(broker);
    all.push(schemaLog);
    all.push(registry);
    all.close();
    LOG.info("Local stack stopped");
  }
}
