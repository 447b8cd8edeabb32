package id.go.bkn.asn.app;

import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.app.LiveView.Endpoints;
import id.go.bkn.asn.app.LiveView.FiringAlert;
import id.go.bkn.asn.app.LiveView.SimulatorStatus;
import id.go.bkn.asn.app.LiveView.Snapshot;
import id.go.bkn.asn.app.LiveView.UnitWeek;
import id.go.bkn.asn.metrics.PipelineEvents.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LiveViewTest {

  /** 2026-11-28 15:23:45 WIB, a Saturday. */
  private static final Instant NOW = Instant.parse("2026-11-28T08:23:45Z");

  /** Monday 2026-11-16, 00:00 WIB. */
  private static final Instant CLOSED_WEEK = Instant.parse("2026-11-15T17:00:00Z");

  /** Monday 2026-11-23, 00:00 WIB. */
  private static final Instant OPEN_WEEK = Instant.parse("2026-11-22T17:00:00Z");

  private static final Endpoints ENDPOINTS =
      new Endpoints("127.0.0.1:9092", "http://127.0.0.1:8081", "http://127.0.0.1:8080");

  private static final SimulatorStatus SIMULATOR =
      new SimulatorStatus(Instant.parse("2026-10-05T07:30:00Z"), 1_234_567, 2000, null);

  @Test
  void shouldShowUnknownFiguresWhenNothingIsKnownYet() {
    // given a snapshot right after start-up
    final Snapshot snapshot =
        new Snapshot(
            NOW, "REBALANCING", Map.of(), SIMULATOR, 20, null, List.of(), List.of(), ENDPOINTS);

    // when
    final String text = LiveView.render(snapshot);

    // then
    assertThat(text)
        .isEqualTo(
            """
            ASN participation demo, Kota Serang      2026-11-28 15:23:45 WIB

            Simulated time  Mon 2026-10-05 14:30 WIB (2000x), 1,234,567 records sent
            Streams app     REBALANCING
            Events in       accepted 0   duplicate 0   dead letter 0   late 0
            City this week  unknown yet

            Lowest participation (units of 20 ASN or more): unknown yet

            Firing alerts: none

            Dashboard       http://127.0.0.1:8080/   API: http://127.0.0.1:8080/api/v1/docs
            Metrics         http://127.0.0.1:8080/metrics   health: http://127.0.0.1:8080/health/ready
            Kafka           127.0.0.1:9092   schema registry: http://127.0.0.1:8081
            Ctrl-C stops the demo; running it again on the same --data-dir resumes.
            """);
  }

  @Test
  void shouldFormatNumbersTheSameWayWhenTheDefaultLocaleUsesOtherSeparators() {
    // given Indonesian conventions (1.234,5) as the JVM's default
    final Locale before = Locale.getDefault();
    Locale.setDefault(Locale.forLanguageTag("id-ID"));
    try {
      final Snapshot snapshot =
          new Snapshot(
              NOW,
              "RUNNING",
              Map.of(
                  Outcome.ACCEPTED, 1_234_567L,
                  Outcome.DUPLICATE, 1_234L,
                  Outcome.DEAD_LETTER, 12L,
                  Outcome.LATE, 3L),
              SIMULATOR,
              20,
              new UnitWeek(
                  "KOTA-SERANG",
                  "Pemerintah Kota Serang",
                  0,
                  OPEN_WEEK,
                  false,
                  1_082,
                  8_800,
                  0.12295),
              List.of(),
              List.of(),
              ENDPOINTS);

      // when
      final String text = LiveView.render(snapshot);

      // then
      assertThat(text)
          .contains(
              "Events in       accepted 1,234,567   duplicate 1,234   dead letter 12   late 3\n")
          .contains(
              "City this week  12.3 % (1,082 of 8,800 ASN took part), week of 2026-11-23 so far\n");
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void shouldRankTheFiveLowestUnitsOfTheClosedWeekWhenSmallUnitsAndTheRootAreAmongThem() {
    // given ten units, some below the cohort, the root the lowest of all
    final List<UnitWeek> weeks = new ArrayList<>();
    weeks.add(week("KOTA-SERANG", "Pemerintah Kota Serang", 0, 0, 8_800, true));
    weeks.add(week("KEL-A", "Kelurahan A", 2, 0, 8, true)); // below the cohort: left out
    weeks.add(week("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", 1, 2, 120, true));
    weeks.add(week("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", 1, 3, 90, true));
    weeks.add(week("DISKOMINFO", "Dinas Komunikasi dan Informatika", 1, 30, 60, true));
    weeks.add(week("DINKES", "Dinas Kesehatan", 1, 40, 400, true));
    weeks.add(week("DPMPTSP", "Dinas Penanaman Modal dan PTSP", 1, 2, 40, true));
    weeks.add(week("SETDA", "Sekretariat Daerah", 1, 40, 200, true));
    weeks.add(week("INSP", "Inspektorat", 1, 4, 20, true)); // exactly the cohort: counted
    weeks.add(
        new UnitWeek("EMPTY", "Unit tanpa pegawai", 1, CLOSED_WEEK, true, 0, 25, null)); // n/a
    final Snapshot snapshot = snapshot(weeks, List.of());

    // when
    final String text = LiveView.render(snapshot);

    // then
    assertThat(section(text, "Lowest participation"))
        .isEqualTo(
            """
            Lowest participation, last closed week (FINAL), week of 2026-11-16 (units of 20 ASN or more):
                1.7 %  BPKAD          Badan Pengelolaan Keuangan dan Aset Daerah        2 of 120
                3.3 %  DPUPR          Dinas Pekerjaan Umum dan Penataan Ruang           3 of 90
                5.0 %  DPMPTSP        Dinas Penanaman Modal dan PTSP                    2 of 40
               10.0 %  DINKES         Dinas Kesehatan                                  40 of 400
               20.0 %  INSP           Inspektorat                                       4 of 20
            """);
  }

  @Test
  void shouldLabelTheOpenWeekAndCutLongNamesWhenNoWeekHasClosedYet() {
    // given only the open week's figures, one unit with a very long name
    final String longName =
        "Dinas Pengendalian Penduduk, KB, Pemberdayaan Perempuan dan Perlindungan Anak";
    final Snapshot snapshot =
        snapshot(
            List.of(new UnitWeek("DKBP3A", longName, 1, OPEN_WEEK, false, 1, 50, 0.02)), List.of());

    // when
    final String text = LiveView.render(snapshot);

    // then
    assertThat(section(text, "Lowest participation"))
        .isEqualTo(
            """
            Lowest participation, this week so far (PROVISIONAL), week of 2026-11-23 (units of 20 ASN or more):
                2.0 %  DKBP3A         Dinas Pengendalian Penduduk, KB, Pemberda...      1 of 50
            """);
  }

  @Test
  void shouldListCriticalAlertsFirstAndCountTheRestWhenThereAreMoreThanFit() {
    // given one CRITICAL and ten WARNING alerts
    final List<FiringAlert> alerts = new ArrayList<>();
    IntStream.range(0, 10)
        .forEach(
            i ->
                alerts.add(
                    new FiringAlert(
                        "U" + i,
                        "Unit " + i,
                        "LOW_PARTICIPATION",
                        "WARNING",
                        CLOSED_WEEK,
                        "Partisipasi pelatihan 1,0% di bawah ambang 5,0%")));
    alerts.add(
        new FiringAlert(
            "KEL-B",
            "Kelurahan B",
            "NO_ACTIVITY",
            "CRITICAL",
            CLOSED_WEEK.minusSeconds(7 * 86_400),
            "Tidak ada kegiatan pelatihan selama 2 minggu"));
    final Snapshot snapshot = snapshot(List.of(), alerts);

    // when
    final String text = LiveView.render(snapshot);

    // then
    final String section = section(text, "Firing alerts");
    assertThat(section)
        .startsWith(
            """
            Firing alerts: 11 (LOW_PARTICIPATION 10, NO_ACTIVITY 1)
              CRITICAL NO_ACTIVITY       since 2026-11-09  Kelurahan B
                       Tidak ada kegiatan pelatihan selama 2 minggu
              WARNING  LOW_PARTICIPATION since 2026-11-16  Unit 0
                       Partisipasi pelatihan 1,0% di bawah ambang 5,0%
            """)
        .endsWith("  ... and 3 more (./pipeline consume --topic alerts.participation)\n");
    assertThat(section.lines().filter(l -> l.contains("since"))).hasSize(LiveView.MAX_ALERTS);
  }

  @Test
  void shouldSaySoWhenTheSimulatorIsOffOrHasStopped() {
    // given
    final Snapshot off =
        new Snapshot(NOW, "RUNNING", Map.of(), null, 20, null, List.of(), List.of(), ENDPOINTS);
    final Snapshot failed =
        new Snapshot(
            NOW,
            "RUNNING",
            Map.of(),
            new SimulatorStatus(SIMULATOR.reached(), 10, 1.5, "broker unreachable"),
            20,
            null,
            List.of(),
            List.of(),
            ENDPOINTS);

    // when / then
    assertThat(LiveView.render(off))
        .contains(
            "Simulated time  simulator off (--no-simulator): feed events with ./pipeline import\n");
    assertThat(LiveView.render(failed))
        .contains(
            "Simulated time  Mon 2026-10-05 14:30 WIB (1.5x), 10 records sent;"
                + " SIMULATOR STOPPED: broker unreachable\n");
  }

  private static UnitWeek week(
      final String id,
      final String name,
      final int depth,
      final int participants,
      final int headcount,
      final boolean closed) {
    return new UnitWeek(
        id,
        name,
        depth,
        closed ? CLOSED_WEEK : OPEN_WEEK,
        closed,
        participants,
        headcount,
        (double) participants / headcount);
  }

  private static Snapshot snapshot(final List<UnitWeek> weeks, final List<FiringAlert> alerts) {
    return new Snapshot(NOW, "RUNNING", Map.of(), SIMULATOR, 20, null, weeks, alerts, ENDPOINTS);
  }

  /** The lines from the one starting with {@code heading} up to the next empty line. */
  private static String section(final String text, final String heading) {
    final StringBuilder out = new StringBuilder();
    boolean in = false;
    for (final String line : text.split("\n", -1)) {
      if (line.startsWith(heading)) {
        in = true;
      }
      if (in && line.isEmpty()) {
        break;
      }
      if (in) {
        out.append(line).append('\n');
      }
    }
    return out.toString();
  }
}
