package id.go.bkn.asn.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AlertThresholdsTest {

  @Test
  void shouldCarryTheDomainDefaultsWhenNothingIsConfigured() {
    // given / when
    final AlertThresholds defaults = AlertThresholds.DEFAULTS;

    // then
    assertThat(defaults.lowParticipationRate()).isEqualTo(0.05);
    assertThat(defaults.lowAttendanceRate()).isEqualTo(0.80);
    assertThat(defaults.lowSatisfactionIndex()).isEqualTo(76.61);
    assertThat(defaults.jpBehindPaceMargin()).isEqualTo(0.20);
    assertThat(defaults.noActivityCriticalWeeks()).isEqualTo(4);
    assertThat(defaults.minCohort()).isEqualTo(20);
  }

  @Test
  void shouldRefuseThresholdsOutOfRangeWhenConfigured() {
    // given / when / then
    assertThatThrownBy(() -> new AlertThresholds(1.5, 0.8, 76.61, 0.2, 4, 20))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lowParticipationRate");
    assertThatThrownBy(() -> new AlertThresholds(0.05, Double.NaN, 76.61, 0.2, 4, 20))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AlertThresholds(0.05, 0.8, 120, 0.2, 4, 20))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AlertThresholds(0.05, 0.8, 76.61, 0.2, 0, 20))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AlertThresholds(0.05, 0.8, 76.61, 0.2, 4, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
