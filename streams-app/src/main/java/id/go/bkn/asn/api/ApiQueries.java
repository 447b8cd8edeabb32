package id.go.bkn.asn.api;

import id.go.bkn.asn.api.ApiModel.Activity;
import id.go.bkn.asn.api.ApiModel.Alert;
import id.go.bkn.asn.api.ApiModel.JpYtd;
import id.go.bkn.asn.api.ApiModel.ProgramWeek;
import id.go.bkn.asn.api.ApiModel.Status;
import id.go.bkn.asn.api.ApiModel.Unit;
import id.go.bkn.asn.api.ApiModel.UnitDetail;
import id.go.bkn.asn.function.IkmBand;
import id.go.bkn.asn.function.JakartaCalendar;
import id.go.bkn.asn.schema.ParticipationAlert;
import id.go.bkn.asn.schema.ProgramSatisfaction;
import id.go.bkn.asn.schema.UnitActivity;
import id.go.bkn.asn.schema.UnitJpProgress;
import id.go.bkn.asn.schema.WindowSize;
import id.go.bkn.asn.view.AggregateSnapshot;
import id.go.bkn.asn.view.AggregateSnapshot.UnitInfo;
import id.go.bkn.asn.view.AggregateSnapshot.UnitWindow;
import id.go.bkn.asn.view.Period;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The answers of the read-only API, computed from an {@link ApiSource}: the unit tree, a unit's
 * windows over a date range, every unit's records of one window, year-to-date figures, programme
 * weeks and alerts. Parameters are checked here and a bad one throws an {@link ApiException} that
 * says what to fix. Dates are WIB calendar dates; a range selects the windows that start on or
 * after {@code from} and on or before {@code to}.
 */
public final class ApiQueries {

  /** The range of a query without {@code from}: twelve weeks, or 31 days of daily windows. */
  static final int DEFAULT_WEEKS = 12;

  static final int DEFAULT_DAYS = 31;

  /** The longest range of daily windows one request may ask for. */
  static final int MAX_DAYS = 400;

  /** The longest range of weekly windows (and alert history) one request may ask for. */
  static final int MAX_WEEK_DAYS = 3 * 366;

  private final ApiSource source;
  private final Clock clock;
  private final int minCohort;

  /**
   * @param source the view
   * @param clock today's date, for default ranges
   * @param minCohort the smallest headcount ranked and alerted on weekly figures
   */
  public ApiQueries(final ApiSource source, final Clock clock, final int minCohort) {
    this.source = source;
    this.clock = clock;
    this.minCohort = minCohort;
  }

  /** Whether the view is ready and when its figures last changed; answers at any time. */
  public Status status() {
    final AggregateSnapshot snapshot = source.snapshot();
    return new Status(
        source.ready(),
        source.updatedAt().map(Instant::toString).orElse(null),
        source.version(),
        latestStart(snapshot, Period.CURRENT).map(ApiQueries::date).orElse(null),
        latestStart(snapshot, Period.PREVIOUS).map(ApiQueries::date).orElse(null),
        snapshot.roots().stream().map(UnitInfo::unitId).toList(),
        minCohort);
  }

  /** Every active unit, roots first, then by depth and id. */
  public List<Unit> units() {
    final AggregateSnapshot snapshot = ready();
    final Map<String, Integer> headcounts = headcounts(snapshot);
    return snapshot.units().stream().map(u -> unit(u, headcounts)).toList();
  }

  /** One unit, its path from the root, its sub-units and its year so far. */
  public UnitDetail unit(final String unitId) {
    final AggregateSnapshot snapshot = ready();
    final UnitInfo info = find(snapshot, unitId);
    final Map<String, Integer> headcounts = headcounts(snapshot);
    final Map<String, UnitInfo> byId = new HashMap<>();
    snapshot.units().forEach(u -> byId.put(u.unitId(), u));
    final List<Unit> path = new ArrayList<>();
    final Set<String> seen = new HashSet<>();
    UnitInfo at = info;
    while (at != null && seen.add(at.unitId())) {
      path.add(0, unit(at, headcounts));
      at = at.parentUnitId() == null ? null : byId.get(at.parentUnitId());
    }
    final List<Unit> children =
        snapshot.units().stream()
            .filter(u -> unitId.equals(u.parentUnitId()))
            .map(u -> unit(u, headcounts))
            .toList();
    final JpYtd ytd = source.history().ytd(unitId).map(r -> ytd(r, info.depth())).orElse(null);
    return new UnitDetail(unit(info, headcounts), path, children, ytd);
  }

  /** A unit's daily or weekly records whose windows start within [from, to]. */
  public List<Activity> unitActivity(
      final String unitId, final String window, final String from, final String to) {
    final AggregateSnapshot snapshot = ready();
    final UnitInfo info = find(snapshot, unitId);
    final WindowSize size = windowSize(window);
    final Range range =
        range(
            from,
            to,
            size == WindowSize.DAY ? DEFAULT_DAYS : DEFAULT_WEEKS * 7,
            size == WindowSize.DAY ? MAX_DAYS : MAX_WEEK_DAYS);
    return source.history().unitWindows(unitId, size, range.start(), range.end()).stream()
        .map(r -> activity(r, info.depth()))
        .toList();
  }

  /**
   * Every unit's record of one window: the last closed one ({@code period=previous}, FINAL records,
   * the default) or the open one ({@code period=current}, PROVISIONAL records of the units with a
   * record so far), or the window starting on {@code start}. Empty before any window closed.
   */
  public List<Activity> windowActivity(
      final String window, final String period, final String start) {
    final AggregateSnapshot snapshot = ready();
    final WindowSize size = windowSize(window);
    final Optional<Instant> windowStart;
    if (start != null) {
      if (period != null) {
        throw ApiException.badRequest("give either period or start, not both");
      }
      windowStart = Optional.of(startOf(date("start", start)));
    } else {
      windowStart = latestStart(snapshot, size, period(period));
    }
    if (windowStart.isEmpty()) {
      return List.of();
    }
    final Instant from = windowStart.get();
    final Instant to = from.plusMillis(1);
    final List<Activity> out = new ArrayList<>();
    for (final UnitInfo unit : snapshot.units()) {
      source.history().unitWindows(unit.unitId(), size, from, to).stream()
          .map(r -> activity(r, unit.depth()))
          .forEach(out::add);
    }
    return out;
  }

  /** Every unit's latest year-to-date figures. */
  public List<JpYtd> jpYtd() {
    final AggregateSnapshot snapshot = ready();
    final List<JpYtd> out = new ArrayList<>();
    for (final UnitInfo unit : snapshot.units()) {
      source.history().ytd(unit.unitId()).map(r -> ytd(r, unit.depth())).ifPresent(out::add);
    }
    return out;
  }

  /** Every programme's weekly records whose weeks start within [from, to]. */
  public List<ProgramWeek> programWeeks(final String from, final String to) {
    ready();
    final Range range = range(from, to, DEFAULT_WEEKS * 7, MAX_WEEK_DAYS);
    return source.history().programWeeks(range.start(), range.end()).stream()
        .map(ApiQueries::programWeek)
        .toList();
  }

  /** The alerts whose latest record is FIRING. */
  public List<Alert> firingAlerts() {
    ready();
    return source.history().firingAlerts().stream().map(ApiQueries::alert).toList();
  }

  /** The alert records (FIRING and RESOLVED) emitted within [from, to], oldest first. */
  public List<Alert> alertHistory(final String from, final String to) {
    ready();
    final Range range = range(from, to, DEFAULT_WEEKS * 7, MAX_WEEK_DAYS);
    return source.history().alertHistory(range.start(), range.end()).stream()
        .map(ApiQueries::alert)
        .toList();
  }

  private AggregateSnapshot ready() {
    if (!source.ready()) {
      throw new ApiException(
          503, "the aggregate view is still reading the aggregate topics; retry in a few seconds");
    }
    return source.snapshot();
  }

  private static UnitInfo find(final AggregateSnapshot snapshot, final String unitId) {
    return snapshot.units().stream()
        .filter(u -> u.unitId().equals(unitId))
        .findFirst()
        .orElseThrow(
            () ->
                ApiException.notFound(
                    "no active unit with id '"
                        + unitId
                        + "'; GET /api/v1/units lists the unit ids"));
  }

  /** The latest YTD headcount, else the open week's (as the asn_unit_headcount gauge). */
  private static Map<String, Integer> headcounts(final AggregateSnapshot snapshot) {
    final Map<String, Integer> out = new HashMap<>();
    for (final UnitWindow w : snapshot.windows()) {
      if (w.period() == Period.CURRENT && w.size() == WindowSize.WEEK) {
        out.put(w.unitId(), w.headcount());
      }
    }
    snapshot.jp().forEach(j -> out.put(j.unitId(), j.headcount()));
    return out;
  }

  private static Unit unit(final UnitInfo u, final Map<String, Integer> headcounts) {
    return new Unit(
        u.unitId(), u.name(), u.kind(), u.parentUnitId(), u.depth(), headcounts.get(u.unitId()));
  }

  private static Optional<Instant> latestStart(
      final AggregateSnapshot snapshot, final Period period) {
    return latestStart(snapshot, WindowSize.WEEK, period);
  }

  private static Optional<Instant> latestStart(
      final AggregateSnapshot snapshot, final WindowSize size, final Period period) {
    return snapshot.windows().stream()
        .filter(w -> w.size() == size && w.period() == period)
        .map(UnitWindow::windowStart)
        .max(Instant::compareTo);
  }

  private static WindowSize windowSize(final String window) {
    if (window == null || window.equals("week")) {
      return WindowSize.WEEK;
    }
    if (window.equals("day")) {
      return WindowSize.DAY;
    }
    throw ApiException.badRequest("window must be 'day' or 'week', not '" + window + "'");
  }

  private static Period period(final String period) {
    if (period == null || period.equals("previous")) {
      return Period.PREVIOUS;
    }
    if (period.equals("current")) {
      return Period.CURRENT;
    }
    throw ApiException.badRequest(
        "period must be 'previous' (the last closed window) or 'current' (the open one), not '"
            + period
            + "'");
  }

  /**
   * Windows starting in [start, end): from 00:00 WIB of {@code from} to the day after {@code to}.
   */
  private record Range(Instant start, Instant end) {}

  private Range range(
      final String from, final String to, final int defaultDays, final int maxDays) {
    final LocalDate last = to == null ? JakartaCalendar.dateOf(clock.instant()) : date("to", to);
    final LocalDate first = from == null ? last.minusDays(defaultDays) : date("from", from);
    if (first.isAfter(last)) {
      throw ApiException.badRequest(
          "from (" + first + ") is after to (" + last + "); give from on or before to");
    }
    final long days = ChronoUnit.DAYS.between(first, last);
    if (days > maxDays) {
      throw ApiException.badRequest(
          "the range from "
              + first
              + " to "
              + last
              + " spans "
              + days
              + " days; ask for at most "
              + maxDays
              + " days per request");
    }
    return new Range(startOf(first), startOf(last.plusDays(1)));
  }

  private static LocalDate date(final String name, final String value) {
    try {
      return LocalDate.parse(value);
    } catch (final DateTimeParseException e) {
      throw ApiException.badRequest(
          name + " must be a date as yyyy-MM-dd, e.g. 2026-11-02, not '" + value + "'");
    }
  }

  private static Instant startOf(final LocalDate date) {
    return date.atStartOfDay(JakartaCalendar.ZONE).toInstant();
  }

  private static String date(final Instant instant) {
    return JakartaCalendar.dateOf(instant).toString();
  }

  private static String band(final Double index) {
    return index == null ? null : IkmBand.of(index).name();
  }

  private static String text(final Enum<?> value) {
    return value.name();
  }

  static Activity activity(final UnitActivity r, final int depth) {
    return new Activity(
        r.getUnitId(),
        r.getUnitName(),
        r.getParentUnitId(),
        depth,
        text(r.getWindowSize()),
        date(r.getWindowStart()),
        date(r.getWindowEnd()),
        text(r.getStatus()),
        r.getRevision(),
        r.getHeadcount(),
        r.getEnrollments(),
        r.getWithdrawals(),
        r.getCompletions(),
        r.getParticipants(),
        r.getParticipationRate(),
        r.getPresent(),
        r.getLate(),
        r.getAbsent(),
        r.getExcused(),
        r.getAttendanceRate(),
        r.getJpDelivered(),
        r.getFeedbackResponses(),
        r.getResponseRate(),
        r.getSatisfactionSuppressed(),
        r.getSatisfactionMean(),
        r.getSatisfactionIndex(),
        band(r.getSatisfactionIndex()),
        r.getCareerRelevanceMean(),
        r.getNps(),
        r.getEmittedAt().toString());
  }

  static JpYtd ytd(final UnitJpProgress r, final int depth) {
    return new JpYtd(
        r.getUnitId(),
        r.getUnitName(),
        r.getParentUnitId(),
        depth,
        r.getYear(),
        text(r.getStatus()),
        r.getAsOf().toString(),
        r.getHeadcount(),
        r.getTargetJp(),
        r.getEmployeesMeetingTarget(),
        r.getEmployeesZeroJp(),
        r.getTotalJp(),
        r.getMeanJp(),
        r.getAttainmentRatio(),
        r.getExpectedAttainment(),
        r.getEmittedAt().toString());
  }

  static ProgramWeek programWeek(final ProgramSatisfaction r) {
    return new ProgramWeek(
        r.getProgramId(),
        r.getTitle(),
        r.getTrainingType(),
        r.getOrganizer(),
        text(r.getOrganizerKind()),
        date(r.getWindowStart()),
        date(r.getWindowEnd()),
        text(r.getStatus()),
        r.getRevision(),
        r.getParticipants(),
        r.getFeedbackResponses(),
        r.getResponseRate(),
        r.getSatisfactionSuppressed(),
        r.getSatisfactionMean(),
        r.getSatisfactionIndex(),
        band(r.getSatisfactionIndex()),
        r.getCareerRelevanceMean(),
        r.getNps(),
        r.getEmittedAt().toString());
  }

  static Alert alert(final ParticipationAlert a) {
    return new Alert(
        a.getAlertId(),
        a.getUnitId(),
        a.getUnitName(),
        text(a.getRule()),
        text(a.getSeverity()),
        text(a.getState()),
        date(a.getWindowStart()),
        date(a.getWindowEnd()),
        a.getValue(),
        a.getThreshold(),
        a.getMessage(),
        a.getEmittedAt().toString());
  }
}
