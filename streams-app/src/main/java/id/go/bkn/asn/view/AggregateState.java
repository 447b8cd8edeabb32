package id.go.bkn.asn.view;

import id.go.bkn.asn.schema.AlertState;
import id.go.bkn.asn.schema.ParticipationAlert;
import id.go.bkn.asn.schema.ProgramSatisfaction;
import id.go.bkn.asn.schema.RecordStatus;
import id.go.bkn.asn.schema.TrainingProgram;
import id.go.bkn.asn.schema.UnitActivity;
import id.go.bkn.asn.schema.UnitJpProgress;
import id.go.bkn.asn.schema.WindowSize;
import id.go.bkn.asn.schema.WorkUnit;
import id.go.bkn.asn.view.AggregateSnapshot.ActiveAlert;
import id.go.bkn.asn.view.AggregateSnapshot.ProgramWindow;
import id.go.bkn.asn.view.AggregateSnapshot.UnitInfo;
import id.go.bkn.asn.view.AggregateSnapshot.UnitJp;
import id.go.bkn.asn.view.AggregateSnapshot.UnitWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The latest state of the aggregate topics, fed record by record by the view's consumer and turned
 * into an {@link AggregateSnapshot} on demand. It keeps, per unit and window size, the open
 * window's record and the last FINAL one; per programme the same for weeks; per unit the latest
 * year-to-date record; per alert key the latest state. The state is a few records per unit and
 * programme, so it fits in memory for any city. A tombstone (null value) removes what its key held.
 *
 * <p>Not thread-safe: one thread applies records and takes snapshots.
 */
final class AggregateState {

  private final Map<String, WorkUnit> units = new HashMap<>();
  private final Map<String, TrainingProgram> programs = new HashMap<>();
  private final Map<WindowSize, WindowTracks<UnitActivity>> activity =
      new EnumMap<>(WindowSize.class);
  private final WindowTracks<ProgramSatisfaction> programWeeks =
      new WindowTracks<>(
          ProgramSatisfaction::getProgramId,
          r -> r.getWindowStart().toEpochMilli(),
          r -> r.getWindowEnd().toEpochMilli(),
          r -> r.getStatus() == RecordStatus.FINAL,
          ProgramSatisfaction::getRevision);
  private final Map<String, UnitJpProgress> ytd = new HashMap<>();
  private final Map<String, ParticipationAlert> alerts = new HashMap<>();

  AggregateState() {
    for (final WindowSize size : WindowSize.values()) {
      activity.put(
          size,
          new WindowTracks<>(
              UnitActivity::getUnitId,
              r -> r.getWindowStart().toEpochMilli(),
              r -> r.getWindowEnd().toEpochMilli(),
              r -> r.getStatus() == RecordStatus.FINAL,
              UnitActivity::getRevision));
    }
  }

  void unit(final String key, final WorkUnit value) {
    if (value == null) {
      units.remove(key);
    } else {
      units.put(value.getUnitId(), value);
    }
  }

  void program(final String key, final TrainingProgram value) {
    if (value == null) {
      programs.remove(key);
    } else {
      programs.put(value.getProgramId(), value);
    }
  }

  void activity(final UnitActivity value) {
    if (value != null) {
      activity.get(value.getWindowSize()).apply(value);
    }
  }

  void ytd(final UnitJpProgress value) {
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

  void programWeek(final ProgramSatisfaction value) {
    if (value != null) {
      programWeeks.apply(value);
    }
  }

  void alert(final String key, final ParticipationAlert value) {
    if (value == null) {
      alerts.remove(key);
    } else {
      alerts.put(key, value);
    }
  }

  AggregateSnapshot snapshot() {
    final List<UnitInfo> unitInfos = unitInfos();
    final List<UnitWindow> windows = new ArrayList<>();
    final List<UnitJp> jp = new ArrayList<>();
    for (final UnitInfo unit : unitInfos) {
      for (final WindowSize size : WindowSize.values()) {
        unitWindows(unit.unitId(), size, windows);
      }
      final UnitJpProgress year = ytd.get(unit.unitId());
      if (year != null) {
        jp.add(
            new UnitJp(
                unit.unitId(),
                year.getYear(),
                year.getAsOf(),
                year.getHeadcount(),
                year.getEmployeesMeetingTarget(),
                year.getEmployeesZeroJp(),
                year.getMeanJp(),
                year.getAttainmentRatio(),
                year.getExpectedAttainment()));
      }
    }
    return new AggregateSnapshot(unitInfos, windows, jp, programWindows(), activeAlerts());
  }

  private List<UnitInfo> unitInfos() {
    final List<UnitInfo> infos = new ArrayList<>();
    for (final WorkUnit unit : units.values()) {
      if (unit.getActive()) {
        infos.add(
            new UnitInfo(
                unit.getUnitId(),
                unit.getName(),
                unit.getKind(),
                unit.getParentUnitId(),
                depth(unit)));
      }
    }
    infos.sort(Comparator.comparingInt(UnitInfo::depth).thenComparing(UnitInfo::unitId));
    return infos;
  }

  /** Steps up the parents; a cycle or a missing parent ends the walk where it is. */
  private int depth(final WorkUnit unit) {
    final Set<String> seen = new HashSet<>();
    int depth = 0;
    WorkUnit at = unit;
    while (at.getParentUnitId() != null && seen.add(at.getUnitId())) {
      final WorkUnit parent = units.get(at.getParentUnitId());
      if (parent == null) {
        break;
      }
      depth++;
      at = parent;
    }
    return depth;
  }

  private void unitWindows(final String unitId, final WindowSize size, final List<UnitWindow> out) {
    final WindowTracks<UnitActivity> tracks = activity.get(size);
    tracks.previous(unitId).ifPresent(r -> out.add(figures(r, Period.PREVIOUS)));
    final Optional<Long> open = tracks.openStart();
    if (open.isEmpty()) {
      return;
    }
    final Optional<UnitActivity> current = tracks.current(unitId);
    if (current.isPresent()) {
      out.add(figures(current.get(), Period.CURRENT));
      return;
    }
    // Nothing happened in the unit's subtree in the open window yet: zeros, as its FINAL would say,
    // over its last known headcount. A unit the pipeline has written nothing for yet has no series.
    final Optional<Integer> known =
        tracks
            .latest(unitId)
            .map(UnitActivity::getHeadcount)
            .or(() -> Optional.ofNullable(ytd.get(unitId)).map(UnitJpProgress::getHeadcount));
    if (known.isEmpty()) {
      return;
    }
    final int headcount = known.get();
    out.add(
        new UnitWindow(
            unitId,
            size,
            Period.CURRENT,
            Instant.ofEpochMilli(open.get()),
            headcount,
            0,
            headcount > 0 ? 0.0 : null,
            null,
            0,
            null,
            null,
            null));
  }

  private static UnitWindow figures(final UnitActivity r, final Period period) {
    return new UnitWindow(
        r.getUnitId(),
        r.getWindowSize(),
        period,
        r.getWindowStart(),
        r.getHeadcount(),
        r.getParticipants(),
        r.getParticipationRate(),
        r.getAttendanceRate(),
        r.getJpDelivered(),
        r.getResponseRate(),
        r.getSatisfactionIndex(),
        r.getCareerRelevanceMean());
  }

  private List<ProgramWindow> programWindows() {
    final List<ProgramWindow> out = new ArrayList<>();
    final List<TrainingProgram> sorted = new ArrayList<>(programs.values());
    sorted.sort(Comparator.comparing(TrainingProgram::getProgramId));
    for (final TrainingProgram program : sorted) {
      // A programme with nothing in a week has no record for it: that week's figures are zeros.
      programWeeks
          .closedStart()
          .ifPresent(
              start ->
                  out.add(
                      programWeeks
                          .previous(program.getProgramId())
                          .map(r -> figures(program, r, Period.PREVIOUS))
                          .orElseGet(() -> zeros(program, Period.PREVIOUS, start))));
      programWeeks
          .openStart()
          .ifPresent(
              start ->
                  out.add(
                      programWeeks
                          .current(program.getProgramId())
                          .map(r -> figures(program, r, Period.CURRENT))
                          .orElseGet(() -> zeros(program, Period.CURRENT, start))));
    }
    return out;
  }

  private static ProgramWindow figures(
      final TrainingProgram program, final ProgramSatisfaction r, final Period period) {
    return new ProgramWindow(
        program.getProgramId(),
        program.getTitle(),
        program.getTrainingType(),
        program.getOrganizer(),
        program.getOrganizerKind().name(),
        period,
        r.getWindowStart(),
        r.getParticipants(),
        r.getFeedbackResponses(),
        r.getSatisfactionIndex(),
        r.getCareerRelevanceMean(),
        r.getNps());
  }

  private static ProgramWindow zeros(
      final TrainingProgram program, final Period period, final long start) {
    return new ProgramWindow(
        program.getProgramId(),
        program.getTitle(),
        program.getTrainingType(),
        program.getOrganizer(),
        program.getOrganizerKind().name(),
        period,
        Instant.ofEpochMilli(start),
        0,
        0,
        null,
        null,
        null);
  }

  private List<ActiveAlert> activeAlerts() {
    return alerts.values().stream()
        .filter(a -> a.getState() == AlertState.FIRING)
        .map(
            a ->
                new ActiveAlert(
                    a.getUnitId(),
                    a.getUnitName(),
                    a.getRule().name(),
                    a.getSeverity().name(),
                    a.getWindowStart(),
                    a.getWindowEnd(),
                    a.getValue(),
                    a.getThreshold(),
                    a.getMessage(),
                    a.getEmittedAt()))
        .sorted(
            Comparator.comparing(ActiveAlert::unitId)
                .thenComparing(ActiveAlert::rule)
                .thenComparing(ActiveAlert::severity))
        .toList();
  }
}
