package id.go.bkn.asn.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where an option's value comes from when the command line does not give it: first the environment,
 * then the properties file of {@code --config} (or {@code PIPELINE_CONFIG}), then the option's own
 * default. Every option {@code --some-name} has the variable {@code PIPELINE_SOME_NAME}; the
 * connection options use the names users of Kafka and Confluent tools already know ({@code
 * KAFKA_BOOTSTRAP_SERVERS}, {@code SCHEMA_REGISTRY_URL}).
 */
final class OptionDefaults implements IDefaultValueProvider {

  /** Options whose variable is not {@code PIPELINE_<NAME>}. */
  private static final Map<String, String> WELL_KNOWN =
      Map.of(
          "--bootstrap-servers", "KAFKA_BOOTSTRAP_SERVERS",
          "--schema-registry-url", "SCHEMA_REGISTRY_URL");

  private final Map<String, String> env;
  private final Properties file;

  OptionDefaults(final Map<String, String> env, final Properties file) {
    this.env = Map.copyOf(env);
    this.file = file;
  }

  /** The defaults for a run: the environment, and the config file it or the arguments name. */
  static OptionDefaults load(final String[] args, final Map<String, String> env) {
    final Path configFile = configFile(args, env);
    final Properties props = new Properties();
    if (configFile != null) {
      if (!Files.isRegularFile(configFile)) {
        throw new UserError("Config file " + configFile + " does not exist or is not a file.");
      }
      try (Reader reader = Files.newBufferedReader(configFile)) {
        props.load(reader);
      } catch (final IOException | IllegalArgumentException e) {
        throw new UserError("Cannot read config file " + configFile + ": " + e.getMessage());
      }
    }
    return new OptionDefaults(env, props);
  }

  /** The environment variable that sets an option. */
  static String variableOf(final String longName) {
    final String known = WELL_KNOWN.get(longName);
    if (known != null) {
      return known;
    }
    return "PIPELINE_"
        + longName.replaceFirst("^--", "").replace('-', '_').toUpperCase(Locale.ROOT);
  }

  @Override
  public String defaultValue(final ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
      return null;
    }
    final String longName = option.longestName();
    final String fromEnv = env.get(variableOf(longName));
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    final String fromFile = file.getProperty(longName.replaceFirst("^--", ""));
    if (fromFile != null) {
      return fromFile.trim();
    }
    return option.defaultValue();
  }

  /** Kafka client properties from the config file: keys under {@code kafka.}, prefix removed. */
  Map<String, String> kafkaPropertiesFromFile() {
    final Map<String, String> props = new java.util.TreeMap<>();
    for (final String key : file.stringPropertyNames()) {
      if (key.startsWith("kafka.")) {
        props.put(key.substring("kafka.".length()), file.getProperty(key).trim());
      }
    }
    return props;
  }

  private static Path configFile(final String[] args, final Map<String, String> env) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        return Path.of(args[i + 1]);
      }
      if (args[i].startsWith("--config=")) {
        return Path.of(args[i].substring("--config=".length()));
      }
    }
    final String fromEnv = env.get("PIPELINE_CONFIG");
    return fromEnv == null || fromEnv.isBlank() ? null : Path.of(fromEnv);
  }
}
