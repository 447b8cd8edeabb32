package id.go.bkn.asn.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.go.bkn.asn.observability.DashboardQueries.Query;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardQueriesTest {

  @TempDir Path dir;

  private static Query query(final List<Query> queries, final String dashboard, final String src) {
    return queries.stream()
        .filter(q -> q.dashboard().equals(dashboard) && q.source().equals(src))
        .findFirst()
        .orElseThrow(() -> new AssertionError("No query " + src + " in " + dashboard));
  }

  @Test
  void shouldSubstituteEveryVariableWhenListingTheRepositoryDashboards() {
    final List<Query> queries = DashboardQueries.fromRepository().queries("SETDA", "2m", "3h");

    assertThat(queries).isNotEmpty().noneMatch(q -> q.expr().contains("$"));
    assertThat(queries)
        .extracting(Query::dashboard)
        .contains(
            "asn-ringkasan-pimpinan",
            "asn-detail-unit",
            "asn-program-kepuasan",
            "asn-kesehatan-pipeline");
    assertThat(queries)
        .filteredOn(q -> q.dashboard().equals("asn-detail-unit") && !q.source().startsWith("$"))
        .isNotEmpty()
        .allMatch(q -> q.expr().contains("\"SETDA\""), "every Detail Unit panel reads the unit");
    assertThat(queries).anyMatch(q -> q.expr().contains("[2m]"));
    assertThat(queries).anyMatch(q -> q.expr().contains("[3h]"));
  }

  @Test
  void shouldTurnLabelValuesIntoCountByWhenVariableIsAQuery() {
    final List<Query> queries = DashboardQueries.fromRepository().queries("KOTA-SERANG");

    assertThat(query(queries, "asn-detail-unit", "$unit").expr())
        .isEqualTo("count by (unit) (asn_unit_info)");
  }

  @Test
  void shouldUseTheAllValueWhenVariableIncludesAll() {
    final List<Query> queries = DashboardQueries.fromRepository().queries("KOTA-SERANG");

    assertThat(queries)
        .filteredOn(q -> q.dashboard().equals("asn-program-kepuasan"))
        .anyMatch(q -> q.expr().contains("organizer_kind=~\".*\""));
  }

  @Test
  void shouldFailNamingTheVariableWhenDashboardUsesOneWithoutTestValue() throws IOException {
    write(
        "x.json",
        """
        {"uid": "x", "panels": [{"title": "A", "targets": [
          {"refId": "A", "expr": "up{instance=\\"$instance\\"}"}]}]}
        """);

    assertThatThrownBy(() -> DashboardQueries.load(dir).queries("KOTA-SERANG"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("$instance");
  }

  @Test
  void shouldListPanelsInsideCollapsedRowsAndSkipEmptyTargets() throws IOException {
    write(
        "x.json",
        """
        {"uid": "x", "panels": [
          {"type": "row", "title": "R", "collapsed": true, "panels": [
            {"title": "Inner", "targets": [{"refId": "B", "expr": "rate(a_total[${__rate_interval}])"}]}]},
          {"title": "Text", "targets": [{"refId": "A", "expr": ""}]}]}
        """);

    final List<Query> queries = DashboardQueries.load(dir).queries("U", "5m", "1h");

    assertThat(queries).containsExactly(new Query("x", "Inner / B", "rate(a_total[5m])", false));
  }

  @Test
  void shouldFindOnlyMetricNamesWhenExpressionHasFunctionsJoinsMatchersAndKeywords() {
    assertThat(
            DashboardQueries.metricNames(
                "histogram_quantile(0.95, sum by (le) (rate(a_bucket{x=\"b c\",y=~\"d|e\"}[5m])))"))
        .containsExactly("a_bucket");
    assertThat(
            DashboardQueries.metricNames(
                "(max by (unit) (x_ratio) and on(unit) (max by (unit) (h) >= 20))"
                    + " * on(unit) group_left(name, kind) max by (unit, name, kind) (info)"))
        .containsExactly("x_ratio", "h", "info");
    assertThat(DashboardQueries.metricNames("count(z unless w offset 5m) or vector(0)"))
        .containsExactly("z", "w");
    assertThat(DashboardQueries.metricNames("sum(q) by (topic) / ignoring(topic) group_right r"))
        .containsExactly("q", "r");
  }

  @Test
  void shouldMarkAQueryMayBeEmptyOnlyWhenItReadsSuppressibleFiguresUnguarded() {
    final List<Query> queries = DashboardQueries.fromRepository().queries("KOTA-SERANG");

    assertThat(query(queries, "asn-detail-unit", "Indeks kepuasan dan mutu IKM / A").mayBeEmpty())
        .isTrue();
    assertThat(query(queries, "asn-detail-unit", "Partisipasi / A").mayBeEmpty()).isFalse();
    assertThat(query(queries, "asn-detail-unit", "Peringatan aktif / A").mayBeEmpty())
        .as("count(...) or vector(0) always has a value")
        .isFalse();
    assertThat(query(queries, "asn-ringkasan-pimpinan", "Peringatan yang menyala / A").mayBeEmpty())
        .isTrue();
  }

  @Test
  void shouldRefuseAUnitIdWhenItWouldBreakTheLabelMatcher() {
    final DashboardQueries dashboards = DashboardQueries.fromRepository();

    assertThatThrownBy(() -> dashboards.queries("A\"B"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> dashboards.queries(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  private void write(final String name, final String json) throws IOException {
    Files.writeString(dir.resolve(name), json);
  }
}
