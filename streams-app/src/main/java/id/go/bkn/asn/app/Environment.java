package id.go.bkn.asn.app;

import id.go.bkn.asn.config.ClientEnvironment;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the process was started with besides its arguments: the environment variables and the config
 * file. Commands get it from here, so that tests can give them any environment.
 */
final class Environment {

  private final Map<String, String> variables;
  private final OptionDefaults defaults;

  Environment(final Map<String, String> variables, final OptionDefaults defaults) {
    this.variables = Map.copyOf(variables);
    this.defaults = defaults;
  }

  /** Kafka client properties: the config file's {@code kafka.*} keys, then KAFKA_* variables. */
  Map<String, String> kafkaProperties() {
    final Map<String, String> props = new TreeMap<>(defaults.kafkaPropertiesFromFile());
    props.putAll(ClientEnvironment.kafkaProperties(variables));
    return props;
  }

  /** An environment variable, or null when it is not set. */
  String variable(final String name) {
    return variables.get(name);
  }

  /** Schema registry client settings from SCHEMA_REGISTRY_* variables. */
  Map<String, String> registryProperties() {
    return ClientEnvironment.registryProperties(variables);
  }
}
