package id.go.bkn.asn.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.go.bkn.asn.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SimulatedClockTest {

  private static final Instant WALL = Instant.parse("2026-11-28T06:00:00Z");
  private static final Instant FROM = WALL.minus(Duration.ofDays(56));

  @Test
  void shouldRunSpeedTimesFasterWhenBehindTheWallClock() {
    // given
    final MutableClock wall = new MutableClock(WALL);
    final SimulatedClock clock = new SimulatedClock(FROM, 100, wall);

    // when
    wall.advance(Duration.ofHours(1));

    // then
    assertThat(clock.now()).isEqualTo(FROM.plus(Duration.ofHours(100)));
    assertThat(clock.caughtUp()).isFalse();
  }

  @Test
  void shouldFollowTheWallClockWhenItHasCaughtUp() {
    // given 56 days behind at speed 1000: caught up after about 81 minutes of wall time
    final MutableClock wall = new MutableClock(WALL);
    final SimulatedClock clock = new SimulatedClock(FROM, 1000, wall);

    // when / then: never ahead of the wall clock, then at its pace
    for (int minute = 0; minute < 300; minute++) {
      wall.advance(Duration.ofMinutes(1));
      assertThat(clock.now()).isBeforeOrEqualTo(wall.instant());
    }
    assertThat(clock.now()).isEqualTo(wall.instant());
    assertThat(clock.caughtUp()).isTrue();
    wall.advance(Duration.ofSeconds(5));
    assertThat(clock.now()).isEqualTo(wall.instant());
  }

  @Test
  void shouldNotGoBackWhenTheWallClockSteps() {
    // given
    final MutableClock wall = new MutableClock(WALL);
    final SimulatedClock clock = new SimulatedClock(WALL.minusSeconds(10), 1, wall);
    wall.advance(Duration.ofSeconds(60));
    final Instant before = clock.now();

    // when an NTP step sets the wall clock back
    wall.set(WALL.plusSeconds(5));

    // then
    assertThat(clock.now()).isEqualTo(before);
  }

  @Test
  void shouldRefuseWhenFromIsAheadOfTheWallClock() {
    // given
    final MutableClock wall = new MutableClock(WALL);

    // when / then
    assertThatThrownBy(() -> new SimulatedClock(WALL.plusSeconds(1), 1, wall))
        .hasMessageContaining("ahead of the wall clock");
    assertThatThrownBy(() -> new SimulatedClock(FROM, 0.5, wall)).hasMessageContaining("speed");
  }
}
