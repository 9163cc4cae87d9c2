package dev.frostsandbox.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock a test moves by hand, so expiries are tested without waiting. */
public final class MovableClock extends Clock {
  private final AtomicLong millis;

  public MovableClock(long epochMillis) {
    this.millis = new AtomicLong(epochMillis);
  }

  public void set(long epochMillis) {
    millis.set(epochMillis);
  }

  public void advance(Duration d) {
    millis.addAndGet(d.toMillis());
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
    return Instant.ofEpochMilli(millis.get());
  }
}
