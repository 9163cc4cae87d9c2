package dev.frostsandbox.signer.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The nonce records this instance has consumed, each kept until the expiry sealed in it: a record
 * the store hands out again (re-SET by someone with write access to Redis, or back after a
 * failover) still opens, and is refused here. One nonce record thus yields at most one signature
 * share per instance, whatever the store returns.
 *
 * <p>Memory is bounded: at most {@code capacity} entries, each a 64-bit fingerprint (a salted
 * SHA-256 of the record's store key; the salt is per instance, so nobody can aim at a collision),
 * grouped by expiry in slots of {@code slotMillis} (a second, or a 1024th of the nonce TTL when
 * that is longer, so there are never much more than 1024 groups per tenant). Full, it never forgets
 * a record that could still be replayed: it drops the group with the earliest expiries and from
 * then on refuses every record expiring no later than that group (the floor), as if expired. Under
 * more two-round load than the capacity covers, the effective nonce lifetime shrinks (records near
 * their expiry are refused early); nothing becomes replayable. Its time never runs back (the latest
 * clock reading counts), and a group dropped on expiry raises the floor too, so a step of the wall
 * clock back cannot revive a consumed record.
 *
 * <p>Groups and floors are per tenant: the capacity is shared, but when it is full the group
 * dropped is one of the tenant holding the most entries (the caller's own on a tie), and only that
 * tenant's floor rises. A tenant that signs a lot thus shortens its own nonces' lifetime, never
 * another tenant's (before, one tenant's round-2 load raised a floor every tenant's records were
 * refused under). Fingerprints cover the tenant's store key, so no tenant's answer depends on
 * another's records.
 */
final class ConsumedNonces {

  /** 262 144 consumed records (e.g. 437 round-2 calls a second for 600 s): 2 to 6 MB when full. */
  static final int DEFAULT_CAPACITY = 1 << 18;

  private final Clock clock;
  private final int capacity;
  private final byte[] salt = new byte[16];
  private final long slotMillis;

  /** Each tenant's groups and floor. */
  private final Map<String, Ledger> byTenant = new HashMap<>();

  /** Entries over all tenants. */
  private int size;

  /**
   * The latest clock reading seen: time here never runs back, so a wall-clock step back revives
   * nothing.
   */
  private long lastNow = Long.MIN_VALUE;

  /** One tenant's consumed records. */
  private static final class Ledger {
    /** Fingerprints by expiry slot (epoch milliseconds / slotMillis). */
    final TreeMap<Long, LongSet> bySlot = new TreeMap<>();

    int size;

    /**
     * This tenant's records expiring at or before this epoch millisecond are refused: their group
     * was dropped (full, or expired).
     */
    long floorMillis = Long.MIN_VALUE;
  }

  ConsumedNonces(Clock clock, int capacity, long slotMillis) {
    if (capacity < 1 || slotMillis < 1) {
      throw new IllegalArgumentException("capacity and slot must be positive");
    }
    this.clock = clock;
    this.capacity = capacity;
    this.slotMillis = slotMillis;
    new SecureRandom().nextBytes(salt);
  }

  /** The slot for a nonce TTL: a second, or a 1024th of the TTL when that is longer. */
  static long slotMillis(java.time.Duration nonceTtl) {
    return Math.max(1000, nonceTtl.toMillis() / 1024);
  }

  /**
   * Records that {@code tenant}'s nonce record stored at {@code id}, expiring at {@code
   * expiresAtMillis}, is used now. True exactly once per record while it is live; false when it
   * expired, was used before, or lies under the tenant's floor.
   */
  synchronized boolean firstUse(String tenant, String id, long expiresAtMillis) {
    // A step of the wall clock back (NTP, an operator) must not make a dropped record live again.
    long now = Math.max(lastNow, clock.millis());
    lastNow = now;
    if (size >= capacity) {
      // before the caller's ledger is taken: this forgets empty ledgers, the caller's among them
      dropAllExpired(now);
    }
    Ledger own = byTenant.get(tenant);
    if (own != null) {
      dropExpired(own, now);
    }
    if (expiresAtMillis <= now || (own != null && expiresAtMillis <= own.floorMillis)) {
      return false;
    }
    long slot = Math.floorDiv(expiresAtMillis, slotMillis);
    long fp = fingerprint(id);
    LongSet group = own == null ? null : own.bySlot.get(slot);
    if (group != null && group.contains(fp)) {
      return false;
    }
    if (own == null) {
      own = new Ledger();
      byTenant.put(tenant, own);
    }
    while (size >= capacity) {
      Ledger victim = largest(own);
      Map.Entry<Long, LongSet> first = victim.bySlot.pollFirstEntry();
      victim.size -= first.getValue().size();
      size -= first.getValue().size();
      victim.floorMillis = Math.max(victim.floorMillis, (first.getKey() + 1) * slotMillis - 1);
    }
    if (expiresAtMillis <= own.floorMillis) {
      return false;
    }
    own.bySlot.computeIfAbsent(slot, s -> new LongSet()).add(fp);
    own.size++;
    size++;
    return true;
  }

  /** The tenant holding the most entries; {@code own} on a tie. Never empty: size > 0. */
  private Ledger largest(Ledger own) {
    Ledger best = own;
    for (Ledger l : byTenant.values()) {
      if (l.size > best.size) {
        best = l;
      }
    }
    return best;
  }

  /**
   * Drops every tenant's expired groups, and forgets tenants with no entries whose floor has passed
   * (their records are refused by expiry alone).
   */
  private void dropAllExpired(long now) {
    for (Iterator<Ledger> it = byTenant.values().iterator(); it.hasNext(); ) {
      Ledger l = it.next();
      dropExpired(l, now);
      if (l.size == 0 && l.floorMillis <= now) {
        it.remove();
      }
    }
  }

  /**
   * Drops a tenant's groups whose every record has expired. A replay of them is refused by its
   * sealed expiry, and by the floor, raised over them: the fingerprints are gone, so nothing but
   * the floor may decide about those records later.
   */
  private void dropExpired(Ledger l, long now) {
    while (!l.bySlot.isEmpty()) {
      Map.Entry<Long, LongSet> first = l.bySlot.firstEntry();
      if ((first.getKey() + 1) * slotMillis > now) {
        return;
      }
      l.bySlot.pollFirstEntry();
      l.size -= first.getValue().size();
      size -= first.getValue().size();
      l.floorMillis = Math.max(l.floorMillis, (first.getKey() + 1) * slotMillis - 1);
    }
  }

  synchronized int size() {
    return size;
  }

  private long fingerprint(String id) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(salt);
      byte[] h = md.digest(id.getBytes(StandardCharsets.UTF_8));
      long fp = 0;
      for (int i = 0; i < 8; i++) {
        fp = (fp << 8) | (h[i] & 0xff);
      }
      return fp == 0 ? 1 : fp; // 0 marks an empty slot
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * An insert-only open-addressing set of non-zero longs (fingerprints are uniform: no mixing
   * needed).
   */
  private static final class LongSet {
    private long[] slots = new long[8];
    private int size;

    boolean contains(long v) {
      int mask = slots.length - 1;
      for (int i = (int) v & mask; ; i = (i + 1) & mask) {
        if (slots[i] == v) {
          return true;
        }
        if (slots[i] == 0) {
          return false;
        }
      }
    }

    void add(long v) {
      if ((size + 1) * 3 > slots.length * 2) {
        long[] old = slots;
        slots = new long[old.length * 2];
        for (long o : old) {
          if (o != 0) {
            insert(o);
          }
        }
      }
      insert(v);
      size++;
    }

    private void insert(long v) {
      int mask = slots.length - 1;
      int i = (int) v & mask;
      while (slots[i] != 0) {
        i = (i + 1) & mask;
      }
      slots[i] = v;
    }

    int size() {
      return size;
    }
  }
}
