package id.go.bkn.asn.app;

import java.nio.file.Path;
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
}
