package id.go.bkn.asn.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import id.go.bkn.asn.registry.server.SchemaRegistryServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP client against the embedded server, and against a stub for retries and auth. */
class HttpSchemaRegistryClientTest {
  private static final String SUBJECT = "reference.units-value";
  private static final Schema V1 = schema("{\"name\":\"unitId\",\"type\":\"string\"}");
  private static final Schema V2_WITH_DEFAULT =
      schema(
          "{\"name\":\"unitId\",\"type\":\"string\"},"
              + "{\"name\":\"kind\",\"type\":\"string\",\"default\":\"DINAS\"}");
  private static final Schema V2_WITHOUT_DEFAULT =
      schema("{\"name\":\"unitId\",\"type\":\"string\"},{\"name\":\"kind\",\"type\":\"string\"}");

  private SchemaRegistryServer server;
  private HttpSchemaRegistryClient client;
  private HttpServer stub;

  @BeforeEach
  void startServer() {
    server = SchemaRegistryServer.start("127.0.0.1", 0, SchemaRegistryStore.inMemory());
    client = new HttpSchemaRegistryClient(RegistryClientConfig.of(server.url()));
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
    if (stub != null) {
      stub.stop(0);
    }
  }

  @Test
  void shouldReturnSameIdWhenRegisteringSameSchemaTwice() {
    // when
    final int first = client.register(SUBJECT, V1);
    final int again = client.register(SUBJECT, schema("{\"name\":\"unitId\",\"type\":\"string\"}"));

    // then
    assertThat(again).isEqualTo(first);
    assertThat(client.versions(SUBJECT)).containsExactly(1);
  }

  @Test
  void shouldServeVersionsLookupLatestAndSchemaByIdWhenRegistered() {
    // given
    final int id1 = client.register(SUBJECT, V1);
    final int id2 = client.register(SUBJECT, V2_WITH_DEFAULT);

    // then
    assertThat(client.subjects()).containsExactly(SUBJECT);
    assertThat(client.versions(SUBJECT)).containsExactly(1, 2);
    assertThat(client.latest(SUBJECT))
        .isEqualTo(new SubjectVersion(SUBJECT, 2, id2, V2_WITH_DEFAULT));
    assertThat(client.version(SUBJECT, 1)).isEqualTo(new SubjectVersion(SUBJECT, 1, id1, V1));
    assertThat(client.schemaById(id1)).isEqualTo(V1);
    assertThat(client.lookup(SUBJECT, V2_WITH_DEFAULT)).map(SubjectVersion::version).contains(2);
    assertThat(client.lookup(SUBJECT, V2_WITHOUT_DEFAULT)).isEmpty();
    assertThat(client.lookup("no.such-value", V1)).isEmpty();
  }

  @Test
  void shouldTellCompatibilityWhenCheckingCandidates() {
    // given
    client.register(SUBJECT, V1);

    // then under BACKWARD a new field needs a default
    assertThat(client.isCompatible(SUBJECT, V2_WITH_DEFAULT)).isTrue();
    assertThat(client.isCompatible(SUBJECT, V2_WITHOUT_DEFAULT)).isFalse();
    assertThat(client.isCompatible("brand.new-value", V2_WITHOUT_DEFAULT)).isTrue();
  }

  @Test
  void shouldRefuseWith409WhenRegisteringIncompatibleSchemaUnderBackward() {
    // given
    client.register(SUBJECT, V1);

    // then
    assertThatThrownBy(() -> client.register(SUBJECT, V2_WITHOUT_DEFAULT))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(409);
              assertThat(e.errorCode()).isEqualTo(409);
            })
        .hasMessageContaining("incompatible")
        .hasMessageContaining("kind");
  }

  @Test
  void shouldAcceptAnySchemaWhenSubjectCompatibilityIsNone() {
    // given
    client.register(SUBJECT, V1);

    // when
    client.setCompatibility(SUBJECT, CompatibilityLevel.NONE);

    // then
    assertThat(client.compatibility(SUBJECT)).isEqualTo(CompatibilityLevel.NONE);
    assertThat(client.compatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
    assertThat(client.register(SUBJECT, V2_WITHOUT_DEFAULT)).isPositive();
  }

  @Test
  void shouldGetAndPutGlobalConfigWhenAsked() {
    // when
    client.setCompatibility(CompatibilityLevel.FULL_TRANSITIVE);

    // then
    assertThat(client.compatibility()).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
    assertThat(client.compatibility("any-value")).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
  }

  @Test
  void shouldCarryConfluentErrorCodeWhenNotFound() {
    // given
    client.register(SUBJECT, V1);

    // then
    assertThatThrownBy(() -> client.latest("missing-value"))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND))
        .hasMessageContaining("404")
        .hasMessageContaining("missing-value");
    assertThatThrownBy(() -> client.version(SUBJECT, 7))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.VERSION_NOT_FOUND));
    assertThatThrownBy(() -> client.schemaById(404))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND));
  }

  @Test
  void shouldEncodeSubjectWhenItHasSpecialCharacters() {
    // given a subject with a slash, a space and a plus
    final String subject = "odd/subject name+1-value";

    // when
    final int id = client.register(subject, V1);

    // then
    assertThat(client.subjects()).containsExactly(subject);
    assertThat(client.latest(subject).id()).isEqualTo(id);
  }

  @Test
  void shouldRetryAndSucceedWhenStubAnswers503Twice() throws IOException {
    // given a stub answering 503, 503, then 200
    final List<String> seen = new CopyOnWriteArrayList<>();
    final Deque<Integer> statuses = new ArrayDeque<>(List.of(503, 503, 200));
    startStub(
        exchange -> {
          seen.add(exchange.getRequestURI().getPath());
          final int status = statuses.isEmpty() ? 200 : statuses.poll();
          respond(
              exchange,
              status,
              status == 200
                  ? "{\"schema\":\"\\\"string\\\"\"}"
                  : "{\"error_code\":50301,\"message\":\"busy\"}");
        });
    final HttpSchemaRegistryClient stubClient = stubClient(Map.of());

    // when
    final Schema schema = stubClient.schemaById(5);

    // then
    assertThat(schema.getType()).isEqualTo(Schema.Type.STRING);
    assertThat(seen).containsExactly("/schemas/ids/5", "/schemas/ids/5", "/schemas/ids/5");
  }

  @Test
  void shouldNotRetryWhenStubAnswers404() throws IOException {
    // given
    final List<String> seen = new CopyOnWriteArrayList<>();
    startStub(
        exchange -> {
          seen.add(exchange.getRequestURI().getPath());
          respond(exchange, 404, "{\"error_code\":40403,\"message\":\"Schema 5 not found\"}");
        });
    final HttpSchemaRegistryClient stubClient = stubClient(Map.of());

    // then
    assertThatThrownBy(() -> stubClient.schemaById(5))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(40403);
              assertThat(e.httpStatus()).isEqualTo(404);
            })
        .hasMessageContaining("Schema 5 not found");
    assertThat(seen).hasSize(1);
  }

  @Test
  void shouldSendBasicAuthWhenUserInfoIsConfigured() throws IOException {
    // given
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    startStub(
        exchange -> {
          authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
          respond(exchange, 200, "[\"a-value\"]");
        });
    final HttpSchemaRegistryClient stubClient =
        stubClient(
            Map.of(
                "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "registry:s3cret"));

    // when
    final List<String> subjects = stubClient.subjects();

    // then
    assertThat(subjects).containsExactly("a-value");
    assertThat(authorizations)
        .containsExactly(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString("registry:s3cret".getBytes(StandardCharsets.UTF_8)));
  }

  /** A handler of the stub that may fail with I/O. */
  private interface StubHandler {
    void handle(HttpExchange exchange) throws IOException;
  }

  private void startStub(final StubHandler handler) throws IOException {
    stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stub.createContext("/", handler::handle);
    stub.start();
  }

  private HttpSchemaRegistryClient stubClient(final Map<String, String> extra) {
    final Map<String, Object> props =
        new HashMap<>(
            Map.of(
                "schema.registry.url", "http://127.0.0.1:" + stub.getAddress().getPort(),
                "max.retries", "3",
                "retries.wait.ms", "5",
                "retries.max.wait.ms", "10"));
    props.putAll(extra);
    return new HttpSchemaRegistryClient(RegistryClientConfig.fromMap(props));
  }

  private static void respond(final HttpExchange exchange, final int status, final String body)
      throws IOException {
    final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", HttpSchemaRegistryClient.CONTENT_TYPE);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Schema schema(final String fields) {
    return new Schema.Parser()
        .parse("{\"type\":\"record\",\"name\":\"Unit\",\"fields\":[" + fields + "]}");
  }
}
