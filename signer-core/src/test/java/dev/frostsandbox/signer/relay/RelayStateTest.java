package dev.frostsandbox.signer.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.signer.http.Call;
import dev.frostsandbox.store.MemoryStore;
import dev.frostsandbox.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay's state in the store: one set per key, under the key's tenant scope. */
class RelayStateTest {

  private Vertx vertx;
  private MemoryStore store;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    store = new MemoryStore(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    store.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Call call(String tenant, String keyid) {
    return new Call(tenant, keyid, "/v1/svc/relay");
  }

  @Test
  void theSameKeyidUnderTwoTenantsHasTwoRelayStates() {
    RelayState state = new RelayState(store, "svc", 10);
    Call alice = call("alice", "k1");
    Call bob = call("bob", "k1");
    assertEquals(new Store.CountedClaim(Store.Claim.ADDED, 1), await(state.claim(alice, "p")));
    assertTrue(await(state.wasRelayed(alice, "p")));
    assertFalse(await(state.wasRelayed(bob, "p")), "bob's k1 relayed nothing");
    assertEquals(0L, await(state.nonce(bob)));
    assertEquals(new Store.CountedClaim(Store.Claim.ADDED, 1), await(state.claim(bob, "p")));
    assertEquals(new Store.CountedClaim(Store.Claim.PRESENT, 1), await(state.claim(alice, "p")));
    // the store keys name service, tenant and keyid: one set per key of a tenant
    assertEquals(
        List.of("frost:{svc.alice:k1}:relayed", "frost:{svc.bob:k1}:relayed"),
        store.keys().stream().sorted().toList());
  }

  @Test
  void aKeyRelaysAtMostItsMaximumAndTheNonceIsThePayloadsRelayed() {
    RelayState state = new RelayState(store, "svc", 2);
    Call c = call("alice", "k1");
    assertEquals(new Store.CountedClaim(Store.Claim.ADDED, 1), await(state.claim(c, "p1")));
    assertEquals(new Store.CountedClaim(Store.Claim.ADDED, 2), await(state.claim(c, "p2")));
    assertEquals(new Store.CountedClaim(Store.Claim.REFUSED, 2), await(state.claim(c, "p3")));
    assertEquals(new Store.CountedClaim(Store.Claim.PRESENT, 2), await(state.claim(c, "p1")));
    assertEquals(2L, await(state.nonce(c)));
    assertFalse(await(state.wasRelayed(c, "p3")));
  }
}
