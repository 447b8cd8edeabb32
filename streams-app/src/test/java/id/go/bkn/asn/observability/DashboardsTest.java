package id.go.bkn.asn.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import id.go.bkn.asn.config.AlertThresholds;
import id.go.bkn.asn.function.IkmBand;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboards and their provisioning: they parse, read only documented metrics and label
 * values through the provisioned Prometheus datasource, speak Bahasa Indonesia, and colour figures
 * by the reference bands (IKM A-D, the 80 % attendance line, the JP pace margin).
 */
class DashboardsTest {

  private static final String DATASOURCE_UID = "prometheus";
  private static final Set<String> BINDER_PREFIXES = Set.of("kafka_", "jvm_", "process_");
  private static final Set<String> PROMETHEUS_SERIES = Set.of("up", "ALERTS");
  private static final Pattern METRIC_IN_DOC = Pattern.compile("`(asn_[a-z0-9_]+)`");
  private static final Pattern LABEL_MATCHER =
      Pattern.compile("\\b([a-z_]+)\\s*(=~|!~|!=|=)\\s*\"([^\"]*)\"");

  /** English words that never occur in Indonesian, so a title with one is not Bahasa. */
  private static final Set<String> ENGLISH =
      Set.of(
          "the",
          "of",
          "and",
          "by",
          "with",
          "for",
          "this",
          "last",
          "week",
          "weekly",
          "rate",
          "participation",
          "attendance",
          "satisfaction",
          "health",
          "units",
          "programs",
          "programme",
          "alerts",
          "delay",
          "threads",
          "state",
          "trend",
          "overview",
          "events",
          "letters",
          "duplicates",
          "consumer",
          "memory",
          "usage",
          "active",
          "total",
          "lowest",
          "summary");

  private final DashboardQueries dashboards = DashboardQueries.fromRepository();

  @Test
  void shouldHaveTheFourDashboardsWithUniqueUidsAndTheAsnTag() {
    final List<JsonNode> all = dashboards.dashboards();

    assertThat(all)
        .extracting(d -> d.path("title").asText())
        .containsExactlyInAnyOrder(
            "Ringkasan Pimpinan", "Detail Unit", "Program & Kepuasan", "Kesehatan Pipeline");
    assertThat(all).extracting(d -> d.path("uid").asText()).doesNotHaveDuplicates();
    for (final JsonNode d : all) {
      assertThat(d.path("uid").asText()).as("uid").matches("[a-z0-9-]{1,40}");
      assertThat(d.path("schemaVersion").asInt()).as("schemaVersion").isBetween(36, 41);
      assertThat(d.path("tags").toString()).as(d.path("title").asText()).contains("\"asn\"");
      assertThat(panels(d)).as(d.path("title").asText()).isNotEmpty();
    }
  }

  @Test
  void shouldTitleAndDescribeEveryPanelInBahasaIndonesia() {
    for (final JsonNode d : dashboards.dashboards()) {
      assertBahasa(d.path("title").asText(), "dashboard title");
      assertBahasa(d.path("description").asText(), "dashboard description");
      for (final JsonNode panel : panels(d)) {
        final String title = panel.path("title").asText();
        assertBahasa(title, d.path("title").asText() + " panel title");
        if (!"row".equals(panel.path("type").asText())) {
          assertBahasa(panel.path("description").asText(), "description of " + title);
        }
      }
      for (final JsonNode variable : d.path("templating").path("list")) {
        assertBahasa(variable.path("label").asText(), "label of $" + variable.path("name"));
      }
    }
  }

  @Test
  void shouldQueryOnlyTheProvisionedPrometheusByUid() {
    for (final JsonNode d : dashboards.dashboards()) {
      for (final JsonNode panel : panels(d)) {
        if ("row".equals(panel.path("type").asText())) {
          continue;
        }
        final String where = d.path("title").asText() + " / " + panel.path("title").asText();
        assertThat(panel.path("datasource").path("uid").asText()).as(where).isEqualTo("prometheus");
        assertThat(panel.path("targets").size()).as(where + " targets").isPositive();
        for (final JsonNode target : panel.path("targets")) {
          assertThat(target.path("datasource").path("uid").asText())
              .as(where + " " + target.path("refId"))
              .isEqualTo(DATASOURCE_UID);
          assertThat(target.path("expr").asText()).as(where + " expr").isNotBlank();
        }
      }
      for (final JsonNode variable : d.path("templating").path("list")) {
        assertThat(variable.path("datasource").path("uid").asText())
            .as("$" + variable.path("name").asText())
            .isEqualTo(DATASOURCE_UID);
      }
    }
  }

  @Test
  void shouldReadOnlyMetricsOfTheMetricsPageOrTheBinders() throws IOException {
    final Set<String> documented = documentedMetrics();
    final Set<String> used = new TreeSet<>();
    for (final DashboardQueries.Query q : dashboards.queries("KOTA-SERANG")) {
      final Set<String> names = DashboardQueries.metricNames(q.expr());
      assertThat(names).as("metrics of " + q.source()).isNotEmpty();
      for (final String name : names) {
        assertThat(isDocumented(name, documented))
            .as("%s in %s / %s is not in docs/design/metrics.md", name, q.dashboard(), q.source())
            .isTrue();
      }
      used.addAll(names);
    }
    // The contract's figures that leadership asked for are all on some dashboard.
    assertThat(used)
        .contains(
            "asn_unit_info",
            "asn_unit_headcount",
            "asn_unit_participants",
            "asn_unit_participation_ratio",
            "asn_unit_attendance_ratio",
            "asn_unit_jp_delivered",
            "asn_unit_satisfaction_index",
            "asn_unit_jp_attainment_ratio",
            "asn_unit_jp_expected_ratio",
            "asn_unit_jp_zero_employees",
            "asn_program_satisfaction_index",
            "asn_program_career_relevance_mean",
            "asn_program_nps",
            "asn_program_info",
            "asn_alert_active",
            "asn_pipeline_events_total",
            "asn_pipeline_event_delay_seconds_bucket",
            "asn_pipeline_ready");
  }

  @Test
  void shouldMatchOnlyTheDocumentedLabelValues() {
    final Map<String, Set<String>> documented =
        Map.of(
            "window", Set.of("day", "week"),
            "period", Set.of("current", "previous"),
            "outcome", Set.of("accepted", "duplicate", "dead_letter", "late"),
            "severity", Set.of("WARNING", "CRITICAL"),
            "rule",
                Set.of(
                    "LOW_PARTICIPATION",
                    "NO_ACTIVITY",
                    "LOW_ATTENDANCE",
                    "LOW_SATISFACTION",
                    "JP_BEHIND_PACE"),
            "depth", Set.of("0"),
            "area", Set.of("heap", "nonheap"));
    int checked = 0;
    for (final DashboardQueries.Query q : dashboards.queries("KOTA-SERANG")) {
      final Matcher m = LABEL_MATCHER.matcher(q.expr());
      while (m.find()) {
        final Set<String> allowed = documented.get(m.group(1));
        if (allowed == null) {
          continue;
        }
        final List<String> values =
            m.group(2).contains("~") ? Arrays.asList(m.group(3).split("\\|")) : List.of(m.group(3));
        assertThat(allowed).as("%s in %s", m.group(), q.source()).containsAll(values);
        checked++;
      }
    }
    assertThat(checked).as("label matchers checked").isGreaterThan(20);
  }

  @Test
  void shouldColourSatisfactionByTheIkmBands() {
    final List<Double> ikm =
        List.of(IkmBand.C.lowerBound(), IkmBand.B.lowerBound(), IkmBand.A.lowerBound());
    int satisfactionPanels = 0;
    for (final JsonNode d : dashboards.dashboards()) {
      for (final JsonNode panel : panels(d)) {
        final List<List<Double>> stepSets = thresholdSteps(panel);
        for (final List<Double> steps : stepSets) {
          if (steps.stream().anyMatch(ikm::contains)) {
            assertThat(steps).as("IKM steps of " + panel.path("title")).isEqualTo(ikm);
          }
        }
        if (readsOnly(panel, "asn_unit_satisfaction_index", "asn_program_satisfaction_index")
            && !panel.toString().contains("count(")) {
          satisfactionPanels++;
          assertThat(stepSets).as("thresholds of " + panel.path("title")).contains(ikm);
        }
      }
    }
    assertThat(satisfactionPanels).isGreaterThanOrEqualTo(6);
  }

  @Test
  void shouldNameTheIkmBandWhenMappingAnIndexToText() {
    final Map<Double, IkmBand> byLowerBound = new HashMap<>();
    for (final IkmBand band : IkmBand.values()) {
      byLowerBound.put(band.lowerBound(), band);
    }
    final Set<IkmBand> mapped = new HashSet<>();
    for (final JsonNode d : dashboards.dashboards()) {
      for (final JsonNode panel : panels(d)) {
        for (final JsonNode mapping : panel.path("fieldConfig").path("defaults").path("mappings")) {
          if (!"range".equals(mapping.path("type").asText())) {
            continue;
          }
          final double from = mapping.path("options").path("from").asDouble();
          final String text = mapping.path("options").path("result").path("text").asText();
          // Band D runs from the bottom of the scale; the others start at their lower bound.
          final IkmBand band = from == 0 ? IkmBand.D : byLowerBound.get(from);
          assertThat(band).as("band starting at " + from).isNotNull();
          assertThat(text).startsWith(band.name()).contains(band.label());
          mapped.add(band);
        }
      }
    }
    assertThat(mapped).containsExactlyInAnyOrder(IkmBand.values());
  }

  @Test
  void shouldDrawTheAttendanceParticipationAndPaceLinesAtTheAlertThresholds() {
    final AlertThresholds defaults = AlertThresholds.DEFAULTS;
    int attendance = 0;
    int participation = 0;
    int pace = 0;
    for (final JsonNode d : dashboards.dashboards()) {
      for (final JsonNode panel : panels(d)) {
        final List<List<Double>> steps = thresholdSteps(panel);
        if (readsOnly(panel, "asn_unit_attendance_ratio")) {
          attendance++;
          assertThat(steps).as(panel.path("title").asText()).contains(List.of(0.8));
          assertThat(defaults.lowAttendanceRate()).isEqualTo(0.8);
        }
        if (readsOnly(panel, "asn_unit_participation_ratio")) {
          participation++;
          assertThat(steps)
              .as(panel.path("title").asText())
              .contains(List.of(defaults.lowParticipationRate()));
        }
        if (readsOnly(panel, "asn_unit_jp_attainment_ratio", "asn_unit_jp_expected_ratio")
            && metricsOf(panel)
                .containsAll(Set.of("asn_unit_jp_attainment_ratio", "asn_unit_jp_expected_ratio"))
            && panel.path("targets").size() == 1
            && "stat".equals(panel.path("type").asText())) {
          pace++;
          assertThat(steps)
              .as(panel.path("title").asText())
              .contains(List.of(-defaults.jpBehindPaceMargin(), 0.0));
        }
      }
    }
    assertThat(attendance).as("attendance panels").isGreaterThanOrEqualTo(3);
    assertThat(participation).as("participation panels").isGreaterThanOrEqualTo(5);
    assertThat(pace).as("pace gap panels").isEqualTo(2);
  }

  @Test
  void shouldRankUnitsLowestFirstAndListEveryFiringAlertOnTheLeadershipDashboard() {
    final JsonNode ringkasan = dashboard("asn-ringkasan-pimpinan");

    final JsonNode ranking = panel(ringkasan, "Unit dengan partisipasi terendah (minggu lalu)");
    assertThat(ranking.path("type").asText()).isEqualTo("table");
    assertThat(ranking.path("options").path("sortBy").get(0).path("desc").asBoolean()).isFalse();
    assertThat(ranking.path("options").path("sortBy").get(0).path("displayName").asText())
        .isEqualTo("Partisipasi");
    assertThat(ranking.path("targets").get(0).path("expr").asText())
        .contains("asn_unit_participation_ratio{window=\"week\",period=\"previous\"}")
        .contains("group_left(name")
        .contains("asn_unit_info");

    final String alerts =
        panel(ringkasan, "Peringatan yang menyala").path("targets").get(0).path("expr").asText();
    assertThat(alerts).contains("asn_alert_active").doesNotContain("severity=");
    assertThat(ringkasan.toString()).contains("asn_unit_info{depth=\\\"0\\\"}");
  }

  @Test
  void shouldOfferAUnitVariableOnTheUnitDashboardAndUseItInEveryPanel() {
    final JsonNode detail = dashboard("asn-detail-unit");
    final JsonNode unit = variable(detail, "unit");

    assertThat(unit.path("type").asText()).isEqualTo("query");
    assertThat(unit.path("query").path("query").asText())
        .isEqualTo("label_values(asn_unit_info, unit)");
    assertThat(unit.path("definition").asText()).isEqualTo("label_values(asn_unit_info, unit)");
    for (final JsonNode panel : panels(detail)) {
      for (final JsonNode target : panel.path("targets")) {
        assertThat(target.path("expr").asText()).as(panel.path("title").asText()).contains("$unit");
      }
    }
    assertThat(detail.toString()).contains("parent=\\\"$unit\\\"");
  }

  @Test
  void shouldProvisionPrometheusByUidAndLoadTheDashboardsWhereComposeMountsThem()
      throws IOException {
    final YAMLMapper yaml = new YAMLMapper();
    final JsonNode datasources =
        yaml.readTree(
            Repository.resolve("grafana/provisioning/datasources/prometheus.yml").toFile());
    final JsonNode prometheus = find(datasources.path("datasources"), "uid", DATASOURCE_UID);
    assertThat(prometheus.path("type").asText()).isEqualTo("prometheus");
    assertThat(prometheus.path("url").asText()).isEqualTo("http://prometheus:9090");

    final JsonNode providers =
        yaml.readTree(
            Repository.resolve("grafana/provisioning/dashboards/dashboards.yml").toFile());
    final JsonNode provider = providers.path("providers").get(0);
    assertThat(provider.path("type").asText()).isEqualTo("file");
    final String path = provider.path("options").path("path").asText();

    final JsonNode grafana =
        yaml.readTree(Repository.resolve("docker-compose.yml").toFile())
            .path("services")
            .path("grafana");
    final Map<String, String> mounts = new HashMap<>();
    for (final JsonNode volume : grafana.path("volumes")) {
      final String[] parts = volume.asText().split(":");
      mounts.put(parts[0], parts[1]);
    }
    assertThat(mounts)
        .containsEntry("./grafana/dashboards", path)
        .containsEntry("./grafana/provisioning", "/etc/grafana/provisioning");
    final String home =
        grafana.path("environment").path("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH").asText();
    assertThat(home).startsWith(path + "/");
    assertThat(Repository.resolve("grafana/dashboards/" + home.substring(path.length() + 1)))
        .isRegularFile();
  }

  private static void assertBahasa(final String text, final String what) {
    assertThat(text).as(what).isNotBlank();
    final Set<String> words =
        Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}_/-]+"))
            .collect(Collectors.toSet());
    words.retainAll(ENGLISH);
    assertThat(words).as("English words in %s: \"%s\"", what, text).isEmpty();
  }

  private static Set<String> documentedMetrics() throws IOException {
    final String page = Files.readString(Repository.resolve("docs/design/metrics.md"));
    final Set<String> names = new HashSet<>();
    final Matcher m = METRIC_IN_DOC.matcher(page);
    while (m.find()) {
      names.add(m.group(1));
    }
    assertThat(names).as("metrics of docs/design/metrics.md").hasSizeGreaterThan(20);
    return names;
  }

  private static boolean isDocumented(final String name, final Set<String> documented) {
    if (documented.contains(name) || PROMETHEUS_SERIES.contains(name)) {
      return true;
    }
    if (BINDER_PREFIXES.stream().anyMatch(name::startsWith)) {
      return true;
    }
    // A histogram's series: the documented name plus _bucket, _count or _sum.
    final String base = name.replaceFirst("_(bucket|count|sum)$", "");
    return !base.equals(name) && documented.contains(base);
  }

  /** The metrics a panel's targets read. */
  private static Set<String> metricsOf(final JsonNode panel) {
    final Set<String> read = new HashSet<>();
    for (final JsonNode target : panel.path("targets")) {
      read.addAll(DashboardQueries.metricNames(target.path("expr").asText()));
    }
    return read;
  }

  /**
   * True when the panel reads the given metrics and nothing else but the info, headcount and
   * response-count series it joins or weighs them with.
   */
  private static boolean readsOnly(final JsonNode panel, final String... metrics) {
    final Set<String> read = metricsOf(panel);
    read.removeAll(
        Set.of(
            "asn_unit_info",
            "asn_program_info",
            "asn_program_feedback_responses",
            "asn_unit_headcount"));
    return !read.isEmpty() && Set.of(metrics).containsAll(read);
  }

  /** Every threshold step list of a panel (defaults and overrides), without the base step. */
  private static List<List<Double>> thresholdSteps(final JsonNode panel) {
    final List<JsonNode> thresholds = new ArrayList<>();
    thresholds.add(panel.path("fieldConfig").path("defaults").path("thresholds"));
    for (final JsonNode override : panel.path("fieldConfig").path("overrides")) {
      for (final JsonNode property : override.path("properties")) {
        if ("thresholds".equals(property.path("id").asText())) {
          thresholds.add(property.path("value"));
        }
      }
    }
    final List<List<Double>> sets = new ArrayList<>();
    for (final JsonNode t : thresholds) {
      final List<Double> steps = new ArrayList<>();
      for (final JsonNode step : t.path("steps")) {
        if (!step.path("value").isNull() && !step.path("value").isMissingNode()) {
          steps.add(step.path("value").asDouble());
        }
      }
      if (!steps.isEmpty()) {
        sets.add(steps);
      }
    }
    return sets;
  }

  private static List<JsonNode> panels(final JsonNode dashboard) {
    return DashboardQueries.panels(dashboard);
  }

  private JsonNode dashboard(final String uid) {
    return dashboards.dashboards().stream()
        .filter(d -> d.path("uid").asText().equals(uid))
        .findFirst()
        .orElseThrow(() -> new AssertionError("No dashboard " + uid));
  }

  private static JsonNode panel(final JsonNode dashboard, final String title) {
    return panels(dashboard).stream()
        .filter(p -> p.path("title").asText().equals(title))
        .findFirst()
        .orElseThrow(() -> new AssertionError("No panel " + title));
  }

  private static JsonNode variable(final JsonNode dashboard, final String name) {
    return find(dashboard.path("templating").path("list"), "name", name);
  }

  private static JsonNode find(final JsonNode array, final String field, final String value) {
    for (final JsonNode node : array) {
      if (node.path(field).asText().equals(value)) {
        return node;
      }
    }
    throw new AssertionError("No element with " + field + " = " + value + " in " + array);
  }
}
