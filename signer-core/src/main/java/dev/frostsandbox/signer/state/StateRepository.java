package dev.frostsandbox.signer.state;

import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.signer.http.Call;
import dev.frostsandbox.store.ReplicationUnconfirmedException;
import dev.frostsandbox.store.Store;
import dev.frostsandbox.store.StoreKeys;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keys, DKG rounds and signing nonces of one service in the {@link Store}: encoded by {@link
 * StateCodec}, sealed by {@link SecretBox} (bound to service, tenant, keyid and kind), and
 * namespaced so two services and many tenants can share one Redis. Values used once (DKG round
 * state, nonces) are read and deleted atomically with {@link Store#take}.
 *
 * <p>Decoded keys are cached per instance ({@link #KEY_CACHE_SIZE} entries, least recently used
 * evicted), keyed by the store key: a lookup still reads the value from the store, so deletes and
 * other instances stay authoritative, and skips only opening and decoding when the stored bytes are
 * identical to the cached ones (same store key, hence the same sealing binding). DKG round state
 * and nonces are never cached.
 *
 * <p>A nonce record yields at most one signature share per instance whatever the store returns: its
 * expiry is sealed with it and checked on read, the instance remembers the records it consumed
 * until they expire ({@link ConsumedNonces}, per tenant), and in replicated Redis modes the
 * consuming delete must reach a replica before the nonces are used ({@link Store#takeReplicated}).
 *
 * <p>Keys sealed with an old storage key (or in the sealed format from before key ids) are sealed
 * again with the current key when read, by a compare-and-set that never overwrites a concurrent
 * write ({@link Store#replace}).
 */
public final class StateRepository implements RequestState {

  private final Store store;
  private final SecretBox box;
  private final StateCodec codec;
  private final String service;
  private final Duration roundTtl;
  private final Duration nonceTtl;
  private final KeyCache keyCache = new KeyCache(KEY_CACHE_SIZE);
  private final TenantQuotas quotas;
  private final Clock clock;
  private final ConsumedNonces consumed;

  /** Decoded keys kept per instance. */
  public static final int KEY_CACHE_SIZE = 4096;

  public StateRepository(
      Store store,
      SecretBox box,
      Map<String, SuiteBinding<?>> suites,
      String service,
      Duration roundTtl,
      Duration nonceTtl,
      TenantQuotas quotas) {
    this(
        store,
        box,
        suites,
        service,
        roundTtl,
        nonceTtl,
        quotas,
        Clock.systemUTC(),
        ConsumedNonces.DEFAULT_CAPACITY);
  }

  /**
   * {@code quotas} bounds each tenant's state; {@code clock} stamps and checks nonce expiries;
   * {@code consumedCapacity} bounds {@link ConsumedNonces}.
   */
  public StateRepository(
      Store store,
      SecretBox box,
      Map<String, SuiteBinding<?>> suites,
      String service,
      Duration roundTtl,
      Duration nonceTtl,
      TenantQuotas quotas,
      Clock clock,
      int consumedCapacity) {
    this.quotas = quotas;
    this.clock = clock;
    this.consumed =
        new ConsumedNonces(clock, consumedCapacity, ConsumedNonces.slotMillis(nonceTtl));
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
    return StoreKeys.scope(service, call.tenant());
  }

  private String binding(Call call, String kind, String extra) {
    return service + "|" + call.tenant() + "|" + call.keyid() + "|" + kind + "|" + extra;
  }

  private byte[] open(Call call, byte[] stored, String kind, String extra)
      throws StateCorruptException {
    return openStale(call, stored, kind, extra).plaintext();
  }

  private SecretBox.Opened openStale(Call call, byte[] stored, String kind, String extra)
      throws StateCorruptException {
    return box.openStale(stored, binding(call, kind, extra));
  }

  // ---- keys ----

  @Override
  public Future<Boolean> keyExists(Call call) {
    return store.get(StoreKeys.key(scope(call), call.keyid())).map(v -> v != null);
  }

  /** The key, or null when there is none. */
  @Override
  public Future<KeyRecord<?>> findKey(Call call) {
    return findKey(call, false);
  }

  /**
   * {@link #findKey}, decoding on a worker thread whatever the key's size: for callers that read
   * many keys in one request (GET /admin/keys), where small decodings add up on an event loop.
   */
  public Future<KeyRecord<?>> findKeyOffEventLoop(Call call) {
    return findKey(call, true);
  }

  private Future<KeyRecord<?>> findKey(Call call, boolean offload) {
    String storeKey = StoreKeys.key(scope(call), call.keyid());
    return store
        .get(storeKey)
        .compose(
            v -> {
              if (v == null) {
                keyCache.remove(storeKey);
                return Future.succeededFuture(null);
              }
              KeyRecord<?> cached = keyCache.get(storeKey, v);
              if (cached != null) {
                return Future.succeededFuture(cached);
              }
              return decode(
                      offload ? null : v,
                      () -> {
                        SecretBox.Opened opened = openStale(call, v, "key", "");
                        return new OpenedKey(opened, codec.decodeKey(opened.plaintext()));
                      })
                  .compose(
                      o -> {
                        KeyRecord<?> key = o.key();
                        if (!o.opened().stale()) {
                          keyCache.put(storeKey, v, key);
                          return Future.succeededFuture(key);
                        }
                        // sealed with an old key or format: seal again with the current key, unless
                        // it changed meanwhile
                        byte[] resealed =
                            box.seal(o.opened().plaintext(), binding(call, "key", ""));
                        Future<KeyRecord<?>> answer =
                            store
                                .replace(storeKey, v, resealed)
                                .map(
                                    replaced -> {
                                      keyCache.put(storeKey, replaced ? resealed : v, key);
                                      return key;
                                    });
                        // the key was read: a failed re-seal is tried again on the next read
                        return answer.otherwise(key);
                      });
            });
  }

  /** A stored key opened, and whether it was sealed with an old key or format. */
  private record OpenedKey(SecretBox.Opened opened, KeyRecord<?> key) {}

  /**
   * Stores a new key; false when the keyid already holds one; a 429 when the keys quota is full.
   */
  @Override
  public <E> Future<Boolean> createKey(Call call, KeyRecord<E> key) {
    return encode(() -> box.seal(codec.encodeKey(key), binding(call, "key", "")))
        .compose(bytes -> createKey(call, bytes));
  }

  private Future<Boolean> createKey(Call call, byte[] sealed) {
    Store s = store;
    if (quotas.keys() > 0) {
      return createKeyWithinQuota(call, s, sealed);
    }
    return s.putIfAbsent(StoreKeys.key(scope(call), call.keyid()), sealed, null)
        .compose(
            created ->
                created
                    ? s.addToSet(StoreKeys.keyIndex(scope(call)), call.keyid()).map(true)
                    : Future.succeededFuture(false));
  }

  /**
   * The key index is the keys quota's count: the keyid takes its place in the index first (refused
   * when the tenant is at its quota), then the key is stored. A keyid that already holds a key
   * keeps its place, so it is never counted twice.
   */
  private Future<Boolean> createKeyWithinQuota(Call call, Store s, byte[] sealed) {
    String index = StoreKeys.keyIndex(scope(call));
    return s.addToSetBounded(index, call.keyid(), quotas.keys())
        .compose(
            claim -> {
              if (claim == Store.Claim.REFUSED) {
                return Future.failedFuture(quotas.exceeded(call, TenantQuotas.Kind.KEYS));
              }
              return s.putIfAbsent(StoreKeys.key(scope(call), call.keyid()), sealed, null)
                  .recover(
                      e ->
                          claim == Store.Claim.ADDED
                              ? s.removeFromSet(index, call.keyid())
                                  .transform(ignored -> Future.failedFuture(e))
                              : Future.failedFuture(e));
            });
  }

  /**
   * Deletes a key with its relay state and any refresh or repair round (which frees its place in
   * the keys quota); false when there was none. The key goes first: a failure after it leaves no
   * key whose relay nonce was reset.
   */
  @Override
  public Future<Boolean> deleteKey(Call call) {
    Store s = store;
    keyCache.remove(StoreKeys.key(scope(call), call.keyid()));
    return s.delete(StoreKeys.key(scope(call), call.keyid()))
        .compose(deleted -> s.delete(StoreKeys.relayed(scope(call), call.keyid())).map(deleted))
        .compose(
            deleted -> s.removeFromSet(StoreKeys.keyIndex(scope(call)), call.keyid()).map(deleted))
        // a refresh or repair round of the deleted key must not apply to a new key under this keyid
        .compose(deleted -> s.delete(StoreKeys.refresh(scope(call), call.keyid())).map(deleted))
        .compose(deleted -> s.delete(StoreKeys.repair(scope(call), call.keyid())).map(deleted));
  }

  public Future<List<String>> keyIds(Call call) {
    return store.members(StoreKeys.keyIndex(scope(call)));
  }

  // ---- DKG rounds ----

  /**
   * Saves (or, for a restarted round 1, replaces) the round state, with the round TTL. With quotas:
   * a tenant at its keys quota cannot start a DKG (it could not store the key), and the round takes
   * a slot of the DKG rounds quota until it is finished or expires.
   */
  @Override
  public <E> Future<Void> saveDkgRound(Call call, DkgRound<E> round) {
    return encode(() -> box.seal(codec.encodeDkg(round), binding(call, "dkg", "")))
        .compose(bytes -> saveDkgRound(call, bytes));
  }

  private Future<Void> saveDkgRound(Call call, byte[] sealed) {
    Store s = store;
    String key = StoreKeys.dkg(scope(call), call.keyid());
    if (quotas.keys() == 0 && quotas.dkgRounds() == 0) {
      return s.put(key, sealed, roundTtl);
    }
    Future<Void> keysLeft =
        quotas.keys() == 0
            ? Future.succeededFuture()
            : s.setSize(StoreKeys.keyIndex(scope(call)))
                .compose(
                    n ->
                        n >= quotas.keys()
                            ? Future.failedFuture(quotas.exceeded(call, TenantQuotas.Kind.KEYS))
                            : Future.succeededFuture());
    return keysLeft.compose(
        v ->
            claim(
                call,
                s,
                TenantQuotas.Kind.DKG_ROUNDS,
                call.keyid(),
                roundTtl,
                () -> s.put(key, sealed, roundTtl)));
  }

  /** The round state, or null when there is none (never started, finished, or expired). */
  @Override
  public Future<DkgRound<?>> findDkgRound(Call call) {
    return store
        .get(StoreKeys.dkg(scope(call), call.keyid()))
        .compose(
            v ->
                v == null
                    ? Future.succeededFuture(null)
                    : decode(v, () -> codec.decodeDkg(open(call, v, "dkg", ""))));
  }

  /**
   * Ends the round atomically (freeing its quota slot): true for exactly one of concurrent callers.
   */
  @Override
  public Future<Boolean> takeDkgRound(Call call) {
    Store s = store;
    return s.take(StoreKeys.dkg(scope(call), call.keyid()))
        .map(v -> v != null)
        .compose(
            taken ->
                taken && quotas.dkgRounds() > 0
                    ? release(s, call, TenantQuotas.Kind.DKG_ROUNDS, call.keyid()).map(taken)
                    : Future.succeededFuture(taken));
  }

  // ---- key lifecycle ----

  /**
   * Compare-and-set on the stored bytes: the key is replaced only if it still is the generation the
   * caller read, so of two concurrent refreshes of one key at most one replaces it, and a failure
   * leaves the old key (and share) in place.
   */
  @Override
  public <E> Future<Boolean> replaceKey(Call call, KeyRecord<E> current, KeyRecord<E> next) {
    String storeKey = StoreKeys.key(scope(call), call.keyid());
    return store
        .get(storeKey)
        .compose(
            v -> {
              if (v == null) {
                return Future.succeededFuture(false);
              }
              return decode(v, () -> codec.decodeKey(open(call, v, "key", "")))
                  .compose(
                      stored -> {
                        if (stored.generation() != current.generation()) {
                          return Future.succeededFuture(false);
                        }
                        return encode(
                                () -> box.seal(codec.encodeKey(next), binding(call, "key", "")))
                            .compose(bytes -> store.replace(storeKey, v, bytes))
                            .map(
                                replaced -> {
                                  keyCache.remove(storeKey);
                                  return replaced;
                                });
                      });
            });
  }

  /**
   * Refresh round state with the round TTL; one per key, outside the DKG rounds quota (the key
   * exists).
   */
  @Override
  public <E> Future<Void> saveRefreshRound(Call call, RefreshRound<E> round) {
    return encode(() -> box.seal(codec.encodeRefresh(round), binding(call, "refresh", "")))
        .compose(bytes -> store.put(StoreKeys.refresh(scope(call), call.keyid()), bytes, roundTtl));
  }

  @Override
  public Future<RefreshRound<?>> findRefreshRound(Call call) {
    return store
        .get(StoreKeys.refresh(scope(call), call.keyid()))
        .compose(
            v ->
                v == null
                    ? Future.succeededFuture(null)
                    : decode(v, () -> codec.decodeRefresh(open(call, v, "refresh", ""))));
  }

  @Override
  public Future<Boolean> takeRefreshRound(Call call) {
    return store.take(StoreKeys.refresh(scope(call), call.keyid())).map(v -> v != null);
  }

  /**
   * Repair helper state with the round TTL, encoded and sealed on the one save path of keys and
   * rounds ({@link #encode}): a failure is a failed future, never a throw.
   */
  @Override
  public <E> Future<Void> saveRepairRound(Call call, RepairRound<E> round) {
    return encode(() -> box.seal(codec.encodeRepair(round), binding(call, "repair", "")))
        .compose(bytes -> store.put(StoreKeys.repair(scope(call), call.keyid()), bytes, roundTtl));
  }

  @Override
  public Future<RepairRound<?>> takeRepairRound(Call call) {
    return store
        .take(StoreKeys.repair(scope(call), call.keyid()))
        .compose(
            v ->
                v == null
                    ? Future.succeededFuture(null)
                    : decode(() -> codec.decodeRepair(open(call, v, "repair", ""))));
  }

  // ---- signing nonces ----

  /**
   * Stores a nonce record with its expiry (now + the nonce TTL) sealed in it, with the nonce TTL;
   * with a nonces quota it takes a slot until consumed or expired.
   */
  @Override
  public <E> Future<Void> saveNonces(Call call, String nonceId, NonceRecord<E> nonces) {
    NonceRecord<E> expiring =
        new NonceRecord<>(
            nonces.suite(),
            nonces.nonces(),
            clock.millis() + nonceTtl.toMillis(),
            nonces.keyGeneration());
    byte[] sealed = box.seal(codec.encodeNonces(expiring), binding(call, "nonces", nonceId));
    Store s = store;
    String key = StoreKeys.nonces(scope(call), call.keyid(), nonceId);
    if (quotas.nonces() == 0) {
      return s.put(key, sealed, nonceTtl);
    }
    return claim(
        call,
        s,
        TenantQuotas.Kind.NONCES,
        nonceSlot(call, nonceId),
        nonceTtl,
        () -> s.put(key, sealed, nonceTtl));
  }

  /**
   * {@link #takeNonces}, then frees the record's slot of the nonces quota once the record is gone
   * from the store (taken; taken and unreadable; or deleted without the replicas' acknowledgement,
   * which still answers redis-error).
   */
  @Override
  public Future<Long> nextNonceCounter(Call call) {
    // no expiry: a counter that restarted would repeat a key's earlier round-1 nonces
    return store.increment(StoreKeys.nonceCounter(scope(call), call.keyid()), null);
  }

  @Override
  public Future<NonceRecord<?>> consumeNonces(Call call, String nonceId) {
    Future<NonceRecord<?>> taken = takeNonces(call, nonceId);
    if (quotas.nonces() == 0) {
      return taken;
    }
    Store s = store;
    return taken.transform(
        ar -> {
          boolean gone =
              ar.succeeded()
                  ? ar.result() != null
                  : ar.cause() instanceof StateCorruptException
                      || ar.cause() instanceof ReplicationUnconfirmedException;
          Future<Void> freed =
              gone
                  ? release(s, call, TenantQuotas.Kind.NONCES, nonceSlot(call, nonceId))
                  : Future.succeededFuture();
          return freed.transform(
              ignored ->
                  ar.succeeded()
                      ? Future.succeededFuture(ar.result())
                      : Future.failedFuture(ar.cause()));
        });
  }

  /**
   * Consumes the nonces atomically: of concurrent callers at most one gets them; null otherwise,
   * and null for a record that expired (by the expiry sealed in it) or that this instance consumed
   * before (the store handed it out again).
   */
  public Future<NonceRecord<?>> takeNonces(Call call, String nonceId) {
    String storeKey = StoreKeys.nonces(scope(call), call.keyid(), nonceId);
    return store
        .takeReplicated(storeKey)
        .compose(
            v ->
                v == null
                    ? Future.succeededFuture(null)
                    : decode(
                        () -> {
                          NonceRecord<?> r = codec.decodeNonces(open(call, v, "nonces", nonceId));
                          return consumed.firstUse(scope(call), storeKey, r.expiresAtMillis())
                              ? r
                              : null;
                        }));
  }

  public Future<Void> ping() {
    return store.ping();
  }

  // ---- quotas ----

  /**
   * A nonce record's member in the tenant's pool: the nonce id has no colon, so it ends where the
   * keyid starts.
   */
  private static String nonceSlot(Call call, String nonceId) {
    return nonceId + ":" + call.keyid();
  }

  private String pool(Call call, TenantQuotas.Kind kind) {
    return StoreKeys.quota(scope(call), kind == TenantQuotas.Kind.DKG_ROUNDS ? "dkg" : "nonces");
  }

  /** Takes a slot of a quota, then writes; a write that fails gives a slot it added back. */
  private Future<Void> claim(
      Call call,
      Store s,
      TenantQuotas.Kind kind,
      String member,
      Duration ttl,
      java.util.function.Supplier<Future<Void>> write) {
    int limit = quotas.limit(kind);
    if (limit == 0) {
      return write.get();
    }
    String pool = pool(call, kind);
    return s.claimSlot(pool, member, ttl, limit)
        .compose(
            got -> {
              if (got == Store.Claim.REFUSED) {
                return Future.failedFuture(quotas.exceeded(call, kind));
              }
              return write
                  .get()
                  .recover(
                      e ->
                          got == Store.Claim.ADDED
                              ? s.releaseSlot(pool, member)
                                  .transform(ignored -> Future.failedFuture(e))
                              : Future.failedFuture(e));
            });
  }

  /**
   * Frees a slot; a failure is ignored, the slot then ends with its TTL like the state it counted.
   */
  private Future<Void> release(Store s, Call call, TenantQuotas.Kind kind, String member) {
    return s.releaseSlot(pool(call, kind), member).recover(e -> Future.succeededFuture());
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

  /** {@code stored} null: on a worker thread whatever the size. */
  private static <T> Future<T> decode(byte[] stored, Decoder<? extends T> d) {
    Context context = Vertx.currentContext();
    if ((stored != null && stored.length <= INLINE_DECODE_BYTES)
        || context == null
        || !Context.isOnEventLoopThread()) {
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

  /**
   * Encodes and seals a key or a DKG, refresh or repair round on a worker thread when called on an
   * event loop: with many participants it holds tens of thousands of elements (megabytes), and both
   * are written once per DKG step, which already runs on a worker (EngineWork), so the extra hop
   * costs little.
   */
  private static Future<byte[]> encode(java.util.function.Supplier<byte[]> sealed) {
    Context context = Vertx.currentContext();
    if (context == null || !Context.isOnEventLoopThread()) {
      try {
        return Future.succeededFuture(sealed.get());
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    }
    return context.executeBlocking(sealed::get, false);
  }

  /** Number of decoded keys currently cached (tests). */
  public int cachedKeys() {
    return keyCache.size();
  }

  /** Stored bytes and their decoded key, by store key; bounded, least recently used evicted. */
  private static final class KeyCache {
    @SuppressWarnings("ArrayRecordComponent") // private cache entry; stored bytes are compared with
    // Arrays.equals, never the record
    private record Entry(byte[] stored, KeyRecord<?> key) {}

    private final LinkedHashMap<String, Entry> map;

    KeyCache(int capacity) {
      this.map =
          new LinkedHashMap<>(16, 0.75f, true) {
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
}
