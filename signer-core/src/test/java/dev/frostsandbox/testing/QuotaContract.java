package dev.frostsandbox.testing;

import static dev.frostsandbox.testing.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.client.HttpAnswer;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.signing.SigningCommitments;
import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.frost.signing.SigningPackage;
import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.problem.ProblemType;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Per-tenant quotas (SIGNER_QUOTA_KEYS, SIGNER_QUOTA_DKG_ROUNDS, SIGNER_QUOTA_NONCES), on one
 * store: each answers its documented catalogue entry once full, belongs to one tenant, and is freed
 * by deleting a key, finishing a DKG, consuming nonces, or the expiry of a round or of nonces. Each
 * test uses tenants of its own, so a shared Redis starts empty for it. Each service module extends
 * this with one {@code @ParameterizedClass} over its suites and stores (see {@link SuiteContract}).
 */
public abstract class QuotaContract<E> extends SuiteContract<E> {

  private FrostClient<E> client() {
    return new FrostClient<>(suite().frost(), definition().prefix(), new SecureRandom());
  }

  private record Tenant(String name, String apiKey) {}

  private static Tenant newTenant() {
    String id = UUID.randomUUID().toString().replace("-", "");
    return new Tenant("t" + id, "key-" + id);
  }

  /** A signer with two fresh tenants (the first is the one filled up) and the given settings. */
  private TestSigner start(Tenant a, Tenant b, Map<String, String> settings) {
    Map<String, String> env = new HashMap<>(storeEnv());
    env.put("SIGNER_API_KEYS", a.name() + "=" + a.apiKey() + "," + b.name() + "=" + b.apiKey());
    env.putAll(settings);
    return TestSigner.start(definition(), env);
  }

  private static SignerHttp as(TestSigner s, Tenant t) {
    return s.http().header("x-api-key", t.apiKey());
  }

  private static String newId() {
    return "k" + UUID.randomUUID().toString().replace("-", "");
  }

  private HttpAnswer round1(SignerHttp h, String keyid) {
    FrostClient<E> c = client();
    return h.post(
        definition().prefix() + "/dkg/round1/" + keyid,
        c.round1Request(c.dkgPart1(2, 2), 2, 2, true));
  }

  private static void assertQuota(
      HttpAnswer a, ProblemType type, String quota, int limit, String keyid) {
    JsonNode p = assertProblem(a, type);
    assertEquals(type.defaultDetail(), p.path("detail").asText(), "the catalogue's detail");
    assertEquals(quota, p.path("quota").asText(), a.body());
    assertEquals(limit, p.path("limit").asInt(), a.body());
    assertEquals(keyid, p.path("keyid").asText(), a.body());
    assertNull(a.header("Retry-After"), "waiting does not help: something must be freed");
  }

  /**
   * Repeats {@code attempt} until it is not a 429 (the state it waits for expires), for at most 30
   * s.
   */
  private static HttpAnswer untilNot429(Supplier<HttpAnswer> attempt) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    HttpAnswer a = attempt.get();
    while (a.status() == 429 && System.nanoTime() < deadline) {
      Thread.sleep(100);
      a = attempt.get();
    }
    return a;
  }

  // ---- keys ----

  @Test
  void theKeysQuotaIsAnApplicationLimitFreedByDeletingAKey() {
    Tenant alice = newTenant();
    Tenant bob = newTenant();
    try (TestSigner s = start(alice, bob, Map.of("SIGNER_QUOTA_KEYS", "2"))) {
      FrostClient<E> c = client();
      String first = newId();
      c.dkg(as(s, alice), first);
      c.dkg(as(s, alice), newId());
      // a tenant at its quota cannot even start a DKG: it could not store the key
      String third = newId();
      assertQuota(
          round1(as(s, alice), third),
          Catalogue.QUOTA_APPLICATION_LIMIT_EXCEEDED,
          "keys",
          2,
          third);
      // the quota is per tenant
      c.dkg(as(s, bob), newId());
      c.dkg(as(s, bob), newId());
      // deleting a key frees its place
      assertEquals(204, as(s, alice).delete(definition().prefix() + "/keys/" + first).status());
      c.dkg(as(s, alice), third);
      assertQuota(
          round1(as(s, alice), first),
          Catalogue.QUOTA_APPLICATION_LIMIT_EXCEEDED,
          "keys",
          2,
          first);
    }
  }

  @Test
  void twoDkgsRacingForTheLastKeyGetOneKey() {
    Tenant alice = newTenant();
    try (TestSigner s = start(alice, newTenant(), Map.of("SIGNER_QUOTA_KEYS", "2"))) {
      FrostClient<E> c = client();
      c.dkg(as(s, alice), newId());
      // both start while one place is left; storing the key is the atomic check
      FrostClient.DkgSession<E> a = c.dkgRound1(as(s, alice), newId(), 2, 2, true);
      FrostClient.DkgSession<E> b = c.dkgRound1(as(s, alice), newId(), 2, 2, true);
      c.dkgRound2(as(s, alice), a);
      FrostClient.DkgFinish<E> finish = c.dkgRound2Request(b);
      assertQuota(
          as(s, alice).post(finish.path(), finish.body()),
          Catalogue.QUOTA_APPLICATION_LIMIT_EXCEEDED,
          "keys",
          2,
          b.keyid());
      assertEquals(404, as(s, alice).get(definition().prefix() + "/keys/" + b.keyid()).status());
      assertEquals(2, as(s, alice).get("/admin/keys").expect(200).json().path("keys").size());
    }
  }

  // ---- DKG rounds ----

  @Test
  void theDkgRoundsQuotaIsAnActiveUsersLimitFreedByFinishingARound() {
    Tenant alice = newTenant();
    Tenant bob = newTenant();
    try (TestSigner s = start(alice, bob, Map.of("SIGNER_QUOTA_DKG_ROUNDS", "2"))) {
      FrostClient<E> c = client();
      FrostClient.DkgSession<E> one = c.dkgRound1(as(s, alice), newId(), 2, 2, true);
      c.dkgRound1(as(s, alice), newId(), 2, 2, true);
      String third = newId();
      assertQuota(
          round1(as(s, alice), third),
          Catalogue.QUOTA_ACTIVE_USERS_LIMIT_EXCEEDED,
          "dkg_rounds",
          2,
          third);
      // restarting a round in progress takes no second place
      one = c.dkgRound1(as(s, alice), one.keyid(), 2, 2, true);
      // another tenant has its own quota
      c.dkgRound1(as(s, bob), newId(), 2, 2, true);
      // a round 2 with an invalid body is refused before the DKG runs: the round keeps its place
      String round2Path = c.dkgRound2Request(one).path();
      assertProblem(
          as(s, alice).post(round2Path, "{}", "application/json"),
          Catalogue.FROST_REQUEST_JSON_INVALID);
      assertQuota(
          round1(as(s, alice), third),
          Catalogue.QUOTA_ACTIVE_USERS_LIMIT_EXCEEDED,
          "dkg_rounds",
          2,
          third);
      // finishing a round frees its place
      c.dkgRound2(as(s, alice), one);
      c.dkgRound1(as(s, alice), third, 2, 2, true);
      String fourth = newId();
      assertQuota(
          round1(as(s, alice), fourth),
          Catalogue.QUOTA_ACTIVE_USERS_LIMIT_EXCEEDED,
          "dkg_rounds",
          2,
          fourth);
    }
  }

  @Test
  void anExpiredDkgRoundFreesItsPlace() throws InterruptedException {
    Tenant alice = newTenant();
    try (TestSigner s =
        start(
            alice,
            newTenant(),
            Map.of("SIGNER_QUOTA_DKG_ROUNDS", "1", "SIGNER_ROUND_TTL_SECONDS", "1"))) {
      client().dkgRound1(as(s, alice), newId(), 2, 2, true);
      String next = newId();
      assertQuota(
          round1(as(s, alice), next),
          Catalogue.QUOTA_ACTIVE_USERS_LIMIT_EXCEEDED,
          "dkg_rounds",
          1,
          next);
      assertEquals(201, untilNot429(() -> round1(as(s, alice), next)).status());
    }
  }

  // ---- nonces ----

  private HttpAnswer signRound1(SignerHttp h, FrostClient.Keys<E> keys) {
    return h.post(definition().prefix() + "/sign/round1/" + keys.keyid(), (JsonNode) null);
  }

  @Test
  void theNoncesQuotaIsADppLimitFreedByConsumingNonces() {
    Tenant alice = newTenant();
    Tenant bob = newTenant();
    try (TestSigner s = start(alice, bob, Map.of("SIGNER_QUOTA_NONCES", "2"))) {
      FrostClient<E> c = client();
      FrostClient.Keys<E> keys = c.dkg(as(s, alice), newId());
      byte[] message = "quota".getBytes(StandardCharsets.UTF_8);
      SortedMap<Identifier, SigningNonces<E>> nonces = c.newNonces(keys, c.defaultSigners(keys));
      SigningPackage<E> pkg = c.signRound1(as(s, alice), keys, message, nonces);
      assertEquals(201, signRound1(as(s, alice), keys).status());
      assertQuota(
          signRound1(as(s, alice), keys),
          Catalogue.QUOTA_DPP_LIMIT_EXCEEDED,
          "nonces",
          2,
          keys.keyid());
      // one-round signing stores no nonces: not limited
      c.signOneRound(as(s, alice), keys, message, c.defaultSigners(keys));
      // another tenant has its own quota
      FrostClient.Keys<E> bobs = c.dkg(as(s, bob), newId());
      assertEquals(201, signRound1(as(s, bob), bobs).status());
      // a round 2 with commitments the server never made consumes nothing and frees nothing
      SortedMap<Identifier, SigningCommitments<E>> forged = new TreeMap<>(pkg.signingCommitments());
      forged.put(keys.serverId(), nonces.values().iterator().next().commitments());
      HttpAnswer unknown =
          as(s, alice)
              .post(
                  c.signRound2Path(keys),
                  c.signRound2Request(new SigningPackage<>(forged, message)));
      assertProblem(unknown, Catalogue.NO_SIGNING_ROUND_FOUND);
      assertQuota(
          signRound1(as(s, alice), keys),
          Catalogue.QUOTA_DPP_LIMIT_EXCEEDED,
          "nonces",
          2,
          keys.keyid());
      // consuming nonces frees their place
      c.signRound2(as(s, alice), keys, pkg);
      assertEquals(201, signRound1(as(s, alice), keys).status());
      assertQuota(
          signRound1(as(s, alice), keys),
          Catalogue.QUOTA_DPP_LIMIT_EXCEEDED,
          "nonces",
          2,
          keys.keyid());
    }
  }

  @Test
  void expiredNoncesFreeTheirPlace() throws InterruptedException {
    Tenant alice = newTenant();
    try (TestSigner s =
        start(
            alice,
            newTenant(),
            Map.of("SIGNER_QUOTA_NONCES", "1", "SIGNER_NONCE_TTL_SECONDS", "1"))) {
      FrostClient.Keys<E> keys = client().dkg(as(s, alice), newId());
      assertEquals(201, signRound1(as(s, alice), keys).status());
      assertQuota(
          signRound1(as(s, alice), keys),
          Catalogue.QUOTA_DPP_LIMIT_EXCEEDED,
          "nonces",
          1,
          keys.keyid());
      assertEquals(201, untilNot429(() -> signRound1(as(s, alice), keys)).status());
    }
  }

  @Test
  void quotasAreOffByDefault() {
    Tenant alice = newTenant();
    try (TestSigner s = start(alice, newTenant(), Map.of())) {
      FrostClient.Keys<E> keys = client().dkg(as(s, alice), newId());
      for (int i = 0; i < 20; i++) {
        assertEquals(201, signRound1(as(s, alice), keys).status());
        assertEquals(201, round1(as(s, alice), newId()).status());
      }
    }
  }
}
