package id.go.bkn.asn.topology;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A wall clock the test moves by hand, in step with the driver's, so nothing ever sleeps. */
final class TestWallClock extends Clock {

  private Instant now;

  TestWallClock(final Instant now) {
    this.now = now;
  }

  void advance(final Duration duration) {
    now = now.plus(duration);
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
