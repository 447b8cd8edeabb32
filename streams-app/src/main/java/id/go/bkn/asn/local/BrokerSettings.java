package id.go.bkn.asn.local;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The {@code server.properties} of the embedded single-node KRaft broker. Everything that assumes
 * three brokers by default (replication of the internal topics, transaction min ISR) is set for
 * one, so that Kafka Streams with exactly_once_v2 runs on it.
 */
final class BrokerSettings {
  private static final String PLAINTEXT_LISTENER = "PLAINTEXT";
  private static final String CONTROLLER_LISTENER = "CONTROLLER";

  private BrokerSettings() {}

  static Properties properties(
      final int nodeId,
      final Path dataDir,
      final String host,
      final int port,
      final int controllerPort,
      final Map<String, String> overrides) {
    return properties(nodeId, dataDir, host, port, controllerPort, null, overrides);
  }

  /** The same, in the secured mode of {@code security} unless it is null. */
  static Properties properties(
      final int nodeId,
      final Path dataDir,
      final String host,
      final int port,
      final int controllerPort,
      final BrokerSecurity security,
      final Map<String, String> overrides) {
    final String brokerListener =
        security == null ? PLAINTEXT_LISTENER : BrokerSecurity.CLIENT_LISTENER;
    final Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", Integer.toString(nodeId));
    // A static quorum of one voter: unlike a dynamic (--standalone) quorum, it does not record the
    // controller's endpoint in the log, so the same data dir can restart on other ports.
    props.put("controller.quorum.voters", nodeId + "@" + host + ":" + controllerPort);
    props.put("controller.listener.names", CONTROLLER_LISTENER);
    props.put(
        "listeners",
        brokerListener
            + "://"
            + host
            + ":"
            + port
            + ","
            + CONTROLLER_LISTENER
            + "://"
            + host
            + ":"
            + controllerPort);
    props.put("advertised.listeners", brokerListener + "://" + host + ":" + port);
    props.put("inter.broker.listener.name", brokerListener);
    props.put(
        "listener.security.protocol.map",
        brokerListener + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    props.put("log.dirs", dataDir.toString());

    props.put("num.partitions", Integer.toString(EmbeddedKafkaBroker.DEFAULT_PARTITIONS));
    props.put("default.replication.factor", "1");
    props.put("auto.create.topics.enable", "false");
    props.put("offsets.topic.replication.factor", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    // A consumer group or Streams app on one machine has nobody to wait for.
    props.put("group.initial.rebalance.delay.ms", "0");
    // The log cleaner's default 128 MiB dedupe buffer is sized for production brokers; 32 MiB
    // still compacts millions of keys and keeps the demo's heap small.
    props.put("log.cleaner.dedupe.buffer.size", Integer.toString(32 * 1024 * 1024));

    if (security != null) {
      props.putAll(security.brokerProperties(CONTROLLER_LISTENER));
    }
    props.putAll(overrides);
    return props;
  }
}
