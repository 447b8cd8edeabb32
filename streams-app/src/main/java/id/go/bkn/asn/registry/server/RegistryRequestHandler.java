package id.go.bkn.asn.registry.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import id.go.bkn.asn.registry.CompatibilityLevel;
import id.go.bkn.asn.registry.SchemaRegistryException;
import id.go.bkn.asn.registry.SchemaRegistryStore;
import id.go.bkn.asn.registry.SubjectVersion;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps the Confluent Schema Registry REST API onto a {@link SchemaRegistryStore}: routes by method
 * and path, answers JSON in Confluent's shapes, and turns {@link SchemaRegistryException}s into
 * Confluent's error JSON ({@code {"error_code":40401,"message":"..."}}) with the matching status.
 */
final class RegistryRequestHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryRequestHandler.class);

  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final int OK = 200;
  private static final int METHOD_NOT_ALLOWED = 405;
  private static final int INTERNAL_ERROR = 500;
  private static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

  /** An answer: status and JSON body. */
  private record Answer(int status, JsonNode body) {}

  private final SchemaRegistryStore store;
  private final ObjectMapper json = new ObjectMapper();

  RegistryRequestHandler(final SchemaRegistryStore store) {
    this.store = store;
  }

  @Override
  public void handle(final HttpExchange exchange) throws IOException {
    Answer answer;
    try {
      answer = route(exchange);
    } catch (final SchemaRegistryException e) {
      answer = error(e.httpStatus(), e.errorCode(), e.getMessage());
    } catch (final JsonProcessingException e) {
      answer =
          error(
              SchemaRegistryException.BAD_REQUEST,
              SchemaRegistryException.BAD_REQUEST,
              "Invalid JSON body: " + e.getOriginalMessage());
    } catch (final RuntimeException e) {
      LOG.warn(
          "Schema registry failed on {} {}",
          exchange.getRequestMethod(),
          exchange.getRequestURI(),
          e);
      answer = error(INTERNAL_ERROR, INTERNAL_ERROR, "Internal error: " + e.getMessage());
    }
    final byte[] bytes = json.writeValueAsBytes(answer.body());
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    exchange.sendResponseHeaders(answer.status(), bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    } finally {
      exchange.close();
    }
  }

  private Answer route(final HttpExchange exchange) throws IOException {
    final String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    final List<String> path = segments(exchange.getRequestURI().getRawPath());
    final Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    final int size = path.size();
    final String root = size == 0 ? "" : path.get(0);
    return switch (root) {
      case "" -> onlyGet(method, () -> json.createObjectNode());
      case "subjects" -> subjects(exchange, method, path);
      case "schemas" -> schemas(method, path);
      case "compatibility" -> compatibility(exchange, method, path, query);
      case "config" -> config(exchange, method, path, query);
      default -> notFound();
    };
  }

  private Answer subjects(final HttpExchange exchange, final String method, final List<String> path)
      throws IOException {
    final int size = path.size();
    if (size == 1) {
      return onlyGet(method, () -> strings(store.subjects()));
    }
    final String subject = path.get(1);
    if (size == 2) {
      if (!"POST".equals(method)) {
        return methodNotAllowed(method);
      }
      final Schema schema = schemaOf(body(exchange));
      store.versions(subject); // 40401 before 40403, as Confluent answers
      return ok(
          versionJson(
              store
                  .lookup(subject, schema)
                  .orElseThrow(
                      () ->
                          new SchemaRegistryException(
                              SchemaRegistryException.SCHEMA_NOT_FOUND,
                              "Schema not found under subject '" + subject + "'."))));
    }
    if (!"versions".equals(path.get(2)) || size > 5) {
      return notFound();
    }
    if (size == 3) {
      if ("POST".equals(method)) {
        final SubjectVersion registered = store.register(subject, schemaOf(body(exchange)));
        return ok(json.createObjectNode().put("id", registered.id()));
      }
      return onlyGet(method, () -> integers(store.versions(subject)));
    }
    if (!"GET".equals(method)) {
      return methodNotAllowed(method);
    }
    final Integer version = version(path.get(3));
    final SubjectVersion found =
        version == null ? store.latest(subject) : store.version(subject, version);
    if (size == 4) {
      return ok(versionJson(found));
    }
    if ("schema".equals(path.get(4))) {
      return ok(json.readTree(found.schema().toString()));
    }
    return notFound();
  }

  private Answer schemas(final String method, final List<String> path) {
    if (path.size() == 2 && "types".equals(path.get(1))) {
      return onlyGet(method, () -> strings(List.of("AVRO")));
    }
    if (path.size() < 3 || path.size() > 4 || !"ids".equals(path.get(1))) {
      return notFound();
    }
    final int id = schemaId(path.get(2));
    if (path.size() == 3) {
      return onlyGet(
          method, () -> json.createObjectNode().put("schema", store.schemaById(id).toString()));
    }
    if (!"versions".equals(path.get(3))) {
      return notFound();
    }
    return onlyGet(
        method,
        () -> {
          final ArrayNode versions = json.createArrayNode();
          store
              .versionsOfId(id)
              .forEach(
                  v ->
                      versions.addObject().put("subject", v.subject()).put("version", v.version()));
          return versions;
        });
  }

  private Answer compatibility(
      final HttpExchange exchange,
      final String method,
      final List<String> path,
      final Map<String, String> query)
      throws IOException {
    if (path.size() != 5 || !"subjects".equals(path.get(1)) || !"versions".equals(path.get(3))) {
      return notFound();
    }
    if (!"POST".equals(method)) {
      return methodNotAllowed(method);
    }
    final String subject = path.get(2);
    final Integer version = version(path.get(4));
    final Schema schema = schemaOf(body(exchange));
    final List<String> problems = store.incompatibilities(subject, schema, version);
    final ObjectNode answer = json.createObjectNode().put("is_compatible", problems.isEmpty());
    if ("true".equalsIgnoreCase(query.get("verbose"))) {
      answer.set("messages", strings(problems));
    }
    return ok(answer);
  }

  private Answer config(
      final HttpExchange exchange,
      final String method,
      final List<String> path,
      final Map<String, String> query)
      throws IOException {
    if (path.size() > 2) {
      return notFound();
    }
    final String subject = path.size() == 2 ? path.get(1) : null;
    if ("PUT".equals(method)) {
      final JsonNode body = body(exchange);
      final JsonNode level = body.get("compatibility");
      final CompatibilityLevel parsed =
          CompatibilityLevel.parse(level == null || !level.isTextual() ? null : level.asText());
      if (subject == null) {
        store.setCompatibility(parsed);
      } else {
        store.setCompatibility(subject, parsed);
      }
      return ok(json.createObjectNode().put("compatibility", parsed.name()));
    }
    if (!"GET".equals(method)) {
      return methodNotAllowed(method);
    }
    final CompatibilityLevel level;
    if (subject == null) {
      level = store.compatibility();
    } else if ("true".equalsIgnoreCase(query.get("defaultToGlobal"))) {
      level = store.compatibility(subject);
    } else {
      // Confluent answers 40408 for a subject without its own level unless asked to fall back.
      level =
          store
              .subjectCompatibility(subject)
              .orElseThrow(
                  () ->
                      new SchemaRegistryException(
                          SchemaRegistryException.SUBJECT_LEVEL_COMPATIBILITY_NOT_CONFIGURED,
                          "Subject '"
                              + subject
                              + "' does not have subject-level compatibility configured"));
    }
    return ok(json.createObjectNode().put("compatibilityLevel", level.name()));
  }

  private Schema schemaOf(final JsonNode body) {
    final JsonNode type = body.get("schemaType");
    if (type != null && !type.isNull() && !"AVRO".equalsIgnoreCase(type.asText())) {
      throw new SchemaRegistryException(
          SchemaRegistryException.INVALID_SCHEMA,
          "Invalid schema: schemaType " + type.asText() + " is not supported, only AVRO");
    }
    final JsonNode references = body.get("references");
    if (references != null && references.isArray() && !references.isEmpty()) {
      throw new SchemaRegistryException(
          SchemaRegistryException.INVALID_SCHEMA,
          "Invalid schema: schema references are not supported by this registry");
    }
    final JsonNode schema = body.get("schema");
    if (schema == null || !schema.isTextual()) {
      throw new SchemaRegistryException(
          SchemaRegistryException.INVALID_SCHEMA,
          "Invalid schema: the body needs a \"schema\" string");
    }
    return SchemaRegistryStore.parse(schema.asText());
  }

  private JsonNode body(final HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      final byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        throw new SchemaRegistryException(
            SchemaRegistryException.BAD_REQUEST, "Request body larger than " + MAX_BODY_BYTES);
      }
      final JsonNode node = json.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new SchemaRegistryException(
            SchemaRegistryException.BAD_REQUEST, "The request body must be a JSON object");
      }
      return node;
    }
  }

  private ObjectNode versionJson(final SubjectVersion version) {
    return json.createObjectNode()
        .put("subject", version.subject())
        .put("version", version.version())
        .put("id", version.id())
        .put("schema", version.schema().toString());
  }

  private ArrayNode strings(final List<String> values) {
    final ArrayNode array = json.createArrayNode();
    values.forEach(array::add);
    return array;
  }

  private ArrayNode integers(final List<Integer> values) {
    final ArrayNode array = json.createArrayNode();
    values.forEach(array::add);
    return array;
  }

  /** The version of a path: null for "latest" (or -1, as Confluent allows), else 1 or more. */
  private static Integer version(final String text) {
    if ("latest".equals(text) || "-1".equals(text)) {
      return null;
    }
    try {
      final int version = Integer.parseInt(text);
      if (version >= 1) {
        return version;
      }
    } catch (final NumberFormatException e) {
      // fall through to Confluent's error
    }
    throw new SchemaRegistryException(
        SchemaRegistryException.INVALID_VERSION,
        "The specified version '"
            + text
            + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string"
            + " \"latest\"");
  }

  private static int schemaId(final String text) {
    try {
      return Integer.parseInt(text);
    } catch (final NumberFormatException e) {
      throw new SchemaRegistryException(
          SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + text + " not found.");
    }
  }

  private Answer onlyGet(final String method, final Supplier<JsonNode> body) {
    return "GET".equals(method) ? ok(body.get()) : methodNotAllowed(method);
  }

  private static Answer ok(final JsonNode body) {
    return new Answer(OK, body);
  }

  private Answer notFound() {
    return error(
        SchemaRegistryException.NOT_FOUND, SchemaRegistryException.NOT_FOUND, "HTTP 404 Not Found");
  }

  private Answer methodNotAllowed(final String method) {
    return error(
        METHOD_NOT_ALLOWED, METHOD_NOT_ALLOWED, "HTTP 405 Method " + method + " Not Allowed");
  }

  private Answer error(final int status, final int errorCode, final String message) {
    return new Answer(
        status, json.createObjectNode().put("error_code", errorCode).put("message", message));
  }

  /** Path segments, each percent-decoded; a {@code +} in a path is a plus, not a space. */
  static List<String> segments(final String rawPath) {
    final List<String> segments = new ArrayList<>();
    for (final String raw : rawPath.split("/")) {
      if (!raw.isEmpty()) {
        segments.add(decode(raw));
      }
    }
    return segments;
  }

  private static Map<String, String> query(final String rawQuery) {
    final Map<String, String> params = new HashMap<>();
    if (rawQuery == null) {
      return params;
    }
    for (final String pair : rawQuery.split("&")) {
      final int eq = pair.indexOf('=');
      if (eq > 0) {
        params.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      } else if (!pair.isEmpty()) {
        params.put(URLDecoder.decode(pair, StandardCharsets.UTF_8), "");
      }
    }
    return params;
  }

  private static String decode(final String raw) {
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (final IllegalArgumentException e) {
      throw new SchemaRegistryException(
          SchemaRegistryException.BAD_REQUEST, "Invalid percent-encoding in path: " + raw);
    }
  }
}
