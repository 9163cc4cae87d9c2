package dev.frostsandbox.signer.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.testing.MovableClock;
import org.junit.jupiter.api.Test;

/**
 * The per-instance record of consumed nonce records: once only, expiry, and a bounded size that
 * never forgets unsafely.
 */
class ConsumedNoncesTest {

  private static final long T0 = 1_764_000_000_000L;

  private static final String T = "svc.tenant-a";

  @Test
  void aRecordIsUsedOnceUntilItExpires() {
    MovableClock clock = new MovableClock(T0);
    ConsumedNonces c = new ConsumedNonces(clock, 100, 1000);
    assertTrue(c.firstUse(T, "n1", T0 + 60_000));
    assertFalse(c.firstUse(T, "n1", T0 + 60_000), "the same record again");
    assertTrue(c.firstUse(T, "n2", T0 + 60_000), "another record");
    assertFalse(c.firstUse(T, "n3", T0), "expired: expiry not after now");
    clock.set(T0 + 59_999);
    assertFalse(c.firstUse(T, "n1", T0 + 60_000));
    // past the expiry the entries are dropped, and the records count as expired anyway
    clock.set(T0 + 61_000);
    assertFalse(c.firstUse(T, "n1", T0 + 60_000));
    assertTrue(c.firstUse(T, "n4", T0 + 120_000));
    assertEquals(1, c.size());
  }

  @Test
  void fullItRefusesTheOldestRecordsInsteadOfForgettingThem() {
    MovableClock clock = new MovableClock(T0);
    ConsumedNonces c = new ConsumedNonces(clock, 3, 1000);
    assertTrue(c.firstUse(T, "a", T0 + 10_000));
    assertTrue(c.firstUse(T, "b", T0 + 20_000));
    assertTrue(c.firstUse(T, "c", T0 + 30_000));
    // full: "a" (earliest expiry) is dropped, and every record expiring by then is refused from now
    // on
    assertTrue(c.firstUse(T, "d", T0 + 40_000));
    assertEquals(3, c.size());
    assertFalse(c.firstUse(T, "a", T0 + 10_000), "a dropped record is never usable again");
    assertFalse(
        c.firstUse(T, "e", T0 + 10_500), "an unused record under the floor counts as expired");
    assertFalse(c.firstUse(T, "b", T0 + 20_000));
    assertFalse(c.firstUse(T, "d", T0 + 40_000));
    assertTrue(c.firstUse(T, "f", T0 + 40_000));
    assertEquals(3, c.size());
    for (int i = 0; i < 10_000; i++) {
      c.firstUse(T, "load-" + i, T0 + 50_000 + i * 10L);
      assertTrue(c.size() <= 3);
    }
    assertFalse(c.firstUse(T, "load-9998", T0 + 50_000 + 9998 * 10L));
    assertFalse(c.firstUse(T, "load-0", T0 + 50_000));
  }

  @Test
  void aLongTtlGroupsExpiriesInto1024Slots() {
    assertEquals(1000, ConsumedNonces.slotMillis(java.time.Duration.ofMinutes(10)));
    long slot = ConsumedNonces.slotMillis(java.time.Duration.ofDays(7));
    assertEquals(590_625, slot);
    MovableClock clock = new MovableClock(T0);
    ConsumedNonces c = new ConsumedNonces(clock, 2, slot);
    assertTrue(c.firstUse(T, "a", T0 + 1_000));
    assertTrue(c.firstUse(T, "b", T0 + 2_000));
    // full: the slot holding a and b is dropped as a whole, and the floor covers the whole slot
    long slotEnd = (Math.floorDiv(T0 + 2_000, slot) + 1) * slot - 1;
    assertTrue(c.firstUse(T, "c", slotEnd + 1));
    assertFalse(c.firstUse(T, "a", T0 + 1_000));
    assertFalse(c.firstUse(T, "d", slotEnd));
    assertEquals(1, c.size());
  }

  @Test
  void manyRecordsInOneSecond() {
    MovableClock clock = new MovableClock(T0);
    ConsumedNonces c = new ConsumedNonces(clock, 100_000, 1000);
    for (int i = 0; i < 50_000; i++) {
      assertTrue(c.firstUse(T, "r" + i, T0 + 600_000));
    }
    for (int i = 0; i < 50_000; i++) {
      assertFalse(c.firstUse(T, "r" + i, T0 + 600_000));
    }
    assertEquals(50_000, c.size());
  }

  @Test
  void aWallClockStepBackDoesNotReviveAConsumedRecord() {
    MovableClock clock = new MovableClock(T0);
    ConsumedNonces c = new ConsumedNonces(clock, 100, 1000);
    assertTrue(c.firstUse(T, "n1", T0 + 60_000));
    // the clock steps past the expiry; the next call drops the record's group
    clock.set(T0 + 120_000);
    assertFalse(c.firstUse(T, "other", T0 + 100_000));
    assertEquals(0, c.size());
    // and back: the record is still refused
    clock.set(T0);
    assertFalse(
        c.firstUse(T, "n1", T0 + 60_000),
        "a consumed record replayed after the clock stepped back");
    assertFalse(
        c.firstUse(T, "n2", T0 + 60_000),
        "time here does not run back: expired by the latest reading");
    assertTrue(c.firstUse(T, "n3", T0 + 180_000));
  }

  /**
   * Full, the capacity is taken from the tenant holding the most entries: another tenant's round-2
   * load does not raise this tenant's floor (before, one floor for all: tenant b's flood made
   * tenant a's live records refused as if expired).
   */
  @Test
  void oneTenantsLoadDoesNotRefuseAnotherTenantsRecords() {
    MovableClock clock = new MovableClock(T0);
    ConsumedNonces c = new ConsumedNonces(clock, 4, 1000);
    assertTrue(c.firstUse(T, "a1", T0 + 10_000));
    for (int i = 0; i < 100; i++) {
      assertTrue(c.firstUse("svc.tenant-b", "b" + i, T0 + 20_000 + i * 1000L), "b's own records");
    }
    assertEquals(4, c.size());
    assertFalse(c.firstUse(T, "a1", T0 + 10_000), "a's consumed record is still remembered");
    assertTrue(
        c.firstUse(T, "a2", T0 + 10_000), "a's unused live record is not refused for b's load");
    // b paid for its own load: its oldest records lie under its floor now
    assertFalse(c.firstUse("svc.tenant-b", "b-late", T0 + 20_000));
    assertFalse(c.firstUse("svc.tenant-b", "b0", T0 + 20_000));
  }

  /** The same store key under two tenants is two records. */
  /**
   * A tenant new to a full record (or whose entries all expired) is remembered: its ledger is not
   * forgotten between being taken and being written to, so its record is refused the second time,
   * its entry is counted where it can be dropped, and the record keeps answering when every other
   * ledger is empty.
   */
  @Test
  void aTenantArrivingWhenFullIsRemembered() {
    MovableClock clock = new MovableClock(T0);
    ConsumedNonces c = new ConsumedNonces(clock, 3, 1000);
    String other = "svc.tenant-b";
    assertTrue(c.firstUse(T, "a1", T0 + 10_000));
    assertTrue(c.firstUse(T, "a2", T0 + 20_000));
    assertTrue(c.firstUse(T, "a3", T0 + 30_000));
    assertTrue(c.firstUse(other, "b1", T0 + 40_000));
    assertFalse(c.firstUse(other, "b1", T0 + 40_000), "a replay of the new tenant's record");
    assertEquals(3, c.size());
    // everything expires: the entries are dropped, none is left uncounted
    clock.set(T0 + 41_000);
    assertTrue(c.firstUse(T, "a4", T0 + 100_000));
    assertTrue(c.firstUse(other, "b2", T0 + 100_000));
    assertEquals(2, c.size());
    // full again: a third tenant's arrival drops the largest tenant's group (a4 and a5)
    assertTrue(c.firstUse(T, "a5", T0 + 100_000));
    assertTrue(c.firstUse("svc.tenant-c", "c1", T0 + 100_000));
    assertFalse(c.firstUse("svc.tenant-c", "c1", T0 + 100_000));
    assertEquals(2, c.size());
  }

  @Test
  void tenantsAreSeparateLedgers() {
    MovableClock clock = new MovableClock(T0);
    ConsumedNonces c = new ConsumedNonces(clock, 100, 1000);
    assertTrue(c.firstUse(T, "n1", T0 + 60_000));
    assertTrue(c.firstUse("svc.tenant-b", "n1", T0 + 60_000));
    assertFalse(c.firstUse("svc.tenant-b", "n1", T0 + 60_000));
  }
}
