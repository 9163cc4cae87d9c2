package dev.frostsandbox.signer.service;

import dev.frostsandbox.signer.http.SignerProblems;
import dev.frostsandbox.signer.state.KeyRecord;
import io.vertx.core.Future;

/** Stored keys: looking one up (no-key-found when absent) and deleting one. */
public final class KeyService {

  private final String keyKind;

  /** {@code keyKind} is named in no-key-found details ("Cannot find an eddsa key"). */
  public KeyService(String keyKind) {
    this.keyKind = keyKind;
  }

  /**
   * The request's key, with the server's share: no-key-found when there is none, a 409 when its
   * share was dropped and is not repaired yet.
   */
  public Future<KeyRecord<?>> get(RequestScope s) {
    return find(s)
        .compose(
            key ->
                key.hasShare()
                    ? Future.succeededFuture(key)
                    : Future.failedFuture(SignerProblems.shareLost(s.call())));
  }

  /** The request's key, with or without the server's share; no-key-found when there is none. */
  public Future<KeyRecord<?>> find(RequestScope s) {
    return s.state()
        .findKey(s.call())
        .compose(
            key ->
                key == null
                    ? Future.failedFuture(SignerProblems.noKey(s.call(), keyKind))
                    : Future.succeededFuture(key));
  }

  /** Deletes the request's key and its relay state; no-key-found when there is none. */
  public Future<Void> delete(RequestScope s) {
    return s.state()
        .deleteKey(s.call())
        .compose(
            deleted ->
                deleted
                    ? Future.succeededFuture()
                    : Future.failedFuture(SignerProblems.noKey(s.call(), keyKind)));
  }
}
