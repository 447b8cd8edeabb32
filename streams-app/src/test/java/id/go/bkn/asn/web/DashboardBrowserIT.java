package id.go.bkn.asn.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.go.bkn.asn.app.DemoDefaults;
import id.go.bkn.asn.app.DemoRuntime;
import id.go.bkn.asn.config.StreamsSettings;
import id.go.bkn.asn.config.TopologySettings;
import id.go.bkn.asn.function.JakartaCalendar;
import id.go.bkn.asn.local.LocalStack;
import id.go.bkn.asn.observability.InstalledTools;
import id.go.bkn.asn.serde.AvroClassTrust;
import id.go.bkn.asn.simulator.BadInputRates;
import id.go.bkn.asn.simulator.KotaSerangReference;
import id.go.bkn.asn.simulator.SimulationConfig;
import id.go.bkn.asn.simulator.UnitProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web dashboard in a real browser: the demo's own wiring ({@link DemoRuntime}, fast-forwarded
 * as in DemoIT) serves the page, Debian's headless Chromium opens it through Selenium, and once the
 * first week has closed the page shows the city's last-week participation exactly as {@code
 * /metrics} does, ranks the units the simulator makes lag, opens a unit's page from the ranking
 * with its charts drawn, and shows the programme page, all without a browser console error.
 * Screenshots of each page (and of the summary at a phone's width) go to {@code target/dashboard/}.
 */
class DashboardBrowserIT {

  static {
    AvroClassTrust.trustPackage("id.go.bkn.asn.schema");
  }

  private static final Logger LOG = LoggerFactory.getLogger(DashboardBrowserIT.class);

  /** As DemoIT: the first full week closes (on its Wednesday, after the grace) within minutes. */
  private static final double SPEED = 10_000;

  private static final double RATE = 1_000;

  private static final String ROOT = KotaSerangReference.ROOT_UNIT_ID;

  /**
   * Nine simulated days (the first full week and the grace) take about 80 s at {@value #SPEED}x;
   * the streams app, sharing two cores with the rest, may take several times that.
   */
  private static final Duration FIRST_WEEK_CLOSES = Duration.ofMinutes(8);

  private static final String INSTALL_HINT =
      "install them with: apt-get install chromium chromium-driver";

  private static final Path SCREENSHOTS = Path.of("target", "dashboard");

  /** A sample of the gauge, its labels in whatever order the registry writes them. */
  private static final Pattern PARTICIPATION =
      Pattern.compile("^asn_unit_participation_ratio\\{([^}]*)}\\s+(\\S+)$", Pattern.MULTILINE);

  private static final Set<String> CITY_PREVIOUS =
      Set.of("unit=\"" + ROOT + "\"", "window=\"week\"", "period=\"previous\"");

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void shouldShowTheCitysFiguresRankingUnitPageAndChartsInChromiumWhenTheDemoRuns()
      throws Exception {
    // given: Debian's Chromium and its driver (skip without them, fail on CI)
    final Path chromium = InstalledTools.require("chromium", INSTALL_HINT);
    final Path chromedriver = InstalledTools.require("chromedriver", INSTALL_HINT);

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
    Files.createDirectories(SCREENSHOTS);

    try (DemoRuntime demo = DemoRuntime.start(settings, Clock.systemUTC())) {
      final String base = demo.app().httpUrl();
      final ChromeDriver browser = browser(chromium, chromedriver);
      try {
        // when: the summary page is opened before any week has closed, and left to update itself
        browser.get(base + "/");
        // The simulation's first full week, not an empty one before it, so that units differ.
        await("the simulation's first week closed")
            .atMost(FIRST_WEEK_CLOSES)
            .pollInterval(Duration.ofSeconds(3))
            .until(
                () -> lastClosedWeek(base),
                week -> week.map(w -> !w.isBefore(monday)).orElse(false));
        final double cityPrevious = cityPreviousOnMetrics(base).orElseThrow();
        LOG.info("Week of {} closed: city participation {}", monday, cityPrevious);

        // then: the page shows the same figure, updated without a reload. Value and text are read
        // in one script, as the page may redraw between two reads.
        final List<?> shown =
            await("the page showing the figure of /metrics")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(
                    () -> cityParticipationShown(browser),
                    v ->
                        v != null
                            && cityPreviousOnMetrics(base)
                                .map(m -> Double.parseDouble((String) v.get(0)) == m)
                                .orElse(false));
        final double value = Double.parseDouble((String) shown.get(0));
        assertThat(percentOnPage((String) shown.get(1)))
            .as("the city's participation as the page prints it (%s)", shown.get(1))
            .isCloseTo(value * 100, within(0.05));
        assertThat(text(browser, "#live-text")).startsWith("Diperbarui ");

        // then: the ranking lists the lagging units
        final List<String> ranked =
            await("the ranking")
                .atMost(Duration.ofSeconds(30))
                .until(() -> rankedUnits(browser), rows -> !rows.isEmpty());
        assertThat(ranked).as("the lowest units of last week").containsAll(lagging);
        assertThat(browser.findElements(By.cssSelector("#root-KOTA-SERANG-participation canvas")))
            .isNotEmpty();
        assertThat(drawn(browser, "root-KOTA-SERANG-participation")).isTrue();
        screenshot(browser, "ringkasan");
        browser.manage().window().setSize(new Dimension(412, 915));
        screenshot(browser, "ringkasan-ponsel");
        browser.manage().window().setSize(new Dimension(1400, 1000));

        // when: a lagging unit is opened from the ranking
        final String unit = lagging.get(0);
        await("a click on the unit in the ranking")
            .atMost(Duration.ofSeconds(30))
            .ignoreExceptions()
            .until(
                () -> {
                  // The page may redraw the ranking between finding the link and clicking it.
                  browser
                      .findElement(By.cssSelector("#ranking-rows tr[data-unit='" + unit + "'] a"))
                      .click();
                  return true;
                });

        // then: its page, reachable by its own URL, with a breadcrumb up to the city and charts
        await("the unit page")
            .atMost(Duration.ofSeconds(30))
            .ignoreExceptions()
            .until(
                () ->
                    browser.getCurrentUrl().endsWith("#/unit/" + unit)
                        && browser.findElement(By.id("view-unit")).isDisplayed()
                        && drawn(browser, "unit-chart-participation"));
        assertThat(text(browser, "#breadcrumb")).startsWith("Pemerintah Kota Serang");
        assertThat(text(browser, "[data-testid='unit-participation-previous']")).endsWith("%");
        screenshot(browser, "unit");

        // when: the city's unit page shows its sub-units, the programme page its programmes
        browser.get(base + "/#/unit/" + ROOT);
        await("the city's sub-units")
            .atMost(Duration.ofSeconds(30))
            .ignoreExceptions()
            .until(
                () ->
                    browser.findElements(By.cssSelector("#children-rows tr")).size() > 5
                        && drawn(browser, "unit-chart-children"));
        screenshot(browser, "unit-kota");
        browser.get(base + "/#/program");
        await("the programme page")
            .atMost(Duration.ofSeconds(30))
            .ignoreExceptions()
            .until(
                () ->
                    browser.findElement(By.id("view-program")).isDisplayed()
                        && !browser
                            .findElements(By.cssSelector("#program-rows tr[data-program]"))
                            .isEmpty()
                        && drawn(browser, "kind-chart-satisfaction"));
        screenshot(browser, "program");

        // then: no console error on any page
        final List<LogEntry> errors =
            browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();
        assertThat(errors).as("browser console errors").isEmpty();
      } finally {
        browser.quit();
      }
    }
  }

  private ChromeDriver browser(final Path chromium, final Path chromedriver) throws Exception {
    final ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1000",
        "--user-data-dir=" + Files.createDirectories(tmp.resolve("chromium")));
    final LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    final ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver.toFile())
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }

  /** The ranking's unit ids, top to bottom, read in one script (the page may redraw). */
  @SuppressWarnings("unchecked")
  private static List<String> rankedUnits(final ChromeDriver browser) {
    return (List<String>)
        ((JavascriptExecutor) browser)
            .executeScript(
                "return [...document.querySelectorAll('#ranking-rows tr')].map(r => r.dataset.unit);");
  }

  /** An element's text, read in one script (the page may redraw between two WebDriver calls). */
  private static String text(final ChromeDriver browser, final String selector) {
    return (String)
        ((JavascriptExecutor) browser)
            .executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.textContent.trim() : null;",
                selector);
  }

  /** The city's last-week participation on the page: its raw value and its text, or null. */
  private static List<?> cityParticipationShown(final ChromeDriver browser) {
    return (List<?>)
        ((JavascriptExecutor) browser)
            .executeScript(
                "const e = document.querySelector(\"[data-testid='participation-previous-"
                    + ROOT
                    + "']\");"
                    + "return e && e.dataset.value ? [e.dataset.value, e.textContent] : null;");
  }

  /** "23,4%" (Indonesian decimal comma) as 23.4. */
  private static double percentOnPage(final String text) {
    return Double.parseDouble(text.replace("%", "").replace(".", "").replace(",", ".").trim());
  }

  private static Offset<Double> within(final double offset) {
    return Offset.offset(offset);
  }

  private Optional<Double> cityPreviousOnMetrics(final String base) {
    final String body;
    try {
      body =
          http.send(
                  HttpRequest.newBuilder(URI.create(base + "/metrics"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    final Matcher line = PARTICIPATION.matcher(body);
    while (line.find()) {
      if (Set.of(line.group(1).split(",")).equals(CITY_PREVIOUS)) {
        return Optional.of(Double.parseDouble(line.group(2)));
      }
    }
    return Optional.empty();
  }

  /** The last closed week as {@code /api/v1/status} tells it. */
  private Optional<LocalDate> lastClosedWeek(final String base) {
    final JsonNode status;
    try {
      status =
          JSON.readTree(
              http.send(
                      HttpRequest.newBuilder(URI.create(base + "/api/v1/status"))
                          .timeout(Duration.ofSeconds(10))
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body());
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    final JsonNode week = status.get("lastClosedWeek");
    return week == null || week.isNull()
        ? Optional.empty()
        : Optional.of(LocalDate.parse(week.asText()));
  }

  /** Whether the chart in the element has drawn: its canvas holds a pixel that is not blank. */
  private static boolean drawn(final ChromeDriver browser, final String id) {
    final Object result =
        ((JavascriptExecutor) browser)
            .executeScript(
                "const c = document.querySelector('#' + arguments[0] + ' canvas');"
                    + "if (!c || c.width === 0 || c.height === 0) return false;"
                    + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                    + "for (let i = 3; i < d.length; i += 4) { if (d[i] !== 0) return true; }"
                    + "return false;",
                id);
    return Boolean.TRUE.equals(result);
  }

  private static void screenshot(final ChromeDriver browser, final String name) throws Exception {
    // The whole page, not only the window: grow the window to the document's height first.
    final Dimension size = browser.manage().window().getSize();
    final Number height =
        (Number)
            ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollHeight");
    browser
        .manage()
        .window()
        .setSize(new Dimension(size.getWidth(), Math.min(6000, height.intValue() + 140)));
    final Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    browser.manage().window().setSize(size);
    LOG.info("Screenshot {}", SCREENSHOTS.resolve(name + ".png").toAbsolutePath());
  }
}
