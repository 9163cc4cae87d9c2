package dev.frostsandbox.signer.state;

import dev.frostsandbox.signer.http.Call;
import io.vertx.core.Future;

/**
 * The state a request's service reads and writes: keys, DKG rounds and signing nonces of the
 * caller. {@link StateRepository} is the real one; a request with a fault armed gets a decorator
 * around it (dev.frostsandbox.signer.fault) that fails at the armed point. Every failure is a
 * failed future, never a throw.
 */
public interface RequestState {

  Future<Boolean> keyExists(Call call);

  /** The key, or null when there is none. */
  Future<KeyRecord<?>> findKey(Call call);

  /** Stores a new key; false when the keyid already holds one. */
  <E> Future<Boolean> createKey(Call call, KeyRecord<E> key);

  /** Deletes a key with its relay state; false when there was none. */
  Future<Boolean> deleteKey(Call call);

  /** Saves (or, for a restarted round 1, replaces) the DKG round state. */
  <E> Future<Void> saveDkgRound(Call call, DkgRound<E> round);

  /** The DKG round state, or null when there is none. */
  Future<DkgRound<?>> findDkgRound(Call call);

  /** Ends the DKG round atomically: true for exactly one of concurrent callers. */
  Future<Boolean> takeDkgRound(Call call);

  /** Stores a nonce record under its id. */
  <E> Future<Void> saveNonces(Call call, String nonceId, NonceRecord<E> nonces);

  /** Consumes a nonce record atomically; null when there is none (unknown, expired, used). */
  Future<NonceRecord<?>> consumeNonces(Call call, String nonceId);

  /** The key's next round-1 counter (1, 2, ...): deterministic mode's per-key nonce input. */
  Future<Long> nextNonceCounter(Call call);

  // ---- key lifecycle ----

  /**
   * Replaces the key with {@code next} atomically, only while the stored key is still of {@code
   * current}'s generation (compare-and-set): false when it changed or is gone.
   */
  <E> Future<Boolean> replaceKey(Call call, KeyRecord<E> current, KeyRecord<E> next);

  /** Saves (or, for a restarted refresh round 1, replaces) the refresh round state. */
  <E> Future<Void> saveRefreshRound(Call call, RefreshRound<E> round);

  /** The refresh round state, or null when there is none. */
  Future<RefreshRound<?>> findRefreshRound(Call call);

  /** Ends the refresh round atomically: true for exactly one of concurrent callers. */
  Future<Boolean> takeRefreshRound(Call call);

  /** Saves (or replaces) the server's repair helper state. */
  <E> Future<Void> saveRepairRound(Call call, RepairRound<E> round);

  /** Consumes the repair helper state atomically; null when there is none. */
  Future<RepairRound<?>> takeRepairRound(Call call);
}
