package id.go.bkn.asn.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A wall clock a test moves by hand, so nothing ever sleeps; shared by every test tier. */
public final class MutableClock extends Clock {

  private Instant now;

  public MutableClock(final Instant now) {
    this.now = now;
  }

  public void advance(final Duration duration) {
    now = now.plus(duration);
  }

  public void set(final Instant instant) {
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
