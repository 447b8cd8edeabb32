package id.go.bkn.asn.api;

import static id.go.bkn.asn.view.ViewRecords.WEEK1;
import static id.go.bkn.asn.view.ViewRecords.WEEK2;
import static id.go.bkn.asn.view.ViewRecords.WEEK3;

import id.go.bkn.asn.http.PipelineHttpServer;
import id.go.bkn.asn.schema.AlertRule;
import id.go.bkn.asn.schema.AlertState;
import id.go.bkn.asn.schema.ParticipationAlert;
import id.go.bkn.asn.schema.RecordStatus;
import id.go.bkn.asn.schema.Severity;
import id.go.bkn.asn.schema.UnitActivity;
import id.go.bkn.asn.schema.WindowSize;
import id.go.bkn.asn.view.AggregateHistory;
import id.go.bkn.asn.view.AggregateSnapshot;
import id.go.bkn.asn.view.AggregateSnapshot.UnitInfo;
import id.go.bkn.asn.view.AggregateSnapshot.UnitJp;
import id.go.bkn.asn.view.AggregateSnapshot.UnitWindow;
import id.go.bkn.asn.view.Period;
import id.go.bkn.asn.view.ViewRecords;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/**
 * A small city for the API's tests, served on a free port: KOTA-SERANG with two sub-units, BPKAD
 * (lagging, an alert FIRING) and DPUPR; weeks 1 and 2 closed (FINAL), week 3 open (PROVISIONAL);
 * two days of daily records; year-to-date figures; two programmes, one suppressed; and a
 * LOW_PARTICIPATION alert of BPKAD that fired and a NO_ACTIVITY alert of DPUPR that fired and
 * resolved. "Today" is the Wednesday of week 3.
 */
final class ApiFixture implements AutoCloseable {

  static final String ROOT = "KOTA-SERANG";
  static final String BPKAD = "BPKAD";
  static final String DPUPR = "DPUPR";
  static final Instant TODAY = WEEK3.plus(Duration.ofDays(2));

  final AggregateHistory history = new AggregateHistory(AggregateHistory.Limits.DEFAULTS);
  final AggregateSnapshot snapshot;
  private final PipelineHttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  boolean ready = true;

  ApiFixture() {
    final List<UnitInfo> units =
        List.of(
            new UnitInfo(ROOT, "Pemerintah Kota Serang", "PEMDA", null, 0),
            new UnitInfo(BPKAD, "Badan Pengelolaan Keuangan", "BADAN", ROOT, 1),
            new UnitInfo(DPUPR, "Dinas Pekerjaan Umum", "DINAS", ROOT, 1));
    final List<UnitWindow> windows = new ArrayList<>();
    final List<UnitJp> jp = new ArrayList<>();
    for (final UnitInfo unit : units) {
      final int headcount = unit.depth() == 0 ? 200 : 100;
      final int participants = BPKAD.equals(unit.unitId()) ? 2 : 40;
      for (final Instant week : List.of(WEEK1, WEEK2)) {
        history.activity(
            ViewRecords.week(unit.unitId(), week, RecordStatus.FINAL, 3, headcount, participants));
      }
      final UnitActivity open =
          ViewRecords.week(unit.unitId(), WEEK3, RecordStatus.PROVISIONAL, 1, headcount, 10);
      history.activity(open);
      history.activity(ViewRecords.day(unit.unitId(), WEEK2, RecordStatus.FINAL, 7));
      history.activity(ViewRecords.day(unit.unitId(), WEEK3, RecordStatus.FINAL, 8));
      history.ytd(ViewRecords.ytd(unit.unitId(), 2026, 4, headcount));
      windows.add(window(unit.unitId(), Period.PREVIOUS, WEEK2, headcount));
      windows.add(window(unit.unitId(), Period.CURRENT, WEEK3, headcount));
      jp.add(new UnitJp(unit.unitId(), 2026, WEEK2, headcount, 10, 50, 6.0, 0.25, 0.85));
    }
    history.programWeek(ViewRecords.programWeek("P-001", WEEK2, RecordStatus.FINAL, 30, 84.0));
    history.programWeek(ViewRecords.programWeek("P-002", WEEK2, RecordStatus.FINAL, 3, null));
    history.programWeek(
        ViewRecords.programWeek("P-001", WEEK3, RecordStatus.PROVISIONAL, 12, 90.0));
    history.alert(
        BPKAD + "|LOW_PARTICIPATION",
        ViewRecords.alert(BPKAD, AlertRule.LOW_PARTICIPATION, Severity.WARNING, AlertState.FIRING));
    final ParticipationAlert fired =
        ViewRecords.alert(DPUPR, AlertRule.NO_ACTIVITY, Severity.WARNING, AlertState.FIRING);
    history.alert(DPUPR + "|NO_ACTIVITY", fired);
    history.alert(
        DPUPR + "|NO_ACTIVITY",
        ParticipationAlert.newBuilder(fired)
            .setState(AlertState.RESOLVED)
            .setMessage("Aktivitas kembali")
            .setEmittedAt(WEEK3)
            .build());
    snapshot = new AggregateSnapshot(units, windows, jp, List.of(), List.of());
    final ApiSource source =
        new ApiSource() {
          @Override
          public boolean ready() {
            return ready;
          }

          @Override
          public AggregateSnapshot snapshot() {
            return snapshot;
          }

          @Override
          public AggregateHistory history() {
            return history;
          }

          @Override
          public Optional<Instant> updatedAt() {
            return Optional.of(TODAY);
          }

          @Override
          public long version() {
            return 7;
          }
        };
    final ApiQueries queries = new ApiQueries(source, Clock.fixed(TODAY, ZoneOffset.UTC), 20);
    server =
        PipelineHttpServer.start(
            "127.0.0.1",
            0,
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            () -> KafkaStreams.State.RUNNING,
            Map.of(ApiHandler.CONTEXT, new ApiHandler(queries)));
  }

  private static UnitWindow window(
      final String unit, final Period period, final Instant start, final int headcount) {
    return new UnitWindow(
        unit, WindowSize.WEEK, period, start, headcount, 10, 0.1, 0.8, 20, 1.0, 80.0, 3.5);
  }

  /** GETs a path of the server, e.g. {@code /api/v1/units}, with optional header pairs. */
  HttpResponse<String> get(final String path, final String... headers)
      throws IOException, InterruptedException {
    final HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(10));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    server.close();
  }
}
