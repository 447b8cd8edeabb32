package id.go.bkn.asn.view;

import id.go.bkn.asn.schema.WindowSize;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the aggregate view knows at one moment: the units, the open and last closed window of each
 * unit and programme, each unit's year-to-date JP figures, and the firing alerts. Immutable; the
 * gauges and the demo's live view read it. Nullable figures are null where the record's are (zero
 * denominator, satisfaction suppressed). No field holds a person's identifier.
 *
 * @param units the active units of {@code reference.units}, by unit id
 * @param windows each unit's figures per window size and period
 * @param jp each unit's latest year-to-date figures
 * @param programs each programme's weekly figures per period
 * @param alerts the alerts whose latest state is FIRING
 */
public record AggregateSnapshot(
    List<UnitInfo> units,
    List<UnitWindow> windows,
    List<UnitJp> jp,
    List<ProgramWindow> programs,
    List<ActiveAlert> alerts) {

  /** Nothing read yet. */
  public static final AggregateSnapshot EMPTY =
      new AggregateSnapshot(List.of(), List.of(), List.of(), List.of(), List.of());

  public AggregateSnapshot {
    units = List.copyOf(units);
    windows = List.copyOf(windows);
    jp = List.copyOf(jp);
    programs = List.copyOf(programs);
    alerts = List.copyOf(alerts);
  }

  /** A unit of {@code reference.units}, with its depth below its root (0 at a root). */
  public record UnitInfo(String unitId, String name, String kind, String parentUnitId, int depth) {}

  /** A unit's figures for one window (subtree figures, as in UnitActivity). */
  public record UnitWindow(
      String unitId,
      WindowSize size,
      Period period,
      Instant windowStart,
      int headcount,
      int participants,
      Double participationRate,
      Double attendanceRate,
      double jpDelivered,
      Double responseRate,
      Double satisfactionIndex,
      Double careerRelevanceMean) {}

  /** A unit's year-to-date JP figures (as in UnitJpProgress). */
  public record UnitJp(
      String unitId,
      int year,
      Instant asOf,
      int headcount,
      int employeesMeetingTarget,
      int employeesZeroJp,
      Double meanJp,
      Double attainmentRatio,
      double expectedAttainment) {}

  /** A programme's figures for one week (as in ProgramSatisfaction). */
  public record ProgramWindow(
      String programId,
      String title,
      String trainingType,
      String organizer,
      String organizerKind,
      Period period,
      Instant windowStart,
      int participants,
      int feedbackResponses,
      Double satisfactionIndex,
      Double careerRelevanceMean,
      Double nps) {}

  /** An alert whose latest record is FIRING. */
  public record ActiveAlert(
      String unitId,
      String unitName,
      String rule,
      String severity,
      Instant windowStart,
      Instant windowEnd,
      Double value,
      double threshold,
      String message,
      Instant emittedAt) {}

  /** The unit's figures for a window size and period. */
  public Optional<UnitWindow> window(
      final String unitId, final WindowSize size, final Period period) {
    return windows.stream()
        .filter(w -> w.unitId().equals(unitId) && w.size() == size && w.period() == period)
        .findFirst();
  }

  /** The root units (depth 0): the whole city in the demo. */
  public List<UnitInfo> roots() {
    return units.stream().filter(u -> u.depth() == 0).toList();
  }

  /** The unit's name, or its id when it is not (or no longer) in {@code reference.units}. */
  public String name(final String unitId) {
    return units.stream()
        .filter(u -> u.unitId().equals(unitId))
        .map(UnitInfo::name)
        .findFirst()
        .orElse(unitId);
  }

  /**
   * The {@code limit} units with the lowest participation rate for a window size and period, among
   * those with at least {@code minHeadcount} employees (smaller units swing too much to rank),
   * lowest first, ties by unit id.
   */
  public List<UnitWindow> lowestParticipation(
      final WindowSize size, final Period period, final int minHeadcount, final int limit) {
    Objects.requireNonNull(size);
    return windows.stream()
        .filter(w -> w.size() == size && w.period() == period)
        .filter(w -> w.headcount() >= minHeadcount && w.participationRate() != null)
        .sorted(
            Comparator.comparingDouble(UnitWindow::participationRate)
                .thenComparing(UnitWindow::unitId))
        .limit(limit)
        .toList();
  }
}
