package id.go.bkn.asn.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.go.bkn.asn.registry.SchemaRegistryStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server's answers on the wire: Confluent's shapes, status codes and error codes. */
class SchemaRegistryServerTest {
  private static final String UNIT =
      "{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Unit\\\",\\\"fields\\\":"
          + "[{\\\"name\\\":\\\"unitId\\\",\\\"type\\\":\\\"string\\\"}]}";
  private static final String UNIT_BODY = "{\"schema\":\"" + UNIT + "\"}";

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private SchemaRegistryServer server;

  @BeforeEach
  void start() {
    server = SchemaRegistryServer.start("127.0.0.1", 0, SchemaRegistryStore.inMemory());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void shouldAnswerConfluentShapesWhenRegisteringAndReading() throws Exception {
    // when
    final Answer registered = call("POST", "/subjects/units-value/versions", UNIT_BODY);
    final Answer root = call("GET", "/", null);
    final Answer version = call("GET", "/subjects/units-value/versions/latest", null);
    final Answer raw = call("GET", "/subjects/units-value/versions/1/schema", null);
    final Answer byId = call("GET", "/schemas/ids/1", null);
    final Answer idVersions = call("GET", "/schemas/ids/1/versions", null);
    final Answer lookup = call("POST", "/subjects/units-value", UNIT_BODY);
    final Answer compatible =
        call("POST", "/compatibility/subjects/units-value/versions/1", UNIT_BODY);
    final Answer config = call("GET", "/config", null);
    final Answer put = call("PUT", "/config/units-value", "{\"compatibility\":\"full\"}");
    final Answer subjectConfig = call("GET", "/config/units-value", null);

    // then
    assertThat(registered.status()).isEqualTo(200);
    assertThat(registered.body().get("id").asInt()).isEqualTo(1);
    assertThat(root.body().isObject()).isTrue();
    assertThat(version.body().get("subject").asText()).isEqualTo("units-value");
    assertThat(version.body().get("version").asInt()).isEqualTo(1);
    assertThat(version.body().get("schema").asText()).contains("\"name\":\"Unit\"");
    assertThat(raw.body().get("name").asText()).isEqualTo("Unit");
    assertThat(byId.body().get("schema").asText()).contains("unitId");
    assertThat(idVersions.body().toString())
        .isEqualTo("[{\"subject\":\"units-value\",\"version\":1}]");
    assertThat(lookup.body().get("id").asInt()).isEqualTo(1);
    assertThat(compatible.body().get("is_compatible").asBoolean()).isTrue();
    assertThat(config.body().toString()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
    assertThat(put.body().toString()).isEqualTo("{\"compatibility\":\"FULL\"}");
    assertThat(subjectConfig.body().toString()).isEqualTo("{\"compatibilityLevel\":\"FULL\"}");
  }

  @Test
  void shouldAnswerConfluentErrorCodesWhenRequestsFail() throws Exception {
    // given
    call("POST", "/subjects/units-value/versions", UNIT_BODY);

    // then
    assertError(call("GET", "/subjects/nope/versions", null), 404, 40401);
    assertError(call("GET", "/subjects/units-value/versions/9", null), 404, 40402);
    assertError(call("GET", "/schemas/ids/77", null), 404, 40403);
    assertError(call("POST", "/subjects/units-value", "{\"schema\":\"\\\"int\\\"\"}"), 404, 40403);
    assertError(call("GET", "/config/units-value", null), 404, 40408);
    assertError(
        call("POST", "/subjects/units-value/versions", "{\"schema\":\"{not avro\"}"), 422, 42201);
    assertError(
        call(
            "POST",
            "/subjects/units-value/versions",
            "{\"schema\":\"\\\"int\\\"\",\"schemaType\":\"PROTOBUF\"}"),
        422,
        42201);
    assertError(call("GET", "/subjects/units-value/versions/zero", null), 422, 42202);
    assertError(call("PUT", "/config", "{\"compatibility\":\"SIDEWAYS\"}"), 422, 42203);
    assertError(
        call("POST", "/subjects/units-value/versions", "{\"schema\":\"\\\"int\\\"\"}"), 409, 409);
    assertError(call("GET", "/no/such/path", null), 404, 404);
    assertError(call("DELETE", "/subjects", null), 405, 405);
    assertError(call("POST", "/subjects/units-value/versions", "not json"), 400, 400);
  }

  @Test
  void shouldDecodeSubjectWhenPathIsPercentEncoded() throws Exception {
    // when
    call("POST", "/subjects/a%2Fb%20c%2Bd/versions", UNIT_BODY);

    // then
    assertThat(server.store().subjects()).containsExactly("a/b c+d");
  }

  @Test
  void shouldExplainInOneLineWhenPortIsTaken() {
    // given the port of the running server
    final int taken = server.port();

    // then
    assertThatThrownBy(
            () -> SchemaRegistryServer.start("127.0.0.1", taken, SchemaRegistryStore.inMemory()))
        .isInstanceOf(PortInUseException.class)
        .hasMessageStartingWith("Port " + taken + " on 127.0.0.1 is already in use")
        .hasMessageNotContaining("\n");
  }

  private record Answer(int status, JsonNode body) {}

  private Answer call(final String method, final String path, final String body)
      throws IOException, InterruptedException {
    final HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .header("Content-Type", "application/vnd.schemaregistry.v1+json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.headers().firstValue("Content-Type"))
        .contains("application/vnd.schemaregistry.v1+json");
    return new Answer(response.statusCode(), json.readTree(response.body()));
  }

  private static void assertError(final Answer answer, final int status, final int errorCode) {
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
    assertThat(answer.body().get("error_code").asInt()).isEqualTo(errorCode);
    assertThat(answer.body().get("message").asText()).isNotBlank();
  }
}
