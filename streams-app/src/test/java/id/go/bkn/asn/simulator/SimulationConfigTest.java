package id.go.bkn.asn.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.go.bkn.asn.testing.MutableClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SimulationConfigTest {

  private static final Instant FROM = Instant.parse("2026-10-02T17:00:00Z");

  @Test
  void shouldStartOnTheFridayOnOrBeforeEightWeeksAgoWhenDefaultsAreAsked() {
    // given 2026-11-28 13:00 WIB
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T06:00:00Z"));

    // when
    final SimulationConfig config = SimulationConfig.defaults(clock);

    // then 2026-10-03 is a Saturday: Friday 2026-10-02 00:00 WIB
    assertThat(config.from()).isEqualTo(Instant.parse("2026-10-01T17:00:00Z"));
    assertThat(config.rosterSize()).isEqualTo(8_800);
    assertThat(config.badInput()).isEqualTo(BadInputRates.NONE);
    assertThat(config.speed()).isEqualTo(1.0);
  }

  @Test
  void shouldStartOnThatDayWhenEightWeeksAgoIsAFriday() {
    // given Friday 2026-11-27 08:00 WIB; eight weeks before is Friday 2026-10-02
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T01:00:00Z"));

    // when / then
    assertThat(SimulationConfig.defaults(clock).from())
        .isEqualTo(Instant.parse("2026-10-01T17:00:00Z"));
  }

  @Test
  void shouldNameTheSettingWhenAValueIsOutOfRange() {
    // given
    final SimulationConfig config = SimulationConfig.startingAt(FROM);

    // when / then
    assertThatThrownBy(() -> config.withSpeed(0.5)).hasMessageContaining("speed");
    assertThatThrownBy(() -> config.withSpeed(Double.NaN)).hasMessageContaining("speed");
    assertThatThrownBy(() -> config.withRate(0)).hasMessageContaining("rate");
    assertThatThrownBy(() -> config.withRoster(100, 0)).hasMessageContaining("pnsCount");
    assertThatThrownBy(() -> config.withRoster(1_000, 2_000)).hasMessageContaining("pppkCount");
    assertThatThrownBy(() -> config.withTransfersPerWeek(-1))
        .hasMessageContaining("transfersPerWeek");
    assertThatThrownBy(() -> config.withFrom(Instant.parse("2019-06-01T00:00:00Z")))
        .hasMessageContaining("from");
    assertThatThrownBy(() -> config.withFrom(null)).hasMessageContaining("from");
    assertThatThrownBy(() -> new BadInputRates(0, 1.5, 0, 0, 0)).hasMessageContaining("outOfRange");
    assertThatThrownBy(() -> BadInputRates.uniform(-0.1)).hasMessageContaining("undecodable");
  }

  @Test
  void shouldKeepOtherSettingsWhenOneIsChanged() {
    // given
    final SimulationConfig config = SimulationConfig.startingAt(FROM);

    // when
    final SimulationConfig changed = config.withSeed(42).withBadInput(BadInputRates.uniform(0.01));

    // then
    assertThat(changed.seed()).isEqualTo(42);
    assertThat(changed.from()).isEqualTo(config.from());
    assertThat(changed.badInput().any()).isTrue();
    assertThat(config.seed()).isEqualTo(SimulationConfig.DEFAULT_SEED);
  }
}
