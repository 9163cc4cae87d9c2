package dev.frostsandbox.signer.fault;

import dev.frostsandbox.signer.http.Call;
import dev.frostsandbox.signer.route.FaultPoint;
import dev.frostsandbox.signer.state.DkgRound;
import dev.frostsandbox.signer.state.KeyRecord;
import dev.frostsandbox.signer.state.NonceRecord;
import dev.frostsandbox.signer.state.RefreshRound;
import dev.frostsandbox.signer.state.RepairRound;
import dev.frostsandbox.signer.state.RequestState;
import dev.frostsandbox.signer.state.StateCorruptException;
import dev.frostsandbox.store.StoreException;
import io.vertx.core.Future;
import java.util.function.Predicate;

/**
 * A request's state with one point failing as the real one fails: the store unreachable (every
 * call), stored state unreadable (once it was read), or a lookup finding nothing (without touching
 * the store, as when there is nothing). {@code at} says whether the armed point is the one reached
 * (and records that it fired).
 */
final class FaultyState implements RequestState {

  private final RequestState real;
  private final Predicate<FaultPoint> at;

  FaultyState(RequestState real, Predicate<FaultPoint> at) {
    this.real = real;
    this.at = at;
  }

  private static <T> Future<T> storeDown() {
    return Future.failedFuture(new StoreException("redis unavailable (injected fault)", null));
  }

  private static <T> Future<T> unreadable() {
    return Future.failedFuture(new StateCorruptException("stored value cannot be decoded"));
  }

  /** A read whose value, when there is one, cannot be decoded. */
  private <T> Future<T> read(Future<T> found) {
    return found.compose(
        v ->
            v != null && at.test(FaultPoint.STATE_DECODE)
                ? unreadable()
                : Future.succeededFuture(v));
  }

  @Override
  public Future<Boolean> keyExists(Call call) {
    if (at.test(FaultPoint.KEY_LOOKUP)) {
      return Future.succeededFuture(false);
    }
    return at.test(FaultPoint.STORE) ? storeDown() : real.keyExists(call);
  }

  @Override
  public Future<KeyRecord<?>> findKey(Call call) {
    if (at.test(FaultPoint.KEY_LOOKUP)) {
      return Future.succeededFuture(null);
    }
    return at.test(FaultPoint.STORE) ? storeDown() : read(real.findKey(call));
  }

  @Override
  public <E> Future<Boolean> createKey(Call call, KeyRecord<E> key) {
    return at.test(FaultPoint.STORE) ? storeDown() : real.createKey(call, key);
  }

  @Override
  public Future<Boolean> deleteKey(Call call) {
    if (at.test(FaultPoint.KEY_LOOKUP)) {
      return Future.succeededFuture(false);
    }
    return at.test(FaultPoint.STORE) ? storeDown() : real.deleteKey(call);
  }

  @Override
  public <E> Future<Void> saveDkgRound(Call call, DkgRound<E> round) {
    return at.test(FaultPoint.STORE) ? storeDown() : real.saveDkgRound(call, round);
  }

  @Override
  public Future<DkgRound<?>> findDkgRound(Call call) {
    if (at.test(FaultPoint.DKG_ROUND_LOOKUP)) {
      return Future.succeededFuture(null);
    }
    return at.test(FaultPoint.STORE) ? storeDown() : read(real.findDkgRound(call));
  }

  @Override
  public Future<Boolean> takeDkgRound(Call call) {
    return at.test(FaultPoint.STORE) ? storeDown() : real.takeDkgRound(call);
  }

  @Override
  public <E> Future<Void> saveNonces(Call call, String nonceId, NonceRecord<E> nonces) {
    return at.test(FaultPoint.STORE) ? storeDown() : real.saveNonces(call, nonceId, nonces);
  }

  @Override
  public Future<NonceRecord<?>> consumeNonces(Call call, String nonceId) {
    if (at.test(FaultPoint.SIGNING_ROUND_LOOKUP)) {
      return Future.succeededFuture(null);
    }
    // taken and then unreadable: gone from the store, as a real unreadable record is
    return at.test(FaultPoint.STORE) ? storeDown() : read(real.consumeNonces(call, nonceId));
  }

  @Override
  public Future<Long> nextNonceCounter(Call call) {
    return at.test(FaultPoint.STORE) ? storeDown() : real.nextNonceCounter(call);
  }

  // key lifecycle: refresh and repair rounds fail like DKG rounds, the key replacement like a write

  @Override
  public <E> Future<Boolean> replaceKey(Call call, KeyRecord<E> current, KeyRecord<E> next) {
    return at.test(FaultPoint.STORE) ? storeDown() : real.replaceKey(call, current, next);
  }

  @Override
  public <E> Future<Void> saveRefreshRound(Call call, RefreshRound<E> round) {
    return at.test(FaultPoint.STORE) ? storeDown() : real.saveRefreshRound(call, round);
  }

  @Override
  public Future<RefreshRound<?>> findRefreshRound(Call call) {
    if (at.test(FaultPoint.DKG_ROUND_LOOKUP)) {
      return Future.succeededFuture(null);
    }
    return at.test(FaultPoint.STORE) ? storeDown() : read(real.findRefreshRound(call));
  }

  @Override
  public Future<Boolean> takeRefreshRound(Call call) {
    return at.test(FaultPoint.STORE) ? storeDown() : real.takeRefreshRound(call);
  }

  @Override
  public <E> Future<Void> saveRepairRound(Call call, RepairRound<E> round) {
    return at.test(FaultPoint.STORE) ? storeDown() : real.saveRepairRound(call, round);
  }

  @Override
  public Future<RepairRound<?>> takeRepairRound(Call call) {
    if (at.test(FaultPoint.DKG_ROUND_LOOKUP)) {
      return Future.succeededFuture(null);
    }
    return at.test(FaultPoint.STORE) ? storeDown() : read(real.takeRepairRound(call));
  }
}
