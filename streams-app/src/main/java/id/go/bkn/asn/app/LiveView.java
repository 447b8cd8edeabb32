package id.go.bkn.asn.app;

import id.go.bkn.asn.metrics.PipelineEvents.Outcome;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The demo's live terminal view: {@link #render} turns a {@link Snapshot} into a block of text, a
 * pure function of its input (no clock, no locale, no terminal). Labels are English, for whoever
 * runs the demo; unit names, rule names and alert messages are shown as the pipeline writes them.
 * Times are WIB, numbers are formatted with {@link Locale#ROOT}.
 */
public final class LiveView {

  /** The calendar of the contract: Asia/Jakarta (WIB). */
  static final ZoneId WIB = ZoneId.of("Asia/Jakarta");

  /** How many of the lowest units are shown. */
  static final int LOWEST = 5;

  /** How many firing alerts are listed; the rest are counted. */
  static final int MAX_ALERTS = 8;

  /** Unit names are cut to this many characters so a line fits a terminal. */
  static final int NAME_WIDTH = 44;

  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
  private static final DateTimeFormatter DATE_TIME_SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE", Locale.ROOT);
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);

  private LiveView() {}

  /**
   * Where the view's business figures come from: the aggregate topics, as the app's aggregate view
   * reads them. Implementations must be thread-safe and cheap (called every few seconds) and must
   * never return null.
   */
  public interface Source {

    /** The root unit's figures for the open week (period current), empty while unknown. */
    Optional<UnitWeek> cityThisWeek();

    /**
     * Every unit's figures for one week, all of the same week: the last closed week (FINAL records,
     * {@code closed} true) once a week has closed, before that the open week ({@code closed}
     * false); empty while unknown. The view picks the lowest itself.
     */
    List<UnitWeek> unitWeeks();

    /** The alerts whose latest record is FIRING (RESOLVED ones left out). */
    List<FiringAlert> firingAlerts();

    /** Knows nothing yet: every figure shows as unknown. */
    Source UNKNOWN =
        new Source() {
          @Override
          public Optional<UnitWeek> cityThisWeek() {
            return Optional.empty();
          }

          @Override
          public List<UnitWeek> unitWeeks() {
            return List.of();
          }

          @Override
          public List<FiringAlert> firingAlerts() {
            return List.of();
          }
        };
  }

  /**
   * One unit's participation in one week (a {@code UnitActivity} WEEK record).
   *
   * @param unitId the unit
   * @param name its name
   * @param depth 0 at the root
   * @param weekStart the Monday, 00:00 WIB
   * @param closed true for a FINAL record of a closed week, false for the open week
   * @param participants distinct participants
   * @param headcount active employees of the subtree
   * @param participationRate participants / headcount, null when it cannot be computed
   */
  public record UnitWeek(
      String unitId,
      String name,
      int depth,
      Instant weekStart,
      boolean closed,
      int participants,
      int headcount,
      Double participationRate) {

    public UnitWeek {
      Objects.requireNonNull(unitId, "unitId");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(weekStart, "weekStart");
    }
  }

  /**
   * An alert whose latest record is FIRING.
   *
   * @param unitId the unit
   * @param unitName its name
   * @param rule the rule, as the record names it (LOW_PARTICIPATION ...)
   * @param severity WARNING or CRITICAL
   * @param since the start of the week in which it fired (windowStart of the FIRING record)
   * @param message the record's message (Bahasa Indonesia), shown as is
   */
  public record FiringAlert(
      String unitId, String unitName, String rule, String severity, Instant since, String message) {

    public FiringAlert {
      Objects.requireNonNull(unitId, "unitId");
      Objects.requireNonNull(unitName, "unitName");
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(severity, "severity");
      Objects.requireNonNull(since, "since");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * Where the simulator stands.
   *
   * @param reached the simulated time reached
   * @param recordsSent records handed to Kafka since the simulation began
   * @param speed how much faster than the wall clock simulated time runs
   * @param failure why the simulator stopped, null while it runs
   */
  public record SimulatorStatus(Instant reached, long recordsSent, double speed, String failure) {

    public SimulatorStatus {
      Objects.requireNonNull(reached, "reached");
    }
  }

  /**
   * Where the demo's servers are.
   *
   * @param kafka the broker's bootstrap servers
   * @param registry the schema registry's URL
   * @param http the base URL of the web dashboard, the API, /metrics and /health/*
   */
  public record Endpoints(String kafka, String registry, String http) {

    public Endpoints {
      Objects.requireNonNull(kafka, "kafka");
      Objects.requireNonNull(registry, "registry");
      Objects.requireNonNull(http, "http");
    }
  }

  /**
   * Everything one frame of the view shows.
   *
   * @param takenAt when the snapshot was taken (wall clock)
   * @param appState the streams client's state (RUNNING when ready)
   * @param events input events by outcome, summed over topics (a missing outcome is zero)
   * @param simulator where the simulator stands, null when it is off
   * @param minCohort units with a smaller headcount are left out of the lowest units
   * @param city the root unit's open week, null while unknown
   * @param unitWeeks every unit's figures for one week (see {@link Source#unitWeeks()})
   * @param firingAlerts the alerts that are FIRING
   * @param endpoints where the servers are
   */
  public record Snapshot(
      Instant takenAt,
      String appState,
      Map<Outcome, Long> events,
      SimulatorStatus simulator,
      int minCohort,
      UnitWeek city,
      List<UnitWeek> unitWeeks,
      List<FiringAlert> firingAlerts,
      Endpoints endpoints) {

    public Snapshot {
      Objects.requireNonNull(takenAt, "takenAt");
      Objects.requireNonNull(appState, "appState");
      events = Map.copyOf(events);
      unitWeeks = List.copyOf(unitWeeks);
      firingAlerts = List.copyOf(firingAlerts);
      Objects.requireNonNull(endpoints, "endpoints");
    }
  }

  /** The block of text of one frame, lines ending in {@code \n}. */
  public static String render(final Snapshot s) {
    final StringBuilder out = new StringBuilder(2048);
    line(out, "ASN participation demo, Kota Serang      " + wallTime(s.takenAt()) + " WIB");
    line(out, "");
    line(out, label("Simulated time") + simulated(s.simulator()));
    line(out, label("Streams app") + s.appState());
    line(out, label("Events in") + events(s.events()));
    line(out, label("City this week") + city(s.city()));
    line(out, "");
    lowest(out, s.unitWeeks(), s.minCohort());
    line(out, "");
    alerts(out, s.firingAlerts());
    line(out, "");
    final Endpoints e = s.endpoints();
    line(out, label("Dashboard") + e.http() + "/   API: " + e.http() + "/api/v1/docs");
    line(out, label("Metrics") + e.http() + "/metrics   health: " + e.http() + "/health/ready");
    line(out, label("Kafka") + e.kafka() + "   schema registry: " + e.registry());
    line(out, "Ctrl-C stops the demo; running it again on the same --data-dir resumes.");
    return out.toString();
  }

  private static String simulated(final SimulatorStatus sim) {
    if (sim == null) {
      return "simulator off (--no-simulator): feed events with ./pipeline import";
    }
    final LocalDateTime at = LocalDateTime.ofInstant(sim.reached(), WIB);
    final String text =
        DAY.format(at)
            + " "
            + DATE_TIME.format(at)
            + " WIB ("
            + format("%sx)", number(sim.speed()))
            + format(", %,d records sent", sim.recordsSent());
    return sim.failure() == null ? text : text + "; SIMULATOR STOPPED: " + sim.failure();
  }

  private static String events(final Map<Outcome, Long> events) {
    return format(
        "accepted %,d   duplicate %,d   dead letter %,d   late %,d",
        events.getOrDefault(Outcome.ACCEPTED, 0L),
        events.getOrDefault(Outcome.DUPLICATE, 0L),
        events.getOrDefault(Outcome.DEAD_LETTER, 0L),
        events.getOrDefault(Outcome.LATE, 0L));
  }

  private static String city(final UnitWeek city) {
    if (city == null) {
      return "unknown yet";
    }
    return format(
        "%s (%,d of %,d ASN took part), week of %s so far",
        percent(city.participationRate()),
        city.participants(),
        city.headcount(),
        DATE.format(LocalDateTime.ofInstant(city.weekStart(), WIB)));
  }

  private static void lowest(
      final StringBuilder out, final List<UnitWeek> weeks, final int cohort) {
    final List<UnitWeek> ranked =
        weeks.stream()
            .filter(w -> w.depth() > 0 && w.headcount() >= cohort && w.participationRate() != null)
            .sorted(
                Comparator.comparingDouble(UnitWeek::participationRate)
                    .thenComparing(UnitWeek::unitId))
            .limit(LOWEST)
            .toList();
    if (ranked.isEmpty()) {
      line(out, format("Lowest participation (units of %d ASN or more): unknown yet", cohort));
      return;
    }
    final UnitWeek first = ranked.get(0);
    final String week = DATE.format(LocalDateTime.ofInstant(first.weekStart(), WIB));
    line(
        out,
        format(
            "Lowest participation, %s, week of %s (units of %d ASN or more):",
            first.closed() ? "last closed week (FINAL)" : "this week so far (PROVISIONAL)",
            week,
            cohort));
    for (final UnitWeek w : ranked) {
      line(
          out,
          format(
              "  %7s  %-14s %-" + NAME_WIDTH + "s %,6d of %,d",
              percent(w.participationRate()),
              w.unitId(),
              cut(w.name(), NAME_WIDTH),
              w.participants(),
              w.headcount()));
    }
  }

  private static void alerts(final StringBuilder out, final List<FiringAlert> firing) {
    if (firing.isEmpty()) {
      line(out, "Firing alerts: none");
      return;
    }
    // With dozens firing, the count per rule says more than the few lines that fit.
    final Map<String, Long> byRule =
        firing.stream().collect(Collectors.groupingBy(FiringAlert::rule, Collectors.counting()));
    line(
        out,
        format(
            "Firing alerts: %,d (%s)",
            firing.size(),
            byRule.entrySet().stream()
                .sorted(
                    Map.Entry.<String, Long>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(e -> format("%s %,d", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "))));
    final List<FiringAlert> ordered =
        firing.stream()
            .sorted(
                Comparator.comparing((FiringAlert a) -> !"CRITICAL".equals(a.severity()))
                    .thenComparing(FiringAlert::since, Comparator.reverseOrder())
                    .thenComparing(FiringAlert::unitId)
                    .thenComparing(FiringAlert::rule))
            .toList();
    for (final FiringAlert a : ordered.subList(0, Math.min(MAX_ALERTS, ordered.size()))) {
      line(
          out,
          format(
              "  %-8s %-17s since %s  %s",
              a.severity(),
              a.rule(),
              DATE.format(LocalDateTime.ofInstant(a.since(), WIB)),
              cut(a.unitName(), NAME_WIDTH)));
      line(out, "           " + a.message());
    }
    if (ordered.size() > MAX_ALERTS) {
      line(
          out,
          format(
              "  ... and %,d more (./pipeline consume --topic alerts.participation)",
              ordered.size() - MAX_ALERTS));
    }
  }

  private static String percent(final Double ratio) {
    return ratio == null ? "n/a" : format("%.1f %%", ratio * 100);
  }

  /** A speed without a needless ".0": 2000, 1.5. */
  private static String number(final double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? format("%d", (long) value)
        : format("%s", value);
  }

  private static String cut(final String text, final int width) {
    return text.length() <= width ? text : text.substring(0, width - 3) + "...";
  }

  private static String wallTime(final Instant at) {
    return DATE_TIME_SECONDS.format(LocalDateTime.ofInstant(at, WIB));
  }

  private static String label(final String label) {
    return format("%-16s", label);
  }

  private static String format(final String pattern, final Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }

  private static void line(final StringBuilder out, final String text) {
    out.append(text).append('\n');
  }
}
