package dev.frostsandbox.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test moves by hand, so expiries are tested without waiting. */
public final class MovableClock extends Clock {
  private volatile long millis;

  public MovableClock(long epochMillis) {
    this.millis = epochMillis;
  }

  public void set(long epochMillis) {
    millis = epochMillis;
  }

  public void advance(Duration d) {
    millis += d.toMillis();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis);
  }
}
