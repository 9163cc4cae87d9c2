package dev.frostsandbox.signer.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket on a controlled clock: burst, refill rate, per-tenant buckets, off at 0. */
class RateLimiterTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  @Test
  void burstThenRefillAtTheConfiguredRate() {
    RateLimiter l = new RateLimiter(2.0, 3, now::get);
    for (int i = 0; i < 3; i++) {
      assertEquals(0, l.acquire("a"), "burst token " + i);
    }
    long wait = l.acquire("a");
    assertTrue(wait > 0 && wait <= 500_000_000L, "one token per 500 ms, wait " + wait);
    now.addAndGet(499_000_000L);
    assertTrue(l.acquire("a") > 0, "not yet refilled");
    now.addAndGet(2_000_000L);
    assertEquals(0, l.acquire("a"), "refilled after 500 ms");
    // a long pause refills to the burst, never beyond
    now.addAndGet(60_000_000_000L);
    for (int i = 0; i < 3; i++) {
      assertEquals(0, l.acquire("a"));
    }
    assertTrue(l.acquire("a") > 0);
  }

  @Test
  void tenantsHaveTheirOwnBuckets() {
    RateLimiter l = new RateLimiter(1.0, 1, now::get);
    assertEquals(0, l.acquire("alice"));
    assertTrue(l.acquire("alice") > 0);
    assertEquals(0, l.acquire("bob"), "alice's use does not limit bob");
  }

  @Test
  void zeroRateIsOff() {
    RateLimiter l = new RateLimiter(0, 1, now::get);
    assertFalse(l.enabled());
    for (int i = 0; i < 1000; i++) {
      assertEquals(0, l.acquire("a"));
    }
  }
}
