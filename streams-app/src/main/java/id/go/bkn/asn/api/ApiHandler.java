package id.go.bkn.asn.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import id.go.bkn.asn.api.ApiModel.Activity;
import id.go.bkn.asn.api.ApiModel.Alert;
import id.go.bkn.asn.api.ApiModel.JpYtd;
import id.go.bkn.asn.api.ApiModel.ProgramWeek;
import id.go.bkn.asn.api.ApiModel.Unit;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-only API under {@code /api/v1/} (registered as that context on the app's HTTP server):
 * routes a GET to {@link ApiQueries}, answers JSON, or CSV with a header row for every list when
 * asked with {@code ?format=csv} or {@code Accept: text/csv}, and turns a bad request into a JSON
 * {@link ApiModel.Error} that says what to fix. It also serves the OpenAPI document ({@code
 * openapi.json}) and a browsable page of it ({@code docs}, swagger-ui from its WebJar).
 *
 * <p>Paths and query strings are parsed here by hand: the JDK's HTTP server has no router and the
 * API has a dozen fixed routes, not enough to justify a web framework.
 */
public final class ApiHandler implements HttpHandler {

  /** The context path the handler is registered under. */
  public static final String CONTEXT = "/api/v1";

  /** The OpenAPI document on the classpath. */
  public static final String OPENAPI_RESOURCE = "api/openapi.json";

  private static final String DOCS_RESOURCE = "api/docs.html";
  private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
  private static final String JSON = "application/json; charset=utf-8";
  private static final String CSV = "text/csv; charset=utf-8";
  private static final String HTML = "text/html; charset=utf-8";
  private static final Set<String> RANGE = Set.of("from", "to", "format");
  private static final Set<String> FORMAT_ONLY = Set.of("format");

  private final ApiQueries queries;
  private final ObjectMapper json = new ObjectMapper();
  private final CsvMapper csv = new CsvMapper();
  private final byte[] openApi;
  private final byte[] docs;

  public ApiHandler(final ApiQueries queries) {
    this.queries = queries;
    this.openApi = resource(OPENAPI_RESOURCE);
    this.docs = resource(DOCS_RESOURCE);
  }

  @Override
  public void handle(final HttpExchange exchange) throws IOException {
    try (exchange) {
      try {
        if (!"GET".equals(exchange.getRequestMethod())
            && !"HEAD".equals(exchange.getRequestMethod())) {
          throw new ApiException(405, "the API is read-only: use GET");
        }
        route(exchange);
      } catch (final ApiException e) {
        error(exchange, e.status(), e.getMessage());
      } catch (final RuntimeException e) {
        LOG.warn("API request {} failed: {}", exchange.getRequestURI().getRawPath(), e.toString());
        error(exchange, 500, "the request failed inside the app; see its log");
      }
    }
  }

  private void route(final HttpExchange exchange) throws IOException {
    final String raw = exchange.getRequestURI().getRawPath().substring(CONTEXT.length());
    final String path = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
    final Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    final String[] parts = path.isEmpty() ? new String[0] : path.substring(1).split("/", -1);
    final String first = parts.length == 0 ? "" : parts[0];
    switch (parts.length) {
      case 1 -> routeOne(exchange, first, query);
      case 2 -> {
        if ("units".equals(first)) {
          allow(query, FORMAT_ONLY);
          object(exchange, query, queries.unit(segment(parts[1])));
        } else if ("alerts".equals(first) && "history".equals(parts[1])) {
          allow(query, RANGE);
          list(
              exchange,
              query,
              "alert-history",
              Alert.class,
              queries.alertHistory(query.get("from"), query.get("to")));
        } else {
          unknown(path);
        }
      }
      case 3 -> {
        if ("units".equals(first) && "activity".equals(parts[2])) {
          allow(query, Set.of("window", "from", "to", "format"));
          list(
              exchange,
              query,
              "activity",
              Activity.class,
              queries.unitActivity(
                  segment(parts[1]), query.get("window"), query.get("from"), query.get("to")));
        } else {
          unknown(path);
        }
      }
      default -> unknown(path);
    }
  }

  private void routeOne(
      final HttpExchange exchange, final String first, final Map<String, String> query)
      throws IOException {
    switch (first) {
      case "openapi.json" -> {
        allow(query, Set.of());
        send(exchange, 200, JSON, openApi);
      }
      case "docs" -> {
        allow(query, Set.of());
        send(exchange, 200, HTML, docs);
      }
      case "status" -> {
        allow(query, FORMAT_ONLY);
        object(exchange, query, queries.status());
      }
      case "units" -> {
        allow(query, FORMAT_ONLY);
        list(exchange, query, "units", Unit.class, queries.units());
      }
      case "activity" -> {
        allow(query, Set.of("window", "period", "start", "format"));
        list(
            exchange,
            query,
            "activity",
            Activity.class,
            queries.windowActivity(query.get("window"), query.get("period"), query.get("start")));
      }
      case "jp-ytd" -> {
        allow(query, FORMAT_ONLY);
        list(exchange, query, "jp-ytd", JpYtd.class, queries.jpYtd());
      }
      case "programs" -> {
        allow(query, RANGE);
        list(
            exchange,
            query,
            "programs",
            ProgramWeek.class,
            queries.programWeeks(query.get("from"), query.get("to")));
      }
      case "alerts" -> {
        allow(query, FORMAT_ONLY);
        list(exchange, query, "alerts", Alert.class, queries.firingAlerts());
      }
      default -> unknown("/" + first);
    }
  }

  private static void unknown(final String path) {
    throw ApiException.notFound(
        "no endpoint "
            + CONTEXT
            + path
            + "; the endpoints are listed in "
            + CONTEXT
            + "/openapi.json");
  }

  private static void allow(final Map<String, String> query, final Set<String> allowed) {
    for (final String name : query.keySet()) {
      if (!allowed.contains(name)) {
        throw ApiException.badRequest(
            "unknown parameter '"
                + name
                + "'"
                + (allowed.isEmpty()
                    ? "; this endpoint takes none"
                    : "; this endpoint takes "
                        + String.join(", ", allowed.stream().sorted().toList())));
      }
    }
  }

  private void object(
      final HttpExchange exchange, final Map<String, String> query, final Object answer)
      throws IOException {
    if ("csv".equals(query.get("format"))) {
      throw ApiException.badRequest("only list answers come as CSV");
    }
    send(exchange, 200, JSON, json.writeValueAsBytes(answer));
  }

  private <T> void list(
      final HttpExchange exchange,
      final Map<String, String> query,
      final String name,
      final Class<T> type,
      final List<T> rows)
      throws IOException {
    if (wantsCsv(exchange, query)) {
      exchange
          .getResponseHeaders()
          .set("Content-Disposition", "inline; filename=\"" + name + ".csv\"");
      send(exchange, 200, CSV, csv(type, rows));
    } else {
      send(exchange, 200, JSON, json.writeValueAsBytes(rows));
    }
  }

  private static boolean wantsCsv(final HttpExchange exchange, final Map<String, String> query) {
    final String format = query.get("format");
    if (format != null) {
      if (!format.equals("csv") && !format.equals("json")) {
        throw ApiException.badRequest("format must be 'json' or 'csv', not '" + format + "'");
      }
      return format.equals("csv");
    }
    final String accept = exchange.getRequestHeaders().getFirst("Accept");
    return accept != null && accept.contains("text/csv");
  }

  /** The rows as CSV with a header row, also when there are none. */
  private <T> byte[] csv(final Class<T> type, final List<T> rows) throws IOException {
    final CsvSchema schema = csv.schemaFor(type).withHeader();
    if (rows.isEmpty()) {
      final String header = String.join(",", schema.getColumnNames()) + "\n";
      return header.getBytes(StandardCharsets.UTF_8);
    }
    return csv.writer(schema).writeValueAsBytes(rows);
  }

  private void error(final HttpExchange exchange, final int status, final String message)
      throws IOException {
    if (status == 503) {
      exchange.getResponseHeaders().set("Retry-After", "5");
    }
    send(
        exchange,
        status,
        JSON,
        json.writeValueAsBytes(new ApiModel.Error(status, reason(status), message)));
  }

  private static String reason(final int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 503 -> "Service Unavailable";
      default -> "Internal Server Error";
    };
  }

  private static void send(
      final HttpExchange exchange, final int status, final String contentType, final byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    if ("HEAD".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static String segment(final String raw) {
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (final IllegalArgumentException e) {
      throw ApiException.badRequest("'" + raw + "' is not valid URL encoding: " + e.getMessage());
    }
  }

  private static Map<String, String> query(final String raw) {
    final Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (final String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      final int eq = pair.indexOf('=');
      final String name = segment(eq < 0 ? pair : pair.substring(0, eq));
      final String value = eq < 0 ? "" : segment(pair.substring(eq + 1));
      if (out.put(name, value) != null) {
        throw ApiException.badRequest("parameter '" + name + "' is given twice; give it once");
      }
    }
    return out;
  }

  private static byte[] resource(final String name) {
    try (InputStream in = ApiHandler.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + name + " on the classpath");
      }
      return in.readAllBytes();
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
