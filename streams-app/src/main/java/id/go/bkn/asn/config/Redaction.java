package id.go.bkn.asn.config;

import id.go.bkn.asn.registry.RegistryClientConfig;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Hides secrets before settings are logged or printed. A key is secret when Kafka itself says so
 * (its type is PASSWORD in the producer, consumer, admin or streams {@link ConfigDef} of the jars
 * on the classpath, also behind a prefix such as {@code producer.} or {@code listener.name.x.}),
 * when it is one of the registry client's secrets (basic-auth user info, store passwords), or, as a
 * safety net for keys no ConfigDef knows, when its name says password, secret, passphrase, JAAS,
 * user info or credentials, or it ends in {@code .key}.
 */
public final class Redaction {

  /** What a secret value is shown as. */
  public static final String HIDDEN = "[hidden]";

  /** Every key the Kafka client and streams configs declare as {@code Type.PASSWORD}. */
  private static final Set<String> KAFKA_PASSWORDS =
      Stream.of(
              ProducerConfig.configDef(),
              ConsumerConfig.configDef(),
              AdminClientConfig.configDef(),
              StreamsConfig.configDef())
          .flatMap(def -> passwordKeys(def).stream())
          .collect(Collectors.toUnmodifiableSet());

  /** The registry client's secrets (Confluent's keys), not in any Kafka ConfigDef. */
  private static final Set<String> REGISTRY_SECRETS =
      Set.of(
          RegistryClientConfig.BASIC_AUTH_USER_INFO,
          RegistryClientConfig.TRUSTSTORE_PASSWORD,
          RegistryClientConfig.KEYSTORE_PASSWORD,
          RegistryClientConfig.KEY_PASSWORD,
          "schema.registry.basic.auth.user.info",
          "bearer.auth.token");

  private Redaction() {}

  /** A copy of the settings, sorted, with secret values replaced. */
  public static Map<String, String> redact(final Map<String, ?> settings) {
    final Map<String, String> shown = new TreeMap<>();
    settings.forEach((k, v) -> shown.put(k, isSecret(k) ? HIDDEN : String.valueOf(v)));
    return shown;
  }

  /** Whether the value of this key must never be logged or printed. */
  public static boolean isSecret(final String key) {
    final String k = key.toLowerCase(Locale.ROOT).trim();
    // Any prefix: streams' producer./main.consumer./admin., a listener.name.<l>.<mechanism>.
    for (int from = 0; from >= 0; from = nextSegment(k, from)) {
      final String suffix = k.substring(from);
      if (KAFKA_PASSWORDS.contains(suffix) || REGISTRY_SECRETS.contains(suffix)) {
        return true;
      }
    }
    return k.contains("password")
        || k.contains("passphrase")
        || k.contains("secret")
        || k.contains("jaas")
        || k.contains("user.info")
        || k.contains("credentials")
        || k.endsWith(".key");
  }

  /** The PASSWORD-typed keys of a Kafka config definition. */
  static Set<String> passwordKeys(final ConfigDef def) {
    return def.configKeys().values().stream()
        .filter(key -> key.type == ConfigDef.Type.PASSWORD)
        .map(key -> key.name)
        .collect(Collectors.toUnmodifiableSet());
  }

  private static int nextSegment(final String key, final int from) {
    final int dot = key.indexOf('.', from);
    return dot < 0 ? -1 : dot + 1;
  }
}
