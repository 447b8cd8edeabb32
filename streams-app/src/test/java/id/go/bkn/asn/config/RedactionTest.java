package id.go.bkn.asn.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every PASSWORD-typed key Kafka declares must be hidden wherever settings are logged. The keys are
 * found by scanning the kafka-clients and kafka-streams jars on the classpath for every {@code
 * *Config} class with a static {@link ConfigDef} (method or field), not by a list of ours, so a key
 * a new Kafka version adds cannot slip through.
 */
class RedactionTest {

  private static final String PASSPHRASE = "sasl.oauthbearer.assertion.private.key.passphrase";

  /** Config class name to its PASSWORD keys, from the jars. */
  private static Map<String, Set<String>> passwordKeysByClass;

  @BeforeAll
  static void scanKafkaJars() throws IOException, URISyntaxException {
    passwordKeysByClass = new TreeMap<>();
    for (final Class<?> anchor : List.of(ProducerConfig.class, StreamsConfig.class)) {
      final Path jar = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
      try (JarFile file = new JarFile(jar.toFile())) {
        for (final JarEntry entry : file.stream().toList()) {
          final String name = entry.getName();
          if ((name.endsWith("Config.class") || name.endsWith("Configs.class"))
              && !name.contains("$")) {
            final String className = name.replace('/', '.').replaceAll("\\.class$", "");
            configDefsOf(className)
                .forEach(
                    def ->
                        passwordKeysByClass
                            .computeIfAbsent(className, k -> new TreeSet<>())
                            .addAll(Redaction.passwordKeys(def)));
          }
        }
      }
    }
  }

  @Test
  void shouldFindTheClientConfigsWhenScanningTheJars() {
    // Guards the scan itself: were it to find nothing, the next test could not fail.
    assertThat(passwordKeysByClass)
        .containsKeys(
            "org.apache.kafka.clients.producer.ProducerConfig",
            "org.apache.kafka.clients.consumer.ConsumerConfig",
            "org.apache.kafka.clients.admin.AdminClientConfig",
            "org.apache.kafka.streams.StreamsConfig");
    assertThat(passwordKeysByClass.get("org.apache.kafka.clients.consumer.ConsumerConfig"))
        .contains("sasl.jaas.config", "ssl.truststore.password", PASSPHRASE);
  }

  @Test
  void shouldHideEveryPasswordTypedKeyWhenAnyKafkaConfigDeclaresIt() {
    final Set<String> all = new TreeSet<>();
    passwordKeysByClass.values().forEach(all::addAll);

    for (final String key : all) {
      for (final String prefix :
          List.of("", "producer.", "main.consumer.", "admin.", "listener.name.sasl_ssl.")) {
        assertThat(Redaction.isSecret(prefix + key)).as(prefix + key).isTrue();
      }
    }
    final Map<String, String> shown =
        Redaction.redact(Map.of(PASSPHRASE, "hunter2", "bootstrap.servers", "b:9092"));
    assertThat(shown).containsEntry(PASSPHRASE, Redaction.HIDDEN);
    assertThat(shown).containsEntry("bootstrap.servers", "b:9092");
  }

  @Test
  void shouldHideTheRegistrySecretsWhenLogged() {
    assertThat(
            Redaction.redact(
                Map.of(
                    "basic.auth.user.info", "u:p",
                    "schema.registry.ssl.truststore.password", "pw",
                    "schema.registry.ssl.keystore.password", "pw",
                    "schema.registry.ssl.key.password", "pw",
                    "schema.registry.url", "https://sr:8081")))
        .containsEntry("basic.auth.user.info", Redaction.HIDDEN)
        .containsEntry("schema.registry.ssl.truststore.password", Redaction.HIDDEN)
        .containsEntry("schema.registry.ssl.keystore.password", Redaction.HIDDEN)
        .containsEntry("schema.registry.ssl.key.password", Redaction.HIDDEN)
        .containsEntry("schema.registry.url", "https://sr:8081");
  }

  @Test
  void shouldKeepPlainSettingsVisibleWhenTheyAreNotSecret() {
    for (final String key :
        List.of(
            "security.protocol",
            "sasl.mechanism",
            "ssl.truststore.location",
            "sasl.oauthbearer.token.endpoint.url",
            "application.id",
            "processing.guarantee")) {
      assertThat(Redaction.isSecret(key)).as(key).isFalse();
    }
  }

  @Test
  void shouldHideThePassphraseWhenItComesThroughAKafkaVariable() {
    final Map<String, String> env =
        Map.of(
            "KAFKA_SASL_OAUTHBEARER_ASSERTION_PRIVATE_KEY_PASSPHRASE", "hunter2-passphrase",
            "KAFKA_SSL_KEYSTORE_PASSWORD", "hunter2-keystore",
            "KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
    final KafkaConnection kafka =
        new KafkaConnection("b:9092", ClientEnvironment.kafkaProperties(env));
    final StreamsSettings streams =
        StreamsSettings.of(
            kafka, StreamsSettings.Options.defaults(Path.of("data")), "training.dead-letters");

    final String logged = streams.redacted().toString() + " " + kafka + " " + streams;

    assertThat(streams.properties()).containsEntry(PASSPHRASE, "hunter2-passphrase");
    assertThat(streams.redacted()).containsEntry(PASSPHRASE, Redaction.HIDDEN);
    assertThat(logged).doesNotContain("hunter2").contains("SASL_SSL");
  }

  private static List<ConfigDef> configDefsOf(final String className) {
    final List<ConfigDef> defs = new ArrayList<>();
    final Class<?> type;
    try {
      type = Class.forName(className, true, RedactionTest.class.getClassLoader());
    } catch (final ClassNotFoundException | LinkageError e) {
      return defs; // a class needing an optional dependency that is not on the classpath
    }
    for (final Method method : type.getDeclaredMethods()) {
      if (Modifier.isStatic(method.getModifiers())
          && method.getParameterCount() == 0
          && ConfigDef.class.isAssignableFrom(method.getReturnType())) {
        try {
          method.setAccessible(true);
          defs.add((ConfigDef) method.invoke(null));
        } catch (final ReflectiveOperationException | RuntimeException e) {
          // Not reachable (module rules) or not meant to be called: the fields may still tell.
        }
      }
    }
    for (final Field field : type.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers())
          && ConfigDef.class.isAssignableFrom(field.getType())) {
        try {
          field.setAccessible(true);
          final Object value = field.get(null);
          if (value != null) {
            defs.add((ConfigDef) value);
          }
        } catch (final ReflectiveOperationException | RuntimeException e) {
          // As above.
        }
      }
    }
    return defs;
  }
}
