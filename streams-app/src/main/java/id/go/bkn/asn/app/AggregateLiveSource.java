package id.go.bkn.asn.app;

import id.go.bkn.asn.schema.WindowSize;
import id.go.bkn.asn.view.AggregateSnapshot;
import id.go.bkn.asn.view.AggregateSnapshot.UnitInfo;
import id.go.bkn.asn.view.AggregateSnapshot.UnitWindow;
import id.go.bkn.asn.view.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The live view's business lines from the app's aggregate view: the same figures the business
 * gauges show, so the terminal and {@code /metrics} never disagree. Reads the latest published
 * snapshot on each call; snapshots are immutable, so this is thread-safe.
 */
final class AggregateLiveSource implements LiveView.Source {

  private final Supplier<AggregateSnapshot> snapshots;

  AggregateLiveSource(final Supplier<AggregateSnapshot> snapshots) {
    this.snapshots = snapshots;
  }

  @Override
  public Optional<LiveView.UnitWeek> cityThisWeek() {
    final AggregateSnapshot snapshot = snapshots.get();
    return snapshot.roots().stream()
        .findFirst()
        .flatMap(
            root ->
                snapshot
                    .window(root.unitId(), WindowSize.WEEK, Period.CURRENT)
                    .map(w -> week(root, w, false)));
  }

  @Override
  public List<LiveView.UnitWeek> unitWeeks() {
    final AggregateSnapshot snapshot = snapshots.get();
    final boolean anyClosed =
        snapshot.windows().stream()
            .anyMatch(w -> w.size() == WindowSize.WEEK && w.period() == Period.PREVIOUS);
    final Period period = anyClosed ? Period.PREVIOUS : Period.CURRENT;
    final List<LiveView.UnitWeek> out = new ArrayList<>();
    for (final UnitInfo unit : snapshot.units()) {
      snapshot
          .window(unit.unitId(), WindowSize.WEEK, period)
          .ifPresent(w -> out.add(week(unit, w, anyClosed)));
    }
    return out;
  }

  @Override
  public List<LiveView.FiringAlert> firingAlerts() {
    return snapshots.get().alerts().stream()
        .map(
            a ->
                new LiveView.FiringAlert(
                    a.unitId(), a.unitName(), a.rule(), a.severity(), a.windowStart(), a.message()))
        .toList();
  }

  private static LiveView.UnitWeek week(
      final UnitInfo unit, final UnitWindow w, final boolean closed) {
    return new LiveView.UnitWeek(
        unit.unitId(),
        unit.name(),
        unit.depth(),
        w.windowStart(),
        closed,
        w.participants(),
        w.headcount(),
        w.participationRate());
  }
}
