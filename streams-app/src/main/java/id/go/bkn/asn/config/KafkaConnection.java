package id.go.bkn.asn.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * How to reach a Kafka cluster: the bootstrap servers and any further client properties (security,
 * timeouts) from the environment or a config file. Immutable; its {@code toString} hides secrets.
 *
 * @param bootstrapServers host:port list
 * @param clientProperties further Kafka client properties, applied to every client
 */
public record KafkaConnection(String bootstrapServers, Map<String, String> clientProperties) {

  public KafkaConnection {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    if (bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("the Kafka bootstrap servers are empty");
    }
    clientProperties = Map.copyOf(clientProperties);
  }

  /** The properties of a client: the extra ones, then the bootstrap servers. */
  public Map<String, Object> clientConfig() {
    final Map<String, Object> config = new HashMap<>(clientProperties);
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return config;
  }

  @Override
  public String toString() {
    return "KafkaConnection[" + bootstrapServers + ", " + Redaction.redact(clientProperties) + "]";
  }
}
