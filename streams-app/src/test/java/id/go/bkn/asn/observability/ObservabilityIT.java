package id.go.bkn.asn.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import id.go.bkn.asn.app.DemoDefaults;
import id.go.bkn.asn.app.DemoRuntime;
import id.go.bkn.asn.config.StreamsSettings;
import id.go.bkn.asn.config.TopologySettings;
import id.go.bkn.asn.function.JakartaCalendar;
import id.go.bkn.asn.local.LocalStack;
import id.go.bkn.asn.schema.WindowSize;
import id.go.bkn.asn.serde.AvroClassTrust;
import id.go.bkn.asn.simulator.BadInputRates;
import id.go.bkn.asn.simulator.KotaSerangReference;
import id.go.bkn.asn.simulator.SimulationConfig;
import id.go.bkn.asn.simulator.UnitProfile;
import id.go.bkn.asn.view.AggregateSnapshot;
import id.go.bkn.asn.view.Period;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The observability files on real components: the demo's own wiring ({@link DemoRuntime}, as {@code
 * DemoIT} runs it, fast-forwarded) is scraped by Debian's Prometheus with the repository's scrape
 * jobs and alert rules, which send to Debian's Alertmanager with the repository's routing tree.
 * Every PromQL expression of every Grafana panel and template variable then returns data (none
 * failing; none empty unless {@link DashboardQueries.Query#mayBeEmpty}), for the city and for each
 * unit the simulator makes lag, and Alertmanager notifies a webhook of the low-participation alert
 * of a lagging unit.
 *
 * <p>The generated configs differ from the repository's only where a test must: targets and
 * addresses on free local ports, 3 s scrapes and 1 s rule evaluation, the rules' {@code for} and
 * {@code keep_firing_for} and Alertmanager's {@code group_wait} and {@code group_interval}
 * shortened, and the webhook URL pointing at this test. Expressions, labels, annotations and the
 * routing tree are the repository's.
 */
class ObservabilityIT {

  static {
    AvroClassTrust.trustPackage("id.go.bkn.asn.schema");
  }

  private static final Logger LOG = LoggerFactory.getLogger(ObservabilityIT.class);

  /** As DemoIT: the first full week closes (on its Wednesday, after the grace) within ~80 s. */
  private static final double SPEED = 10_000;

  private static final double RATE = 1_000;

  private static final String ROOT = KotaSerangReference.ROOT_UNIT_ID;

  /** The scrape job of the app; the rules select on it. */
  private static final String APP_JOB = "asn-pipeline";

  private static final String LOW_PARTICIPATION = "AsnLowParticipation";

  /** The Detail Unit dashboard, run for each lagging unit as well as for the city. */
  private static final String DETAIL_UNIT = "asn-detail-unit";

  /**
   * Figures a lagging unit may legitimately lack, beyond {@link DashboardQueries#MAY_BE_ABSENT}.
   * The simulator sends almost nobody from a lagging unit, so a week can pass without a single
   * session of theirs: the attendance rate then has no denominator and is absent by design
   * (metrics.md; the panels show "Tidak ada sesi tercatat"). The city always has sessions in a
   * closed week, so its queries stay strict.
   */
  private static final Set<String> ABSENT_FOR_A_LAGGING_UNIT = Set.of("asn_unit_attendance_ratio");

  /**
   * Stands in for every rule's {@code for} and {@code keep_firing_for}: the repository's minutes
   * would outlast the test. With a 1 s evaluation interval an alert still goes pending first.
   */
  private static final String RULE_HOLD = "3s";

  /** Alertmanager's group_wait and group_interval in the copy (the repository's: 30 s to 10 m). */
  private static final String GROUP_TIMING = "1s";

  /**
   * Prometheus' scrape interval and timeout. The app's page holds about 15,000 samples, and while
   * the demo runs at {@value #SPEED}x on two shared cores a scrape has taken up to 1.8 s: with 1 s
   * some fail, and a failed scrape marks every series stale, so the dashboards' queries would come
   * back empty for a moment. Rules are still evaluated every second.
   */
  private static final String SCRAPE_INTERVAL = "3s";

  /** {@code $__rate_interval}: a minute holds 20 scrapes, plenty for rate(). */
  private static final String RATE_INTERVAL = "1m";

  private static final String RANGE = "5m";

  private static final Duration PROCESS_STOP = Duration.ofSeconds(10);
  private static final int LOG_TAIL_LINES = 40;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir Path tmp;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Deque<ChildProcess> children = new ArrayDeque<>();
  private final List<Notification> notifications = new CopyOnWriteArrayList<>();
  private HttpServer webhook;

  @AfterEach
  void stopEverythingStarted() {
    while (!children.isEmpty()) {
      children.pop().close();
    }
    if (webhook != null) {
      webhook.stop(0);
    }
  }

  @Test
  void shouldAnswerEveryDashboardQueryAndNotifyTheLaggingUnitWhenPrometheusScrapesTheDemo()
      throws Exception {
    // given: Debian's binaries (skip without them, fail on CI)
    final Path prometheusBinary = InstalledTools.require("prometheus");
    final Path alertmanagerBinary = InstalledTools.require("prometheus-alertmanager");

    // given: the demo, its simulation starting on a Monday three to four weeks back, as DemoIT
    final Path dataDir = Files.createDirectories(tmp.resolve("demo"));
    final LocalDate monday =
        LocalDate.now(JakartaCalendar.ZONE)
            .minusWeeks(3)
            .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    final Instant firstWeek = monday.atStartOfDay(JakartaCalendar.ZONE).toInstant();
    final SimulationConfig simulation =
        SimulationConfig.defaults(Clock.systemUTC())
            .withFrom(firstWeek)
            .withSpeed(SPEED)
            .withRate(RATE)
            .withBadInput(BadInputRates.uniform(DemoDefaults.BAD_INPUT_RATE));
    final List<String> lagging =
        KotaSerangReference.build(simulation).unitsWithRole(UnitProfile.Role.LAGGING);
    assertThat(lagging).as("units the simulator makes lag").isNotEmpty();
    final DemoRuntime.Settings settings =
        new DemoRuntime.Settings(
            LocalStack.Settings.ephemeral(dataDir),
            Map.of(),
            StreamsSettings.Options.defaults(dataDir),
            TopologySettings.DEFAULTS,
            0,
            Duration.ofSeconds(10),
            simulation);
    final Phases phases = new Phases();

    try (DemoRuntime demo =
        phases.get("start the demo", () -> DemoRuntime.start(settings, Clock.systemUTC()))) {
      // given: the webhook and Alertmanager on free ports
      final URI webhookUrl = phases.get("start the webhook receiver", this::startWebhook);
      final URI alertmanager =
          phases.get("start Alertmanager", () -> startAlertmanager(alertmanagerBinary, webhookUrl));

      // when: the first simulated week has closed in the app's aggregate view. The week before
      // --from closes first, two simulated days in, holding only the simulator's late copies
      // (README.md): every unit is near zero in it, so every unit fires low participation.
      // Prometheus starts only now, so the alerts it sends are about a full simulated week.
      phases.run(
          "await the first simulated week closed",
          () ->
              await()
                  .atMost(Duration.ofMinutes(3))
                  .pollInterval(Duration.ofSeconds(1))
                  .failFast("a child process exited", this::aChildExited)
                  .until(
                      () -> previousWeekStart(demo),
                      start -> start.filter(w -> !w.isBefore(firstWeek)).isPresent()));

      // when: Prometheus has scraped the app
      final URI app = URI.create(demo.app().httpUrl());
      final URI prometheus =
          phases.get(
              "start Prometheus", () -> startPrometheus(prometheusBinary, app, alertmanager));
      phases.run(
          "check the rules Prometheus loaded",
          () ->
              assertThat(loadedAlerts(prometheus))
                  .as("alerting rules Prometheus loaded from the copies of prometheus/rules")
                  .isNotEmpty()
                  .containsExactlyInAnyOrderElementsOf(repositoryAlerts()));
      final String closedWeek =
          "asn_unit_participants{job=\""
              + APP_JOB
              + "\",unit=\""
              + ROOT
              + "\",window=\"week\",period=\"previous\"}";
      phases.run(
          "await the first scrape",
          () ->
              await()
                  .atMost(Duration.ofSeconds(30))
                  .pollInterval(Duration.ofMillis(500))
                  .failFast("a child process exited", this::aChildExited)
                  .untilAsserted(
                      () ->
                          assertThat(query(prometheus, closedWeek).path("data").path("result"))
                              .as("%s, scraped", closedWeek)
                              .isNotEmpty()));

      // then: every dashboard expression answers, for the city and for every lagging unit
      final DashboardQueries dashboards = DashboardQueries.fromRepository();
      final List<DashboardQueries.Query> queries =
          new ArrayList<>(dashboards.queries(ROOT, RATE_INTERVAL, RANGE));
      for (final String unit : lagging) {
        dashboards.queries(unit, RATE_INTERVAL, RANGE).stream()
            .filter(q -> q.dashboard().equals(DETAIL_UNIT))
            .map(
                q ->
                    new DashboardQueries.Query(
                        q.dashboard() + "[" + unit + "]",
                        q.source(),
                        q.expr(),
                        q.mayBeEmpty() || reads(q.expr(), ABSENT_FOR_A_LAGGING_UNIT)))
            .forEach(queries::add);
      }
      final AtomicReference<List<String>> lastProblems = new AtomicReference<>(List.of());
      phases.run(
          "run " + queries.size() + " dashboard queries",
          () ->
              await()
                  .atMost(Duration.ofSeconds(90))
                  .pollInterval(Duration.ofSeconds(3))
                  .failFast("a child process exited", this::aChildExited)
                  .untilAsserted(
                      () -> {
                        final List<String> problems = problems(prometheus, queries);
                        if (!problems.equals(lastProblems.getAndSet(problems))) {
                          LOG.info(
                              "{} of {} dashboard expressions failed or were empty:\n{}",
                              problems.size(),
                              queries.size(),
                              String.join("\n", problems));
                        }
                        assertThat(problems)
                            .withFailMessage(
                                () ->
                                    problems.size()
                                        + " of "
                                        + queries.size()
                                        + " dashboard expressions failed or were empty:\n"
                                        + String.join("\n", problems))
                            .isEmpty();
                      }));

      // then: Alertmanager notifies the webhook of a lagging unit's low participation
      final Notification.Alert alert =
          phases.get(
              "await the low-participation notification",
              () ->
                  await()
                      .atMost(Duration.ofSeconds(90))
                      .pollInterval(Duration.ofSeconds(1))
                      .failFast("a child process exited", this::aChildExited)
                      .until(() -> firingLowParticipation(lagging), Optional::isPresent)
                      .orElseThrow());
      phases.run(
          "check the notification",
          () -> {
            assertThat(alert.labels().path("severity").asText())
                .as("severity")
                .isEqualTo("warning");
            assertThat(alert.labels().path("rule").asText())
                .as("rule")
                .isEqualTo("LOW_PARTICIPATION");
            assertThat(alert.labels().path("name").asText()).as("the unit's name").isNotBlank();
            assertThat(alert.annotations().path("summary").asText())
                .as("summary")
                .isNotBlank()
                .contains(alert.labels().path("name").asText());
            assertThat(alert.annotations().path("description").asText())
                .as("description")
                .isNotBlank()
                .contains(alert.labels().path("unit").asText());
            assertThat(alert.receiver())
                .as("the receiver prometheus/alertmanager.yml routes severity=\"warning\" to")
                .isEqualTo("warning");
            // Not every unit: the week before --from fired for all, a full week only for a few.
            final String firing =
                "count(ALERTS{alertname=\"" + LOW_PARTICIPATION + "\",alertstate=\"firing\"})";
            final String cohort = "count(max by (unit) (asn_unit_headcount) >= 20)";
            assertThat(firstValue(query(prometheus, firing)))
                .as("%s, less than the units of the minimum cohort (%s)", firing, cohort)
                .isLessThan(firstValue(query(prometheus, cohort)));
          });
      LOG.info("What Prometheus saw: {}", prometheusSummary(prometheus));
      LOG.info("Phases: {}", phases);
    }
  }

  // ------------------------------------------------------------------ queries

  /** Each expression that fails, or is empty without {@code mayBeEmpty}, with what went wrong. */
  private List<String> problems(final URI prometheus, final List<DashboardQueries.Query> queries)
      throws IOException, InterruptedException {
    final List<String> problems = new ArrayList<>();
    for (final DashboardQueries.Query q : queries) {
      final String which = q.dashboard() + " / " + q.source() + ": " + q.expr();
      final JsonNode answer = query(prometheus, q.expr());
      if (!"success".equals(answer.path("status").asText())) {
        problems.add("FAILED " + which + " -> " + answer.path("error").asText(answer.toString()));
      } else if (!q.mayBeEmpty() && isEmpty(answer.path("data"))) {
        problems.add("EMPTY  " + which);
      }
    }
    return problems;
  }

  /** How Prometheus' scrapes of the app went and which alerts fire, for the log. */
  private String prometheusSummary(final URI prometheus) throws IOException, InterruptedException {
    final StringBuilder out = new StringBuilder();
    for (final String expr :
        List.of(
            "count_over_time(up{job=\"" + APP_JOB + "\"}[5m])",
            "count_over_time((up{job=\"" + APP_JOB + "\"} == 0)[5m:1s])",
            "max_over_time(scrape_duration_seconds{job=\"" + APP_JOB + "\"}[5m])",
            "max_over_time(scrape_samples_scraped{job=\"" + APP_JOB + "\"}[5m])",
            "topk(5, count by (__name__) ({job=\"" + APP_JOB + "\"}))",
            "count by (alertname) (ALERTS{alertstate=\"firing\"})",
            "count(max by (unit) (asn_unit_headcount) >= 20)")) {
      final JsonNode result = query(prometheus, expr).path("data").path("result");
      out.append("\n  ").append(expr).append(" =");
      if (result.isEmpty()) {
        out.append(" (none)");
      }
      for (final JsonNode series : result) {
        final JsonNode metric = series.path("metric");
        final String name = metric.path("__name__").asText(metric.path("alertname").asText(""));
        out.append(' ')
            .append(name)
            .append(name.isEmpty() ? "" : ":")
            .append(series.path("value").get(1).asText());
      }
    }
    return out.toString();
  }

  /** The start of the city's last closed week in the app's aggregate view, if one has closed. */
  private static Optional<Instant> previousWeekStart(final DemoRuntime demo) {
    return demo.app()
        .aggregates()
        .window(ROOT, WindowSize.WEEK, Period.PREVIOUS)
        .map(AggregateSnapshot.UnitWindow::windowStart);
  }

  /** The value of the first series of an instant query's answer, NaN when there is none. */
  private static double firstValue(final JsonNode answer) {
    final JsonNode result = answer.path("data").path("result");
    return result.isEmpty() ? Double.NaN : result.get(0).path("value").get(1).asDouble();
  }

  /** Whether the expression reads one of the metrics (as DashboardQueries decides mayBeEmpty). */
  private static boolean reads(final String expr, final Set<String> metrics) {
    return DashboardQueries.metricNames(expr).stream().anyMatch(metrics::contains);
  }

  private static boolean isEmpty(final JsonNode data) {
    final String type = data.path("resultType").asText();
    return ("vector".equals(type) || "matrix".equals(type)) && data.path("result").isEmpty();
  }

  /** An instant query through Prometheus' HTTP API, its JSON answer (errors included). */
  private JsonNode query(final URI prometheus, final String expr)
      throws IOException, InterruptedException {
    final HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    prometheus.resolve(
                        "/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    try {
      return JSON.readTree(response.body());
    } catch (final IOException e) {
      return JSON.createObjectNode()
          .put("status", "error")
          .put("error", "HTTP " + response.statusCode() + ": " + response.body());
    }
  }

  // ------------------------------------------------------------------ Prometheus

  private URI startPrometheus(final Path binary, final URI app, final URI alertmanager)
      throws IOException {
    final Path dir = Files.createDirectories(tmp.resolve("prometheus"));
    final int port = freePort();
    final Path config = writePrometheusConfig(dir, app, alertmanager, port);
    final ChildProcess process =
        start(
            "prometheus",
            dir,
            binary.toString(),
            "--config.file=" + config,
            "--storage.tsdb.path=" + Files.createDirectories(dir.resolve("data")),
            "--web.listen-address=127.0.0.1:" + port,
            "--log.level=info");
    final URI url = URI.create("http://127.0.0.1:" + port);
    awaitReady(process, url);
    return url;
  }

  /**
   * The repository's prometheus.yml with its jobs pointed at this test's processes, short
   * intervals, the rule files copied (for and keep_firing_for shortened) and alerts sent to this
   * Alertmanager.
   */
  private Path writePrometheusConfig(
      final Path dir, final URI app, final URI alertmanager, final int port) throws IOException {
    final Path repository = Repository.resolve("prometheus");
    final ObjectNode config = (ObjectNode) readYaml(repository.resolve("prometheus.yml"));

    final ObjectNode global = config.withObjectProperty("global");
    global.put("scrape_interval", SCRAPE_INTERVAL);
    global.put("scrape_timeout", SCRAPE_INTERVAL);
    global.put("evaluation_interval", "1s");

    final ArrayNode ruleFiles = config.putArray("rule_files");
    final Path rules = Files.createDirectories(dir.resolve("rules"));
    for (final Path file : ruleFiles(repository)) {
      final Path copy = rules.resolve(file.getFileName());
      YAML.writeValue(copy.toFile(), withShortHolds(readYaml(file)));
      ruleFiles.add(copy.toString());
    }

    final ObjectNode alerting = config.withObjectProperty("alerting");
    final ArrayNode alertmanagers = alerting.putArray("alertmanagers");
    alertmanagers
        .addObject()
        .putArray("static_configs")
        .addObject()
        .putArray("targets")
        .add(alertmanager.getHost() + ":" + alertmanager.getPort());

    final Map<String, String> targets =
        Map.of(
            APP_JOB,
            app.getHost() + ":" + app.getPort(),
            "prometheus",
            "127.0.0.1:" + port,
            "alertmanager",
            alertmanager.getHost() + ":" + alertmanager.getPort());
    boolean appScraped = false;
    for (final JsonNode job : config.path("scrape_configs")) {
      final String name = job.path("job_name").asText();
      assertThat(targets)
          .as("a target in this test for the job %s of prometheus.yml", name)
          .containsKey(name);
      final ObjectNode scrape = (ObjectNode) job;
      scrape.remove("scrape_interval");
      scrape.remove("scrape_timeout");
      scrape.putArray("static_configs").addObject().putArray("targets").add(targets.get(name));
      appScraped |= name.equals(APP_JOB);
    }
    assertThat(appScraped).as("prometheus.yml scrapes the job %s the rules use", APP_JOB).isTrue();

    final Path file = dir.resolve("prometheus.yml");
    YAML.writeValue(file.toFile(), config);
    return file;
  }

  /** Every alerting rule of prometheus/rules, as "file: alert (severity)". */
  private static List<String> repositoryAlerts() throws IOException {
    final List<String> alerts = new ArrayList<>();
    for (final Path file : ruleFiles(Repository.resolve("prometheus"))) {
      for (final JsonNode group : readYaml(file).path("groups")) {
        for (final JsonNode rule : group.path("rules")) {
          if (rule.has("alert")) {
            alerts.add(alertKey(file.getFileName().toString(), rule));
          }
        }
      }
    }
    return alerts;
  }

  /** Every alerting rule Prometheus has loaded, as "file: alert (severity)". */
  private List<String> loadedAlerts(final URI prometheus) throws IOException, InterruptedException {
    final HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(prometheus.resolve("/api/v1/rules?type=alert"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    final List<String> alerts = new ArrayList<>();
    for (final JsonNode group : JSON.readTree(response.body()).path("data").path("groups")) {
      final String file = Path.of(group.path("file").asText()).getFileName().toString();
      for (final JsonNode rule : group.path("rules")) {
        alerts.add(alertKey(file, rule));
      }
    }
    return alerts;
  }

  private static String alertKey(final String file, final JsonNode rule) {
    final String name =
        rule.has("alert") ? rule.path("alert").asText() : rule.path("name").asText();
    return file + ": " + name + " (" + rule.path("labels").path("severity").asText() + ")";
  }

  private static List<Path> ruleFiles(final Path repository) throws IOException {
    try (Stream<Path> files = Files.list(repository.resolve("rules"))) {
      final List<Path> found =
          files.filter(f -> f.getFileName().toString().endsWith(".yml")).sorted().toList();
      assertThat(found).as("prometheus/rules/*.yml").isNotEmpty();
      return found;
    }
  }

  /**
   * A rule file whose rules hold for {@value #RULE_HOLD} instead of minutes, so the test needs no
   * quarter of an hour; the expressions, labels and annotations stay as they are.
   */
  private static JsonNode withShortHolds(final JsonNode rules) {
    for (final JsonNode group : rules.path("groups")) {
      for (final JsonNode rule : group.path("rules")) {
        for (final String hold : List.of("for", "keep_firing_for")) {
          if (rule.has(hold)) {
            ((ObjectNode) rule).put(hold, RULE_HOLD);
          }
        }
      }
    }
    return rules;
  }

  // ------------------------------------------------------------------ Alertmanager

  private URI startAlertmanager(final Path binary, final URI webhookUrl) throws IOException {
    final Path dir = Files.createDirectories(tmp.resolve("alertmanager"));
    final int port = freePort();
    final Path config = writeAlertmanagerConfig(dir, webhookUrl);
    final ChildProcess process =
        start(
            "alertmanager",
            dir,
            binary.toString(),
            "--config.file=" + config,
            "--storage.path=" + Files.createDirectories(dir.resolve("data")),
            "--web.listen-address=127.0.0.1:" + port,
            "--cluster.listen-address=",
            "--log.level=info");
    final URI url = URI.create("http://127.0.0.1:" + port);
    awaitReady(process, url);
    return url;
  }

  /**
   * The repository's alertmanager.yml, routing tree and inhibit rules as they are, with every
   * webhook posting to this test (the receiver's name as the path) and group_wait and
   * group_interval shortened to {@value #GROUP_TIMING} wherever the tree sets them.
   */
  private Path writeAlertmanagerConfig(final Path dir, final URI webhookUrl) throws IOException {
    final ObjectNode config =
        (ObjectNode) readYaml(Repository.resolve("prometheus/alertmanager.yml"));
    final ObjectNode route = (ObjectNode) config.path("route");
    assertThat(route.isObject()).as("alertmanager.yml has a route").isTrue();
    shortenGroupTiming(route);
    route.put("group_wait", GROUP_TIMING);
    route.put("group_interval", GROUP_TIMING);
    int webhooks = 0;
    for (final JsonNode receiver : config.path("receivers")) {
      final String name = receiver.path("name").asText();
      for (final JsonNode hook : receiver.path("webhook_configs")) {
        ((ObjectNode) hook).put("url", webhookUrl.resolve("/" + name).toString());
        webhooks++;
      }
    }
    assertThat(webhooks).as("webhook receivers in alertmanager.yml").isPositive();
    final Path file = dir.resolve("alertmanager.yml");
    YAML.writeValue(file.toFile(), config);
    return file;
  }

  private static void shortenGroupTiming(final ObjectNode route) {
    for (final String timing : List.of("group_wait", "group_interval")) {
      if (route.has(timing)) {
        route.put(timing, GROUP_TIMING);
      }
    }
    for (final JsonNode child : route.path("routes")) {
      shortenGroupTiming((ObjectNode) child);
    }
  }

  // ------------------------------------------------------------------ the webhook

  /** What Alertmanager posted: the receiver's path and its webhook JSON. */
  private record Notification(String path, JsonNode body) {

    /** One alert of a notification. */
    record Alert(String receiver, String status, JsonNode labels, JsonNode annotations) {}

    List<Alert> alerts() {
      final List<Alert> alerts = new ArrayList<>();
      for (final JsonNode alert : body.path("alerts")) {
        alerts.add(
            new Alert(
                body.path("receiver").asText(),
                alert.path("status").asText(),
                alert.path("labels"),
                alert.path("annotations")));
      }
      return alerts;
    }
  }

  private URI startWebhook() throws IOException {
    webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    webhook.createContext("/", this::record);
    webhook.start();
    return URI.create("http://127.0.0.1:" + webhook.getAddress().getPort());
  }

  private void record(final HttpExchange exchange) throws IOException {
    try (exchange;
        InputStream body = exchange.getRequestBody()) {
      final byte[] bytes = body.readAllBytes();
      final String path = exchange.getRequestURI().getPath();
      try {
        notifications.add(new Notification(path, JSON.readTree(bytes)));
      } catch (final IOException e) {
        LOG.warn("Webhook {}: not JSON: {}", path, new String(bytes, StandardCharsets.UTF_8));
      }
      exchange.sendResponseHeaders(200, -1);
    }
  }

  /** The first firing AsnLowParticipation notification of a lagging unit, if any came. */
  private Optional<Notification.Alert> firingLowParticipation(final List<String> lagging) {
    return notifications.stream()
        .flatMap(n -> n.alerts().stream())
        .filter(a -> LOW_PARTICIPATION.equals(a.labels().path("alertname").asText()))
        .filter(a -> "firing".equals(a.status()))
        .filter(a -> lagging.contains(a.labels().path("unit").asText()))
        .findFirst();
  }

  // ------------------------------------------------------------------ child processes

  /** A child process, its stdout and stderr kept in one log file. */
  private record ChildProcess(String name, Process process, Path log) implements AutoCloseable {

    String tail() {
      try {
        final List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join(
            "\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
      } catch (final IOException e) {
        return "(cannot read " + log + ": " + e + ")";
      }
    }

    /** Asks the process to stop, then kills it if it has not within {@link #PROCESS_STOP}. */
    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(PROCESS_STOP.toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.warn("{} did not stop within {}; killing it", name, PROCESS_STOP);
          process.destroyForcibly().waitFor(PROCESS_STOP.toMillis(), TimeUnit.MILLISECONDS);
        }
      } catch (final InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private ChildProcess start(final String name, final Path dir, final String... command)
      throws IOException {
    final Path log = dir.resolve(name + ".log");
    final Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    final ChildProcess child = new ChildProcess(name, process, log);
    children.push(child);
    LOG.info("Started {} (pid {}), log in {}", name, process.pid(), log);
    return child;
  }

  private void awaitReady(final ChildProcess child, final URI url) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .failFast(child.name() + " exited", () -> !child.process().isAlive())
        .ignoreExceptions()
        .until(
            () ->
                http.send(
                            HttpRequest.newBuilder(url.resolve("/-/ready"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                    == 200);
  }

  private boolean aChildExited() {
    return children.stream().anyMatch(c -> !c.process().isAlive());
  }

  /** The tail of each child's log, for a failure message. */
  private String childLogs() {
    final StringBuilder out = new StringBuilder();
    final Iterator<ChildProcess> it = children.descendingIterator();
    while (it.hasNext()) {
      final ChildProcess child = it.next();
      out.append("\n--- ")
          .append(child.name())
          .append(child.process().isAlive() ? " (running)" : " (exited " + exitValue(child) + ")")
          .append(", last lines of ")
          .append(child.log())
          .append(":\n")
          .append(child.tail());
    }
    if (webhook != null) {
      out.append("\n--- webhook: ").append(notifications.size()).append(" notifications");
      notifications.stream()
          .flatMap(n -> n.alerts().stream())
          .map(
              a ->
                  a.labels().path("alertname").asText()
                      + "/"
                      + a.labels().path("unit").asText()
                      + " "
                      + a.status())
          .distinct()
          .limit(30)
          .forEach(a -> out.append("\n  ").append(a));
    }
    return out.toString();
  }

  private static String exitValue(final ChildProcess child) {
    return String.valueOf(child.process().exitValue());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  // ------------------------------------------------------------------ YAML

  /**
   * A YAML file as a tree, its aliases ({@code *webhook}) replaced by a copy of what their anchor
   * ({@code &webhook}) marks; Jackson alone would read an alias as the anchor's name.
   */
  private static JsonNode readYaml(final Path file) throws IOException {
    try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(file.toFile())) {
      parser.nextToken();
      return readNode(parser, new HashMap<>());
    }
  }

  private static JsonNode readNode(final YAMLParser parser, final Map<String, JsonNode> anchors)
      throws IOException {
    if (parser.isCurrentAlias()) {
      final JsonNode anchored = anchors.get(parser.getText());
      if (anchored == null) {
        throw new IOException("YAML alias *" + parser.getText() + " before its anchor");
      }
      return anchored.deepCopy();
    }
    final String anchor = parser.getObjectId() == null ? null : parser.getObjectId().toString();
    final JsonNode node;
    if (parser.currentToken() == JsonToken.START_OBJECT) {
      final ObjectNode object = JsonNodeFactory.instance.objectNode();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        final String key = parser.currentName();
        if ("<<".equals(key)) {
          throw new IOException("YAML merge keys are not supported here");
        }
        parser.nextToken();
        object.set(key, readNode(parser, anchors));
      }
      node = object;
    } else if (parser.currentToken() == JsonToken.START_ARRAY) {
      final ArrayNode array = JsonNodeFactory.instance.arrayNode();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        array.add(readNode(parser, anchors));
      }
      node = array;
    } else {
      node = YAML.readTree(parser);
    }
    if (anchor != null) {
      anchors.put(anchor, node);
    }
    return node;
  }

  // ------------------------------------------------------------------ phases

  /** A step of the test, timed and logged; a failure in it carries the children's logs. */
  @FunctionalInterface
  private interface Step<T> {
    T run() throws Exception;
  }

  /** A step of the test that returns nothing. */
  @FunctionalInterface
  private interface VoidStep {
    void run() throws Exception;
  }

  private final class Phases {
    private final Map<String, Duration> took = new LinkedHashMap<>();

    void run(final String name, final VoidStep step) throws Exception {
      get(
          name,
          () -> {
            step.run();
            return null;
          });
    }

    <T> T get(final String name, final Step<T> step) throws Exception {
      final long start = System.nanoTime();
      try {
        final T result = step.run();
        record(name, start);
        return result;
      } catch (final AssertionError | ConditionTimeoutException e) {
        record(name, start);
        throw new AssertionError(
            name
                + " failed after "
                + took.get(name).toSeconds()
                + " s: "
                + e.getMessage()
                + childLogs(),
            e);
      }
    }

    private void record(final String name, final long start) {
      final Duration d = Duration.ofNanos(System.nanoTime() - start);
      took.put(name, d);
      LOG.info("Phase '{}' took {} ms", name, d.toMillis());
    }

    @Override
    public String toString() {
      return took.entrySet().stream()
          .map(e -> e.getKey() + " " + e.getValue().toMillis() / 100 / 10.0 + " s")
          .collect(Collectors.joining(", "));
    }
  }
}
