package id.go.bkn.asn.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A wall clock the test moves by hand, so nothing ever sleeps. */
final class MutableClock extends Clock {

  private Instant now;

  MutableClock(final Instant now) {
    this.now = now;
  }

  void advance(final Duration duration) {
    now = now.plus(duration);
  }

  void set(final Instant instant) {
    now = instant;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(final ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }
}
