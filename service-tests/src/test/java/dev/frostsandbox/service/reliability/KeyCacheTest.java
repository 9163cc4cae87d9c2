package dev.frostsandbox.service.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.eddsa.Ed25519Point;
import dev.frostsandbox.eddsa.EddsaService;
import dev.frostsandbox.frost.Group;
import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.problem.ProblemType;
import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.signer.fault.Faults;
import dev.frostsandbox.signer.http.Call;
import dev.frostsandbox.signer.keys.KeyRoutes;
import dev.frostsandbox.signer.state.KeyRecord;
import dev.frostsandbox.signer.state.RequestState;
import dev.frostsandbox.signer.state.StateCorruptException;
import dev.frostsandbox.signer.state.StateRepository;
import dev.frostsandbox.store.Store;
import dev.frostsandbox.store.StoreException;
import dev.frostsandbox.store.StoreKeys;
import dev.frostsandbox.testing.TestSigner;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The decoded-key cache of {@link StateRepository#findKey}: identical stored bytes give the cached
 * key, changed bytes are opened and decoded again, corrupted values and injected faults behave as
 * without a cache, and the store stays authoritative for deletes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyCacheTest {

  private static final String P = EddsaService.DEFINITION.prefix();
  private static final String SCOPE = EddsaService.DEFINITION.name() + ".default";

  @SuppressWarnings("unchecked")
  private static final SuiteBinding<Ed25519Point> SUITE =
      (SuiteBinding<Ed25519Point>) EddsaService.DEFINITION.suites().get(0);

  private static final Group<Ed25519Point> G = SUITE.frost().group();

  private final FrostClient<Ed25519Point> client =
      new FrostClient<>(SUITE.frost(), P, new SecureRandom());
  private TestSigner signer;
  private StateRepository state;
  private Store store;

  @BeforeAll
  void start() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    signer =
        TestSigner.start(
            EddsaService.DEFINITION,
            Map.of("SIGNER_STORAGE_KEY", Base64.getEncoder().encodeToString(k)));
    state = signer.server().context().state();
    store = state.store();
  }

  @AfterAll
  void stop() {
    signer.close();
  }

  private static Call call(String keyid) {
    return new Call("default", keyid, P);
  }

  private String newKey(String keyid) throws Exception {
    client.dkgRound2(signer.http(), client.dkgRound1(signer.http(), keyid, 2, 2, true));
    return StoreKeys.key(SCOPE, keyid);
  }

  private KeyRecord<?> find(Call call) throws Exception {
    return state.findKey(call).await(5, TimeUnit.SECONDS);
  }

  private Throwable findFails(Call call) {
    return findFails(state, call);
  }

  /** The repository as a GET /keys request with {@code fault} injected sees it. */
  private RequestState faulty(ProblemType fault) {
    return Faults.decoration(EddsaService.DEFINITION, KeyRoutes.GET, fault, "cache-faults")
        .state(state);
  }

  private static Throwable findFails(RequestState state, Call call) {
    Exception e =
        assertThrows(Exception.class, () -> state.findKey(call).await(5, TimeUnit.SECONDS));
    return e.getCause() != null
            && !(e instanceof StateCorruptException)
            && !(e instanceof StoreException)
        ? e.getCause()
        : e;
  }

  private byte[] stored(String storeKey) throws Exception {
    return store.get(storeKey).await(5, TimeUnit.SECONDS);
  }

  @Test
  void identicalStoredBytesGiveTheCachedKey() throws Exception {
    newKey("cache-hit");
    KeyRecord<?> first = find(call("cache-hit"));
    assertNotNull(first);
    assertSame(first, find(call("cache-hit")));
    assertTrue(state.cachedKeys() > 0);
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void changedStoredBytesAreDecodedAgain() throws Exception {
    String sk = newKey("cache-changed");
    KeyRecord<?> first = find(call("cache-changed"));
    byte[] before = stored(sk);
    // the same key sealed again: a fresh GCM nonce, so different bytes
    assertTrue(state.deleteKey(call("cache-changed")).await(5, TimeUnit.SECONDS));
    KeyRecord<Ed25519Point> typed = (KeyRecord<Ed25519Point>) first;
    assertTrue(state.createKey(call("cache-changed"), typed).await(5, TimeUnit.SECONDS));
    assertFalse(Arrays.equals(before, stored(sk)));
    KeyRecord<?> again = find(call("cache-changed"));
    assertNotSame(first, again);
    assertArrayEquals(
        G.serializeScalar(((KeyRecord<Ed25519Point>) first).keyPackage().signingShare()),
        G.serializeScalar(((KeyRecord<Ed25519Point>) again).keyPackage().signingShare()));
    assertSame(again, find(call("cache-changed")));
  }

  @Test
  void corruptedValueIsStillASerializeError() throws Exception {
    String sk = newKey("cache-corrupt");
    assertNotNull(find(call("cache-corrupt")));
    byte[] v = stored(sk);
    v[v.length - 1] ^= 1;
    store.put(sk, v, null).await(5, TimeUnit.SECONDS);
    assertInstanceOf(StateCorruptException.class, findFails(call("cache-corrupt")));
    // and a value moved from another keyid (other sealing binding) is never taken for the cached
    // one
    String other = newKey("cache-corrupt-other");
    store.put(sk, stored(other), null).await(5, TimeUnit.SECONDS);
    assertNotNull(find(call("cache-corrupt-other")));
    assertInstanceOf(StateCorruptException.class, findFails(call("cache-corrupt")));
  }

  @Test
  void deletedKeyIsNull() throws Exception {
    String sk = newKey("cache-deleted");
    assertNotNull(find(call("cache-deleted")));
    assertTrue(state.deleteKey(call("cache-deleted")).await(5, TimeUnit.SECONDS));
    assertNull(find(call("cache-deleted")));
    // deleted behind the repository's back (another instance): the store is authoritative
    newKey("cache-deleted");
    assertNotNull(find(call("cache-deleted")));
    store.delete(sk).await(5, TimeUnit.SECONDS);
    assertNull(find(call("cache-deleted")));
  }

  @Test
  void faultPointsBehaveAsWithoutCache() throws Exception {
    newKey("cache-faults");
    assertNotNull(find(call("cache-faults")));
    // a fault decorates the repository, cache included: the cached key never hides it
    assertNull(
        faulty(Catalogue.NO_KEY_FOUND).findKey(call("cache-faults")).await(5, TimeUnit.SECONDS));
    assertInstanceOf(
        StateCorruptException.class,
        findFails(faulty(Catalogue.SERIALIZE_ERROR), call("cache-faults")));
    assertInstanceOf(
        StoreException.class, findFails(faulty(Catalogue.REDIS_ERROR), call("cache-faults")));
    assertNotNull(find(call("cache-faults")));
  }
}
