package dev.frostsandbox.store;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;

/**
 * Where protocol round state, key packages and fault counters live. Two implementations with one
 * contract: {@link RedisStore} (Vert.x Redis client: standalone, sentinel or cluster) and {@link
 * MemoryStore} (embedded, the default). Keys that belong together share a Redis Cluster hash tag
 * (see {@link StoreKeys}). Every failure of the backend fails the future with a {@link
 * StoreException}.
 *
 * <p>Common rules: methods never block the caller; a non-positive {@code ttl} fails with {@link
 * IllegalArgumentException}; values are copied in and out. With Redis every command is bounded by
 * the configured timeout, and a timed-out command has an unknown outcome (it may still apply).
 * Reading a set as a value (or the reverse) fails like Redis' WRONGTYPE.
 */
public interface Store {

  /** Sets {@code key} to {@code value}; {@code ttl} null means no expiry. */
  Future<Void> put(String key, byte[] value, Duration ttl);

  /** Sets {@code key} only if it holds nothing; true if this call set it. */
  Future<Boolean> putIfAbsent(String key, byte[] value, Duration ttl);

  /** The value, or null when absent or expired. */
  Future<byte[]> get(String key);

  /**
   * Atomically reads and deletes: of concurrent callers at most one gets the value, the others
   * null.
   */
  Future<byte[]> take(String key);

  /**
   * {@link #take}, and in replicated deployments (Redis with {@code SIGNER_REDIS_WAIT_REPLICAS} n >
   * 0, by default in sentinel and cluster mode) completes only once n replicas acknowledged the
   * delete (Redis {@code WAIT}), so a failover to one of them cannot bring the value back. When
   * fewer acknowledge in time the future fails with a {@link ReplicationUnconfirmedException} and
   * the value is not returned (it is deleted on the primary all the same). Stores without replicas
   * take as {@link #take} does.
   */
  default Future<byte[]> takeReplicated(String key) {
    return take(key);
  }

  /**
   * Sets {@code key} to {@code value}, keeping its TTL, only if it holds exactly {@code expected}
   * (compare-and-set); true if this call replaced it.
   */
  default Future<Boolean> replace(String key, byte[] expected, byte[] value) {
    return Future.failedFuture(new StoreException("replace is not supported by this store", null));
  }

  /** Deletes; true if something was deleted. */
  Future<Boolean> delete(String key);

  /** Atomic increment; the counter expires {@code ttl} after it was created (null: never). */
  Future<Long> increment(String key, Duration ttl);

  /** Adds a member to a set (no expiry). */
  Future<Void> addToSet(String key, String member);

  /** Removes a member from a set. */
  Future<Void> removeFromSet(String key, String member);

  /** The members of a set (empty when absent). */
  Future<List<String>> members(String key);

  // ---- bounded collections (per-tenant quotas and caps) ----

  /** What {@link #addToSetBounded} and {@link #claimSlot} did. */
  enum Claim {
    /** The member was added. */
    ADDED,
    /** The member was there already: it is not counted twice (a slot's expiry moved). */
    PRESENT,
    /** The collection was full: nothing changed. */
    REFUSED
  }

  /**
   * Adds a member to a set (the set of {@link #addToSet}) unless the set already holds {@code
   * limit} members; a member already there is never refused. {@code limit <= 0} means no limit.
   * Atomic: concurrent callers, on any number of instances, never take the set past the limit.
   */
  Future<Claim> addToSetBounded(String key, String member, long limit);

  /** The number of members of a set (0 when absent). */
  Future<Long> setSize(String key);

  /** What {@link #addToSetCountedWhile} did, and the set's size right after it. */
  record CountedClaim(Claim claim, long size) {}

  /**
   * {@link #addToSetBounded} and {@link #setSize} in one atomic step, and only while the key {@code
   * guard} exists (any type): null, and nothing written, when it does not. The size answered is the
   * set's right after this call, so of concurrent callers adding distinct members each gets its own
   * size (1, 2, 3, ...); one write, so a failure either added the member or changed nothing. The
   * check and the add are one step (with Redis one script; both keys must share a hash tag), so
   * state that belongs to {@code guard} is never created again after a delete of {@code guard}
   * followed by a delete of {@code key}.
   */
  default Future<CountedClaim> addToSetCountedWhile(
      String key, String member, long limit, String guard) {
    return Future.failedFuture(
        new StoreException("addToSetCountedWhile is not supported by this store", null));
  }

  /** Whether a set holds a member (false when the set is absent). */
  default Future<Boolean> isMember(String key, String member) {
    return Future.failedFuture(new StoreException("isMember is not supported by this store", null));
  }

  /**
   * A slot in a pool whose members expire one by one (with Redis, a sorted set scored by expiry
   * time): drops the expired members, then adds {@code member} expiring {@code ttl} from now, or
   * moves the expiry of a member already there, unless the pool holds {@code limit} live members
   * ({@code limit <= 0}: no limit). Atomic like {@link #addToSetBounded}. The pool itself expires
   * with its last member. Expiry is by the backend's clock (Redis {@code TIME}), so instances with
   * skewed clocks agree. {@code ttl} is required.
   */
  Future<Claim> claimSlot(String key, String member, Duration ttl, long limit);

  /** Frees a slot (nothing happens when it is absent or expired). */
  Future<Void> releaseSlot(String key, String member);

  /** The number of live (unexpired) slots of a pool (0 when absent). */
  Future<Long> liveSlots(String key);

  /**
   * Deletes every key whose name starts with {@code prefix} and answers how many were live. Not
   * atomic: a key written meanwhile may survive. For the sandbox's tenant reset only (it walks the
   * key space: SCAN on one node, KEYS on every master in cluster mode).
   */
  Future<Long> deleteByPrefix(String prefix);

  /** A round trip to the backend, for readiness. */
  Future<Void> ping();

  Future<Void> close();
}
