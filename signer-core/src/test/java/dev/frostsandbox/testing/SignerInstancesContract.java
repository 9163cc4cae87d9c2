package dev.frostsandbox.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.client.HttpAnswer;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.Signature;
import dev.frostsandbox.frost.dkg.Round1Package;
import dev.frostsandbox.frost.dkg.Round2Package;
import dev.frostsandbox.frost.json.FrostJson;
import dev.frostsandbox.frost.json.PackageReader;
import dev.frostsandbox.frost.signing.SignatureShare;
import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.frost.signing.SigningPackage;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * What Redis promises beyond one process: two instances of a service on one Redis share every round
 * (DKG and signing may hop between them), single-use state is used exactly once under concurrency,
 * keys survive a restart, and a Redis outage is a clean {@code redis-error} the same service
 * recovers from by itself. Each service module extends this with one {@code @ParameterizedClass}
 * over its suites on Redis (see {@link SuiteContract}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SignerInstancesContract<E> extends SuiteContract<E> {

  protected TestSigner a;
  protected TestSigner b;
  protected SignerHttp httpA;
  protected SignerHttp httpB;
  protected FrostClient<E> client;
  protected FrostJson<E> json;
  protected String prefix;
  private String storageKey;

  @BeforeParameterizedClassInvocation
  void startInstances() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    storageKey = Base64.getEncoder().encodeToString(k);
    a = TestSigner.start(definition(), env(RedisHarness.shared().url(), Map.of()));
    b = TestSigner.start(definition(), env(RedisHarness.shared().url(), Map.of()));
    httpA = a.http();
    httpB = b.http();
    prefix = definition().prefix();
    client = new FrostClient<>(suite().frost(), prefix, new SecureRandom());
    json = suite().frost().json();
  }

  @AfterParameterizedClassInvocation
  void stopInstances() {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
    a = null;
    b = null;
  }

  /** Instances of one deployment share the Redis and the storage key. */
  protected Map<String, String> env(String redisUrl, Map<String, String> extra) {
    Map<String, String> e = new HashMap<>();
    e.put("SIGNER_REDIS_URL", redisUrl);
    e.put("SIGNER_STORAGE_KEY", storageKey);
    e.putAll(extra);
    return e;
  }

  protected static String newKeyId() {
    return "0x" + UUID.randomUUID().toString().replace("-", "");
  }

  private void assertSigns(SignerHttp http, FrostClient.Keys<E> keys, String text) {
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    Signature<E> one = client.signOneRound(http, keys, message, client.defaultSigners(keys));
    assertTrue(client.verify(keys, message, one), "one-round signature verifies");
    Signature<E> two = client.signTwoRounds(http, http, keys, message, client.defaultSigners(keys));
    assertTrue(client.verify(keys, message, two), "two-round signature verifies");
  }

  /** Runs the same request from {@code n} threads released together; returns the answers. */
  private static List<HttpAnswer> concurrently(List<Supplier<HttpAnswer>> requests)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(requests.size());
    try {
      CountDownLatch ready = new CountDownLatch(requests.size());
      CountDownLatch go = new CountDownLatch(1);
      List<Future<HttpAnswer>> futures = new ArrayList<>();
      for (Supplier<HttpAnswer> r : requests) {
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return r.get();
                }));
      }
      assertTrue(ready.await(10, TimeUnit.SECONDS));
      go.countDown();
      List<HttpAnswer> answers = new ArrayList<>();
      for (Future<HttpAnswer> f : futures) {
        answers.add(f.get(60, TimeUnit.SECONDS));
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Exactly one {@code winStatus}; every other answer is the given 404 problem. */
  private static void exactlyOne(
      List<HttpAnswer> answers, int winStatus, String slug, String title, String path) {
    int wins = 0;
    for (HttpAnswer x : answers) {
      if (x.status() == winStatus) {
        wins++;
      } else {
        ProblemAssert.problem(x, 404, slug, title, path, Set.of(), "keyid");
      }
    }
    assertEquals(1, wins, "exactly one request may use single-use state");
  }

  // ---- two instances ----

  @Test
  void dkgRoundOneOnARoundTwoOnB() {
    String k = newKeyId();
    FrostClient.Keys<E> keys = client.dkgRound2(httpB, client.dkgRound1(httpA, k, 2, 2, true));
    assertSigns(httpA, keys, "made across instances, used on A");
    assertSigns(httpB, keys, "made across instances, used on B");
    FrostClient.Keys<E> threeOfFive =
        client.dkgRound2(httpA, client.dkgRound1(httpB, newKeyId(), 3, 5, false));
    assertSigns(httpB, threeOfFive, "3-of-5 across instances");
  }

  @Test
  void twoRoundSigningWithRoundOneOnARoundTwoOnB() {
    FrostClient.Keys<E> keys = client.dkg(httpA, newKeyId());
    byte[] message = "hop".getBytes(StandardCharsets.UTF_8);
    Signature<E> sig =
        client.signTwoRounds(httpA, httpB, keys, message, client.defaultSigners(keys));
    assertTrue(client.verify(keys, message, sig));
    // and the server aggregates on either instance
    SortedMap<Identifier, SigningNonces<E>> nonces =
        client.newNonces(keys, client.defaultSigners(keys));
    SigningPackage<E> pkg = client.signRound1(httpB, keys, message, nonces);
    SortedMap<Identifier, SignatureShare> shares = client.clientShares(keys, pkg, nonces);
    shares.put(keys.serverId(), client.signRound2(httpA, keys, pkg));
    assertTrue(client.verify(keys, message, client.aggregateOnServer(httpB, keys, pkg, shares)));
  }

  @Test
  void sameSignRoundTwoOnAAndBConcurrentlyIsUsedOnce() throws Exception {
    FrostClient.Keys<E> keys = client.dkg(httpA, newKeyId());
    String path = prefix + "/sign/round2/" + keys.keyid();
    for (int i = 0; i < 5; i++) {
      SigningPackage<E> pkg =
          client.signRound1(
              httpA,
              keys,
              new byte[] {(byte) i},
              client.newNonces(keys, client.defaultSigners(keys)));
      ObjectNode body = client.signRound2Request(pkg);
      List<HttpAnswer> answers =
          concurrently(List.of(() -> httpA.post(path, body), () -> httpB.post(path, body)));
      exactlyOne(answers, 200, "no-signing-round-found", "No signing round found", path);
    }
  }

  @Test
  void twentyConcurrentSignRoundTwoOnOneInstanceAreUsedOnce() throws Exception {
    FrostClient.Keys<E> keys = client.dkg(httpA, newKeyId());
    String path = prefix + "/sign/round2/" + keys.keyid();
    SortedMap<Identifier, SigningNonces<E>> nonces =
        client.newNonces(keys, client.defaultSigners(keys));
    byte[] message = "once".getBytes(StandardCharsets.UTF_8);
    SigningPackage<E> pkg = client.signRound1(httpA, keys, message, nonces);
    ObjectNode body = client.signRound2Request(pkg);
    List<Supplier<HttpAnswer>> requests = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      requests.add(() -> httpA.post(path, body));
    }
    List<HttpAnswer> answers = concurrently(requests);
    exactlyOne(answers, 200, "no-signing-round-found", "No signing round found", path);
    // the one share that was given is a valid one
    HttpAnswer win = answers.stream().filter(x -> x.status() == 200).findFirst().orElseThrow();
    PackageReader<E> r = json.reader();
    SignatureShare share = r.signatureShare(win.json().get("signature_share"), "/signature_share");
    assertTrue(!r.hasErrors(), () -> "valid share: " + r.errors());
    SortedMap<Identifier, SignatureShare> shares = client.clientShares(keys, pkg, nonces);
    shares.put(keys.serverId(), share);
    assertTrue(
        client.verify(
            keys,
            message,
            client.frost().signing().aggregate(pkg, shares, keys.publicKeyPackage())));
  }

  @Test
  void sameDkgRoundTwoOnAAndBConcurrentlyCreatesOneKey() throws Exception {
    String k = newKeyId();
    FrostClient.DkgSession<E> s = client.dkgRound1(httpA, k, 2, 2, true);
    SortedMap<Identifier, Round1Package<E>> others = new TreeMap<>(s.allRound1());
    others.remove(Identifier.of(1));
    Round2Package p =
        client
            .frost()
            .dkg()
            .part2(s.part1().get(Identifier.of(1)).secretPackage(), others)
            .packages()
            .get(s.serverId());
    ObjectNode body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    body.set("round2_package", json.round2Package(p));
    String path = prefix + "/dkg/round2/" + k;
    List<HttpAnswer> answers =
        concurrently(List.of(() -> httpA.post(path, body), () -> httpB.post(path, body)));
    exactlyOne(answers, 201, "no-dkg-round-found", "No DKG round found", path);
    assertEquals(200, httpB.get(prefix + "/keys/" + k).status());
  }

  // ---- restart ----

  @Test
  void keysRoundsAndNoncesSurviveARestart() {
    TestSigner before = TestSigner.start(definition(), env(RedisHarness.shared().url(), Map.of()));
    FrostClient.Keys<E> keys;
    FrostClient.DkgSession<E> openRound;
    SortedMap<Identifier, SigningNonces<E>> nonces;
    SigningPackage<E> pkg;
    byte[] message = "before and after".getBytes(StandardCharsets.UTF_8);
    try {
      keys = client.dkg(before.http(), newKeyId());
      openRound = client.dkgRound1(before.http(), newKeyId(), 2, 3, false);
      nonces = client.newNonces(keys, client.defaultSigners(keys));
      pkg = client.signRound1(before.http(), keys, message, nonces);
    } finally {
      before.close();
    }
    try (TestSigner after =
        TestSigner.start(definition(), env(RedisHarness.shared().url(), Map.of()))) {
      SignerHttp http = after.http();
      assertEquals(200, http.get(prefix + "/keys/" + keys.keyid()).status());
      assertSigns(http, keys, "after a restart");
      SortedMap<Identifier, SignatureShare> shares = client.clientShares(keys, pkg, nonces);
      shares.put(keys.serverId(), client.signRound2(http, keys, pkg));
      assertTrue(
          client.verify(
              keys,
              message,
              client.frost().signing().aggregate(pkg, shares, keys.publicKeyPackage())));
      FrostClient.Keys<E> finished = client.dkgRound2(http, openRound);
      assertSigns(http, finished, "DKG finished after a restart");
    }
  }

  // ---- outage ----

  @Test
  void redisOutageIsRedisErrorAndTheSameServiceRecovers() throws InterruptedException {
    try (RedisHarness redis = RedisHarness.owned();
        TestSigner s =
            TestSigner.start(
                definition(), env(redis.url(), Map.of("SIGNER_REDIS_TIMEOUT_MS", "500")))) {
      SignerHttp http = s.http();
      FrostClient.Keys<E> keys = client.dkg(http, newKeyId());
      String k = keys.keyid();
      redis.stop();
      try {
        String fresh = newKeyId();
        JsonNode empty = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        List<Map.Entry<String, Supplier<HttpAnswer>>> calls =
            List.of(
                Map.entry("/keys/" + k, () -> http.get(prefix + "/keys/" + k)),
                Map.entry("/keys/" + k, () -> http.delete(prefix + "/keys/" + k)),
                Map.entry(
                    "/sign/round1/" + k,
                    () -> http.post(prefix + "/sign/round1/" + k, (JsonNode) null)),
                Map.entry("/sign/" + k, () -> http.post(prefix + "/sign/" + k, empty)),
                Map.entry(
                    "/dkg/round1/" + fresh,
                    () ->
                        http.post(
                            prefix + "/dkg/round1/" + fresh,
                            client.round1Request(client.dkgPart1(2, 2), 2, 2, true))),
                Map.entry(
                    "/dkg/round2/" + fresh,
                    () -> http.post(prefix + "/dkg/round2/" + fresh, empty)));
        for (Map.Entry<String, Supplier<HttpAnswer>> c : calls) {
          JsonNode p =
              ProblemAssert.problem(
                  c.getValue().get(),
                  500,
                  "redis-error",
                  "Redis error",
                  prefix + c.getKey(),
                  Set.of(storageKey));
          assertEquals("An error occurred while accessing Redis", p.get("detail").asText());
        }
        JsonNode ready =
            ProblemAssert.problem(
                http.get("/health/ready"),
                503,
                null,
                "Service Unavailable",
                "/health/ready",
                Set.of(),
                "store");
        assertEquals("DOWN", ready.get("store").asText());
        assertEquals(
            200, http.get("/health/live").status(), "liveness does not depend on the store");
      } finally {
        redis.start();
      }
      // the same process reconnects by itself; the key written before the outage is still there
      Eventually.eventually(
          Duration.ofSeconds(30),
          () -> {
            HttpAnswer got = http.get(prefix + "/keys/" + k);
            assertEquals(200, got.status(), () -> "recovered: " + got.body());
          });
      assertEquals(200, http.get("/health/ready").status());
      assertSigns(http, keys, "after the outage");
    }
  }
}
