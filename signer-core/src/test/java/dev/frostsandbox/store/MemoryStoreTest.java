package dev.frostsandbox.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.testing.Eventually;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemoryStoreTest extends StoreContractTest {

  /** The contract's store reads this clock: {@link #afterTtl} moves it instead of waiting. */
  private final AtomicLong clock = new AtomicLong();

  @Override
  protected Store createStore(Vertx vertx) {
    return new MemoryStore(vertx, MemoryStore.DEFAULT_SWEEP_INTERVAL, clock::get);
  }

  @Override
  protected void afterTtl(Duration ttl, Runnable check) {
    clock.addAndGet(ttl.toNanos());
    check.run();
  }

  @Test
  void sweepRemovesExpiredEntriesWithoutReads() {
    AtomicLong now = new AtomicLong();
    MemoryStore s = new MemoryStore(null, Duration.ofDays(1), now::get);
    for (int i = 0; i < 1000; i++) {
      await(s.put("k" + i, new byte[] {1}, Duration.ofSeconds(1)));
    }
    await(s.put("forever", new byte[] {1}, null));
    await(s.increment("counter", Duration.ofSeconds(2)));
    assertEquals(1002, s.size());
    assertEquals(0, s.sweep());
    now.addAndGet(Duration.ofMillis(1500).toNanos());
    assertEquals(1000, s.sweep());
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    assertEquals(1, s.sweep());
    assertEquals(1, s.size());
  }

  @Test
  void replaceKeepsTheTtl() {
    AtomicLong now = new AtomicLong();
    MemoryStore s = new MemoryStore(null, Duration.ofDays(1), now::get);
    await(s.put("k", new byte[] {1}, Duration.ofSeconds(10)));
    now.addAndGet(Duration.ofSeconds(9).toNanos());
    assertTrue(await(s.replace("k", new byte[] {1}, new byte[] {2})));
    assertEquals(2, await(s.get("k"))[0]);
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    assertNull(await(s.get("k")), "expires when the replaced value would have");
  }

  @Test
  void periodicSweepRuns() throws InterruptedException {
    MemoryStore s = new MemoryStore(vertx, Duration.ofMillis(50));
    try {
      for (int i = 0; i < 100; i++) {
        await(s.put("k" + i, new byte[] {1}, Duration.ofMillis(20)));
      }
      // the sweep runs on a real Vert.x timer: wait for its effect, with a deadline
      Eventually.eventually(Duration.ofSeconds(5), () -> assertEquals(0, s.size()));
    } finally {
      await(s.close());
    }
  }

  @Test
  void closedStoreFails() {
    MemoryStore s = new MemoryStore(vertx);
    await(s.close());
    assertInstanceOf(StoreException.class, failure(s.get("k")));
    assertInstanceOf(StoreException.class, failure(s.ping()));
  }

  @Test
  void expiredCounterRestartsWithNewTtl() {
    AtomicLong now = new AtomicLong();
    MemoryStore s = new MemoryStore(null, Duration.ofDays(1), now::get);
    assertEquals(1L, await(s.increment("c", Duration.ofSeconds(1))));
    now.addAndGet(Duration.ofMillis(999).toNanos());
    assertEquals(2L, await(s.increment("c", Duration.ofSeconds(1))));
    now.addAndGet(Duration.ofMillis(1).toNanos());
    assertNull(await(s.get("c")));
    assertEquals(1L, await(s.increment("c", Duration.ofSeconds(1))));
    assertTrue(await(s.delete("c")));
  }

  @Test
  void slotsExpireOnTheInjectedClock() {
    AtomicLong now = new AtomicLong();
    MemoryStore s = new MemoryStore(null, Duration.ofDays(1), now::get);
    assertEquals(Store.Claim.ADDED, await(s.claimSlot("p", "a", Duration.ofSeconds(1), 2)));
    now.addAndGet(Duration.ofMillis(500).toNanos());
    assertEquals(Store.Claim.ADDED, await(s.claimSlot("p", "b", Duration.ofSeconds(1), 2)));
    assertEquals(Store.Claim.REFUSED, await(s.claimSlot("p", "c", Duration.ofSeconds(1), 2)));
    now.addAndGet(Duration.ofMillis(499).toNanos());
    assertEquals(
        Store.Claim.REFUSED,
        await(s.claimSlot("p", "c", Duration.ofSeconds(1), 2)),
        "a lives 1 ms more");
    now.addAndGet(Duration.ofMillis(1).toNanos());
    assertEquals(1L, await(s.liveSlots("p")));
    assertEquals(
        Store.Claim.ADDED, await(s.claimSlot("p", "c", Duration.ofSeconds(1), 2)), "a expired");
    // renewing b moves its expiry: it outlives its first ttl
    assertEquals(Store.Claim.PRESENT, await(s.claimSlot("p", "b", Duration.ofSeconds(10), 2)));
    now.addAndGet(Duration.ofSeconds(5).toNanos());
    assertEquals(1L, await(s.liveSlots("p")));
    // the pool lives as long as its longest-lived slot, then the sweep drops it
    assertEquals(0, s.sweep());
    now.addAndGet(Duration.ofSeconds(5).toNanos());
    assertEquals(0L, await(s.liveSlots("p")));
    assertEquals(1, s.sweep());
    assertEquals(0, s.size());
  }

  @Test
  void releasingTheLastSlotRemovesThePool() {
    MemoryStore s = new MemoryStore(null, Duration.ofDays(1), new AtomicLong()::get);
    await(s.claimSlot("p", "a", Duration.ofSeconds(1), 1));
    assertEquals(1, s.size());
    await(s.releaseSlot("p", "a"));
    assertEquals(0, s.size());
  }
}
