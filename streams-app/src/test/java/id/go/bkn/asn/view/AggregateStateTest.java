package id.go.bkn.asn.view;

import static id.go.bkn.asn.view.ViewRecords.WEEK1;
import static id.go.bkn.asn.view.ViewRecords.WEEK2;
import static id.go.bkn.asn.view.ViewRecords.WEEK3;
import static org.assertj.core.api.Assertions.assertThat;

import id.go.bkn.asn.schema.AlertRule;
import id.go.bkn.asn.schema.AlertState;
import id.go.bkn.asn.schema.OrganizerKind;
import id.go.bkn.asn.schema.RecordStatus;
import id.go.bkn.asn.schema.Severity;
import id.go.bkn.asn.schema.WindowSize;
import id.go.bkn.asn.schema.WorkUnit;
import id.go.bkn.asn.view.AggregateSnapshot.ProgramWindow;
import id.go.bkn.asn.view.AggregateSnapshot.UnitInfo;
import id.go.bkn.asn.view.AggregateSnapshot.UnitWindow;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AggregateStateTest {

  private final AggregateState state = new AggregateState();

  @BeforeEach
  void units() {
    state.unit("CITY", ViewRecords.unit("CITY", null));
    state.unit("DINAS", ViewRecords.unit("DINAS", "CITY"));
    state.unit("SMALL", ViewRecords.unit("SMALL", "DINAS"));
  }

  @Test
  void shouldGiveOpenAndLastClosedWeekWhenBothHaveRecords() {
    state.activity(ViewRecords.week("CITY", WEEK1, RecordStatus.FINAL, 5, 200, 20));
    state.activity(ViewRecords.week("CITY", WEEK2, RecordStatus.PROVISIONAL, 3, 200, 7));

    final AggregateSnapshot snapshot = state.snapshot();

    assertThat(snapshot.window("CITY", WindowSize.WEEK, Period.PREVIOUS))
        .get()
        .satisfies(
            w -> {
              assertThat(w.windowStart()).isEqualTo(WEEK1);
              assertThat(w.participants()).isEqualTo(20);
              assertThat(w.participationRate()).isEqualTo(0.1);
              assertThat(w.satisfactionIndex()).isEqualTo(80.0);
            });
    assertThat(snapshot.window("CITY", WindowSize.WEEK, Period.CURRENT))
        .get()
        .satisfies(
            w -> {
              assertThat(w.windowStart()).isEqualTo(WEEK2);
              assertThat(w.participants()).isEqualTo(7);
            });
  }

  @Test
  void shouldGiveZerosWithLastHeadcountWhenUnitHasNothingInOpenWeek() {
    state.activity(ViewRecords.week("CITY", WEEK1, RecordStatus.FINAL, 5, 200, 20));
    state.activity(ViewRecords.week("DINAS", WEEK1, RecordStatus.FINAL, 5, 120, 12));
    state.activity(ViewRecords.week("CITY", WEEK2, RecordStatus.PROVISIONAL, 1, 200, 1));

    final UnitWindow dinas =
        state.snapshot().window("DINAS", WindowSize.WEEK, Period.CURRENT).orElseThrow();

    assertThat(dinas.windowStart()).isEqualTo(WEEK2);
    assertThat(dinas.headcount()).isEqualTo(120);
    assertThat(dinas.participants()).isZero();
    assertThat(dinas.participationRate()).isEqualTo(0.0);
    assertThat(dinas.attendanceRate()).isNull();
    assertThat(dinas.satisfactionIndex()).isNull();
  }

  @Test
  void shouldOpenTheWeekAfterTheLastClosedOneWhenNoRecordOfItExists() {
    state.activity(ViewRecords.week("CITY", WEEK1, RecordStatus.PROVISIONAL, 1, 200, 2));
    state.activity(ViewRecords.week("CITY", WEEK1, RecordStatus.FINAL, 2, 200, 20));

    final AggregateSnapshot snapshot = state.snapshot();

    assertThat(snapshot.window("CITY", WindowSize.WEEK, Period.CURRENT))
        .get()
        .satisfies(
            w -> {
              assertThat(w.windowStart()).isEqualTo(WEEK2);
              assertThat(w.participants()).isZero();
            });
    assertThat(snapshot.window("CITY", WindowSize.WEEK, Period.PREVIOUS).orElseThrow())
        .extracting(UnitWindow::windowStart, UnitWindow::participants)
        .containsExactly(WEEK1, 20);
  }

  @Test
  void shouldPickNewestWindowWhateverOrderPartitionsDeliverIn() {
    // Week 2's record comes from another partition before week 1's FINAL and week 3's.
    state.activity(ViewRecords.week("CITY", WEEK2, RecordStatus.PROVISIONAL, 4, 200, 9));
    state.activity(ViewRecords.week("CITY", WEEK3, RecordStatus.PROVISIONAL, 1, 200, 2));
    state.activity(ViewRecords.week("CITY", WEEK1, RecordStatus.FINAL, 8, 200, 30));

    final AggregateSnapshot snapshot = state.snapshot();

    assertThat(snapshot.window("CITY", WindowSize.WEEK, Period.CURRENT).orElseThrow())
        .extracting(UnitWindow::windowStart, UnitWindow::participants)
        .containsExactly(WEEK3, 2);
    assertThat(snapshot.window("CITY", WindowSize.WEEK, Period.PREVIOUS).orElseThrow())
        .extracting(UnitWindow::windowStart, UnitWindow::participants)
        .containsExactly(WEEK1, 30);
  }

  @Test
  void shouldKeepHigherRevisionOfTheSameWindow() {
    state.activity(ViewRecords.week("CITY", WEEK2, RecordStatus.PROVISIONAL, 7, 200, 9));
    state.activity(ViewRecords.week("CITY", WEEK2, RecordStatus.PROVISIONAL, 6, 200, 8));

    assertThat(
            state
                .snapshot()
                .window("CITY", WindowSize.WEEK, Period.CURRENT)
                .orElseThrow()
                .participants())
        .isEqualTo(9);
  }

  @Test
  void shouldKeepDaysAndWeeksApart() {
    state.activity(ViewRecords.day("CITY", WEEK2, RecordStatus.FINAL, 3));
    state.activity(ViewRecords.week("CITY", WEEK2, RecordStatus.PROVISIONAL, 1, 200, 9));

    final AggregateSnapshot snapshot = state.snapshot();

    assertThat(
            snapshot.window("CITY", WindowSize.DAY, Period.PREVIOUS).orElseThrow().participants())
        .isEqualTo(3);
    assertThat(snapshot.window("CITY", WindowSize.DAY, Period.CURRENT).orElseThrow().windowStart())
        .isEqualTo(WEEK2.plusSeconds(86_400));
    assertThat(snapshot.window("CITY", WindowSize.WEEK, Period.PREVIOUS)).isEmpty();
  }

  @Test
  void shouldGiveDepthsAndLeaveOutInactiveAndDeletedUnits() {
    final WorkUnit closed =
        WorkUnit.newBuilder(ViewRecords.unit("CLOSED", "CITY")).setActive(false).build();
    state.unit("CLOSED", closed);
    state.unit("GONE", ViewRecords.unit("GONE", "CITY"));
    state.unit("GONE", null);

    assertThat(state.snapshot().units())
        .extracting(UnitInfo::unitId, UnitInfo::depth)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("CITY", 0),
            org.assertj.core.groups.Tuple.tuple("DINAS", 1),
            org.assertj.core.groups.Tuple.tuple("SMALL", 2));
    assertThat(state.snapshot().roots()).extracting(UnitInfo::unitId).containsExactly("CITY");
  }

  @Test
  void shouldShowOnlyFiringAlertsAndTheLatestSeverity() {
    state.alert(
        "DINAS|NO_ACTIVITY",
        ViewRecords.alert("DINAS", AlertRule.NO_ACTIVITY, Severity.WARNING, AlertState.FIRING));
    state.alert(
        "DINAS|NO_ACTIVITY",
        ViewRecords.alert("DINAS", AlertRule.NO_ACTIVITY, Severity.CRITICAL, AlertState.FIRING));
    state.alert(
        "CITY|LOW_ATTENDANCE",
        ViewRecords.alert("CITY", AlertRule.LOW_ATTENDANCE, Severity.WARNING, AlertState.FIRING));
    state.alert(
        "CITY|LOW_ATTENDANCE",
        ViewRecords.alert("CITY", AlertRule.LOW_ATTENDANCE, Severity.WARNING, AlertState.RESOLVED));

    assertThat(state.snapshot().alerts())
        .extracting(a -> a.unitId() + " " + a.rule() + " " + a.severity())
        .containsExactly("DINAS NO_ACTIVITY CRITICAL");
  }

  @Test
  void shouldKeepTheLatestYearToDateRecord() {
    state.ytd(ViewRecords.ytd("CITY", 2026, 9, 200));
    state.ytd(ViewRecords.ytd("CITY", 2026, 8, 190));
    state.ytd(ViewRecords.ytd("CITY", 2025, 99, 180));

    assertThat(state.snapshot().jp())
        .singleElement()
        .satisfies(
            jp -> {
              assertThat(jp.year()).isEqualTo(2026);
              assertThat(jp.headcount()).isEqualTo(200);
            });
  }

  @Test
  void shouldGiveEveryProgrammeBothWeeksWithZerosWhereNothingHappened() {
    state.program("P1", ViewRecords.program("P1", OrganizerKind.UNIVERSITY));
    state.program("P2", ViewRecords.program("P2", OrganizerKind.BKN));
    state.programWeek(ViewRecords.programWeek("P1", WEEK1, RecordStatus.FINAL, 12, 70.0));
    state.programWeek(ViewRecords.programWeek("P1", WEEK2, RecordStatus.PROVISIONAL, 3, null));

    final List<ProgramWindow> programs = state.snapshot().programs();

    assertThat(programs)
        .extracting(
            p ->
                p.programId()
                    + " "
                    + p.period()
                    + " "
                    + p.participants()
                    + " "
                    + p.satisfactionIndex()
                    + " "
                    + p.organizerKind())
        .containsExactly(
            "P1 PREVIOUS 12 70.0 UNIVERSITY",
            "P1 CURRENT 3 null UNIVERSITY",
            "P2 PREVIOUS 0 null BKN",
            "P2 CURRENT 0 null BKN");
  }

  @Test
  void shouldRankLowestParticipationAmongUnitsLargeEnough() {
    state.activity(ViewRecords.week("CITY", WEEK1, RecordStatus.FINAL, 1, 200, 40));
    state.activity(ViewRecords.week("DINAS", WEEK1, RecordStatus.FINAL, 1, 100, 5));
    state.activity(ViewRecords.week("SMALL", WEEK1, RecordStatus.FINAL, 1, 10, 0));

    assertThat(state.snapshot().lowestParticipation(WindowSize.WEEK, Period.PREVIOUS, 20, 5))
        .extracting(UnitWindow::unitId)
        .containsExactly("DINAS", "CITY");
  }
}
