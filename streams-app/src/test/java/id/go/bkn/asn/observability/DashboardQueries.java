package id.go.bkn.asn.observability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every PromQL expression of the Grafana dashboards in {@code grafana/dashboards/}: each panel's
 * targets and each query variable, with Grafana's variables replaced by values Prometheus accepts,
 * so a test can run them all against a real Prometheus. {@code $unit} becomes the given unit id,
 * {@code $__rate_interval} and {@code $__interval} the interval, {@code $__range} the range; a
 * variable with "All" becomes its {@code allValue}. A variable query {@code label_values(m, l)}
 * becomes {@code count by (l) (m)}, which returns one series per value Grafana would offer.
 *
 * <p>An expression that still holds a {@code $} after substitution is an error: a dashboard uses a
 * variable this class does not know, and a test would run a query Prometheus rejects.
 */
public final class DashboardQueries {

  /** The interval put in place of {@code $__rate_interval} and {@code $__interval} by default. */
  public static final String DEFAULT_INTERVAL = "1m";

  /** The range put in place of {@code $__range} by default. */
  public static final String DEFAULT_RANGE = "1h";

  /**
   * Figures that metrics.md documents as absent while suppressed (fewer than k responses), and the
   * alert gauge, which has no series while nothing fires: an expression over them alone can be
   * empty in a healthy pipeline.
   */
  static final Set<String> MAY_BE_ABSENT =
      Set.of(
          "asn_unit_satisfaction_index",
          "asn_unit_career_relevance_mean",
          "asn_program_satisfaction_index",
          "asn_program_career_relevance_mean",
          "asn_program_nps",
          "asn_alert_active");

  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\{([A-Za-z_]\\w*)}|\\$([A-Za-z_]\\w*)|\\[\\[([A-Za-z_]\\w*)]]");
  private static final Pattern LABEL_VALUES =
      Pattern.compile("^\\s*label_values\\((.+),\\s*([A-Za-z_]\\w*)\\s*\\)\\s*$");
  private static final Pattern QUERY_RESULT = Pattern.compile("^\\s*query_result\\((.+)\\)\\s*$");
  private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
  private static final Pattern LABEL_LIST =
      Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern IDENTIFIER =
      Pattern.compile("(?<![\\w:.$])[A-Za-z_:][\\w:]*(?=\\s*(\\()?)");
  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "bool",
          "offset",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "inf",
          "nan",
          "Inf",
          "NaN",
          "atan2");
  private static final Pattern GUARDED_BY_ZERO = Pattern.compile("or\\s+vector\\(0\\)\\s*$");

  /**
   * One expression of a dashboard.
   *
   * @param dashboard the dashboard's uid
   * @param source the panel's title and the target's refId, or the variable's name
   * @param expr the PromQL expression, variables substituted
   * @param mayBeEmpty true when the expression reads only figures that are absent while suppressed
   *     or while no alert fires (see {@link #MAY_BE_ABSENT}), unless it ends with {@code or
   *     vector(0)}: its result can be empty in a healthy pipeline, e.g. for a small unit
   */
  public record Query(String dashboard, String source, String expr, boolean mayBeEmpty) {}

  private final List<JsonNode> dashboards;

  private DashboardQueries(final List<JsonNode> dashboards) {
    this.dashboards = List.copyOf(dashboards);
  }

  /** The dashboards of the repository's {@code grafana/dashboards/}. */
  public static DashboardQueries fromRepository() {
    return load(Repository.resolve("grafana/dashboards"));
  }

  /** The dashboards of every {@code *.json} file in a directory, in file name order. */
  public static DashboardQueries load(final Path directory) {
    final ObjectMapper json = new ObjectMapper();
    final List<JsonNode> dashboards = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (final Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        dashboards.add(json.readTree(file.toFile()));
      }
    } catch (final IOException e) {
      throw new UncheckedIOException("Cannot read the dashboards of " + directory, e);
    }
    if (dashboards.isEmpty()) {
      throw new IllegalStateException("No dashboard (*.json) in " + directory);
    }
    return new DashboardQueries(dashboards);
  }

  /** The dashboards as parsed JSON. */
  public List<JsonNode> dashboards() {
    return dashboards;
  }

  /** Every expression, for a unit, with the default interval and range. */
  public List<Query> queries(final String unitId) {
    return queries(unitId, DEFAULT_INTERVAL, DEFAULT_RANGE);
  }

  /** Every expression of every panel and query variable, variables substituted. */
  public List<Query> queries(final String unitId, final String interval, final String range) {
    if (unitId.isBlank() || unitId.contains("\"") || unitId.contains("\\")) {
      throw new IllegalArgumentException("Not a unit id for a label matcher: " + unitId);
    }
    final List<Query> queries = new ArrayList<>();
    for (final JsonNode dashboard : dashboards) {
      final String uid = dashboard.path("uid").asText();
      final Map<String, String> values = variableValues(dashboard, unitId, interval, range);
      for (final JsonNode variable : dashboard.path("templating").path("list")) {
        if ("query".equals(variable.path("type").asText())) {
          final String expr = substitute(variableQuery(variable), values, uid);
          queries.add(new Query(uid, "$" + variable.path("name").asText(), expr, mayBeEmpty(expr)));
        }
      }
      for (final JsonNode panel : panels(dashboard)) {
        for (final JsonNode target : panel.path("targets")) {
          final JsonNode expr = target.get("expr");
          if (expr != null && !expr.asText().isBlank()) {
            final String substituted = substitute(expr.asText(), values, uid);
            queries.add(
                new Query(
                    uid,
                    panel.path("title").asText() + " / " + target.path("refId").asText(),
                    substituted,
                    mayBeEmpty(substituted)));
          }
        }
      }
    }
    return queries;
  }

  /** Every panel of a dashboard, the panels inside rows included, rows themselves too. */
  public static List<JsonNode> panels(final JsonNode dashboard) {
    final List<JsonNode> panels = new ArrayList<>();
    for (final JsonNode panel : dashboard.path("panels")) {
      panels.add(panel);
      panel.path("panels").forEach(panels::add);
    }
    return panels;
  }

  /** The PromQL of a query variable: {@code label_values(m, l)} as {@code count by (l) (m)}. */
  static String variableQuery(final JsonNode variable) {
    final JsonNode query = variable.path("query");
    final String text = query.isObject() ? query.path("query").asText() : query.asText();
    final Matcher labelValues = LABEL_VALUES.matcher(text);
    if (labelValues.matches()) {
      return "count by (" + labelValues.group(2) + ") (" + labelValues.group(1).strip() + ")";
    }
    final Matcher queryResult = QUERY_RESULT.matcher(text);
    if (queryResult.matches()) {
      return queryResult.group(1).strip();
    }
    throw new IllegalStateException(
        "Variable $"
            + variable.path("name").asText()
            + " has a query that is not label_values(metric, label) or query_result(expr): "
            + text);
  }

  /**
   * The metric names an expression reads: identifiers that are not functions, keywords, label names
   * or variables.
   */
  public static Set<String> metricNames(final String expr) {
    String s = STRING.matcher(expr).replaceAll("\"\"");
    s = s.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^\\]]*]", " ");
    s = LABEL_LIST.matcher(s).replaceAll(" ");
    final Set<String> names = new LinkedHashSet<>();
    final Matcher m = IDENTIFIER.matcher(s);
    while (m.find()) {
      final boolean call = m.group(1) != null;
      if (!call && !KEYWORDS.contains(m.group())) {
        names.add(m.group());
      }
    }
    return names;
  }

  private static boolean mayBeEmpty(final String expr) {
    return !GUARDED_BY_ZERO.matcher(expr).find()
        && metricNames(expr).stream().anyMatch(MAY_BE_ABSENT::contains);
  }

  private static Map<String, String> variableValues(
      final JsonNode dashboard, final String unitId, final String interval, final String range) {
    final Map<String, String> values = new HashMap<>();
    for (final JsonNode variable : dashboard.path("templating").path("list")) {
      final String name = variable.path("name").asText();
      if (variable.path("includeAll").asBoolean() && variable.hasNonNull("allValue")) {
        values.put(name, variable.path("allValue").asText());
      }
    }
    values.put("unit", unitId);
    values.put("__rate_interval", interval);
    values.put("__interval", interval);
    values.put("__range", range);
    return values;
  }

  static String substitute(final String expr, final Map<String, String> values, final String uid) {
    final Matcher m = VARIABLE.matcher(expr);
    final StringBuilder out = new StringBuilder();
    while (m.find()) {
      final String name =
          m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      final String value = values.get(name);
      if (value == null) {
        throw new IllegalStateException(
            "Dashboard " + uid + " uses $" + name + ", which has no test value: " + expr);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
