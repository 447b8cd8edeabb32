package id.go.bkn.asn.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.go.bkn.asn.function.UnitAlertState.OpenAlert;
import id.go.bkn.asn.schema.AlertRule;
import id.go.bkn.asn.schema.Severity;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnitAlertStateTest {

  @Test
  void shouldRoundTripThroughBytesWhenAlertsAreOpen() {
    // given
    final Instant week = Instant.parse("2026-11-15T17:00:00Z");
    final UnitAlertState state =
        new UnitAlertState(
            week,
            4,
            Map.of(
                AlertRule.NO_ACTIVITY,
                new OpenAlert("DINKES|NO_ACTIVITY|2026-10-26", Severity.CRITICAL, week),
                AlertRule.JP_BEHIND_PACE,
                new OpenAlert("DINKES|JP_BEHIND_PACE|2026-09-07", Severity.WARNING, week)));

    // when
    final UnitAlertState decoded = UnitAlertState.fromBytes(state.toBytes());

    // then
    assertThat(decoded).isEqualTo(state);
    assertThat(decoded.open().keySet())
        .containsExactly(AlertRule.NO_ACTIVITY, AlertRule.JP_BEHIND_PACE);
  }

  @Test
  void shouldRoundTripWhenTheStateIsInitial() {
    // given / when
    final UnitAlertState decoded = UnitAlertState.fromBytes(UnitAlertState.INITIAL.toBytes());

    // then
    assertThat(decoded).isEqualTo(UnitAlertState.INITIAL);
    assertThat(decoded.lastWeekStart()).isNull();
  }

  @Test
  void shouldRefuseWhenBytesAreOfAnotherFormat() {
    // given / when / then
    assertThatThrownBy(() -> UnitAlertState.fromBytes(new byte[] {9, 0, 0}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> UnitAlertState.fromBytes(new byte[] {1, 1}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
