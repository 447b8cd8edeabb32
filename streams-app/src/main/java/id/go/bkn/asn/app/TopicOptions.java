package id.go.bkn.asn.app;

import id.go.bkn.asn.topics.TopicSettings;
import picocli.CommandLine.Option;

/** Partitions and replication of the contract's topics. */
final class TopicOptions {

  @Option(
      names = "--partitions",
      paramLabel = "N",
      defaultValue = "6",
      description = "Partitions of each topic the pipeline creates (default ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--replication-factor",
      paramLabel = "N",
      description = "Replication factor of new topics (default: min(3, brokers in the cluster)).")
  Short replicationFactor;

  TopicSettings settings() {
    if (partitions < 1) {
      throw new UserError("--partitions must be at least 1, got " + partitions);
    }
    if (replicationFactor != null && replicationFactor < 1) {
      throw new UserError("--replication-factor must be at least 1, got " + replicationFactor);
    }
    final TopicSettings settings = TopicSettings.defaults().withPartitions(partitions);
    return replicationFactor == null ? settings : settings.withReplicationFactor(replicationFactor);
  }
}
