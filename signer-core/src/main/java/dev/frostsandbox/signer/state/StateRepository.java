package dev.frostsandbox.signer.state;

import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.signer.http.Call;
import dev.frostsandbox.store.Store;
import dev.frostsandbox.store.StoreException;
import dev.frostsandbox.store.StoreKeys;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keys, DKG rounds and signing nonces of one service in the {@link Store}: encoded by
 * {@link StateCodec}, sealed by {@link SecretBox} (bound to service, tenant, keyid and kind), and
 * namespaced so two services and many tenants can share one Redis. Values used once (DKG round
 * state, nonces) are read and deleted atomically with {@link Store#take}.
 *
 * <p>Decoded keys are cached per instance ({@link #KEY_CACHE_SIZE} entries, least recently used
 * evicted), keyed by the store key: a lookup still reads the value from the store, so deletes and
 * other instances stay authoritative, and skips only opening and decoding when the stored bytes are
 * identical to the cached ones (same store key, hence the same sealing binding). DKG round state and
 * nonces are never cached.
 */
public final class StateRepository {

  private final Store store;
  private final SecretBox box;
  private final StateCodec codec;
  private final String service;
  private final Duration roundTtl;
  private final Duration nonceTtl;
  private final KeyCache keyCache = new KeyCache(KEY_CACHE_SIZE);

  /** Decoded keys kept per instance. */
  public static final int KEY_CACHE_SIZE = 4096;

  public StateRepository(
      Store store,
      SecretBox box,
      Map<String, SuiteBinding<?>> suites,
      String service,
      Duration roundTtl,
      Duration nonceTtl) {
    this.store = store;
    this.box = box;
    this.codec = new StateCodec(suites);
    this.service = service;
    this.roundTtl = roundTtl;
    this.nonceTtl = nonceTtl;
  }

  public Store store() {
    return store;
  }

  /** Service and tenant: the store namespace of a caller. */
  private String scope(Call call) {
    return service + "." + call.tenant();
  }

  private String binding(Call call, String kind, String extra) {
    return service + "|" + call.tenant() + "|" + call.keyid() + "|" + kind + "|" + extra;
  }

  private Store store(Call call) {
    return call.faults().storeFails() ? FailingStore.INSTANCE : store;
  }

  private byte[] open(Call call, byte[] stored, String kind, String extra) throws StateCorruptException {
    if (call.faults().stateUnreadable()) {
      throw new StateCorruptException("stored value cannot be decoded");
    }
    return box.open(stored, binding(call, kind, extra));
  }

  // ---- keys ----

  public Future<Boolean> keyExists(Call call) {
    if (call.faults().keyMissing()) {
      return Future.succeededFuture(false);
    }
    return store(call).get(StoreKeys.key(scope(call), call.keyid())).map(v -> v != null);
  }

  /** The key, or null when there is none. */
  public Future<KeyRecord<?>> findKey(Call call) {
    if (call.faults().keyMissing()) {
      return Future.succeededFuture(null);
    }
    String storeKey = StoreKeys.key(scope(call), call.keyid());
    return store(call).get(storeKey).compose(v -> {
      if (v == null) {
        keyCache.remove(storeKey);
        return Future.succeededFuture(null);
      }
      if (!call.faults().stateUnreadable()) {
        KeyRecord<?> cached = keyCache.get(storeKey, v);
        if (cached != null) {
          return Future.succeededFuture(cached);
        }
      }
      return decode(v, () -> {
        KeyRecord<?> key = codec.decodeKey(open(call, v, "key", ""));
        keyCache.put(storeKey, v, key);
        return key;
      });
    });
  }

  /** Stores a new key; false when the keyid already holds one. */
  public <E> Future<Boolean> createKey(Call call, KeyRecord<E> key) {
    byte[] sealed = box.seal(codec.encodeKey(key), binding(call, "key", ""));
    Store s = store(call);
    return s.putIfAbsent(StoreKeys.key(scope(call), call.keyid()), sealed, null)
        .compose(created -> created
            ? s.addToSet(StoreKeys.keyIndex(scope(call)), call.keyid()).map(true)
            : Future.succeededFuture(false));
  }

  /** Deletes a key; false when there was none. */
  public Future<Boolean> deleteKey(Call call) {
    if (call.faults().keyMissing()) {
      return Future.succeededFuture(false);
    }
    Store s = store(call);
    keyCache.remove(StoreKeys.key(scope(call), call.keyid()));
    return s.delete(StoreKeys.key(scope(call), call.keyid()))
        .compose(deleted -> s.removeFromSet(StoreKeys.keyIndex(scope(call)), call.keyid()).map(deleted));
  }

  public Future<List<String>> keyIds(Call call) {
    return store(call).members(StoreKeys.keyIndex(scope(call)));
  }

  // ---- DKG rounds ----

  /** Saves (or, for a restarted round 1, replaces) the round state, with the round TTL. */
  public <E> Future<Void> saveDkgRound(Call call, DkgRound<E> round) {
    byte[] sealed = box.seal(codec.encodeDkg(round), binding(call, "dkg", ""));
    return store(call).put(StoreKeys.dkg(scope(call), call.keyid()), sealed, roundTtl);
  }

  /** The round state, or null when there is none (never started, finished, or expired). */
  public Future<DkgRound<?>> findDkgRound(Call call) {
    if (call.faults().dkgRoundMissing()) {
      return Future.succeededFuture(null);
    }
    return store(call)
        .get(StoreKeys.dkg(scope(call), call.keyid()))
        .compose(v -> v == null ? Future.succeededFuture(null) : decode(v, () -> codec.decodeDkg(open(call, v, "dkg", ""))));
  }

  /** Ends the round atomically: true for exactly one of concurrent callers. */
  public Future<Boolean> takeDkgRound(Call call) {
    return store(call).take(StoreKeys.dkg(scope(call), call.keyid())).map(v -> v != null);
  }

  // ---- signing nonces ----

  public <E> Future<Void> saveNonces(Call call, String nonceId, NonceRecord<E> nonces) {
    byte[] sealed = box.seal(codec.encodeNonces(nonces), binding(call, "nonces", nonceId));
    return store(call).put(StoreKeys.nonces(scope(call), call.keyid(), nonceId), sealed, nonceTtl);
  }

  /** Consumes the nonces atomically: of concurrent callers at most one gets them; null otherwise. */
  public Future<NonceRecord<?>> takeNonces(Call call, String nonceId) {
    if (call.faults().signingRoundMissing()) {
      return Future.succeededFuture(null);
    }
    return store(call)
        .take(StoreKeys.nonces(scope(call), call.keyid(), nonceId))
        .compose(v -> v == null ? Future.succeededFuture(null) : decode(() -> codec.decodeNonces(open(call, v, "nonces", nonceId))));
  }

  public Future<Void> ping() {
    return store.ping();
  }

  @FunctionalInterface
  private interface Decoder<T> {
    T decode() throws StateCorruptException;
  }

  /**
   * Stored values larger than this are decoded on a worker thread: the key or DKG round of many
   * participants holds hundreds of elements, and decoding checks each (on Ed25519 with a subgroup
   * check), which on an event loop would stall every request of that loop (EngineWork).
   */
  static final int INLINE_DECODE_BYTES = 2048;

  private static <T> Future<T> decode(byte[] stored, Decoder<? extends T> d) {
    Context context = Vertx.currentContext();
    if (stored.length <= INLINE_DECODE_BYTES || context == null || !Context.isOnEventLoopThread()) {
      return decode(d);
    }
    return context.executeBlocking(d::decode, false);
  }

  private static <T> Future<T> decode(Decoder<? extends T> d) {
    try {
      return Future.succeededFuture(d.decode());
    } catch (StateCorruptException e) {
      return Future.failedFuture(e);
    }
  }

  /** Number of decoded keys currently cached (tests). */
  public int cachedKeys() {
    return keyCache.size();
  }

  /** Stored bytes and their decoded key, by store key; bounded, least recently used evicted. */
  private static final class KeyCache {
    private record Entry(byte[] stored, KeyRecord<?> key) {}

    private final LinkedHashMap<String, Entry> map;

    KeyCache(int capacity) {
      this.map = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
          return size() > capacity;
        }
      };
    }

    /** The cached key when {@code stored} is byte-for-byte the value it was decoded from. */
    synchronized KeyRecord<?> get(String storeKey, byte[] stored) {
      Entry e = map.get(storeKey);
      return e != null && Arrays.equals(e.stored, stored) ? e.key : null;
    }

    synchronized void put(String storeKey, byte[] stored, KeyRecord<?> key) {
      map.put(storeKey, new Entry(stored.clone(), key));
    }

    synchronized void remove(String storeKey) {
      map.remove(storeKey);
    }

    synchronized int size() {
      return map.size();
    }
  }

  /** What a request sees when the store is down: the same failure a real outage gives. */
  private static final class FailingStore implements Store {
    static final FailingStore INSTANCE = new FailingStore();

    private static <T> Future<T> fail() {
      return Future.failedFuture(new StoreException("redis unavailable (injected fault)", null));
    }

    public Future<Void> put(String key, byte[] value, Duration ttl) { return fail(); }
    public Future<Boolean> putIfAbsent(String key, byte[] value, Duration ttl) { return fail(); }
    public Future<byte[]> get(String key) { return fail(); }
    public Future<byte[]> take(String key) { return fail(); }
    public Future<Boolean> delete(String key) { return fail(); }
    public Future<Long> increment(String key, Duration ttl) { return fail(); }
    public Future<Void> addToSet(String key, String member) { return fail(); }
    public Future<Void> removeFromSet(String key, String member) { return fail(); }
    public Future<List<String>> members(String key) { return fail(); }
    public Future<Void> ping() { return fail(); }
    public Future<Void> close() { return Future.succeededFuture(); }
  }
}
