package id.go.bkn.asn.api;

import static id.go.bkn.asn.api.ApiFixture.BPKAD;
import static id.go.bkn.asn.api.ApiFixture.DPUPR;
import static id.go.bkn.asn.api.ApiFixture.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The read-only API over HTTP on the app's server: what each endpoint answers from the view, its
 * CSV form, and the 400/404/405/503 errors with a message that says what to fix.
 */
class ApiHandlerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ApiFixture api = new ApiFixture();

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void shouldListTheUnitTreeRootFirstWithHeadcounts() throws Exception {
    final JsonNode units = json(api.get("/api/v1/units"));

    assertThat(field(units, "unitId")).containsExactly(ROOT, BPKAD, DPUPR);
    assertThat(units.get(0).get("parentUnitId").isNull()).isTrue();
    assertThat(units.get(0).get("headcount").asInt()).isEqualTo(200);
    assertThat(units.get(1).get("parentUnitId").asText()).isEqualTo(ROOT);
    assertThat(units.get(1).get("depth").asInt()).isEqualTo(1);
  }

  @Test
  void shouldAnswerEveryListAsCsvWithAHeaderRowWhenAskedByParameterOrAcceptHeader()
      throws Exception {
    final HttpResponse<String> byParameter = api.get("/api/v1/units?format=csv");
    final HttpResponse<String> byHeader = api.get("/api/v1/units", "Accept", "text/csv");

    assertThat(byParameter.statusCode()).isEqualTo(200);
    assertThat(byParameter.headers().firstValue("Content-Type"))
        .hasValue("text/csv; charset=utf-8");
    assertThat(byParameter.body().split("\n"))
        .containsExactly(
            "unitId,name,kind,parentUnitId,depth,headcount",
            "KOTA-SERANG,\"Pemerintah Kota Serang\",PEMDA,,0,200",
            "BPKAD,\"Badan Pengelolaan Keuangan\",BADAN,KOTA-SERANG,1,100",
            "DPUPR,\"Dinas Pekerjaan Umum\",DINAS,KOTA-SERANG,1,100");
    assertThat(byHeader.body()).isEqualTo(byParameter.body());
    final String[] activity = api.get("/api/v1/units/BPKAD/activity?format=csv").body().split("\n");
    assertThat(activity[0]).startsWith("unitId,unitName,parentUnitId,depth,windowSize,windowStart");
    assertThat(activity).hasSize(4);
    assertThat(activity[1])
        .startsWith("BPKAD,\"Unit BPKAD\",,1,WEEK,2026-11-02,2026-11-09,FINAL,3");
  }

  @Test
  void shouldAnswerAnEmptyListAsCsvWithItsHeaderRowOnly() throws Exception {
    final HttpResponse<String> none =
        api.get("/api/v1/alerts/history?from=2025-01-01&to=2025-01-31&format=csv");

    assertThat(none.statusCode()).isEqualTo(200);
    assertThat(none.body())
        .isEqualTo(
            "alertId,unitId,unitName,rule,severity,state,windowStart,windowEnd,value,threshold,"
                + "message,emittedAt\n");
  }

  @Test
  void shouldShowAUnitWithItsPathFromTheRootItsSubUnitsAndItsYear() throws Exception {
    final JsonNode bpkad = json(api.get("/api/v1/units/BPKAD"));
    final JsonNode root = json(api.get("/api/v1/units/KOTA-SERANG"));

    assertThat(field(bpkad.get("path"), "unitId")).containsExactly(ROOT, BPKAD);
    assertThat(bpkad.get("children")).isEmpty();
    assertThat(bpkad.get("ytd").get("targetJp").asDouble()).isEqualTo(20.0);
    assertThat(bpkad.get("ytd").get("expectedAttainment").asDouble()).isEqualTo(0.85);
    assertThat(field(root.get("children"), "unitId")).containsExactly(BPKAD, DPUPR);
    assertThat(field(root.get("path"), "unitId")).containsExactly(ROOT);
  }

  @Test
  void shouldGiveAUnitsClosedWeeksAndTheOpenOneOverTheDefaultRange() throws Exception {
    final JsonNode weeks = json(api.get("/api/v1/units/BPKAD/activity"));

    assertThat(field(weeks, "windowStart"))
        .containsExactly("2026-11-02", "2026-11-09", "2026-11-16");
    assertThat(field(weeks, "status")).containsExactly("FINAL", "FINAL", "PROVISIONAL");
    assertThat(weeks.get(0).get("participationRate").asDouble()).isEqualTo(0.02);
    assertThat(weeks.get(0).get("satisfactionIndex").isNull()).isTrue();
    assertThat(weeks.get(0).get("satisfactionSuppressed").asBoolean()).isTrue();
    assertThat(weeks.get(2).get("windowEnd").asText()).isEqualTo("2026-11-23");
  }

  @Test
  void shouldSelectWindowsStartingWithinFromAndToInclusive() throws Exception {
    final JsonNode week2 =
        json(api.get("/api/v1/units/DPUPR/activity?window=week&from=2026-11-09&to=2026-11-09"));
    final JsonNode days =
        json(api.get("/api/v1/units/DPUPR/activity?window=day&from=2026-11-01&to=2026-11-30"));

    assertThat(field(week2, "windowStart")).containsExactly("2026-11-09");
    assertThat(field(days, "windowStart")).containsExactly("2026-11-09", "2026-11-16");
    assertThat(field(days, "windowSize")).containsOnly("DAY");
  }

  @Test
  void shouldGiveEveryUnitsRecordOfTheLastClosedTheOpenOrAGivenWeek() throws Exception {
    final JsonNode previous = json(api.get("/api/v1/activity"));
    final JsonNode current = json(api.get("/api/v1/activity?period=current"));
    final JsonNode first = json(api.get("/api/v1/activity?start=2026-11-02"));

    assertThat(field(previous, "unitId")).containsExactly(ROOT, BPKAD, DPUPR);
    assertThat(field(previous, "windowStart")).containsOnly("2026-11-09");
    assertThat(field(previous, "status")).containsOnly("FINAL");
    assertThat(field(current, "windowStart")).containsOnly("2026-11-16");
    assertThat(field(current, "status")).containsOnly("PROVISIONAL");
    assertThat(field(first, "windowStart")).containsOnly("2026-11-02");
    assertThat(first).hasSize(3);
  }

  @Test
  void shouldGiveYearToDateProgrammesAndAlerts() throws Exception {
    final JsonNode ytd = json(api.get("/api/v1/jp-ytd"));
    final JsonNode programs = json(api.get("/api/v1/programs"));
    final JsonNode firing = json(api.get("/api/v1/alerts"));
    final JsonNode history = json(api.get("/api/v1/alerts/history"));

    assertThat(field(ytd, "unitId")).containsExactly(ROOT, BPKAD, DPUPR);
    assertThat(ytd.get(0).get("employeesZeroJp").asInt()).isEqualTo(100);
    assertThat(field(programs, "programId")).containsExactly("P-001", "P-001", "P-002");
    assertThat(field(programs, "ikmBand").get(0)).isEqualTo("B");
    assertThat(programs.get(2).get("satisfactionSuppressed").asBoolean()).isTrue();
    assertThat(programs.get(2).get("satisfactionIndex").isNull()).isTrue();
    assertThat(field(firing, "unitId")).containsExactly(BPKAD);
    assertThat(field(firing, "message")).containsExactly("Partisipasi rendah");
    assertThat(field(history, "state")).containsExactly("FIRING", "FIRING", "RESOLVED");
  }

  @Test
  void shouldAnswer404WithTheWayToTheUnitIdsForAnUnknownUnit() throws Exception {
    final HttpResponse<String> unknown = api.get("/api/v1/units/NOPE/activity");

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Content-Type"))
        .hasValue("application/json; charset=utf-8");
    assertThat(JSON.readTree(unknown.body()).get("message").asText())
        .isEqualTo("no active unit with id 'NOPE'; GET /api/v1/units lists the unit ids");
  }

  @Test
  void shouldAnswer400SayingWhatToFixForBadDatesRangesAndParameters() throws Exception {
    assertThat(error(400, "/api/v1/units/BPKAD/activity?from=02-11-2026"))
        .isEqualTo("from must be a date as yyyy-MM-dd, e.g. 2026-11-02, not '02-11-2026'");
    assertThat(error(400, "/api/v1/units/BPKAD/activity?from=2026-11-10&to=2026-11-01"))
        .isEqualTo("from (2026-11-10) is after to (2026-11-01); give from on or before to");
    assertThat(error(400, "/api/v1/units/BPKAD/activity?window=day&from=2025-01-01&to=2026-11-01"))
        .isEqualTo(
            "the range from 2025-01-01 to 2026-11-01 spans 669 days; ask for at most 400 days"
                + " per request");
    assertThat(error(400, "/api/v1/units/BPKAD/activity?window=month"))
        .isEqualTo("window must be 'day' or 'week', not 'month'");
    assertThat(error(400, "/api/v1/activity?period=last"))
        .startsWith("period must be 'previous' (the last closed window) or 'current'");
    assertThat(error(400, "/api/v1/activity?period=current&start=2026-11-02"))
        .isEqualTo("give either period or start, not both");
    assertThat(error(400, "/api/v1/programs?form=2026-11-01"))
        .isEqualTo("unknown parameter 'form'; this endpoint takes format, from, to");
    assertThat(error(400, "/api/v1/units?format=xml"))
        .isEqualTo("format must be 'json' or 'csv', not 'xml'");
    assertThat(error(400, "/api/v1/units/BPKAD?format=csv"))
        .isEqualTo("only list answers come as CSV");
    assertThat(error(404, "/api/v1/nothing-here"))
        .isEqualTo(
            "no endpoint /api/v1/nothing-here; the endpoints are listed in"
                + " /api/v1/openapi.json");
  }

  @Test
  void shouldServeNoPerEmployeeData() throws Exception {
    final String openApi = api.get("/api/v1/openapi.json").body();

    assertThat(openApi).doesNotContainIgnoringCase("employeeId").doesNotContain("restricted");
    assertThat(api.get("/api/v1/employee-jp-ytd").statusCode()).isEqualTo(404);
    assertThat(api.get("/api/v1/units/BPKAD/employees").statusCode()).isEqualTo(404);
  }

  @Test
  void shouldAnswer503WithRetryAfterWhileTheViewCatchesUpButTellItsStatus() throws Exception {
    api.ready = false;

    final HttpResponse<String> units = api.get("/api/v1/units");
    final JsonNode status = json(api.get("/api/v1/status"));

    assertThat(units.statusCode()).isEqualTo(503);
    assertThat(units.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(status.get("ready").asBoolean()).isFalse();
    assertThat(status.get("version").asLong()).isEqualTo(7);
  }

  @Test
  void shouldTellTheOpenAndLastClosedWeekAndTheRoots() throws Exception {
    final JsonNode status = json(api.get("/api/v1/status"));

    assertThat(status.get("ready").asBoolean()).isTrue();
    assertThat(status.get("openWeek").asText()).isEqualTo("2026-11-16");
    assertThat(status.get("lastClosedWeek").asText()).isEqualTo("2026-11-09");
    assertThat(field(status.get("roots"), null)).containsExactly(ROOT);
    assertThat(status.get("minCohort").asInt()).isEqualTo(20);
  }

  @Test
  void shouldRefuseAnythingButGet() throws Exception {
    final HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(api.get("/api/v1/status").uri().toString().replace("/status", "/units")))
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build();
    final HttpResponse<String> post =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(JSON.readTree(post.body()).get("message").asText())
        .isEqualTo("the API is read-only: use GET");
  }

  private String error(final int status, final String path) throws Exception {
    final HttpResponse<String> response = api.get(path);
    assertThat(response.statusCode()).as(path).isEqualTo(status);
    final JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("status").asInt()).isEqualTo(status);
    return body.get("message").asText();
  }

  private static JsonNode json(final HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.uri() + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static List<String> field(final JsonNode array, final String name) {
    final List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(name == null ? n.asText() : n.get(name).asText()));
    return out;
  }
}
