package dev.frostsandbox.signer.ops;

import dev.frostsandbox.signer.SignerContext;
import dev.frostsandbox.store.Store;
import dev.frostsandbox.store.StoreKeys;
import io.vertx.core.Future;
import java.util.List;

/**
 * Clears one tenant's sandbox state, so a client's test starts from nothing: its keys, DKG rounds,
 * signing nonces, relay state and quota counts in this service (in the store, so on every instance;
 * each service has its own namespace), its fault rules, fire counters and X-Fault-Id counters, and
 * this instance's journal of the tenant. Served as {@code POST /admin/reset} in sandbox mode and
 * called in-process by the JUnit extension.
 */
public final class TenantReset {

  private final SignerContext sc;

  public TenantReset(SignerContext sc) {
    this.sc = sc;
  }

  /** How many store entries were deleted. */
  public Future<Long> reset(String tenant) {
    Store store = sc.state().store();
    List<String> prefixes = StoreKeys.tenantPrefixes(sc.definition().name(), tenant);
    List<Future<Long>> deletes = prefixes.stream().map(store::deleteByPrefix).toList();
    return Future.all(deletes)
        .map(
            all -> {
              long n = 0;
              for (int i = 0; i < deletes.size(); i++) {
                n += all.<Long>resultAt(i);
              }
              // after the store: a request journaled meanwhile belongs to the state that was just
              // deleted
              sc.journal().clear(tenant);
              return n;
            });
  }
}
