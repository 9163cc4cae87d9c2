package dev.frostsandbox.signer.relay;

import dev.frostsandbox.signer.http.Call;
import dev.frostsandbox.signer.state.StateCorruptException;
import dev.frostsandbox.store.Store;
import dev.frostsandbox.store.StoreKeys;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;

/**
 * The relay's view of each account in the {@link Store}, next to the key that controls it (same
 * tenant scope and hash tag as the key): a marker per payload relayed ({@code putIfAbsent}, so of
 * concurrent relays of one payload, on any instance, exactly one claims it) and the account's relay
 * nonce, the number of payloads relayed ({@code increment}). Nothing here is secret or expires.
 */
final class RelayState {

  private final Store store;
  private final String service;

  RelayState(Store store, String service) {
    this.store = store;
    this.service = service;
  }

  /** The namespace StateRepository gives the caller's keys. */
  private String scope(Call call) {
    return service + "." + call.tenant();
  }

  Future<Boolean> wasRelayed(Call call, String account, String payloadId) {
    return store.get(StoreKeys.relayed(scope(call), call.keyid(), account, payloadId)).map(v -> v != null);
  }

  /** Marks the payload relayed; false when it already was (by a concurrent request, say). */
  Future<Boolean> claim(Call call, String account, String payloadId, String txHash) {
    return store.putIfAbsent(StoreKeys.relayed(scope(call), call.keyid(), account, payloadId),
        txHash.getBytes(StandardCharsets.US_ASCII), null);
  }

  /** The account's relay nonce: payloads relayed so far. */
  Future<Long> nonce(Call call, String account) {
    return store.get(StoreKeys.relayNonce(scope(call), call.keyid(), account)).compose(v -> {
      if (v == null) {
        return Future.succeededFuture(0L);
      }
      try {
        return Future.succeededFuture(Long.parseLong(new String(v, StandardCharsets.US_ASCII)));
      } catch (NumberFormatException e) {
        return Future.failedFuture(new StateCorruptException("the relay nonce is not a counter"));
      }
    });
  }

  /** Counts one more payload relayed; the nonce after it. */
  Future<Long> advance(Call call, String account) {
    return store.increment(StoreKeys.relayNonce(scope(call), call.keyid(), account), null);
  }
}
