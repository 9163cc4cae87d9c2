package dev.frostsandbox.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.testing.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The one contract every {@link Store} meets; run against each implementation by a subclass. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StoreContractTest {
  protected Vertx vertx;
  protected Store store;
  private String prefix;
  private final Set<String> used = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** The store under test; called once per class after Vert.x started. */
  protected abstract Store createStore(Vertx vertx);

  @BeforeAll
  void setUpStore() {
    vertx = Vertx.vertx();
    store = createStore(vertx);
  }

  @AfterAll
  void tearDownStore() {
    if (store != null) {
      await(store.close());
    }
    await(vertx.close());
  }

  @BeforeEach
  void randomPrefix() {
    // a fresh key space per test: runs (and tests) never see each other's keys
    prefix = "test:{" + UUID.randomUUID() + "}:";
  }

  protected String key(String name) {
    String k = prefix + name;
    used.add(k);
    return k;
  }

  @AfterEach
  void deleteUsedKeys() {
    // leave nothing behind on a shared (REDIS_URL) server
    for (String k : used) {
      store.delete(k).await();
    }
    used.clear();
  }

  protected static <T> T await(Future<T> f) {
    try {
      return f.await(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no result within 30 s", e);
    }
  }

  /** The failure of {@code f} (asserting it failed). */
  protected static Throwable failure(Future<?> f) {
    try {
      f.await(30, TimeUnit.SECONDS);
    } catch (Throwable ignored) {
      // inspected below
    }
    assertTrue(f.failed(), "expected a failure, got " + f.result());
    return f.cause();
  }

  /**
   * Lets {@code ttl} run out for the store under test, then requires {@code check} to pass. Redis
   * expires keys by its own clock, so the check is polled until it passes (a 10-s deadline, far
   * below every longer ttl these tests set, so a ttl that was not honoured still fails);
   * MemoryStoreTest moves its injected clock instead.
   */
  protected void afterTtl(Duration ttl, Runnable check) throws InterruptedException {
    Eventually.eventually(Duration.ofSeconds(10), check);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void putThenGetAndOverwrite() {
    await(store.put(key("k"), utf8("v1"), null));
    assertArrayEquals(utf8("v1"), await(store.get(key("k"))));
    await(store.put(key("k"), utf8("v2"), Duration.ofMinutes(5)));
    assertArrayEquals(utf8("v2"), await(store.get(key("k"))));
  }

  @Test
  void missingKeys() {
    assertNull(await(store.get(key("nope"))));
    assertNull(await(store.take(key("nope"))));
    assertFalse(await(store.delete(key("nope"))));
    assertEquals(List.of(), await(store.members(key("nope"))));
    await(store.removeFromSet(key("nope"), "x")); // no error
  }

  @Test
  void ttlExpires() throws InterruptedException {
    // "long" first: had its ttl survived, it would end before "short" does
    await(store.put(key("long"), utf8("v"), Duration.ofMillis(200)));
    await(store.put(key("short"), utf8("v"), Duration.ofMillis(200)));
    await(store.put(key("long"), utf8("v"), null)); // a put without ttl removes the old ttl
    assertNotNull(await(store.get(key("short"))));
    afterTtl(Duration.ofMillis(200), () -> assertNull(await(store.get(key("short")))));
    assertNull(await(store.take(key("short"))));
    assertFalse(await(store.delete(key("short"))));
    assertNotNull(await(store.get(key("long"))));
  }

  @Test
  void putIfAbsent() throws InterruptedException {
    assertTrue(await(store.putIfAbsent(key("k"), utf8("first"), Duration.ofMillis(300))));
    assertFalse(await(store.putIfAbsent(key("k"), utf8("second"), null)));
    assertArrayEquals(utf8("first"), await(store.get(key("k"))));
    afterTtl(Duration.ofMillis(300), () -> assertNull(await(store.get(key("k")))));
    // an expired key is absent
    assertTrue(await(store.putIfAbsent(key("k"), utf8("third"), null)));
    assertArrayEquals(utf8("third"), await(store.get(key("k"))));
  }

  @Test
  void takeReadsAndDeletes() {
    await(store.put(key("k"), utf8("v"), null));
    assertArrayEquals(utf8("v"), await(store.take(key("k"))));
    assertNull(await(store.get(key("k"))));
    assertNull(await(store.take(key("k"))));
  }

  @Test
  void takeReplicatedReadsAndDeletesWithoutReplicas() {
    // memory and standalone Redis have no replica to wait for: it is take
    await(store.put(key("k"), utf8("v"), Duration.ofMinutes(1)));
    assertArrayEquals(utf8("v"), await(store.takeReplicated(key("k"))));
    assertNull(await(store.get(key("k"))));
    assertNull(await(store.takeReplicated(key("k"))));
  }

  @Test
  void replaceIsACompareAndSet() {
    await(store.put(key("k"), utf8("old"), Duration.ofMinutes(5)));
    assertFalse(await(store.replace(key("k"), utf8("other"), utf8("new"))), "holds something else");
    assertArrayEquals(utf8("old"), await(store.get(key("k"))));
    assertTrue(await(store.replace(key("k"), utf8("old"), utf8("new"))));
    assertArrayEquals(utf8("new"), await(store.get(key("k"))));
    assertFalse(
        await(store.replace(key("k"), utf8("old"), utf8("newer"))),
        "a second replace from the same read");
    assertArrayEquals(utf8("new"), await(store.get(key("k"))));
    assertFalse(await(store.replace(key("absent"), utf8("old"), utf8("new"))));
    assertNull(await(store.get(key("absent"))), "never creates a key");
    await(store.addToSet(key("s"), "m"));
    assertInstanceOf(StoreException.class, failure(store.replace(key("s"), utf8("m"), utf8("x"))));
  }

  @Test
  void takeIsAtomicUnderConcurrentTakers() throws Exception {
    int takers = 50;
    ExecutorService pool = Executors.newFixedThreadPool(takers);
    try {
      for (int round = 0; round < 5; round++) {
        String k = key("nonce-" + round);
        await(store.put(k, utf8("secret-" + round), Duration.ofMinutes(1)));
        CountDownLatch go = new CountDownLatch(1);
        List<java.util.concurrent.Future<byte[]>> results = new ArrayList<>();
        for (int i = 0; i < takers; i++) {
          results.add(
              pool.submit(
                  () -> {
                    go.await();
                    return await(store.take(k));
                  }));
        }
        go.countDown();
        int winners = 0;
        for (java.util.concurrent.Future<byte[]> r : results) {
          byte[] v = r.get(30, TimeUnit.SECONDS);
          if (v != null) {
            winners++;
            assertArrayEquals(utf8("secret-" + round), v);
          }
        }
        assertEquals(1, winners, "exactly one taker gets the value");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void delete() {
    await(store.put(key("k"), utf8("v"), null));
    assertTrue(await(store.delete(key("k"))));
    assertFalse(await(store.delete(key("k"))));
    assertNull(await(store.get(key("k"))));
  }

  @Test
  void incrementCountsAndKeepsTheCreationTtl() throws InterruptedException {
    assertEquals(1L, await(store.increment(key("c"), null)));
    assertEquals(2L, await(store.increment(key("c"), null)));
    assertArrayEquals(utf8("2"), await(store.get(key("c")))); // a counter is a decimal string

    assertEquals(1L, await(store.increment(key("t"), Duration.ofMillis(400))));
    // later increments do not renew the ttl, whatever theirs: the counter ends 400 ms after its
    // creation (a renewal to 10 minutes would outlast afterTtl's deadline)
    assertEquals(2L, await(store.increment(key("t"), Duration.ofMinutes(10))));
    afterTtl(Duration.ofMillis(400), () -> assertNull(await(store.get(key("t")))));
    assertEquals(1L, await(store.increment(key("t"), Duration.ofMillis(400))));
  }

  @Test
  void incrementIsAtomic() throws Exception {
    int n = 50;
    List<Future<Long>> fs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      fs.add(store.increment(key("c"), Duration.ofMinutes(1)));
    }
    Set<Long> seen = new HashSet<>();
    for (Future<Long> f : fs) {
      seen.add(await(f));
    }
    assertEquals(n, seen.size());
    assertEquals(Long.valueOf(n), seen.stream().max(Long::compare).orElseThrow());
  }

  @Test
  void incrementOfANonCounterFails() {
    await(store.put(key("k"), utf8("not a number"), null));
    assertInstanceOf(StoreException.class, failure(store.increment(key("k"), null)));
  }

  @Test
  void sets() {
    await(store.addToSet(key("s"), "a"));
    await(store.addToSet(key("s"), "b"));
    await(store.addToSet(key("s"), "a"));
    await(store.addToSet(key("s"), "ключ-ü"));
    assertEquals(Set.of("a", "b", "ключ-ü"), new HashSet<>(await(store.members(key("s")))));
    await(store.removeFromSet(key("s"), "a"));
    await(store.removeFromSet(key("s"), "ключ-ü"));
    assertEquals(List.of("b"), await(store.members(key("s"))));
    await(store.removeFromSet(key("s"), "b"));
    assertEquals(List.of(), await(store.members(key("s"))));
    // an emptied set no longer exists
    assertTrue(await(store.putIfAbsent(key("s"), utf8("x"), null)));
  }

  @Test
  void wrongTypeFails() {
    await(store.addToSet(key("s"), "a"));
    assertInstanceOf(StoreException.class, failure(store.get(key("s"))));
    assertInstanceOf(StoreException.class, failure(store.take(key("s"))));
    assertEquals(List.of("a"), await(store.members(key("s"))));
    await(store.put(key("v"), utf8("x"), null));
    assertInstanceOf(StoreException.class, failure(store.addToSet(key("v"), "a")));
    assertInstanceOf(StoreException.class, failure(store.members(key("v"))));
  }

  @Test
  void binaryValues() {
    byte[] all = new byte[256 * 2];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    await(store.put(key("all"), all, null));
    assertArrayEquals(all, await(store.get(key("all"))));
    assertTrue(await(store.putIfAbsent(key("all2"), all, null)));
    assertArrayEquals(all, await(store.take(key("all2"))));

    byte[] big = new byte[256 * 1024];
    new Random(42).nextBytes(big);
    await(store.put(key("big"), big, Duration.ofMinutes(1)));
    assertArrayEquals(big, await(store.get(key("big"))));

    await(store.put(key("empty"), new byte[0], null));
    assertArrayEquals(new byte[0], await(store.get(key("empty"))));
  }

  @Test
  void storedValuesAreCopies() {
    byte[] v = utf8("abc");
    await(store.put(key("k"), v, null));
    v[0] = 'X';
    byte[] got = await(store.get(key("k")));
    assertArrayEquals(utf8("abc"), got);
    got[0] = 'Y';
    assertArrayEquals(utf8("abc"), await(store.get(key("k"))));
  }

  @Test
  void nonPositiveTtlIsRejected() {
    assertInstanceOf(
        IllegalArgumentException.class, failure(store.put(key("k"), utf8("v"), Duration.ZERO)));
    assertInstanceOf(
        IllegalArgumentException.class,
        failure(store.putIfAbsent(key("k"), utf8("v"), Duration.ofMillis(-1))));
    assertInstanceOf(
        IllegalArgumentException.class, failure(store.increment(key("c"), Duration.ZERO)));
    assertNull(await(store.get(key("k"))));
  }

  @Test
  void subMillisecondTtlStillExpires() throws InterruptedException {
    await(store.put(key("k"), utf8("v"), Duration.ofNanos(1)));
    // rounded up to a millisecond (Redis), never to "no ttl"
    afterTtl(Duration.ofMillis(1), () -> assertNull(await(store.get(key("k")))));
  }

  @Test
  void ping() {
    await(store.ping());
  }

  @Test
  void concurrentMixedOperationsFromTheEventLoop() throws Exception {
    // callers are usually on an event loop: nothing may block there
    AtomicInteger done = new AtomicInteger();
    CountDownLatch latch = new CountDownLatch(1);
    vertx.runOnContext(
        v -> {
          List<Future<?>> all = new ArrayList<>();
          for (int i = 0; i < 100; i++) {
            String k = key("ev-" + i);
            all.add(
                store
                    .put(k, utf8("v" + i), Duration.ofMinutes(1))
                    .compose(x -> store.take(k))
                    .map(
                        b -> {
                          if (b != null
                              && new String(b, StandardCharsets.UTF_8)
                                  .equals("v" + k.substring(k.lastIndexOf('-') + 1))) {
                            done.incrementAndGet();
                          }
                          return b;
                        }));
          }
          Future.all(all).onComplete(ar -> latch.countDown());
        });
    assertTrue(latch.await(30, TimeUnit.SECONDS));
    assertEquals(100, done.get());
  }

  // ---- bounded collections ----

  @Test
  void boundedSetRefusesPastItsLimitButNeverAMemberAlreadyThere() {
    String s = key("bounded");
    assertEquals(Store.Claim.ADDED, await(store.addToSetBounded(s, "a", 2)));
    assertEquals(Store.Claim.ADDED, await(store.addToSetBounded(s, "b", 2)));
    assertEquals(Store.Claim.REFUSED, await(store.addToSetBounded(s, "c", 2)));
    assertEquals(Store.Claim.PRESENT, await(store.addToSetBounded(s, "a", 2)));
    assertEquals(2L, await(store.setSize(s)));
    assertEquals(Set.of("a", "b"), new HashSet<>(await(store.members(s))));
    // a removed member frees its place
    await(store.removeFromSet(s, "a"));
    assertEquals(Store.Claim.ADDED, await(store.addToSetBounded(s, "c", 2)));
    assertEquals(Store.Claim.REFUSED, await(store.addToSetBounded(s, "d", 2)));
    // no limit, and the same set as addToSet
    assertEquals(Store.Claim.ADDED, await(store.addToSetBounded(s, "d", 0)));
    await(store.addToSet(s, "e"));
    assertEquals(4L, await(store.setSize(s)));
    assertEquals(0L, await(store.setSize(key("none"))));
  }

  @Test
  void boundedSetIsAtomicUnderConcurrentAdders() throws Exception {
    String s = key("race");
    List<Store.Claim> claims = concurrently(50, i -> store.addToSetBounded(s, "m" + i, 10));
    assertEquals(10, claims.stream().filter(c -> c == Store.Claim.ADDED).count());
    assertEquals(40, claims.stream().filter(c -> c == Store.Claim.REFUSED).count());
    assertEquals(10L, await(store.setSize(s)));
  }

  @Test
  void countedSetAnswersItsSizeInTheSameStep() {
    String s = key("counted");
    await(store.put(key("guard"), utf8("key"), null));
    assertEquals(
        new Store.CountedClaim(Store.Claim.ADDED, 1),
        await(store.addToSetCountedWhile(s, "a", 2, key("guard"))));
    assertEquals(
        new Store.CountedClaim(Store.Claim.ADDED, 2),
        await(store.addToSetCountedWhile(s, "b", 2, key("guard"))));
    assertEquals(
        new Store.CountedClaim(Store.Claim.PRESENT, 2),
        await(store.addToSetCountedWhile(s, "a", 2, key("guard"))));
    assertEquals(
        new Store.CountedClaim(Store.Claim.REFUSED, 2),
        await(store.addToSetCountedWhile(s, "c", 2, key("guard"))));
    assertTrue(await(store.isMember(s, "a")));
    assertFalse(await(store.isMember(s, "c")), "a refused member is not added");
    assertFalse(await(store.isMember(key("none"), "a")));
    // the set of addToSet, setSize and members; no limit
    assertEquals(
        new Store.CountedClaim(Store.Claim.ADDED, 3),
        await(store.addToSetCountedWhile(s, "c", 0, key("guard"))));
    assertEquals(3L, await(store.setSize(s)));
    assertEquals(Set.of("a", "b", "c"), new HashSet<>(await(store.members(s))));
    // a refusal on an absent set leaves nothing behind, and deleting the set starts it again
    assertTrue(await(store.delete(s)));
    assertEquals(
        new Store.CountedClaim(Store.Claim.ADDED, 1),
        await(store.addToSetCountedWhile(s, "z", 1, key("guard"))));
    await(store.put(key("v"), utf8("x"), null));
    assertInstanceOf(
        StoreException.class, failure(store.addToSetCountedWhile(key("v"), "a", 1, key("guard"))));
    assertInstanceOf(StoreException.class, failure(store.isMember(key("v"), "a")));
  }

  /**
   * The relay's write: a payload is recorded only while the key it belongs to exists, so a write
   * that arrives after the key and its set were deleted creates nothing again.
   */
  @Test
  void countedSetWhileGuardAddsOnlyWhileTheGuardExists() {
    String s = key("counted-while");
    String guard = key("guard");
    assertNull(await(store.addToSetCountedWhile(s, "a", 0, guard)), "no guard: nothing");
    assertEquals(0L, await(store.setSize(s)));
    await(store.put(guard, utf8("key"), null));
    assertEquals(
        new Store.CountedClaim(Store.Claim.ADDED, 1),
        await(store.addToSetCountedWhile(s, "a", 2, guard)));
    assertEquals(
        new Store.CountedClaim(Store.Claim.PRESENT, 1),
        await(store.addToSetCountedWhile(s, "a", 2, guard)));
    assertEquals(
        new Store.CountedClaim(Store.Claim.ADDED, 2),
        await(store.addToSetCountedWhile(s, "b", 2, guard)));
    assertEquals(
        new Store.CountedClaim(Store.Claim.REFUSED, 2),
        await(store.addToSetCountedWhile(s, "c", 2, guard)));
    // the key, then its set, deleted (StateRepository.deleteKey): a late write creates nothing
    assertTrue(await(store.delete(guard)));
    assertTrue(await(store.delete(s)));
    assertNull(await(store.addToSetCountedWhile(s, "d", 2, guard)));
    assertEquals(0L, await(store.setSize(s)));
    assertFalse(await(store.isMember(s, "d")));
  }

  @Test
  void countedSetGivesEachConcurrentAdderItsOwnSize() throws Exception {
    String s = key("counted-race");
    await(store.put(key("guard"), utf8("key"), null));
    // 25 members, each added by two callers at once: each added once, with sizes 1 to 25 exactly
    // once
    List<Store.CountedClaim> claims =
        concurrently(50, i -> store.addToSetCountedWhile(s, "m" + i % 25, 0, key("guard")));
    List<Long> sizes =
        claims.stream()
            .filter(c -> c.claim() == Store.Claim.ADDED)
            .map(Store.CountedClaim::size)
            .sorted()
            .toList();
    assertEquals(java.util.stream.LongStream.rangeClosed(1, 25).boxed().toList(), sizes);
    assertEquals(25, claims.stream().filter(c -> c.claim() == Store.Claim.PRESENT).count());
    assertEquals(25L, await(store.setSize(s)));
    // bounded: never past the limit, whatever the interleaving
    String b = key("counted-bounded");
    List<Store.CountedClaim> bounded =
        concurrently(50, i -> store.addToSetCountedWhile(b, "m" + i, 10, key("guard")));
    assertEquals(10, bounded.stream().filter(c -> c.claim() == Store.Claim.ADDED).count());
    assertTrue(
        bounded.stream()
            .filter(c -> c.claim() == Store.Claim.REFUSED)
            .allMatch(c -> c.size() == 10));
    assertEquals(10L, await(store.setSize(b)));
  }

  @Test
  void slotsAreCountedRefusedAndReleased() {
    String p = key("pool");
    Duration ttl = Duration.ofMinutes(5);
    assertEquals(Store.Claim.ADDED, await(store.claimSlot(p, "a", ttl, 2)));
    assertEquals(Store.Claim.ADDED, await(store.claimSlot(p, "b", ttl, 2)));
    assertEquals(Store.Claim.REFUSED, await(store.claimSlot(p, "c", ttl, 2)));
    assertEquals(Store.Claim.PRESENT, await(store.claimSlot(p, "a", ttl, 2)));
    assertEquals(2L, await(store.liveSlots(p)));
    await(store.releaseSlot(p, "a"));
    await(store.releaseSlot(p, "nope"));
    assertEquals(1L, await(store.liveSlots(p)));
    assertEquals(Store.Claim.ADDED, await(store.claimSlot(p, "c", ttl, 2)));
    assertEquals(Store.Claim.ADDED, await(store.claimSlot(p, "d", ttl, 0)), "0: no limit");
    assertEquals(3L, await(store.liveSlots(p)));
    assertEquals(0L, await(store.liveSlots(key("none"))));
    await(store.releaseSlot(key("none"), "x"));
  }

  @Test
  void expiredSlotsAreFreed() throws InterruptedException {
    String p = key("expiring");
    assertEquals(Store.Claim.ADDED, await(store.claimSlot(p, "short", Duration.ofMillis(300), 2)));
    assertEquals(Store.Claim.ADDED, await(store.claimSlot(p, "long", Duration.ofMinutes(5), 2)));
    assertEquals(Store.Claim.REFUSED, await(store.claimSlot(p, "new", Duration.ofMinutes(5), 2)));
    // the short slot ends with its ttl, and its place with it (a refused claim changes nothing)
    afterTtl(
        Duration.ofMillis(300),
        () ->
            assertEquals(
                Store.Claim.ADDED, await(store.claimSlot(p, "new", Duration.ofMinutes(5), 2))));
    assertEquals(2L, await(store.liveSlots(p)));
  }

  @Test
  void aPoolEndsWithItsLastSlot() throws InterruptedException {
    String p = key("ends");
    await(store.claimSlot(p, "a", Duration.ofMillis(200), 5));
    await(store.claimSlot(p, "b", Duration.ofMillis(300), 5));
    afterTtl(Duration.ofMillis(300), () -> assertEquals(0L, await(store.liveSlots(p))));
    // nothing is left under the key: a value can be put there as into any absent key
    assertTrue(await(store.putIfAbsent(p, utf8("x"), null)));
  }

  @Test
  void claimingASlotAgainMovesItsExpiry() throws InterruptedException {
    String p = key("renewed");
    await(store.claimSlot(p, "a", Duration.ofMillis(300), 0));
    assertEquals(Store.Claim.PRESENT, await(store.claimSlot(p, "a", Duration.ofMinutes(5), 0)));
    // a probe claimed after "a" with the first ttl: when it has expired, "a" would have too without
    // the renewal
    await(store.claimSlot(p, "probe", Duration.ofMillis(300), 0));
    afterTtl(Duration.ofMillis(300), () -> assertEquals(1L, await(store.liveSlots(p))));
    assertEquals(Store.Claim.PRESENT, await(store.claimSlot(p, "a", Duration.ofMinutes(5), 0)));
  }

  @Test
  void slotsAreAtomicUnderConcurrentClaims() throws Exception {
    String p = key("slot-race");
    List<Store.Claim> claims =
        concurrently(50, i -> store.claimSlot(p, "m" + i, Duration.ofMinutes(1), 10));
    assertEquals(10, claims.stream().filter(c -> c == Store.Claim.ADDED).count());
    assertEquals(10L, await(store.liveSlots(p)));
  }

  @Test
  void slotPoolsAndOtherTypesDoNotMix() {
    await(store.put(key("v"), utf8("x"), null));
    assertInstanceOf(
        StoreException.class, failure(store.claimSlot(key("v"), "a", Duration.ofMinutes(1), 1)));
    assertInstanceOf(StoreException.class, failure(store.addToSetBounded(key("v"), "a", 1)));
    assertInstanceOf(StoreException.class, failure(store.setSize(key("v"))));
    await(store.claimSlot(key("p"), "a", Duration.ofMinutes(1), 1));
    assertInstanceOf(StoreException.class, failure(store.get(key("p"))));
    assertInstanceOf(StoreException.class, failure(store.members(key("p"))));
    assertInstanceOf(
        IllegalArgumentException.class, failure(store.claimSlot(key("q"), "a", null, 1)));
    assertInstanceOf(
        IllegalArgumentException.class, failure(store.claimSlot(key("q"), "a", Duration.ZERO, 1)));
  }

  private <T> List<T> concurrently(int n, java.util.function.IntFunction<Future<T>> op)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<java.util.concurrent.Future<T>> results = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  return await(op.apply(index));
                }));
      }
      go.countDown();
      List<T> out = new ArrayList<>();
      for (java.util.concurrent.Future<T> r : results) {
        out.add(r.get(30, TimeUnit.SECONDS));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void deleteByPrefixDeletesThatPrefixOnlyWithGlobCharactersTakenLiterally() {
    // decoys: "tXXa*" matches the unescaped glob t*?[ab]\\*, "t*?[ab]" is one character short
    String literal = "t*?[ab]\\";
    await(store.put(key(literal + "string"), utf8("1"), null));
    await(store.put(key(literal + "ttl"), utf8("1"), Duration.ofMinutes(5)));
    await(store.addToSet(key(literal + "set"), "member"));
    await(store.increment(key(literal + "counter"), Duration.ofMinutes(5)));
    await(store.claimSlot(key(literal + "pool"), "m", Duration.ofMinutes(5), 10));
    await(store.put(key("tXXa*"), utf8("1"), null));
    await(store.put(key("t*?[ab]"), utf8("1"), null));
    await(store.put(key("other"), utf8("1"), null));

    assertEquals(5L, await(store.deleteByPrefix(prefix + literal)));

    assertNull(await(store.get(key(literal + "string"))));
    assertNull(await(store.get(key(literal + "ttl"))));
    assertEquals(List.of(), await(store.members(key(literal + "set"))));
    assertNull(await(store.get(key(literal + "counter"))));
    assertEquals(0L, await(store.liveSlots(key(literal + "pool"))));
    assertArrayEquals(utf8("1"), await(store.get(key("tXXa*"))));
    assertArrayEquals(utf8("1"), await(store.get(key("t*?[ab]"))));
    assertArrayEquals(utf8("1"), await(store.get(key("other"))));
    assertEquals(0L, await(store.deleteByPrefix(prefix + literal)));
  }
}
