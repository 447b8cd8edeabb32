package id.go.bkn.asn.view;

import static id.go.bkn.asn.view.ViewRecords.WEEK1;
import static id.go.bkn.asn.view.ViewRecords.WEEK2;
import static id.go.bkn.asn.view.ViewRecords.WEEK3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import id.go.bkn.asn.schema.AlertRule;
import id.go.bkn.asn.schema.AlertState;
import id.go.bkn.asn.schema.ParticipationAlert;
import id.go.bkn.asn.schema.RecordStatus;
import id.go.bkn.asn.schema.Severity;
import id.go.bkn.asn.schema.UnitActivity;
import id.go.bkn.asn.schema.WindowSize;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The history behind the API: FINAL and open windows, its bounds, alert records. */
class AggregateHistoryTest {

  private static final Instant ALL_FROM = Instant.EPOCH;
  private static final Instant ALL_TO = Instant.parse("2100-01-01T00:00:00Z");

  @Test
  void shouldKeepFinalWeeksAndTheOpenWeeksLatestProvisionalRecord() {
    final AggregateHistory history = new AggregateHistory(AggregateHistory.Limits.DEFAULTS);

    history.activity(ViewRecords.week("U", WEEK1, RecordStatus.PROVISIONAL, 1, 100, 5));
    history.activity(ViewRecords.week("U", WEEK1, RecordStatus.FINAL, 2, 100, 6));
    history.activity(ViewRecords.week("U", WEEK2, RecordStatus.PROVISIONAL, 1, 100, 1));
    history.activity(ViewRecords.week("U", WEEK2, RecordStatus.PROVISIONAL, 2, 100, 3));

    assertThat(history.unitWindows("U", WindowSize.WEEK, ALL_FROM, ALL_TO))
        .extracting(UnitActivity::getStatus, UnitActivity::getParticipants)
        .containsExactly(tuple(RecordStatus.FINAL, 6), tuple(RecordStatus.PROVISIONAL, 3));
    assertThat(history.unitWindows("U", WindowSize.DAY, ALL_FROM, ALL_TO)).isEmpty();
    assertThat(history.unitWindows("U", WindowSize.WEEK, WEEK2, WEEK3))
        .extracting(UnitActivity::getWindowStart)
        .containsExactly(WEEK2);
  }

  @Test
  void shouldDropAProvisionalRecordOnceItsWindowIsFinalEvenWhenItArrivesLate() {
    final AggregateHistory history = new AggregateHistory(AggregateHistory.Limits.DEFAULTS);

    history.activity(ViewRecords.week("U", WEEK1, RecordStatus.FINAL, 2, 100, 6));
    history.activity(ViewRecords.week("U", WEEK1, RecordStatus.PROVISIONAL, 1, 100, 5));

    assertThat(history.unitWindows("U", WindowSize.WEEK, ALL_FROM, ALL_TO))
        .extracting(UnitActivity::getStatus)
        .containsExactly(RecordStatus.FINAL);
  }

  @Test
  void shouldKeepOnlyTheNewestWindowsAndAlertsWithinItsLimits() {
    final AggregateHistory history = new AggregateHistory(new AggregateHistory.Limits(1, 2, 2));

    for (int week = 1; week <= 4; week++) {
      history.activity(
          ViewRecords.week("U", ViewRecords.week(week), RecordStatus.FINAL, 1, 100, week));
    }
    for (final AlertState state :
        new AlertState[] {AlertState.FIRING, AlertState.RESOLVED, AlertState.FIRING}) {
      history.alert(
          "U|LOW_PARTICIPATION",
          ViewRecords.alert("U", AlertRule.LOW_PARTICIPATION, Severity.WARNING, state));
    }

    assertThat(history.unitWindows("U", WindowSize.WEEK, ALL_FROM, ALL_TO))
        .extracting(UnitActivity::getParticipants)
        .containsExactly(3, 4);
    assertThat(history.alertHistory(ALL_FROM, ALL_TO))
        .extracting(ParticipationAlert::getState)
        .containsExactly(AlertState.RESOLVED, AlertState.FIRING);
    assertThat(history.firingAlerts()).hasSize(1);
  }

  @Test
  void shouldForgetAnAlertKeysStateOnATombstoneButKeepItsHistory() {
    final AggregateHistory history = new AggregateHistory(AggregateHistory.Limits.DEFAULTS);
    history.alert(
        "U|NO_ACTIVITY",
        ViewRecords.alert("U", AlertRule.NO_ACTIVITY, Severity.CRITICAL, AlertState.FIRING));

    history.alert("U|NO_ACTIVITY", null);

    assertThat(history.firingAlerts()).isEmpty();
    assertThat(history.alertHistory(ALL_FROM, ALL_TO)).hasSize(1);
  }
}
