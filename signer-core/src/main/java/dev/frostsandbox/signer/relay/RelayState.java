package dev.frostsandbox.signer.relay;

import dev.frostsandbox.signer.http.Call;
import dev.frostsandbox.store.Store;
import dev.frostsandbox.store.StoreKeys;
import io.vertx.core.Future;

/**
 * The relay's view of each key's account in the {@link Store}: one set per key, the ids of the
 * payloads it relayed, under the key's tenant scope and hash tag ({@link StoreKeys#relayed}). The
 * account is a function of the key, so the key id names it; the set is deleted with the key
 * (StateRepository.deleteKey), so a key created again under the same keyid starts at nonce 0; a
 * payload is recorded only while the key exists, in the same atomic write, so a relay that read the
 * key before a concurrent delete cannot create the set again after it. The account's relay nonce is
 * the set's size: recording a payload and raising the nonce are one atomic write ({@link
 * Store#addToSetCountedWhile}), and of concurrent relays of one payload, on any instance, exactly
 * one adds it. The set holds at most {@code maxPayloads} members (SIGNER_RELAY_MAX_PAYLOADS), so a
 * tenant cannot grow the store without bound.
 */
final class RelayState {

  private final Store store;
  private final String service;
  private final long maxPayloads;

  RelayState(Store store, String service, long maxPayloads) {
    this.store = store;
    this.service = service;
    this.maxPayloads = maxPayloads;
  }

  long maxPayloads() {
    return maxPayloads;
  }

  /**
   * The store key of a caller's key's relay state: the namespace StateRepository gives its keys.
   */
  static String storeKey(String service, String tenant, String keyid) {
    return StoreKeys.relayed(StoreKeys.scope(service, tenant), keyid);
  }

  private String key(Call call) {
    return storeKey(service, call.tenant(), call.keyid());
  }

  Future<Boolean> wasRelayed(Call call, String payloadId) {
    return store.isMember(key(call), payloadId);
  }

  /**
   * Records the payload relayed, which raises the nonce: ADDED with the nonce after it; PRESENT
   * (relayed before) or REFUSED (the key relayed its maximum) with the nonce as it is; null, with
   * nothing written, when the key is gone (deleted since the relay read it).
   */
  Future<Store.CountedClaim> claim(Call call, String payloadId) {
    return store.addToSetCountedWhile(
        key(call),
        payloadId,
        maxPayloads,
        StoreKeys.key(StoreKeys.scope(service, call.tenant()), call.keyid()));
  }

  /** The account's relay nonce: payloads relayed so far. */
  Future<Long> nonce(Call call) {
    return store.setSize(key(call));
  }
}
