package dev.frostsandbox.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Embedded store with the semantics of the Redis commands {@link RedisStore} uses: strings, sets
 * and slot pools share one key space (a type mismatch fails like Redis' WRONGTYPE), counters are
 * decimal strings, TTLs are per key, an emptied set or pool disappears. Each operation is one
 * atomic {@link ConcurrentHashMap} step, so it is safe from any thread and never blocks. Expired
 * entries are dropped when touched and by a periodic sweep, so abandoned round state cannot leak.
 */
public final class MemoryStore implements Store {
  public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofSeconds(5);

  /**
   * Immutable for strings; a set or slot-pool entry owns a concurrent collection that is mutated
   * only inside compute.
   */
  private static final class Entry {
    final byte[] value; // null for sets and slot pools
    final Set<String> set; // null for strings and slot pools
    final Map<String, Long> slots; // member -> nanoTime deadline; null for strings and sets
    final long expiresAt; // System.nanoTime() deadline, or NO_EXPIRY

    Entry(byte[] value, Set<String> set, long expiresAt) {
      this(value, set, null, expiresAt);
    }

    Entry(byte[] value, Set<String> set, Map<String, Long> slots, long expiresAt) {
      this.value = value;
      this.set = set;
      this.slots = slots;
      this.expiresAt = expiresAt;
    }

    boolean expired(long now) {
      return expiresAt != NO_EXPIRY && now - expiresAt >= 0;
    }
  }

  private static final long NO_EXPIRY = Long.MIN_VALUE;

  private final Map<String, Entry> map = new ConcurrentHashMap<>();
  private final LongSupplier clock;
  private final Vertx vertx;
  private final long sweepTimer;
  private final AtomicBoolean closed = new AtomicBoolean();

  /** A store swept every {@link #DEFAULT_SWEEP_INTERVAL} on a Vert.x timer. */
  public MemoryStore(Vertx vertx) {
    this(vertx, DEFAULT_SWEEP_INTERVAL);
  }

  public MemoryStore(Vertx vertx, Duration sweepInterval) {
    this(vertx, sweepInterval, System::nanoTime);
  }

  /**
   * For tests: {@code vertx} may be null (no periodic sweep), {@code nanoClock} replaces nanoTime.
   */
  MemoryStore(Vertx vertx, Duration sweepInterval, LongSupplier nanoClock) {
    this.clock = nanoClock;
    this.vertx = vertx;
    this.sweepTimer =
        vertx == null
            ? -1
            : vertx.setPeriodic(Math.max(1, sweepInterval.toMillis()), id -> sweep());
  }

  /** Removes every expired entry; returns how many. Called by the periodic timer. */
  @SuppressWarnings(
      "ModifyCollectionInEnhancedForLoop") // a ConcurrentHashMap's iteration is defined under
  // removal
  public int sweep() {
    long now = clock.getAsLong();
    int removed = 0;
    for (Map.Entry<String, Entry> e : map.entrySet()) {
      // remove(key, entry) only removes that exact entry: a concurrent put is never lost
      if (e.getValue().expired(now) && map.remove(e.getKey(), e.getValue())) {
        removed++;
      }
    }
    return removed;
  }

  /** Number of entries, expired ones not yet swept included (for tests and metrics). */
  public int size() {
    return map.size();
  }

  @Override
  public Future<Void> put(String key, byte[] value, Duration ttl) {
    return run(
        () -> {
          Entry e = new Entry(value.clone(), null, deadline(ttl));
          map.put(key, e);
          return null;
        });
  }

  @Override
  public Future<Boolean> putIfAbsent(String key, byte[] value, Duration ttl) {
    return run(
        () -> {
          long deadline = deadline(ttl);
          byte[] copy = value.clone();
          boolean[] set = {false};
          map.compute(
              key,
              (k, old) -> {
                if (live(old) != null) {
                  return old;
                }
                set[0] = true;
                return new Entry(copy, null, deadline);
              });
          return set[0];
        });
  }

  @Override
  public Future<byte[]> get(String key) {
    return run(
        () -> {
          Entry e = live(map.get(key));
          return e == null ? null : string(e).clone();
        });
  }

  @Override
  public Future<byte[]> take(String key) {
    return run(
        () -> {
          AtomicReference<byte[]> out = new AtomicReference<>();
          map.compute(
              key,
              (k, old) -> {
                Entry e = live(old);
                if (e == null) {
                  return null;
                }
                out.set(string(e)); // throws on a set: the entry stays, as with GETDEL
                return null;
              });
          byte[] v = out.get();
          return v == null ? null : v.clone();
        });
  }

  @Override
  public Future<Boolean> replace(String key, byte[] expected, byte[] value) {
    return run(
        () -> {
          byte[] want = expected.clone();
          byte[] copy = value.clone();
          boolean[] replaced = {false};
          map.computeIfPresent(
              key,
              (k, old) -> {
                Entry e = live(old);
                if (e == null) {
                  return null;
                }
                if (!java.util.Arrays.equals(string(e), want)) {
                  return e;
                }
                replaced[0] = true;
                return new Entry(copy, null, e.expiresAt);
              });
          return replaced[0];
        });
  }

  @Override
  public Future<Boolean> delete(String key) {
    return run(
        () -> {
          boolean[] deleted = {false};
          map.computeIfPresent(
              key,
              (k, old) -> {
                deleted[0] = live(old) != null;
                return null;
              });
          return deleted[0];
        });
  }

  @Override
  public Future<Long> deleteByPrefix(String prefix) {
    return run(
        () -> {
          long now = clock.getAsLong();
          long deleted = 0;
          for (String key : List.copyOf(map.keySet())) {
            if (key.startsWith(prefix)) {
              Entry old = map.remove(key);
              if (old != null && !old.expired(now)) {
                deleted++;
              }
            }
          }
          return deleted;
        });
  }

  @Override
  public Future<Long> increment(String key, Duration ttl) {
    return run(
        () -> {
          long deadline = deadline(ttl);
          long[] result = new long[1];
          map.compute(
              key,
              (k, old) -> {
                Entry e = live(old);
                if (e == null) {
                  result[0] = 1;
                  return new Entry(
                      ascii(1), null, deadline); // TTL only when the counter is created
                }
                long next = parseCounter(string(e));
                if (next == Long.MAX_VALUE) {
                  throw new StoreException("increment or decrement would overflow", null);
                }
                result[0] = next + 1;
                return new Entry(ascii(next + 1), null, e.expiresAt);
              });
          return result[0];
        });
  }

  @Override
  public Future<Void> addToSet(String key, String member) {
    return run(
        () -> {
          map.compute(
              key,
              (k, old) -> {
                Entry e = live(old);
                if (e == null) {
                  e = new Entry(null, ConcurrentHashMap.newKeySet(), NO_EXPIRY);
                }
                set(e).add(member);
                return e;
              });
          return null;
        });
  }

  @Override
  public Future<Void> removeFromSet(String key, String member) {
    return run(
        () -> {
          map.computeIfPresent(
              key,
              (k, old) -> {
                Entry e = live(old);
                if (e == null) {
                  return null;
                }
                Set<String> s = set(e);
                s.remove(member);
                return s.isEmpty() ? null : e; // Redis deletes an emptied set
              });
          return null;
        });
  }

  @Override
  public Future<List<String>> members(String key) {
    return run(
        () -> {
          Entry e = live(map.get(key));
          return e == null ? List.of() : List.copyOf(new ArrayList<>(set(e)));
        });
  }

  @Override
  public Future<Claim> addToSetBounded(String key, String member, long limit) {
    return run(
        () -> {
          AtomicReference<Claim> out = new AtomicReference<>();
          map.compute(
              key,
              (k, old) -> {
                Entry e = live(old);
                if (e == null) {
                  e = new Entry(null, ConcurrentHashMap.newKeySet(), NO_EXPIRY);
                }
                Set<String> s = set(e);
                if (s.contains(member)) {
                  out.set(Claim.PRESENT);
                } else if (limit > 0 && s.size() >= limit) {
                  out.set(Claim.REFUSED);
                  return s.isEmpty() ? null : e;
                } else {
                  s.add(member);
                  out.set(Claim.ADDED);
                }
                return e;
              });
          return out.get();
        });
  }

  @Override
  public Future<Long> setSize(String key) {
    return run(
        () -> {
          Entry e = live(map.get(key));
          return e == null ? 0L : (long) set(e).size();
        });
  }

  /** Inside a compute of the set's entry: the claim of {@code member}, and the entry to keep. */
  private static Entry addCounted(
      Entry e, String member, long limit, AtomicReference<CountedClaim> out) {
    if (e == null) {
      e = new Entry(null, ConcurrentHashMap.newKeySet(), NO_EXPIRY);
    }
    Set<String> s = set(e);
    Claim c;
    if (s.contains(member)) {
      c = Claim.PRESENT;
    } else if (limit > 0 && s.size() >= limit) {
      c = Claim.REFUSED;
    } else {
      s.add(member);
      c = Claim.ADDED;
    }
    out.set(new CountedClaim(c, s.size()));
    return s.isEmpty() ? null : e;
  }

  /**
   * The guard is read inside the set's compute: a delete of the guard followed by a delete of the
   * set either comes before the read (the guard is gone) or removes the set after the add.
   */
  @Override
  public Future<CountedClaim> addToSetCountedWhile(
      String key, String member, long limit, String guard) {
    if (key.equals(guard)) {
      return Future.failedFuture(new IllegalArgumentException("the guard is the set"));
    }
    return run(
        () -> {
          AtomicReference<CountedClaim> out = new AtomicReference<>();
          map.compute(
              key,
              (k, old) -> {
                Entry e = live(old);
                if (live(map.get(guard)) == null) {
                  return e;
                }
                return addCounted(e, member, limit, out);
              });
          return out.get();
        });
  }

  @Override
  public Future<Boolean> isMember(String key, String member) {
    return run(
        () -> {
          Entry e = live(map.get(key));
          return e != null && set(e).contains(member);
        });
  }

  /** The live keys, for tests that check what a service left behind. */
  public List<String> keys() {
    long now = clock.getAsLong();
    List<String> out = new ArrayList<>();
    map.forEach(
        (k, e) -> {
          if (!e.expired(now)) {
            out.add(k);
          }
        });
    return out;
  }

  @Override
  public Future<Claim> claimSlot(String key, String member, Duration ttl, long limit) {
    return run(
        () -> {
          if (ttl == null) {
            throw new IllegalArgumentException("a slot needs a ttl");
          }
          long deadline = deadline(ttl);
          AtomicReference<Claim> out = new AtomicReference<>();
          map.compute(
              key,
              (k, old) -> {
                long now = clock.getAsLong();
                Entry e = live(old);
                Map<String, Long> pool = e == null ? new ConcurrentHashMap<>() : slots(e);
                pool.values().removeIf(d -> now - d >= 0);
                boolean present = pool.containsKey(member);
                if (!present && limit > 0 && pool.size() >= limit) {
                  out.set(Claim.REFUSED);
                  return pool.isEmpty() ? null : new Entry(null, null, pool, latest(pool));
                }
                pool.put(member, deadline);
                out.set(present ? Claim.PRESENT : Claim.ADDED);
                // the pool lives as long as its longest-lived member, like the Redis key's PEXPIRE
                return new Entry(null, null, pool, latest(pool));
              });
          return out.get();
        });
  }

  @Override
  public Future<Void> releaseSlot(String key, String member) {
    return run(
        () -> {
          map.computeIfPresent(
              key,
              (k, old) -> {
                Entry e = live(old);
                if (e == null) {
                  return null;
                }
                Map<String, Long> pool = slots(e);
                pool.remove(member);
                return pool.isEmpty() ? null : e; // Redis deletes an emptied sorted set
              });
          return null;
        });
  }

  @Override
  public Future<Long> liveSlots(String key) {
    return run(
        () -> {
          Entry e = live(map.get(key));
          if (e == null) {
            return 0L;
          }
          long now = clock.getAsLong();
          return slots(e).values().stream().filter(d -> now - d < 0).count();
        });
  }

  private static long latest(Map<String, Long> pool) {
    long max = NO_EXPIRY;
    for (long d : pool.values()) {
      if (max == NO_EXPIRY || d - max > 0) {
        max = d;
      }
    }
    return max;
  }

  @Override
  public Future<Void> ping() {
    return run(() -> null);
  }

  @Override
  public Future<Void> close() {
    if (closed.compareAndSet(false, true)) {
      if (vertx != null) {
        vertx.cancelTimer(sweepTimer);
      }
      map.clear();
    }
    return Future.succeededFuture();
  }

  private interface Op<T> {
    T run();
  }

  private <T> Future<T> run(Op<T> op) {
    if (closed.get()) {
      return Future.failedFuture(new StoreException("store is closed", null));
    }
    try {
      return Future.succeededFuture(op.run());
    } catch (StoreException | IllegalArgumentException e) {
      return Future.failedFuture(e);
    } catch (NullPointerException e) {
      return Future.failedFuture(new IllegalArgumentException("null argument", e));
    }
  }

  private Entry live(Entry e) {
    return e == null || e.expired(clock.getAsLong()) ? null : e;
  }

  private long deadline(Duration ttl) {
    if (ttl == null) {
      return NO_EXPIRY;
    }
    long ms = RedisStore.ttlMillis(ttl);
    long d = clock.getAsLong() + ms * 1_000_000L;
    return d == NO_EXPIRY ? d + 1 : d;
  }

  private static byte[] string(Entry e) {
    if (e.value == null) {
      throw wrongType();
    }
    return e.value;
  }

  private static Set<String> set(Entry e) {
    if (e.set == null) {
      throw wrongType();
    }
    return e.set;
  }

  private static Map<String, Long> slots(Entry e) {
    if (e.slots == null) {
      throw wrongType();
    }
    return e.slots;
  }

  private static StoreException wrongType() {
    return new StoreException(
        "WRONGTYPE Operation against a key holding the wrong kind of value", null);
  }

  private static long parseCounter(byte[] v) {
    try {
      String s = new String(v, StandardCharsets.US_ASCII);
      // Redis accepts only canonical integers ("01", "+1", " 1" are rejected)
      long n = Long.parseLong(s);
      if (!Long.toString(n).equals(s)) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new StoreException("value is not an integer or out of range", null);
    }
  }

  private static byte[] ascii(long n) {
    return Long.toString(n).getBytes(StandardCharsets.US_ASCII);
  }
}
