package id.go.bkn.asn.app;

import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.schema.WindowSize;
import id.go.bkn.asn.view.AggregateSnapshot;
import id.go.bkn.asn.view.AggregateSnapshot.ActiveAlert;
import id.go.bkn.asn.view.AggregateSnapshot.UnitInfo;
import id.go.bkn.asn.view.AggregateSnapshot.UnitWindow;
import id.go.bkn.asn.view.Period;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AggregateLiveSourceTest {

  private static final Instant WEEK1 = Instant.parse("2026-11-01T17:00:00Z");
  private static final Instant WEEK2 = Instant.parse("2026-11-08T17:00:00Z");
  private static final List<UnitInfo> UNITS =
      List.of(
          new UnitInfo("CITY", "Kota", "PEMDA", null, 0),
          new UnitInfo("DINAS", "Dinas", "DINAS", "CITY", 1));

  private static UnitWindow week(
      final String unit, final Period period, final Instant start, final int participants) {
    return new UnitWindow(
        unit,
        WindowSize.WEEK,
        period,
        start,
        100,
        participants,
        participants / 100.0,
        null,
        0,
        null,
        null,
        null);
  }

  @Test
  void shouldShowOpenWeekForCityAndLastClosedWeekForUnitsOnceOneClosed() {
    final AggregateSnapshot snapshot =
        new AggregateSnapshot(
            UNITS,
            List.of(
                week("CITY", Period.PREVIOUS, WEEK1, 30),
                week("CITY", Period.CURRENT, WEEK2, 4),
                week("DINAS", Period.PREVIOUS, WEEK1, 2),
                week("DINAS", Period.CURRENT, WEEK2, 1)),
            List.of(),
            List.of(),
            List.of(
                new ActiveAlert(
                    "DINAS",
                    "Dinas",
                    "LOW_PARTICIPATION",
                    "WARNING",
                    WEEK1,
                    WEEK2,
                    0.02,
                    0.05,
                    "Partisipasi rendah",
                    WEEK2)));
    final AggregateLiveSource source = new AggregateLiveSource(() -> snapshot);

    assertThat(source.cityThisWeek())
        .get()
        .satisfies(
            c -> {
              assertThat(c.weekStart()).isEqualTo(WEEK2);
              assertThat(c.participants()).isEqualTo(4);
              assertThat(c.closed()).isFalse();
            });
    assertThat(source.unitWeeks())
        .extracting(
            w -> w.unitId() + " " + w.weekStart() + " " + w.participants() + " " + w.closed())
        .containsExactly("CITY " + WEEK1 + " 30 true", "DINAS " + WEEK1 + " 2 true");
    assertThat(source.firingAlerts())
        .extracting(a -> a.unitId() + " " + a.rule() + " " + a.since())
        .containsExactly("DINAS LOW_PARTICIPATION " + WEEK1);
  }

  @Test
  void shouldShowOpenWeekBeforeAnyWeekClosedAndNothingBeforeTheViewKnowsAnything() {
    final AggregateSnapshot open =
        new AggregateSnapshot(
            UNITS,
            List.of(week("DINAS", Period.CURRENT, WEEK1, 3)),
            List.of(),
            List.of(),
            List.of());

    assertThat(new AggregateLiveSource(() -> open).unitWeeks())
        .extracting(w -> w.unitId() + " " + w.closed())
        .containsExactly("DINAS false");
    assertThat(new AggregateLiveSource(() -> open).cityThisWeek()).isEmpty();
    assertThat(new AggregateLiveSource(() -> AggregateSnapshot.EMPTY).unitWeeks()).isEmpty();
  }
}
