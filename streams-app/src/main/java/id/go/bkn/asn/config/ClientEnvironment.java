package id.go.bkn.asn.config;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads Kafka client and schema registry settings from the environment, as CONTRACT.md section 2
 * promises: any {@code KAFKA_*} variable becomes a Kafka client property ({@code
 * KAFKA_SECURITY_PROTOCOL=SASL_SSL} gives {@code security.protocol}), and {@code SCHEMA_REGISTRY_*}
 * variables become the registry client's Confluent-style settings.
 */
public final class ClientEnvironment {

  /** Variables of Kafka's own start scripts, which are JVM options, not client properties. */
  private static final Set<String> KAFKA_SCRIPT_VARIABLES =
      Set.of(
          "KAFKA_HEAP_OPTS",
          "KAFKA_JVM_PERFORMANCE_OPTS",
          "KAFKA_OPTS",
          "KAFKA_LOG4J_OPTS",
          "KAFKA_JMX_OPTS",
          "KAFKA_DEBUG",
          "KAFKA_GC_LOG_OPTS",
          "KAFKA_LOG_DIR");

  private ClientEnvironment() {}

  /** Kafka client properties from {@code KAFKA_*} variables, sorted by name. */
  public static Map<String, String> kafkaProperties(final Map<String, String> env) {
    final Map<String, String> props = new TreeMap<>();
    env.forEach(
        (name, value) -> {
          if (name.startsWith("KAFKA_")
              && name.length() > "KAFKA_".length()
              && !KAFKA_SCRIPT_VARIABLES.contains(name)) {
            props.put(toPropertyName(name.substring("KAFKA_".length())), value);
          }
        });
    return props;
  }

  /**
   * Registry client settings from {@code SCHEMA_REGISTRY_*} variables, under the keys Confluent's
   * clients use: {@code SCHEMA_REGISTRY_URL}, {@code SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO} (then
   * the credentials source is USER_INFO) and {@code SCHEMA_REGISTRY_SSL_*}.
   */
  public static Map<String, String> registryProperties(final Map<String, String> env) {
    final Map<String, String> props = new TreeMap<>();
    env.forEach(
        (name, value) -> {
          if (name.equals("SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO")) {
            props.put("basic.auth.credentials.source", "USER_INFO");
            props.put("basic.auth.user.info", value);
          } else if (name.startsWith("SCHEMA_REGISTRY_")) {
            props.put(toPropertyName(name), value);
          }
        });
    return props;
  }

  /** {@code SECURITY_PROTOCOL} becomes {@code security.protocol}. */
  static String toPropertyName(final String variable) {
    return variable.toLowerCase(Locale.ROOT).replace('_', '.');
  }
}
