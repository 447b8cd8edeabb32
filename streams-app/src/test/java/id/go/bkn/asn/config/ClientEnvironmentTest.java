package id.go.bkn.asn.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientEnvironmentTest {

  @Test
  void shouldTurnKafkaVariablesIntoClientPropertiesWhenNotScriptOptions() {
    final Map<String, String> env =
        Map.of(
            "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
            "KAFKA_SASL_JAAS_CONFIG", "x required;",
            "KAFKA_HEAP_OPTS", "-Xmx1g",
            "PATH", "/usr/bin");

    assertThat(ClientEnvironment.kafkaProperties(env))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("security.protocol", "SASL_SSL", "sasl.jaas.config", "x required;"));
  }

  @Test
  void shouldUseConfluentKeysWhenRegistryVariablesAreSet() {
    final Map<String, String> env =
        Map.of(
            "SCHEMA_REGISTRY_URL", "https://sr:8081",
            "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", "u:p",
            "SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION", "/tls/ts.p12");

    assertThat(ClientEnvironment.registryProperties(env))
        .containsEntry("schema.registry.url", "https://sr:8081")
        .containsEntry("basic.auth.credentials.source", "USER_INFO")
        .containsEntry("basic.auth.user.info", "u:p")
        .containsEntry("schema.registry.ssl.truststore.location", "/tls/ts.p12");
  }

  @Test
  void shouldHideSecretsWhenSettingsAreLogged() {
    final Map<String, String> shown =
        Redaction.redact(
            Map.of(
                "sasl.jaas.config", "secret",
                "ssl.truststore.password", "pw",
                "basic.auth.user.info", "u:p",
                "bootstrap.servers", "b:9092"));

    assertThat(shown)
        .containsEntry("bootstrap.servers", "b:9092")
        .containsEntry("sasl.jaas.config", "[hidden]")
        .containsEntry("ssl.truststore.password", "[hidden]")
        .containsEntry("basic.auth.user.info", "[hidden]");
  }
}
