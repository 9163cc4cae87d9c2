package dev.frostsandbox.signer.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.signer.http.Call;
import dev.frostsandbox.store.MemoryStore;
import dev.frostsandbox.store.Store;
import dev.frostsandbox.store.StoreKeys;
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

  /** The key a relay state belongs to, as StateRepository stores it. */
  private void storeKey(Call c) {
    await(store.put(StoreKeys.key("svc." + c.tenant(), c.keyid()), new byte[] {1}, null));
  }

  /**
   * A relay that read the key before a concurrent delete records its payload after the delete:
   * nothing is created again, so a key created later under the keyid starts at nonce 0 (before, the
   * late write made the deleted key's set again, with the payload in it).
   */
  @Test
  void aRelayAfterTheKeysDeleteCreatesNoRelayState() {
    RelayState state = new RelayState(store, "svc", 10);
    Call c = call("alice", "k1");
    storeKey(c);
    assertEquals(new Store.CountedClaim(Store.Claim.ADDED, 1), await(state.claim(c, "p1")));
    // StateRepository.deleteKey: the key, then its relay state
    assertTrue(await(store.delete(StoreKeys.key("svc.alice", "k1"))));
    assertTrue(await(store.delete(RelayState.storeKey("svc", "alice", "k1"))));
    assertNull(await(state.claim(c, "p2")), "the key is gone");
    assertEquals(List.of(), store.keys());
    // a key created again under the keyid starts at nonce 0, and may relay p2
    storeKey(c);
    assertEquals(0L, await(state.nonce(c)));
    assertEquals(new Store.CountedClaim(Store.Claim.ADDED, 1), await(state.claim(c, "p2")));
  }

  @Test
  void theSameKeyidUnderTwoTenantsHasTwoRelayStates() {
    RelayState state = new RelayState(store, "svc", 10);
    Call alice = call("alice", "k1");
    Call bob = call("bob", "k1");
    storeKey(alice);
    storeKey(bob);
    assertEquals(new Store.CountedClaim(Store.Claim.ADDED, 1), await(state.claim(alice, "p")));
    assertTrue(await(state.wasRelayed(alice, "p")));
    assertFalse(await(state.wasRelayed(bob, "p")), "bob's k1 relayed nothing");
    assertEquals(0L, await(state.nonce(bob)));
    assertEquals(new Store.CountedClaim(Store.Claim.ADDED, 1), await(state.claim(bob, "p")));
    assertEquals(new Store.CountedClaim(Store.Claim.PRESENT, 1), await(state.claim(alice, "p")));
    // the store keys name service, tenant and keyid: one set per key of a tenant
    assertEquals(
        List.of("frost:{svc.alice:k1}:relayed", "frost:{svc.bob:k1}:relayed"),
        store.keys().stream().filter(k -> k.endsWith(":relayed")).sorted().toList());
  }

  @Test
  void aKeyRelaysAtMostItsMaximumAndTheNonceIsThePayloadsRelayed() {
    RelayState state = new RelayState(store, "svc", 2);
    Call c = call("alice", "k1");
    storeKey(c);
    assertEquals(new Store.CountedClaim(Store.Claim.ADDED, 1), await(state.claim(c, "p1")));
    assertEquals(new Store.CountedClaim(Store.Claim.ADDED, 2), await(state.claim(c, "p2")));
    assertEquals(new Store.CountedClaim(Store.Claim.REFUSED, 2), await(state.claim(c, "p3")));
    assertEquals(new Store.CountedClaim(Store.Claim.PRESENT, 2), await(state.claim(c, "p1")));
    assertEquals(2L, await(state.nonce(c)));
    assertFalse(await(state.wasRelayed(c, "p3")));
  }
}
