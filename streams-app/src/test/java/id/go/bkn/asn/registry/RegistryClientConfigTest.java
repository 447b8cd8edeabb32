package id.go.bkn.asn.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

class RegistryClientConfigTest {

  @Test
  void shouldApplyDefaultsWhenOnlyUrlIsGiven() {
    // when
    final RegistryClientConfig config = RegistryClientConfig.of("http://127.0.0.1:8081");

    // then
    assertThat(config.urls()).containsExactly("http://127.0.0.1:8081");
    assertThat(config.basicAuthUserInfo()).isNull();
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.maxRetries()).isEqualTo(3);
    assertThat(config.cacheCapacity()).isEqualTo(1000);
    assertThat(config.mock()).isFalse();
  }

  @Test
  void shouldParseConfluentKeysWhenGivenProducerProperties() {
    // when
    final RegistryClientConfig config =
        RegistryClientConfig.fromMap(
            Map.of(
                "bootstrap.servers", "broker:9092",
                "schema.registry.url", "https://sr1:8081, https://sr2:8081",
                "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "svc-asn:hunter2",
                "schema.registry.ssl.truststore.location", "/etc/ssl/trust.p12",
                "schema.registry.ssl.truststore.password", new Password("trustpass"),
                "schema.registry.ssl.truststore.type", "PKCS12",
                "max.retries", 5,
                "http.read.timeout.ms", "1500"));

    // then
    assertThat(config.urls()).containsExactly("https://sr1:8081", "https://sr2:8081");
    assertThat(config.basicAuthUserInfo()).isEqualTo("svc-asn:hunter2");
    assertThat(config.truststore().type()).isEqualTo("PKCS12");
    assertThat(config.truststore().password()).isEqualTo("trustpass");
    assertThat(config.maxRetries()).isEqualTo(5);
    assertThat(config.requestTimeout()).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void shouldHideSecretsWhenPrinted() {
    // given
    final RegistryClientConfig config =
        RegistryClientConfig.fromMap(
            Map.of(
                "schema.registry.url", "https://sr:8081",
                "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "svc-asn:hunter2",
                "schema.registry.ssl.keystore.location", "/etc/ssl/key.jks",
                "schema.registry.ssl.keystore.password", "keypass"));

    // then
    assertThat(config.toString())
        .contains("svc-asn:[hidden]", "/etc/ssl/key.jks")
        .doesNotContain("hunter2", "keypass");
  }

  @Test
  void shouldRecogniseMockScopeWhenUrlIsMock() {
    assertThat(RegistryClientConfig.of("mock://my-test").mockScope()).contains("my-test");
  }

  @Test
  void shouldNameKeyWhenValueIsInvalid() {
    assertThatThrownBy(() -> RegistryClientConfig.fromMap(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.url");
    assertThatThrownBy(() -> RegistryClientConfig.of("ftp://x"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http://");
    assertThatThrownBy(
            () ->
                RegistryClientConfig.fromMap(
                    Map.of("schema.registry.url", "http://x", "max.retries", "many")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("max.retries");
    assertThatThrownBy(
            () ->
                RegistryClientConfig.fromMap(
                    Map.of(
                        "schema.registry.url", "http://x",
                        "basic.auth.credentials.source", "USER_INFO")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("basic.auth.user.info");
  }
}
