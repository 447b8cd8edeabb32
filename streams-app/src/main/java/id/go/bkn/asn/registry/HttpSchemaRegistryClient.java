package id.go.bkn.asn.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SchemaRegistryClient} speaking the Confluent Schema Registry REST API over the JDK's
 * {@link HttpClient}, so it works with Confluent's registry, Apicurio's ccompat API, Karapace,
 * Redpanda and the embedded {@code SchemaRegistryServer}. It retries with exponential backoff only
 * what may succeed next time (I/O errors, 5xx, 429), moving to the next URL of the list after an
 * I/O error; it never retries a 4xx. Basic auth and TLS come from {@link RegistryClientConfig}.
 * Thread-safe.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {
  private static final Logger LOG = LoggerFactory.getLogger(HttpSchemaRegistryClient.class);

  /** The media type of the Confluent API, sent and accepted. */
  public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  private static final int TOO_MANY_REQUESTS = 429;
  private static final int SERVER_ERROR = 500;

  private final RegistryClientConfig config;
  private final List<URI> baseUris;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();
  private final String authorization;
  // The URL to start from; moves on after an I/O error so a dead node is not retried first.
  private final AtomicInteger currentUrl = new AtomicInteger();

  public HttpSchemaRegistryClient(final RegistryClientConfig config) {
    if (config.mock()) {
      throw new IllegalArgumentException(
          "HttpSchemaRegistryClient cannot serve " + config.urls() + "; use MockSchemaRegistry");
    }
    this.config = config;
    this.baseUris = config.urls().stream().map(HttpSchemaRegistryClient::baseUri).toList();
    final HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.connectTimeout());
    if (baseUris.stream().anyMatch(u -> "https".equalsIgnoreCase(u.getScheme()))) {
      builder.sslContext(TlsContexts.create(config));
    }
    this.http = builder.build();
    this.authorization = authorizationHeader(config);
  }

  @Override
  public int register(final String subject, final Schema schema) {
    final JsonNode answer =
        send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
    return requiredInt(answer, "id");
  }

  @Override
  public Schema schemaById(final int id) {
    final JsonNode answer = send("GET", "/schemas/ids/" + id, null);
    return parse(requiredText(answer, "schema"), "schema id " + id);
  }

  @Override
  public SubjectVersion latest(final String subject) {
    return subjectVersion(send("GET", "/subjects/" + encode(subject) + "/versions/latest", null));
  }

  @Override
  public SubjectVersion version(final String subject, final int version) {
    return subjectVersion(
        send("GET", "/subjects/" + encode(subject) + "/versions/" + version, null));
  }

  @Override
  public List<String> subjects() {
    final List<String> subjects = new ArrayList<>();
    send("GET", "/subjects", null).forEach(node -> subjects.add(node.asText()));
    return List.copyOf(subjects);
  }

  @Override
  public List<Integer> versions(final String subject) {
    final List<Integer> versions = new ArrayList<>();
    send("GET", "/subjects/" + encode(subject) + "/versions", null)
        .forEach(node -> versions.add(node.asInt()));
    return List.copyOf(versions);
  }

  @Override
  public Optional<SubjectVersion> lookup(final String subject, final Schema schema) {
    try {
      return Optional.of(
          subjectVersion(send("POST", "/subjects/" + encode(subject), schemaBody(schema))));
    } catch (final SchemaRegistryException e) {
      if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
          || e.errorCode() == SchemaRegistryException.SCHEMA_NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public boolean isCompatible(final String subject, final Schema schema) {
    try {
      final JsonNode answer =
          send(
              "POST",
              "/compatibility/subjects/" + encode(subject) + "/versions/latest",
              schemaBody(schema));
      return answer.path("is_compatible").asBoolean(false);
    } catch (final SchemaRegistryException e) {
      // Older Confluent registries answer 40401 for a subject without versions: nothing to break.
      if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND) {
        return true;
      }
      throw e;
    }
  }

  @Override
  public CompatibilityLevel compatibility() {
    return CompatibilityLevel.parse(
        requiredText(send("GET", "/config", null), "compatibilityLevel"));
  }

  @Override
  public CompatibilityLevel compatibility(final String subject) {
    final JsonNode answer =
        send("GET", "/config/" + encode(subject) + "?defaultToGlobal=true", null);
    return CompatibilityLevel.parse(requiredText(answer, "compatibilityLevel"));
  }

  @Override
  public void setCompatibility(final CompatibilityLevel level) {
    send("PUT", "/config", json.createObjectNode().put("compatibility", level.name()));
  }

  @Override
  public void setCompatibility(final String subject, final CompatibilityLevel level) {
    send(
        "PUT",
        "/config/" + encode(subject),
        json.createObjectNode().put("compatibility", level.name()));
  }

  @Override
  public void close() {
    // The JDK client of Java 17 has no close(); its connections die with their idle timeout.
  }

  @Override
  public String toString() {
    return "HttpSchemaRegistryClient" + config.urls();
  }

  /**
   * Sends one request, retrying I/O errors, 5xx and 429 with exponential backoff; returns the
   * parsed JSON answer of a 2xx or throws the registry's error as a {@link
   * SchemaRegistryException}.
   */
  private JsonNode send(final String method, final String path, final JsonNode body) {
    final String payload = body == null ? null : body.toString();
    Duration backoff = config.initialBackoff();
    SchemaRegistryException last = null;
    for (int attempt = 0; attempt <= config.maxRetries(); attempt++) {
      if (attempt > 0) {
        LOG.debug(
            "Retrying {} {} in {} ms: {}", method, path, backoff.toMillis(), last.getMessage());
        sleep(backoff, method, path);
        backoff = min(backoff.multipliedBy(2), config.maxBackoff());
      }
      final int urlIndex = Math.floorMod(currentUrl.get(), baseUris.size());
      final URI uri = baseUris.get(urlIndex).resolve(path.substring(1));
      final HttpResponse<String> response;
      try {
        response = http.send(request(method, uri, payload), HttpResponse.BodyHandlers.ofString());
      } catch (final IOException e) {
        currentUrl.compareAndSet(urlIndex, urlIndex + 1);
        last =
            new SchemaRegistryException(
                SchemaRegistryException.NO_RESPONSE,
                SchemaRegistryException.NO_RESPONSE,
                "Schema registry unreachable at "
                    + uri
                    + " after "
                    + (attempt + 1)
                    + " attempt(s): "
                    + describe(e),
                e);
        continue;
      } catch (final InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchemaRegistryException(
            SchemaRegistryException.NO_RESPONSE,
            SchemaRegistryException.NO_RESPONSE,
            "Interrupted while calling the schema registry: " + method + " " + uri,
            e);
      }
      final int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return readJson(response.body(), method, uri);
      }
      last = error(response, method, uri);
      if (status < SERVER_ERROR && status != TOO_MANY_REQUESTS) {
        throw last;
      }
    }
    throw last;
  }

  private HttpRequest request(final String method, final URI uri, final String payload) {
    final HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(config.requestTimeout())
            .header("Accept", CONTENT_TYPE + ", application/json")
            .method(
                method,
                payload == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8));
    if (payload != null) {
      builder.header("Content-Type", CONTENT_TYPE);
    }
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder.build();
  }

  private SchemaRegistryException error(
      final HttpResponse<String> response, final String method, final URI uri) {
    final int status = response.statusCode();
    int errorCode = status;
    String message = response.body() == null ? "" : response.body().strip();
    try {
      final JsonNode node = json.readTree(response.body());
      if (node != null && node.has("error_code")) {
        errorCode = node.path("error_code").asInt(status);
        message = node.path("message").asText(message);
      }
    } catch (final JsonProcessingException e) {
      // Not Confluent's error JSON (a proxy's HTML page...): keep the raw body as the message.
      LOG.debug("Schema registry error answer is not JSON: {}", e.getOriginalMessage());
    }
    if (message.length() > 500) {
      message = message.substring(0, 500) + "...";
    }
    return new SchemaRegistryException(
        errorCode,
        status,
        "Schema registry answered "
            + status
            + " (error "
            + errorCode
            + ") to "
            + method
            + " "
            + uri
            + ": "
            + message,
        null);
  }

  private JsonNode readJson(final String body, final String method, final URI uri) {
    try {
      return json.readTree(body == null || body.isBlank() ? "{}" : body);
    } catch (final JsonProcessingException e) {
      throw new SchemaRegistryException(
          SchemaRegistryException.STORE_ERROR,
          SERVER_ERROR,
          "Schema registry answered "
              + method
              + " "
              + uri
              + " with invalid JSON: "
              + e.getMessage(),
          e);
    }
  }

  private void sleep(final Duration backoff, final String method, final String path) {
    // Jitter (75-100% of the backoff) keeps many clients from retrying in lockstep.
    final long millis =
        backoff.toMillis() - ThreadLocalRandom.current().nextLong(backoff.toMillis() / 4 + 1);
    try {
      Thread.sleep(Math.max(1, millis));
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException(
          SchemaRegistryException.NO_RESPONSE,
          SchemaRegistryException.NO_RESPONSE,
          "Interrupted while retrying " + method + " " + path + " on the schema registry",
          e);
    }
  }

  private ObjectNode schemaBody(final Schema schema) {
    return json.createObjectNode().put("schema", schema.toString());
  }

  private SubjectVersion subjectVersion(final JsonNode node) {
    final String subject = requiredText(node, "subject");
    final int version = requiredInt(node, "version");
    return new SubjectVersion(
        subject,
        version,
        requiredInt(node, "id"),
        parse(requiredText(node, "schema"), "version " + version + " of subject " + subject));
  }

  private static Schema parse(final String schema, final String what) {
    try {
      return new Schema.Parser().parse(schema);
    } catch (final SchemaParseException e) {
      throw new SchemaRegistryException(
          SchemaRegistryException.INVALID_SCHEMA,
          SchemaRegistryException.statusOf(SchemaRegistryException.INVALID_SCHEMA),
          "The registry's " + what + " is not a valid Avro schema: " + e.getMessage(),
          e);
    }
  }

  private static String requiredText(final JsonNode node, final String field) {
    final JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw missing(field, node);
    }
    return value.asText();
  }

  private static int requiredInt(final JsonNode node, final String field) {
    final JsonNode value = node.get(field);
    if (value == null || !value.canConvertToInt()) {
      throw missing(field, node);
    }
    return value.asInt();
  }

  private static SchemaRegistryException missing(final String field, final JsonNode node) {
    final String text = node.toString();
    return new SchemaRegistryException(
        SchemaRegistryException.STORE_ERROR,
        SERVER_ERROR,
        "Schema registry answer lacks '"
            + field
            + "': "
            + (text.length() > 200 ? text.substring(0, 200) + "..." : text),
        null);
  }

  private static String describe(final IOException e) {
    final String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static Duration min(final Duration a, final Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Percent-encodes a subject for a path segment ({@code +} is literal in paths, not space). */
  static String encode(final String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static URI baseUri(final String url) {
    final String withSlash = url.endsWith("/") ? url : url + "/";
    final URI uri = URI.create(withSlash);
    if (uri.getRawUserInfo() == null) {
      return uri;
    }
    // Credentials in the URL (source URL) go into the header, not onto the wire in the URI.
    return URI.create(withSlash.replace(uri.getRawUserInfo() + "@", ""));
  }

  private static String authorizationHeader(final RegistryClientConfig config) {
    final String userInfo =
        config.basicAuthUserInfo() != null
            ? config.basicAuthUserInfo()
            : URI.create(config.urls().get(0)).getUserInfo();
    if (userInfo == null || userInfo.isEmpty()) {
      return null;
    }
    return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
  }
}
