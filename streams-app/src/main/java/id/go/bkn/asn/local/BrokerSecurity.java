package id.go.bkn.asn.local;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The secured mode of the {@link EmbeddedKafkaBroker}: clients connect with SASL_SSL and
 * SCRAM-SHA-512 over TLS; the KRaft controller listener takes mutual TLS only (the broker's own
 * certificate), since KRaft controllers cannot use SCRAM; Kafka's StandardAuthorizer decides, with
 * no access where no ACL allows it. The super users are the admin and the broker's own TLS identity
 * (which only its key store holds), which the broker needs to talk to its controller. Every SCRAM
 * user, the admin included, is created when the data dir is formatted (KIP-900), so the broker can
 * authenticate to itself from its first start.
 *
 * @param keyStore the broker's PKCS12 key store (its certificate must name the host it listens on)
 * @param keyStorePassword the key store's password, also the key's
 * @param trustStore a PKCS12 trust store holding the broker's certificate or its issuer
 * @param trustStorePassword the trust store's password
 * @param brokerPrincipal the principal of the broker's certificate, e.g. {@code User:CN=broker}
 * @param admin the super user's name
 * @param adminPassword the super user's password
 * @param users further SCRAM users: name to password
 */
public record BrokerSecurity(
    Path keyStore,
    String keyStorePassword,
    Path trustStore,
    String trustStorePassword,
    String brokerPrincipal,
    String admin,
    String adminPassword,
    Map<String, String> users) {

  /** The clients' listener and its protocol. */
  static final String CLIENT_LISTENER = "SASL_SSL";

  /** The only SASL mechanism offered. */
  public static final String MECHANISM = "SCRAM-SHA-512";

  // SCRAM user names and passwords go into a JAAS line and a kafka-storage argument unquoted.
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]+");

  public BrokerSecurity {
    Objects.requireNonNull(keyStore, "keyStore");
    Objects.requireNonNull(trustStore, "trustStore");
    Objects.requireNonNull(keyStorePassword, "keyStorePassword");
    Objects.requireNonNull(trustStorePassword, "trustStorePassword");
    Objects.requireNonNull(brokerPrincipal, "brokerPrincipal");
    requireSafe(admin);
    requireSafe(adminPassword);
    users = Map.copyOf(users);
    users.forEach(
        (name, password) -> {
          requireSafe(name);
          requireSafe(password);
        });
  }

  /** The broker properties of the secured mode, on top of {@link BrokerSettings}'s. */
  Map<String, String> brokerProperties(final String controllerListener) {
    final Map<String, String> props = new LinkedHashMap<>();
    final String client = CLIENT_LISTENER.toLowerCase(java.util.Locale.ROOT);
    final String controller = controllerListener.toLowerCase(java.util.Locale.ROOT);
    props.put(
        "listener.security.protocol.map",
        CLIENT_LISTENER + ":SASL_SSL," + controllerListener + ":SSL");
    props.put("inter.broker.listener.name", CLIENT_LISTENER);
    props.put("sasl.enabled.mechanisms", MECHANISM);
    props.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
    // Server side: SCRAM needs no user; client side (the broker to itself): the admin.
    props.put(
        "listener.name."
            + client
            + "."
            + MECHANISM.toLowerCase(java.util.Locale.ROOT)
            + ".sasl.jaas.config",
        jaas(admin, adminPassword));
    props.put("ssl.keystore.type", "PKCS12");
    props.put("ssl.keystore.location", keyStore.toString());
    props.put("ssl.keystore.password", keyStorePassword);
    props.put("ssl.key.password", keyStorePassword);
    props.put("ssl.truststore.type", "PKCS12");
    props.put("ssl.truststore.location", trustStore.toString());
    props.put("ssl.truststore.password", trustStorePassword);
    props.put("listener.name." + controller + ".ssl.client.auth", "required");
    props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    props.put("allow.everyone.if.no.acl.found", "false");
    props.put("super.users", "User:" + admin + ";" + brokerPrincipal);
    return props;
  }

  /** The {@code kafka-storage format} arguments that create every SCRAM user. */
  List<String> formatArguments() {
    final Map<String, String> all = new LinkedHashMap<>();
    all.put(admin, adminPassword);
    all.putAll(users);
    return all.entrySet().stream()
        .flatMap(
            e ->
                java.util.stream.Stream.of(
                    "--add-scram",
                    MECHANISM + "=[name=" + e.getKey() + ",password=" + e.getValue() + "]"))
        .toList();
  }

  /** The client properties of the admin, the super user. */
  public Map<String, String> adminClientProperties() {
    return clientProperties(admin, adminPassword);
  }

  /**
   * The Kafka client properties of a SCRAM user over TLS, as a {@code KAFKA_*} environment or a
   * {@code kafka.*} config file would give them.
   */
  public Map<String, String> clientProperties(final String user, final String password) {
    final Map<String, String> props = new LinkedHashMap<>();
    props.put("security.protocol", "SASL_SSL");
    props.put("sasl.mechanism", MECHANISM);
    props.put("sasl.jaas.config", jaas(user, password));
    props.put("ssl.truststore.type", "PKCS12");
    props.put("ssl.truststore.location", trustStore.toString());
    props.put("ssl.truststore.password", trustStorePassword);
    return props;
  }

  private static String jaas(final String user, final String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }

  private static void requireSafe(final String value) {
    if (value == null || !SAFE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "SCRAM user names and passwords must be letters, digits, '.', '_' or '-'");
    }
  }

  @Override
  public String toString() {
    return "BrokerSecurity[SASL_SSL "
        + MECHANISM
        + ", admin "
        + admin
        + ", users "
        + users.keySet()
        + "]";
  }
}
