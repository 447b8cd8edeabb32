package id.go.bkn.asn.app;

import id.go.bkn.asn.config.KafkaConnection;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the cluster and the schema registry are: the options of every command that uses them. */
final class ConnectionOptions {

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT[,...]",
      defaultValue = "localhost:9092",
      description =
          "Kafka bootstrap servers (env KAFKA_BOOTSTRAP_SERVERS; default ${DEFAULT-VALUE}).")
  String bootstrapServers;

  @Option(
      names = "--schema-registry-url",
      paramLabel = "URL",
      defaultValue = "http://localhost:8081",
      description =
          "Confluent-API schema registry (env SCHEMA_REGISTRY_URL; default ${DEFAULT-VALUE}).")
  String schemaRegistryUrl;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Properties file with option defaults (keys as option names, kafka.* for Kafka client"
              + " properties; env PIPELINE_CONFIG).")
  Path configFile;

  /** The cluster to use: these options plus the Kafka client properties of the environment. */
  KafkaConnection kafka(final Environment environment) {
    final Map<String, String> props = new HashMap<>(environment.kafkaProperties());
    props.remove("bootstrap.servers");
    // Fail within seconds, not the client's default minute, when the cluster cannot be reached.
    props.putIfAbsent("default.api.timeout.ms", "15000");
    props.putIfAbsent("request.timeout.ms", "10000");
    return new KafkaConnection(bootstrapServers, props);
  }
}
