package id.go.bkn.asn.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BrokerSecurityTest {

  private static BrokerSecurity security(final Map<String, String> users) {
    return new BrokerSecurity(
        Path.of("server.p12"),
        "kp",
        Path.of("truststore.p12"),
        "tp",
        "User:CN=embedded-kafka-broker",
        "admin",
        "admin-pw",
        users);
  }

  @Test
  void shouldMakeOnlyTheAdminAndTheBrokerSuperUsersWhenSecured() {
    final Properties props =
        BrokerSettings.properties(
            1,
            Path.of("data"),
            "127.0.0.1",
            9092,
            9093,
            security(Map.of("asn-app", "app-pw")),
            Map.of());

    assertThat(props.getProperty("super.users"))
        .isEqualTo("User:admin;User:CN=embedded-kafka-broker");
    assertThat(props.getProperty("listeners"))
        .isEqualTo("SASL_SSL://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093");
    assertThat(props.getProperty("listener.security.protocol.map"))
        .isEqualTo("SASL_SSL:SASL_SSL,CONTROLLER:SSL");
    assertThat(props.getProperty("listener.name.controller.ssl.client.auth")).isEqualTo("required");
    assertThat(props.getProperty("sasl.enabled.mechanisms")).isEqualTo("SCRAM-SHA-512");
    assertThat(props.getProperty("allow.everyone.if.no.acl.found")).isEqualTo("false");
    assertThat(props.getProperty("authorizer.class.name"))
        .isEqualTo("org.apache.kafka.metadata.authorizer.StandardAuthorizer");
  }

  @Test
  void shouldStayPlaintextWhenNotSecured() {
    final Properties props =
        BrokerSettings.properties(1, Path.of("data"), "127.0.0.1", 9092, 9093, Map.of());

    assertThat(props.getProperty("listeners")).startsWith("PLAINTEXT://");
    assertThat(props).doesNotContainKey("authorizer.class.name");
  }

  @Test
  void shouldCreateEveryScramUserAtFormatTimeWhenSecured() {
    assertThat(security(Map.of("asn-app", "app-pw")).formatArguments())
        .containsExactly(
            "--add-scram",
            "SCRAM-SHA-512=[name=admin,password=admin-pw]",
            "--add-scram",
            "SCRAM-SHA-512=[name=asn-app,password=app-pw]");
  }

  @Test
  void shouldRefuseANameThatWouldBreakTheJaasLineWhenGiven() {
    assertThatThrownBy(() -> security(Map.of("asn\"app", "pw")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("letters, digits");
  }

  @Test
  void shouldHideThePasswordsWhenPrinted() {
    assertThat(security(Map.of("asn-app", "app-pw")).toString())
        .doesNotContain("admin-pw")
        .doesNotContain("app-pw");
  }
}
