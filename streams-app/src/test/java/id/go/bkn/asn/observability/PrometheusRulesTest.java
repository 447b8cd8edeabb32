package id.go.bkn.asn.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import id.go.bkn.asn.config.AlertThresholds;
import id.go.bkn.asn.schema.AlertRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code prometheus/} files as Prometheus and Alertmanager read them: the config
 * and rule files pass {@code promtool} and {@code amtool} (Debian's prometheus and
 * prometheus-alertmanager packages, which {@code .ci/run} installs), the promtool unit tests in
 * {@code prometheus/tests} pass, and every alert carries what its readers need: a {@code for}, a
 * severity Alertmanager routes on, a contract rule name, Bahasa Indonesia text for leadership and a
 * runbook that exists. The participation rules must cover every contract rule with the defaults of
 * {@link AlertThresholds}, and the unit tests must show every alert firing, quiet and resolving.
 */
class PrometheusRulesTest {

  private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(5);
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Words of Bahasa Indonesia that any sentence of the alert texts is likely to use. */
  private static final Set<String> INDONESIAN_WORDS =
      Set.of(
          "di",
          "dan",
          "yang",
          "tidak",
          "pegawai",
          "pelatihan",
          "belum",
          "dari",
          "dalam",
          "lebih",
          "ada",
          "pada",
          "selama",
          "tahun",
          "ini",
          "atau",
          "mohon",
          "sudah",
          "minggu",
          "tetapi",
          "sehingga",
          "dengan",
          "bagi",
          "agar",
          "hingga",
          "terakhir",
          "berturut");

  /** English function words that never belong in a Bahasa Indonesia sentence. */
  private static final Set<String> ENGLISH_WORDS =
      Set.of(
          "the", "is", "are", "and", "of", "for", "with", "has", "was", "not", "to", "in", "on",
          "at", "this", "that", "below", "above", "than");

  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{.*?}}");
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)");

  private final Path root = repositoryRoot();

  @TempDir Path logs;

  @Test
  void shouldLoadEveryRuleFileWhenPromtoolChecksTheConfig() throws Exception {
    // given
    final Path promtool = InstalledTools.require("promtool");

    // when
    final ToolRun run = run(promtool.toString(), "check", "config", "prometheus/prometheus.yml");

    // then
    run.assertSucceeded();
    for (final Path rules : files("prometheus/rules")) {
      assertThat(run.output())
          .as("promtool check config must have loaded %s through rule_files", rules)
          .contains("Checking " + root.relativize(rules));
    }
  }

  @Test
  void shouldPassPromtoolWhenItChecksEveryRuleFile() throws Exception {
    // given
    final Path promtool = InstalledTools.require("promtool");
    final List<String> command = new ArrayList<>(List.of(promtool.toString(), "check", "rules"));
    files("prometheus/rules").forEach(p -> command.add(root.relativize(p).toString()));

    // when
    final ToolRun run = run(command.toArray(String[]::new));

    // then
    run.assertSucceeded();
  }

  @Test
  void shouldPassEveryPromtoolUnitTestWhenTheRulesAreEvaluated() throws Exception {
    // given
    final Path promtool = InstalledTools.require("promtool");
    final List<String> command = new ArrayList<>(List.of(promtool.toString(), "test", "rules"));
    files("prometheus/tests").forEach(p -> command.add(root.relativize(p).toString()));

    // when
    final ToolRun run = run(command.toArray(String[]::new));

    // then
    run.assertSucceeded();
    assertThat(run.output()).doesNotContain("FAILED");
  }

  @Test
  void shouldAcceptTheAlertmanagerConfigWhenAmtoolChecksIt() throws Exception {
    // given
    final Path amtool = InstalledTools.require("amtool");

    // when
    final ToolRun run = run(amtool.toString(), "check-config", "prometheus/alertmanager.yml");

    // then
    run.assertSucceeded();
    assertThat(run.output()).contains("SUCCESS");
  }

  @Test
  void shouldGiveEveryAlertForSeverityRuleBahasaTextAndRunbookWhenTheRulesAreRead()
      throws Exception {
    // given
    final List<Alert> alerts = alerts();

    // then: every problem of every alert at once
    assertThat(alerts).isNotEmpty();
    final SoftAssertions softly = new SoftAssertions();
    for (final Alert alert : alerts) {
      final String which = alert.name() + " (" + alert.file().getFileName() + ")";
      softly
          .assertThat(alert.node().path("for").asText())
          .as("%s: for", which)
          .matches("(\\d+(ms|s|m|h|d|w|y))+")
          .doesNotMatch("(0+(ms|s|m|h|d|w|y))+");
      softly
          .assertThat(alert.severity())
          .as("%s: severity label", which)
          .isIn("warning", "critical");
      softly.assertThat(alert.rule()).as("%s: rule label", which).matches("[A-Z][A-Z_]*[A-Z]");

      final JsonNode annotations = alert.node().path("annotations");
      final String summary = annotations.path("summary").asText();
      final String description = annotations.path("description").asText();
      softly.assertThat(summary).as("%s: summary", which).isNotBlank();
      softly.assertThat(description).as("%s: description", which).isNotBlank();
      softly
          .assertThat(words(summary + " " + description).stream().distinct().toList())
          .as("%s: distinct Bahasa Indonesia words in summary and description", which)
          .filteredOn(INDONESIAN_WORDS::contains)
          .hasSizeGreaterThanOrEqualTo(3);
      softly
          .assertThat(words(summary))
          .as("%s: English in the summary '%s'", which, summary)
          .doesNotContainAnyElementsOf(ENGLISH_WORDS);
      softly
          .assertThat(words(description))
          .as("%s: English in the description '%s'", which, description)
          .doesNotContainAnyElementsOf(ENGLISH_WORDS);

      final String runbook = annotations.path("runbook_url").asText();
      softly.assertThat(runbook).as("%s: runbook_url", which).isEqualTo(runbookOf(alert.name()));
      softly.assertThat(root.resolve(runbook)).as("%s: runbook", which).isRegularFile();
    }
    softly.assertAll();
  }

  @Test
  void shouldCoverEveryContractRuleWithTheDefaultThresholdsWhenTheParticipationRulesAreRead()
      throws Exception {
    // given
    final AlertThresholds defaults = AlertThresholds.DEFAULTS;
    final Map<String, List<Alert>> byRule =
        alerts().stream()
            .filter(a -> a.file().getFileName().toString().equals("participation.yml"))
            .collect(Collectors.groupingBy(Alert::rule, TreeMap::new, Collectors.toList()));

    // then: every rule of the contract, NO_ACTIVITY at both severities
    assertThat(byRule.keySet())
        .containsAll(Arrays.stream(AlertRule.values()).map(Enum::name).toList());
    assertThat(byRule.get("NO_ACTIVITY"))
        .extracting(Alert::severity)
        .containsExactlyInAnyOrder("warning", "critical");

    // then: the thresholds of AlertThresholds.DEFAULTS
    assertThat(number(byRule, "LOW_PARTICIPATION", "asn_unit_participation_ratio\\{[^}]*}\\)\\s*<"))
        .isEqualTo(defaults.lowParticipationRate());
    assertThat(number(byRule, "LOW_ATTENDANCE", "asn_unit_attendance_ratio\\{[^}]*}\\)\\s*<"))
        .isEqualTo(defaults.lowAttendanceRate());
    assertThat(number(byRule, "LOW_SATISFACTION", "asn_unit_satisfaction_index\\{[^}]*}\\)\\s*<"))
        .isEqualTo(defaults.lowSatisfactionIndex());
    assertThat(number(byRule, "JP_BEHIND_PACE", "asn_unit_jp_expected_ratio\\)\\s*-"))
        .isEqualTo(defaults.jpBehindPaceMargin());

    // then: weekly rules read the closed week only, for units of the minimum cohort
    for (final String weekly :
        List.of("LOW_PARTICIPATION", "LOW_ATTENDANCE", "LOW_SATISFACTION", "NO_ACTIVITY")) {
      for (final Alert alert : byRule.get(weekly)) {
        if (!alert.expr().contains("window=\"week\"")) {
          continue; // the critical NO_ACTIVITY reads the pipeline's own alert state
        }
        assertThat(alert.expr())
            .as(weekly)
            .contains("period=\"previous\"")
            .doesNotContain("current");
        assertThat(number(List.of(alert), "asn_unit_headcount\\)\\s*>="))
            .as("%s: minimum cohort", weekly)
            .isEqualTo(defaults.minCohort());
      }
    }
  }

  @Test
  void shouldShowEveryAlertFiringQuietAndResolvedWhenTheUnitTestsAreRead() throws Exception {
    // given
    final Map<String, Set<String>> fired = new HashMap<>();
    final Set<String> quietFirst = new HashSet<>();
    final Set<String> resolved = new HashSet<>();
    for (final Path file : files("prometheus/tests")) {
      for (final JsonNode group : YAML.readTree(file.toFile()).path("tests")) {
        readExpectations(group, fired, quietFirst, resolved);
      }
    }

    // then
    for (final Alert alert : alerts()) {
      final String which = alert.name() + " (" + alert.severity() + ")";
      assertThat(fired.getOrDefault(alert.name(), Set.of()))
          .as("%s: a unit test where it fires", which)
          .contains(alert.severity());
      assertThat(quietFirst)
          .as("%s: a unit test where it stays quiet", which)
          .contains(alert.name());
      assertThat(resolved)
          .as("%s: a unit test where it fires, then resolves", which)
          .contains(alert.name() + "/" + alert.severity());
    }
  }

  /**
   * Reads one promtool test group: which severities each alert is expected to fire with, which
   * alerts are expected quiet before firing, and which alert/severity is expected to fire and later
   * not (an alert of the same labels missing from a later expectation of the group).
   */
  private static void readExpectations(
      final JsonNode group,
      final Map<String, Set<String>> fired,
      final Set<String> quietFirst,
      final Set<String> resolved) {
    final Map<String, TreeMap<Duration, List<Map<String, String>>>> timeline = new HashMap<>();
    for (final JsonNode check : group.path("alert_rule_test")) {
      final List<Map<String, String>> expected = new ArrayList<>();
      for (final JsonNode alert : check.path("exp_alerts")) {
        final Map<String, String> labels = new TreeMap<>();
        for (final Map.Entry<String, JsonNode> label : alert.path("exp_labels").properties()) {
          labels.put(label.getKey(), label.getValue().asText());
        }
        expected.add(labels);
      }
      timeline
          .computeIfAbsent(check.path("alertname").asText(), k -> new TreeMap<>())
          .put(parseDuration(check.path("eval_time").asText()), expected);
    }
    timeline.forEach(
        (alertname, checks) -> {
          final List<List<Map<String, String>>> inOrder = new ArrayList<>(checks.values());
          if (inOrder.get(0).isEmpty()) {
            quietFirst.add(alertname);
          }
          for (int i = 0; i < inOrder.size(); i++) {
            for (final Map<String, String> labels : inOrder.get(i)) {
              final String severity = labels.get("severity");
              fired.computeIfAbsent(alertname, k -> new HashSet<>()).add(severity);
              if (inOrder.subList(i + 1, inOrder.size()).stream()
                  .anyMatch(l -> !l.contains(labels))) {
                resolved.add(alertname + "/" + severity);
              }
            }
          }
        });
  }

  /** The text's words in lower case, without its templates ({{ $labels.unit }}...). */
  private static List<String> words(final String text) {
    return Arrays.stream(
            TEMPLATE.matcher(text).replaceAll(" ").toLowerCase(Locale.ROOT).split("[^a-z]+"))
        .filter(w -> !w.isEmpty())
        .toList();
  }

  /** The number right after {@code before} in the expression of the rule's alerts. */
  private static double number(
      final Map<String, List<Alert>> byRule, final String rule, final String before) {
    return number(byRule.get(rule), before);
  }

  private static double number(final List<Alert> alerts, final String before) {
    final Pattern pattern = Pattern.compile(before + "\\s*([0-9]+(?:\\.[0-9]+)?)");
    for (final Alert alert : alerts) {
      final Matcher matcher = pattern.matcher(alert.expr());
      if (matcher.find()) {
        return Double.parseDouble(matcher.group(1));
      }
    }
    return fail("no number after /%s/ in %s", before, alerts.stream().map(Alert::expr).toList());
  }

  private static String runbookOf(final String alertname) {
    return "docs/runbooks/" + alertname + ".md";
  }

  private List<Alert> alerts() throws IOException {
    final List<Alert> alerts = new ArrayList<>();
    for (final Path file : files("prometheus/rules")) {
      for (final JsonNode group : YAML.readTree(file.toFile()).path("groups")) {
        for (final JsonNode rule : group.path("rules")) {
          if (rule.has("alert")) {
            alerts.add(new Alert(file, rule));
          }
        }
      }
    }
    return alerts;
  }

  /**
   * The {@code *.yml} files of a directory of the repository, sorted; fails when there are none.
   */
  private List<Path> files(final String directory) throws IOException {
    final Path dir = root.resolve(directory);
    assertThat(dir).as(directory).isDirectory();
    try (Stream<Path> listing = Files.list(dir)) {
      final List<Path> files =
          listing.filter(p -> p.getFileName().toString().endsWith(".yml")).sorted().toList();
      assertThat(files).as("*.yml files in %s", directory).isNotEmpty();
      return files;
    }
  }

  /** Runs a command from the repository root, its output (stdout and stderr) kept in a file. */
  private ToolRun run(final String... command) throws IOException, InterruptedException {
    final Path log = Files.createTempFile(logs, "tool", ".log");
    final Process process =
        new ProcessBuilder(command)
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    final boolean finished = process.waitFor(TOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly().waitFor();
    }
    final String output = Files.readString(log);
    final String line = String.join(" ", command);
    assertThat(finished).as("%s still running after %s:%n%s", line, TOOL_TIMEOUT, output).isTrue();
    return new ToolRun(line, process.exitValue(), output);
  }

  /** The repository root: the nearest directory up from here holding prometheus/prometheus.yml. */
  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("prometheus/prometheus.yml"))) {
        return dir;
      }
    }
    return fail("no prometheus/prometheus.yml in %s or above", Path.of("").toAbsolutePath());
  }

  /** A promtool duration such as {@code 15m} or {@code 1h30m}. */
  private static Duration parseDuration(final String text) {
    final Matcher matcher = DURATION.matcher(text);
    Duration total = Duration.ZERO;
    int end = 0;
    while (matcher.find() && matcher.start() == end) {
      final long n = Long.parseLong(matcher.group(1));
      total =
          total.plus(
              switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                case "w" -> Duration.ofDays(7 * n);
                default -> Duration.ofDays(365 * n);
              });
      end = matcher.end();
    }
    assertThat(end).as("a duration: '%s'", text).isEqualTo(text.length()).isPositive();
    return total;
  }

  /** One alerting rule of a rule file. */
  private record Alert(Path file, JsonNode node) {
    String name() {
      return node.path("alert").asText();
    }

    String expr() {
      return node.path("expr").asText();
    }

    String severity() {
      return node.path("labels").path("severity").asText();
    }

    String rule() {
      return node.path("labels").path("rule").asText();
    }
  }

  /** What a tool printed and how it exited. */
  private record ToolRun(String command, int exitCode, String output) {
    void assertSucceeded() {
      assertThat(exitCode).as("%s exited with %d:%n%s", command, exitCode, output).isZero();
    }
  }
}
