package id.go.bkn.asn.view;

import id.go.bkn.asn.schema.AlertState;
import id.go.bkn.asn.schema.ParticipationAlert;
import id.go.bkn.asn.schema.ProgramSatisfaction;
import id.go.bkn.asn.schema.RecordStatus;
import id.go.bkn.asn.schema.UnitActivity;
import id.go.bkn.asn.schema.UnitJpProgress;
import id.go.bkn.asn.schema.WindowSize;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The aggregate records behind the read-only API, kept beside the {@link AggregateState} by the
 * view's consumer: per unit and window size the FINAL records of past windows and the PROVISIONAL
 * record of a window still open; per programme the same for weeks; per unit the latest year-to-date
 * record; the latest record of every alert key, and the alert records read, newest last.
 *
 * <p>Bounded, so memory does not grow with the age of a deployment: the newest {@link
 * Limits#days()} daily and {@link Limits#weeks()} weekly windows per unit and programme (by default
 * 400 days, the input topics' retention, and 106 weeks, two years), and the newest {@link
 * Limits#alerts()} alert records (2,000 by default). The alert topic is compacted by {@code
 * unitId|RULE}, so after a restart the history holds what compaction left (the latest record of
 * each key) plus every record read since.
 *
 * <p>Thread-safe: the view's consumer thread writes, the HTTP threads read. A reader sees each
 * record whole, but records applied while it reads may or may not be included.
 */
public final class AggregateHistory {

  /**
   * How much history is kept.
   *
   * @param days daily windows kept per unit
   * @param weeks weekly windows kept per unit and per programme
   * @param alerts alert records kept, over all units
   */
  public record Limits(int days, int weeks, int alerts) {

    /** 400 days (the input topics' retention), 106 weeks (two years), 2,000 alert records. */
    public static final Limits DEFAULTS = new Limits(400, 106, 2_000);

    public Limits {
      if (days < 1 || weeks < 1 || alerts < 1) {
        throw new IllegalArgumentException("history limits must be positive: " + this);
      }
    }

    int of(final WindowSize size) {
      return size == WindowSize.DAY ? days : weeks;
    }
  }

  private final Limits limits;
  private final Map<WindowSize, Windows<UnitActivity>> units = new EnumMap<>(WindowSize.class);
  private final Windows<ProgramSatisfaction> programs;
  private final Map<String, UnitJpProgress> ytd = new ConcurrentHashMap<>();
  private final Map<String, ParticipationAlert> latestAlerts = new ConcurrentHashMap<>();
  private final Deque<ParticipationAlert> alerts = new ArrayDeque<>();

  public AggregateHistory(final Limits limits) {
    this.limits = limits;
    for (final WindowSize size : WindowSize.values()) {
      units.put(size, new Windows<>(limits.of(size)));
    }
    this.programs = new Windows<>(limits.weeks());
  }

  /** Keeps a daily or weekly unit record. */
  public void activity(final UnitActivity value) {
    if (value != null) {
      units
          .get(value.getWindowSize())
          .apply(
              value.getUnitId(),
              value.getWindowStart(),
              value.getStatus() == RecordStatus.FINAL,
              value);
    }
  }

  /** Keeps a programme's weekly record. */
  public void programWeek(final ProgramSatisfaction value) {
    if (value != null) {
      programs.apply(
          value.getProgramId(),
          value.getWindowStart(),
          value.getStatus() == RecordStatus.FINAL,
          value);
    }
  }

  /** Keeps a unit's year-to-date record when it is of a later year or revision. */
  public void ytd(final UnitJpProgress value) {
    if (value != null) {
      ytd.merge(
          value.getUnitId(),
          value,
          (held, incoming) ->
              Comparator.comparingInt(UnitJpProgress::getYear)
                          .thenComparingInt(UnitJpProgress::getRevision)
                          .compare(incoming, held)
                      >= 0
                  ? incoming
                  : held);
    }
  }

  /** Keeps an alert record; a tombstone removes its key from the latest states only. */
  public void alert(final String key, final ParticipationAlert value) {
    if (value == null) {
      latestAlerts.remove(key);
      return;
    }
    latestAlerts.put(key, value);
    synchronized (alerts) {
      alerts.addLast(value);
      while (alerts.size() > limits.alerts()) {
        alerts.removeFirst();
      }
    }
  }

  /**
   * A unit's records whose window starts in [from, to), oldest first: FINAL ones, and the
   * PROVISIONAL one of a window with no FINAL record yet.
   */
  public List<UnitActivity> unitWindows(
      final String unitId, final WindowSize size, final Instant from, final Instant to) {
    return units.get(size).between(unitId, from, to);
  }

  /** Every programme's weekly records whose window starts in [from, to), as above. */
  public List<ProgramSatisfaction> programWeeks(final Instant from, final Instant to) {
    return programs.between(from, to);
  }

  /** A unit's latest year-to-date record. */
  public Optional<UnitJpProgress> ytd(final String unitId) {
    return Optional.ofNullable(ytd.get(unitId));
  }

  /** The alerts whose latest record is FIRING, by unit and rule. */
  public List<ParticipationAlert> firingAlerts() {
    return latestAlerts.values().stream()
        .filter(a -> a.getState() == AlertState.FIRING)
        .sorted(
            Comparator.comparing(ParticipationAlert::getUnitId)
                .thenComparing(a -> a.getRule().name()))
        .toList();
  }

  /** The alert records kept whose emittedAt lies in [from, to), oldest first. */
  public List<ParticipationAlert> alertHistory(final Instant from, final Instant to) {
    final List<ParticipationAlert> copy;
    synchronized (alerts) {
      copy = new ArrayList<>(alerts);
    }
    return copy.stream()
        .filter(a -> !a.getEmittedAt().isBefore(from) && a.getEmittedAt().isBefore(to))
        .sorted(Comparator.comparing(ParticipationAlert::getEmittedAt))
        .toList();
  }

  /**
   * The FINAL records of the newest windows per key, and the PROVISIONAL record of each window not
   * yet closed. Within a window the later record read wins: records of one key and window come in
   * order (same record key, same partition).
   */
  private static final class Windows<T> {

    private final int limit;
    private final Map<String, NavigableMap<Instant, T>> finals = new ConcurrentHashMap<>();
    private final Map<String, NavigableMap<Instant, T>> open = new ConcurrentHashMap<>();

    Windows(final int limit) {
      this.limit = limit;
    }

    void apply(final String id, final Instant start, final boolean isFinal, final T record) {
      final NavigableMap<Instant, T> provisional =
          open.computeIfAbsent(id, k -> new ConcurrentSkipListMap<>());
      if (isFinal) {
        final NavigableMap<Instant, T> closed =
            finals.computeIfAbsent(id, k -> new ConcurrentSkipListMap<>());
        closed.put(start, record);
        while (closed.size() > limit) {
          closed.pollFirstEntry();
        }
        // A window's FINAL record ends its PROVISIONAL ones, and those of any older window.
        provisional.headMap(start, true).clear();
      } else {
        final NavigableMap<Instant, T> closed = finals.get(id);
        if (closed == null || !closed.containsKey(start)) {
          provisional.put(start, record);
        }
      }
    }

    List<T> between(final String id, final Instant from, final Instant to) {
      final List<T> out = new ArrayList<>();
      final NavigableMap<Instant, T> closed = finals.get(id);
      final NavigableMap<Instant, T> provisional = open.get(id);
      final NavigableMap<Instant, T> merged = new TreeMap<>();
      if (provisional != null) {
        merged.putAll(provisional.subMap(from, true, to, false));
      }
      if (closed != null) {
        merged.putAll(closed.subMap(from, true, to, false));
      }
      out.addAll(merged.values());
      return out;
    }

    List<T> between(final Instant from, final Instant to) {
      final List<T> out = new ArrayList<>();
      final List<String> ids = new ArrayList<>(open.keySet());
      finals.keySet().stream().filter(id -> !open.containsKey(id)).forEach(ids::add);
      ids.sort(Comparator.naturalOrder());
      for (final String id : ids) {
        out.addAll(between(id, from, to));
      }
      return out;
    }
  }
}
