package dev.frostsandbox.service.reliability;

import static dev.frostsandbox.testing.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.client.HttpAnswer;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.eddsa.Ed25519Point;
import dev.frostsandbox.eddsa.EddsaService;
import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.frost.signing.SigningPackage;
import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.signer.http.Call;
import dev.frostsandbox.signer.state.NonceRecord;
import dev.frostsandbox.signer.state.SecretBox;
import dev.frostsandbox.signer.state.StateRepository;
import dev.frostsandbox.signer.state.TenantQuotas;
import dev.frostsandbox.store.RedisStore;
import dev.frostsandbox.store.RedisStoreConfig;
import dev.frostsandbox.store.StoreKeys;
import dev.frostsandbox.testing.MovableClock;
import dev.frostsandbox.testing.RedisHarness;
import dev.frostsandbox.testing.RedisProbe;
import dev.frostsandbox.testing.TestSigner;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A nonce record put back into Redis after round 2 consumed it (someone with write access, or a
 * failover bringing back a replica's copy) yields no second signature share: the instance remembers
 * what it consumed, and the expiry sealed in the record holds even when the store still returns it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NonceReplayTest {

  private static final String P = EddsaService.DEFINITION.prefix();
  private static final String SCOPE = EddsaService.DEFINITION.name() + ".default";

  @SuppressWarnings("unchecked")
  private static final SuiteBinding<Ed25519Point> SUITE =
      (SuiteBinding<Ed25519Point>) EddsaService.DEFINITION.suites().get(0);

  private final FrostClient<Ed25519Point> client =
      new FrostClient<>(SUITE.frost(), P, new SecureRandom());
  private RedisHarness redis;
  private RedisProbe probe;
  private Vertx vertx;

  @BeforeAll
  void start() {
    redis = RedisHarness.shared();
    probe = new RedisProbe(redis.url());
    vertx = Vertx.vertx();
  }

  @AfterAll
  void stop() throws Exception {
    probe.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static byte[] randomKey() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return k;
  }

  private String onlyNonceKey(String keyid) {
    List<String> keys = probe.keys(StoreKeys.nonces(SCOPE, keyid, "*"));
    assertEquals(1, keys.size(), keys.toString());
    return keys.get(0);
  }

  @Test
  void aNonceRecordSetAgainAfterRound2GivesNoSecondShare() {
    try (TestSigner signer =
        TestSigner.start(
            EddsaService.DEFINITION,
            Map.of(
                "SIGNER_REDIS_URL",
                redis.url(),
                "SIGNER_STORAGE_KEY",
                Base64.getEncoder().encodeToString(randomKey())))) {
      SignerHttp http = signer.http();
      FrostClient.Keys<Ed25519Point> keys = client.dkg(http, "replay");
      var nonces = client.newNonces(keys, client.defaultSigners(keys));
      SigningPackage<Ed25519Point> first =
          client.signRound1(
              http, keys, "pay 1 coin to alice".getBytes(StandardCharsets.UTF_8), nonces);
      String nonceKey = onlyNonceKey("replay");
      byte[] sealed = probe.get(nonceKey);
      assertNotNull(sealed);

      HttpAnswer share = http.post(P + "/sign/round2/replay", client.signRound2Request(first));
      assertEquals(200, share.status(), share.body());
      assertTrue(share.json().has("signature_share"));
      assertNull(probe.get(nonceKey), "round 2 consumed the record");

      // the attacker's replay: the same sealed bytes, then round 2 on other messages
      for (String message : List.of("pay 100 coins to mallory", "pay 200 coins to mallory")) {
        probe.set(nonceKey, sealed);
        SigningPackage<Ed25519Point> other =
            new SigningPackage<>(
                first.signingCommitments(), message.getBytes(StandardCharsets.UTF_8));
        HttpAnswer replay = http.post(P + "/sign/round2/replay", client.signRound2Request(other));
        assertProblem(replay, Catalogue.NO_SIGNING_ROUND_FOUND);
        assertFalse(replay.body().contains("signature_share"), replay.body());
      }
      // the key still signs with fresh nonces
      byte[] msg = "fresh".getBytes(StandardCharsets.UTF_8);
      assertTrue(
          client.verify(
              keys, msg, client.signTwoRounds(http, http, keys, msg, client.defaultSigners(keys))));
    }
  }

  @Test
  void aRound2WhoseDeleteNoReplicaAcknowledgedFreesItsNoncesQuotaSlot() {
    // a master without replica and SIGNER_REDIS_WAIT_REPLICAS=1: WAIT answers 0, round 2 answers
    // redis-error and no share, and the record is gone from the master all the same
    try (RedisHarness master = RedisHarness.owned();
        TestSigner signer =
            TestSigner.start(
                EddsaService.DEFINITION,
                Map.of(
                    "SIGNER_REDIS_URL",
                    master.url(),
                    "SIGNER_REDIS_WAIT_REPLICAS",
                    "1",
                    "SIGNER_QUOTA_NONCES",
                    "1"))) {
      SignerHttp http = signer.http();
      FrostClient.Keys<Ed25519Point> keys = client.dkg(http, "unacked");
      SigningPackage<Ed25519Point> pkg =
          client.signRound1(
              http,
              keys,
              "unacked".getBytes(StandardCharsets.UTF_8),
              client.newNonces(keys, client.defaultSigners(keys)));
      HttpAnswer full = http.post(P + "/sign/round1/unacked", (JsonNode) null);
      assertProblem(full, Catalogue.QUOTA_DPP_LIMIT_EXCEEDED);

      HttpAnswer refused = http.post(P + "/sign/round2/unacked", client.signRound2Request(pkg));
      assertProblem(refused, Catalogue.REDIS_ERROR);
      assertFalse(refused.body().contains("signature_share"), refused.body());
      // the record is gone, and so is its slot of the nonces quota
      HttpAnswer next = http.post(P + "/sign/round1/unacked", (JsonNode) null);
      assertEquals(201, next.status(), next.body());
    }
  }

  private StateRepository repository(RedisStore store, byte[] storageKey, MovableClock clock) {
    return new StateRepository(
        store,
        new SecretBox(storageKey),
        EddsaService.DEFINITION.suitesByName(),
        EddsaService.DEFINITION.name(),
        Duration.ofMinutes(10),
        Duration.ofSeconds(60),
        TenantQuotas.UNLIMITED,
        clock,
        1000);
  }

  private static Call call(String keyid) {
    return new Call("default", keyid, P);
  }

  @Test
  void theExpirySealedInTheRecordHoldsWhileTheStoreStillReturnsIt() throws Exception {
    RedisStore store =
        RedisStore.connect(
                vertx, RedisStoreConfig.standalone(redis.url()).withTimeout(Duration.ofSeconds(10)))
            .await(10, TimeUnit.SECONDS);
    try {
      MovableClock clock = new MovableClock(System.currentTimeMillis());
      StateRepository repo = repository(store, randomKey(), clock);
      SigningNonces<Ed25519Point> n =
          SUITE.frost().signing().commit(java.math.BigInteger.TWO, new SecureRandom());
      long saved = clock.millis();
      repo.saveNonces(call("expiry"), "n1", new NonceRecord<>(SUITE, n))
          .await(10, TimeUnit.SECONDS);
      repo.saveNonces(call("expiry"), "n2", new NonceRecord<>(SUITE, n))
          .await(10, TimeUnit.SECONDS);

      // control: just before the expiry the same kind of record is used, once (first: the
      // service's time never runs back)
      clock.set(saved + 59_999);
      NonceRecord<?> used = repo.takeNonces(call("expiry"), "n2").await(10, TimeUnit.SECONDS);
      assertNotNull(used);
      assertEquals(saved + 60_000, used.expiresAtMillis());

      // a minute later by the service's clock (Redis' own 60-s TTL has not passed): expired
      clock.set(saved + 60_000);
      assertNotNull(
          probe.get(StoreKeys.nonces(SCOPE, "expiry", "n1")), "the store still returns the record");
      assertNull(repo.takeNonces(call("expiry"), "n1").await(10, TimeUnit.SECONDS));
    } finally {
      store.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aReplayToTheSameInstanceIsRefusedUntilTheRecordExpires() throws Exception {
    RedisStore store =
        RedisStore.connect(
                vertx, RedisStoreConfig.standalone(redis.url()).withTimeout(Duration.ofSeconds(10)))
            .await(10, TimeUnit.SECONDS);
    try {
      MovableClock clock = new MovableClock(System.currentTimeMillis());
      StateRepository repo = repository(store, randomKey(), clock);
      SigningNonces<Ed25519Point> n =
          SUITE.frost().signing().commit(java.math.BigInteger.TEN, new SecureRandom());
      repo.saveNonces(call("again"), "n1", new NonceRecord<>(SUITE, n)).await(10, TimeUnit.SECONDS);
      String key = StoreKeys.nonces(SCOPE, "again", "n1");
      byte[] sealed = probe.get(key);
      assertNotNull(repo.takeNonces(call("again"), "n1").await(10, TimeUnit.SECONDS));
      // put back right away, half-way through its life, and 1 ms before it expires: refused each
      // time
      for (Duration later :
          List.of(Duration.ZERO, Duration.ofSeconds(30), Duration.ofMillis(29_999))) {
        clock.advance(later);
        probe.set(key, sealed);
        assertNull(
            repo.takeNonces(call("again"), "n1").await(10, TimeUnit.SECONDS),
            "replayed " + later + " later");
      }
    } finally {
      store.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aNonceRecordWithoutASealedExpiryCountsAsExpired() throws Exception {
    RedisStore store =
        RedisStore.connect(
                vertx, RedisStoreConfig.standalone(redis.url()).withTimeout(Duration.ofSeconds(10)))
            .await(10, TimeUnit.SECONDS);
    try {
      byte[] storageKey = randomKey();
      StateRepository repo =
          repository(store, storageKey, new MovableClock(System.currentTimeMillis()));
      SigningNonces<Ed25519Point> n =
          SUITE.frost().signing().commit(java.math.BigInteger.ONE, new SecureRandom());
      repo.saveNonces(call("legacy"), "n1", new NonceRecord<>(SUITE, n))
          .await(10, TimeUnit.SECONDS);
      // the same record as written before expiries were stored: version 1, no expiry at the end
      String key = StoreKeys.nonces(SCOPE, "legacy", "n1");
      String binding = EddsaService.DEFINITION.name() + "|default|legacy|nonces|n1";
      SecretBox box = new SecretBox(storageKey);
      byte[] v2 = box.open(probe.get(key), binding);
      assertEquals(2, v2[0]);
      byte[] v1 = java.util.Arrays.copyOf(v2, v2.length - 8);
      v1[0] = 1;
      probe.set(key, box.seal(v1, binding));
      assertNull(repo.takeNonces(call("legacy"), "n1").await(10, TimeUnit.SECONDS));
      assertNull(probe.get(key), "consumed all the same");
    } finally {
      store.close().await(10, TimeUnit.SECONDS);
    }
  }
}
