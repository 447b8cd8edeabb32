package id.go.bkn.asn.view;

import static id.go.bkn.asn.view.ViewRecords.WEEK1;
import static id.go.bkn.asn.view.ViewRecords.WEEK2;
import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.schema.AlertRule;
import id.go.bkn.asn.schema.AlertState;
import id.go.bkn.asn.schema.OrganizerKind;
import id.go.bkn.asn.schema.RecordStatus;
import id.go.bkn.asn.schema.Severity;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BusinessMetricsTest {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final BusinessMetrics metrics = new BusinessMetrics(registry);
  private final AggregateState state = new AggregateState();

  private List<String> scrape(final String prefix) {
    return Arrays.stream(registry.scrape().split("\n"))
        .filter(l -> l.startsWith(prefix))
        // The text format may write 1.0 as 1; compare numbers, not their spelling.
        .map(
            l ->
                l.substring(0, l.lastIndexOf(' ') + 1)
                    + Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sorted()
        .toList();
  }

  /** The unit label of every per-unit series of this registry. */
  private static java.util.Set<String> unitsExported(final PrometheusMeterRegistry scraped) {
    final java.util.Set<String> units = new java.util.TreeSet<>();
    final java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "^asn_(unit|alert)_\\w+\\{.*unit=\"([^\"]+)\"", java.util.regex.Pattern.MULTILINE)
            .matcher(scraped.scrape());
    while (m.find()) {
      units.add(m.group(2));
    }
    return units;
  }

  @Test
  void shouldExportOnlyUnitsDownToTheDepthOrOfTheTreesAskedForWhenFiltered() {
    state.unit("CITY", ViewRecords.unit("CITY", null));
    state.unit("DINAS", ViewRecords.unit("DINAS", "CITY"));
    state.unit("TOWN", ViewRecords.unit("TOWN", null));
    state.unit("KEC", ViewRecords.unit("KEC", "TOWN"));
    for (final String unit : List.of("CITY", "DINAS", "TOWN", "KEC")) {
      state.activity(ViewRecords.week(unit, WEEK1, RecordStatus.FINAL, 3, 100, 10));
      state.ytd(ViewRecords.ytd(unit, 2026, 4, 100));
      state.alert(
          unit + "|LOW_PARTICIPATION",
          ViewRecords.alert(
              unit, AlertRule.LOW_PARTICIPATION, Severity.WARNING, AlertState.FIRING));
    }
    state.program("P1", ViewRecords.program("P1", OrganizerKind.UNIVERSITY));
    state.programWeek(ViewRecords.programWeek("P1", WEEK1, RecordStatus.FINAL, 12, 70.0));
    final PrometheusMeterRegistry roots = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final PrometheusMeterRegistry town = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    metrics.update(state.snapshot());
    new BusinessMetrics(roots, new UnitSeriesFilter(0, java.util.Set.of()))
        .update(state.snapshot());
    new BusinessMetrics(town, new UnitSeriesFilter(null, java.util.Set.of("TOWN")))
        .update(state.snapshot());

    assertThat(unitsExported(registry)).containsExactly("CITY", "DINAS", "KEC", "TOWN");
    assertThat(unitsExported(roots)).containsExactly("CITY", "TOWN");
    assertThat(unitsExported(town)).containsExactly("KEC", "TOWN");
    // Programme series are not per unit, and the view keeps every unit.
    assertThat(roots.scrape()).contains("asn_program_satisfaction_index{");
    assertThat(state.snapshot().units()).hasSize(4);
  }

  @Test
  void shouldExposeContractNamesAndLabels() {
    state.unit("CITY", ViewRecords.unit("CITY", null));
    state.unit("DINAS", ViewRecords.unit("DINAS", "CITY"));
    state.activity(ViewRecords.week("DINAS", WEEK1, RecordStatus.FINAL, 3, 100, 10));
    state.activity(ViewRecords.week("DINAS", WEEK2, RecordStatus.PROVISIONAL, 1, 100, 2));
    state.ytd(ViewRecords.ytd("DINAS", 2026, 4, 100));
    state.program("P1", ViewRecords.program("P1", OrganizerKind.UNIVERSITY));
    state.programWeek(ViewRecords.programWeek("P1", WEEK1, RecordStatus.FINAL, 12, 70.0));
    state.alert(
        "DINAS|LOW_PARTICIPATION",
        ViewRecords.alert(
            "DINAS", AlertRule.LOW_PARTICIPATION, Severity.WARNING, AlertState.FIRING));

    metrics.update(state.snapshot());

    assertThat(scrape("asn_unit_info{"))
        .containsExactly(
            "asn_unit_info{depth=\"0\",kind=\"PEMDA\",name=\"Unit CITY\",parent=\"\",unit=\"CITY\"}"
                + " 1.0",
            "asn_unit_info{depth=\"1\",kind=\"DINAS\",name=\"Unit DINAS\",parent=\"CITY\","
                + "unit=\"DINAS\"} 1.0");
    assertThat(scrape("asn_unit_participation_ratio{"))
        .containsExactly(
            "asn_unit_participation_ratio{period=\"current\",unit=\"DINAS\",window=\"week\"} 0.02",
            "asn_unit_participation_ratio{period=\"previous\",unit=\"DINAS\",window=\"week\"} 0.1");
    assertThat(scrape("asn_unit_satisfaction_index{"))
        .containsExactly(
            "asn_unit_satisfaction_index{period=\"previous\",unit=\"DINAS\",window=\"week\"} 80.0");
    assertThat(scrape("asn_unit_headcount{"))
        .containsExactly("asn_unit_headcount{unit=\"DINAS\"} 100.0");
    assertThat(scrape("asn_unit_jp_attainment_ratio{"))
        .containsExactly("asn_unit_jp_attainment_ratio{unit=\"DINAS\"} 0.25");
    assertThat(scrape("asn_unit_jp_expected_ratio{"))
        .containsExactly("asn_unit_jp_expected_ratio{unit=\"DINAS\"} 0.85");
    assertThat(scrape("asn_unit_jp_zero_employees{"))
        .containsExactly("asn_unit_jp_zero_employees{unit=\"DINAS\"} 50.0");
    assertThat(scrape("asn_program_satisfaction_index{"))
        .containsExactly(
            "asn_program_satisfaction_index{organizer_kind=\"UNIVERSITY\",period=\"previous\","
                + "program=\"P1\"} 70.0");
    assertThat(scrape("asn_alert_active{"))
        .containsExactly(
            "asn_alert_active{rule=\"LOW_PARTICIPATION\",severity=\"WARNING\",unit=\"DINAS\"} 1.0");
    assertThat(registry.scrape()).doesNotContain("NaN");
  }

  @Test
  void shouldUpdateInPlaceAndDropSeriesThatBecomeNullOrResolve() {
    state.unit("DINAS", ViewRecords.unit("DINAS", null));
    state.activity(ViewRecords.week("DINAS", WEEK1, RecordStatus.PROVISIONAL, 1, 100, 10));
    state.alert(
        "DINAS|LOW_ATTENDANCE",
        ViewRecords.alert("DINAS", AlertRule.LOW_ATTENDANCE, Severity.WARNING, AlertState.FIRING));
    metrics.update(state.snapshot());
    assertThat(scrape("asn_unit_satisfaction_index{")).hasSize(1);

    state.activity(ViewRecords.week("DINAS", WEEK1, RecordStatus.PROVISIONAL, 2, 100, 30));
    state.activity(ViewRecords.week("DINAS", WEEK1, RecordStatus.FINAL, 3, 100, 3));
    state.alert(
        "DINAS|LOW_ATTENDANCE",
        ViewRecords.alert(
            "DINAS", AlertRule.LOW_ATTENDANCE, Severity.WARNING, AlertState.RESOLVED));
    metrics.update(state.snapshot());

    // The closed week has 3 participants: suppressed, so no satisfaction series at all.
    assertThat(scrape("asn_unit_satisfaction_index{")).isEmpty();
    assertThat(scrape("asn_unit_participants{"))
        .containsExactly(
            "asn_unit_participants{period=\"current\",unit=\"DINAS\",window=\"week\"} 0.0",
            "asn_unit_participants{period=\"previous\",unit=\"DINAS\",window=\"week\"} 3.0");
    assertThat(scrape("asn_alert_active{")).isEmpty();
    assertThat(registry.scrape()).doesNotContain("NaN");
  }
}
