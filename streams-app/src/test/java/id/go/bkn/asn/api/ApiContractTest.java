package id.go.bkn.asn.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The API against its OpenAPI document: every path of the document is requested, and every answer
 * (the 200s and the errors it documents) validates against the schema the document gives for that
 * path and status, with JSON Schema 2020-12 (OpenAPI 3.1's dialect) and formats asserted. A field
 * added to an answer and not to the document fails here, as the schemas forbid other properties.
 */
class ApiContractTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A request of each path of the document; {@code {unitId}} filled in. */
  private static final Map<String, List<String>> REQUESTS =
      Map.of(
          "/status", List.of("/status"),
          "/units", List.of("/units"),
          "/units/{unitId}", List.of("/units/KOTA-SERANG", "/units/BPKAD"),
          "/units/{unitId}/activity",
              List.of(
                  "/units/KOTA-SERANG/activity",
                  "/units/BPKAD/activity?window=day&from=2026-11-01"),
          "/activity",
              List.of(
                  "/activity", "/activity?period=current", "/activity?window=day&start=2026-11-16"),
          "/jp-ytd", List.of("/jp-ytd"),
          "/programs", List.of("/programs"),
          "/alerts", List.of("/alerts"),
          "/alerts/history", List.of("/alerts/history"));

  /** Bad requests of paths that document a 400 or 404 answer. */
  private static final Map<String, List<String>> ERRORS =
      Map.of(
          "/units/{unitId}", List.of("/units/NOPE"),
          "/units/{unitId}/activity",
              List.of("/units/NOPE/activity", "/units/BPKAD/activity?from=yesterday"),
          "/activity", List.of("/activity?window=year"),
          "/programs", List.of("/programs?to=2026-13-01"),
          "/alerts/history", List.of("/alerts/history?from=2026-11-20&to=2026-11-01"));

  private final ApiFixture api = new ApiFixture();

  /** JSON Schema 2020-12 with OpenAPI 3.1's vocabulary, so the document's keywords are known. */
  private final JsonSchemaFactory factory =
      JsonSchemaFactory.getInstance(
          SpecVersion.VersionFlag.V202012,
          builder ->
              builder
                  .metaSchema(OpenApi31.getInstance())
                  .defaultMetaSchemaIri(OpenApi31.getInstance().getIri()));

  private final SchemaValidatorsConfig config =
      SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void shouldRequestEveryPathOfTheDocument() throws Exception {
    final Set<String> documented = new HashSet<>();
    document().get("paths").fieldNames().forEachRemaining(documented::add);

    assertThat(REQUESTS.keySet()).containsExactlyInAnyOrderElementsOf(documented);
  }

  @Test
  void shouldServeTheDocumentItIsTestedAgainst() throws Exception {
    final HttpResponse<String> served = api.get("/api/v1/openapi.json");

    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(served.body())).isEqualTo(document());
    assertThat(document().get("openapi").asText()).isEqualTo("3.1.0");
  }

  @Test
  void shouldAnswerEveryPathAsItsSchemaSays() throws Exception {
    final List<String> problems = new ArrayList<>();
    for (final Map.Entry<String, List<String>> path : REQUESTS.entrySet()) {
      for (final String request : path.getValue()) {
        final HttpResponse<String> response = api.get("/api/v1" + request);
        assertThat(response.statusCode()).as(request + ": " + response.body()).isEqualTo(200);
        final JsonNode body = JSON.readTree(response.body());
        if (body.isArray()) {
          assertThat(body).as(request + " answers something to validate").isNotEmpty();
        }
        problems.addAll(validate(path.getKey(), 200, request, body));
      }
    }

    assertThat(problems).isEmpty();
  }

  @Test
  void shouldAnswerBadRequestsWithTheDocumentedError() throws Exception {
    final List<String> problems = new ArrayList<>();
    for (final Map.Entry<String, List<String>> path : ERRORS.entrySet()) {
      for (final String request : path.getValue()) {
        final HttpResponse<String> response = api.get("/api/v1" + request);
        assertThat(response.statusCode()).as(request).isIn(400, 404);
        problems.addAll(
            validate(
                path.getKey(), response.statusCode(), request, JSON.readTree(response.body())));
      }
    }

    assertThat(problems).isEmpty();
  }

  @Test
  void shouldAnswer503AsDocumentedWhileTheViewCatchesUp() throws Exception {
    api.ready = false;
    final HttpResponse<String> response = api.get("/api/v1/units");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(validate("/units", 503, "/units", JSON.readTree(response.body()))).isEmpty();
  }

  @Test
  void shouldRejectAnAnswerThatBreaksTheSchema() throws Exception {
    // The validator is live: an answer with a rate above 1 and an extra field fails.
    final JsonNode units = JSON.readTree(api.get("/api/v1/units/BPKAD/activity").body());
    ((ObjectNode) units.get(0))
        .put("participationRate", 1.5)
        .put("employeeId", "199001012015011001");

    assertThat(validate("/units/{unitId}/activity", 200, "tampered", units)).hasSize(2);
  }

  private List<String> validate(
      final String path, final int status, final String request, final JsonNode body) {
    final String pointer =
        "#/paths/"
            + path.replace("~", "~0").replace("/", "~1")
            + "/get/responses/"
            + status
            + "/content/application~1json/schema";
    final JsonSchema schema =
        factory.getSchema(
            SchemaLocation.of("classpath:" + ApiHandler.OPENAPI_RESOURCE + pointer), config);
    final Set<ValidationMessage> messages = schema.validate(body);
    return messages.stream().map(m -> request + ": " + m.getMessage()).toList();
  }

  private static JsonNode document() throws Exception {
    try (InputStream in =
        ApiContractTest.class.getClassLoader().getResourceAsStream(ApiHandler.OPENAPI_RESOURCE)) {
      return JSON.readTree(in);
    }
  }
}
