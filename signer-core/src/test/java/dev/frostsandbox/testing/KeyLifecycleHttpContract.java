package dev.frostsandbox.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.client.HttpAnswer;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.frost.FrostException;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.Signature;
import dev.frostsandbox.frost.dkg.Round2Package;
import dev.frostsandbox.frost.json.FrostJson;
import dev.frostsandbox.frost.keys.KeyPackage;
import dev.frostsandbox.frost.keys.Sigma;
import dev.frostsandbox.frost.signing.SignatureShare;
import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.frost.signing.SigningPackage;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * The key lifecycle over HTTP (api.md, "Key lifecycle") for one suite of one service and one store:
 * 2-of-3 keys where the client plays participants 1 and 2 and the server is 3. Share refresh by
 * DKG, then signing with the new shares; old shares and old nonces refused after the switch; a
 * refresh failing halfway leaves the old shares signing; repair of a client share with the server
 * as a helper and of the server's own share (dropped by the sandbox admin operation); every cheater
 * named. Signatures are checked by the suite's verifier that shares no code with the engine. Each
 * service module extends this with one {@code @ParameterizedClass} over its suites and both stores
 * ({@link SuiteContract}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class KeyLifecycleHttpContract<E> extends SuiteContract<E> {

  private static final Identifier ONE = Identifier.of(1);
  private static final Identifier TWO = Identifier.of(2);

  protected TestSigner signer;
  protected SignerHttp http;
  protected FrostClient<E> client;
  private FrostJson<E> json;
  private String prefix;

  @BeforeParameterizedClassInvocation
  void startSigner() {
    Map<String, String> env = new HashMap<>(storeEnv());
    // the admin operation that drops a server share exists in sandbox mode only
    env.put("SIGNER_FAULTS_ENABLED", "true");
    signer = TestSigner.start(definition(), env);
    http = signer.http();
    client = new FrostClient<>(suite().frost(), definition().prefix(), new SecureRandom());
    json = suite().frost().json();
    prefix = definition().prefix();
  }

  @AfterParameterizedClassInvocation
  void stopSigner() {
    if (signer != null) {
      signer.close();
      signer = null;
    }
  }

  private static String newKeyId() {
    return "0x" + UUID.randomUUID().toString().replace("-", "");
  }

  private FrostClient.Keys<E> twoOfThree() {
    FrostClient.Keys<E> keys = client.dkg(http, newKeyId(), 2, 3);
    assertEquals(Identifier.of(3), keys.serverId());
    return keys;
  }

  private void assertSigns(FrostClient.Keys<E> keys, Identifier clientSigner, String text) {
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    byte[] vk = suite().frost().group().serializeElement(keys.publicKeyPackage().verifyingKey());
    Signature<E> one = client.signOneRound(http, keys, message, List.of(clientSigner));
    assertTrue(
        target()
            .plainVerifier()
            .verify(message, suite().frost().suite().serializeSignature(one), vk),
        "one round");
    Signature<E> two = client.signTwoRounds(http, http, keys, message, List.of(clientSigner));
    assertTrue(
        target()
            .plainVerifier()
            .verify(message, suite().frost().suite().serializeSignature(two), vk),
        "two rounds");
  }

  private HttpAnswer post(String path, JsonNode body) {
    return http.post(path, body);
  }

  private String keyPath(FrostClient.Keys<E> keys, String suffix) {
    return prefix + "/keys/" + keys.keyid() + suffix;
  }

  private JsonNode problem(
      HttpAnswer a, int status, String slug, String path, String... extensions) {
    String title =
        switch (slug == null ? "" : slug) {
          case "no-dkg-round-found" -> "No DKG round found";
          case "no-signing-round-found" -> "No signing round found";
          case "frost-internal-error" -> "Frost internal error";
          case "frost-poseidon-internal-error" -> "Frost Poseidon internal error";
          case "frost-request-json-invalid" -> "Frost request json invalid";
          default -> "Conflict";
        };
    return ProblemAssert.problem(a, status, slug, title, path, List.of(), extensions);
  }

  private String internalSlug() {
    return target().poseidon() ? "frost-poseidon-internal-error" : "frost-internal-error";
  }

  private List<String> culprits(JsonNode p) {
    List<String> out = new ArrayList<>();
    p.get("culprits").forEach(c -> out.add(c.asText()));
    return out;
  }

  // ---- refresh ----

  @Test
  void refreshKeepsTheGroupKeyAndTheNewSharesSign() {
    FrostClient.Keys<E> keys = twoOfThree();
    FrostClient.Keys<E> refreshed = client.refresh(http, keys, List.of(ONE, TWO));
    assertEquals(
        json.element(keys.publicKeyPackage().verifyingKey()),
        json.element(refreshed.publicKeyPackage().verifyingKey()));
    for (Identifier id : List.of(ONE, TWO)) {
      assertNotEquals(
          keys.clientKeys().get(id).signingShare(),
          refreshed.clientKeys().get(id).signingShare(),
          "share " + id + " changed");
    }
    // GET keys answers the refreshed public key package (FrostClient checks it equals the client's)
    client.getKey(http, refreshed);
    assertSigns(refreshed, ONE, "after refresh, signer 1");
    assertSigns(refreshed, TWO, "after refresh, signer 2");
  }

  @Test
  void oldSharesAndOldNoncesNoLongerCombineWithTheServersNewShare() {
    FrostClient.Keys<E> keys = twoOfThree();
    byte[] message = "committed before the refresh".getBytes(StandardCharsets.UTF_8);
    SortedMap<Identifier, SigningNonces<E>> nonces = client.newNonces(keys, List.of(ONE));
    SigningPackage<E> pkg = client.signRound1(http, keys, message, nonces);
    FrostClient.Keys<E> refreshed = client.refresh(http, keys, List.of(ONE, TWO));

    // nonces committed with the old share: round 2 refuses them (the documented answer)
    HttpAnswer stale = post(client.signRound2Path(keys), client.signRound2Request(pkg));
    JsonNode p =
        problem(stale, 404, "no-signing-round-found", client.signRound2Path(keys), "keyid");
    assertEquals(keys.keyid(), p.get("keyid").asText());

    // an old client share with the server's new share: the aggregation names the server, whose
    // share no longer matches its old verifying share
    FrostException e =
        assertThrows(
            FrostException.class,
            () ->
                client.signOneRound(
                    http, keys, "old share".getBytes(StandardCharsets.UTF_8), List.of(ONE)));
    assertEquals(List.of(keys.serverId()), e.culprits());
    // and on the server's aggregate, which holds the new public key package, the old client share
    // is the culprit
    SortedMap<Identifier, SigningNonces<E>> n2 = client.newNonces(keys, List.of(ONE));
    SigningPackage<E> pkg2 = client.signRound1(http, keys, message, n2);
    SortedMap<Identifier, SignatureShare> shares = client.clientShares(keys, pkg2, n2);
    shares.put(keys.serverId(), client.signRound2(http, keys, pkg2));
    ObjectNode agg = JsonNodeFactory.instance.objectNode();
    agg.set("signing_package", json.signingPackage(pkg2));
    agg.set("signature_shares", json.identifierMap(shares, json::signatureShare));
    JsonNode q =
        problem(
            post(prefix + "/aggregate/" + keys.keyid(), agg),
            500,
            internalSlug(),
            prefix + "/aggregate/" + keys.keyid(),
            "keyid",
            "culprit",
            "culprits");
    assertEquals(List.of(json.identifier(ONE)), culprits(q));
    assertSigns(refreshed, ONE, "the new shares still sign");
  }

  @Test
  void refreshOfASubsetRemovesTheOthers() {
    FrostClient.Keys<E> keys = twoOfThree();
    FrostClient.Keys<E> refreshed = client.refresh(http, keys, List.of(ONE));
    assertEquals(
        List.of(ONE, keys.serverId()),
        List.copyOf(refreshed.publicKeyPackage().verifyingShares().keySet()));
    assertSigns(refreshed, ONE, "participant 2 was removed");
    // fewer than min_signers refreshing: 400 naming the packages
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.putObject("round1_packages");
    Problems.assertFieldRejected(post(keyPath(keys, "/refresh/round1"), body), "/round1_packages");
  }

  @Test
  void aRefreshThatFailsHalfwayLeavesTheOldSharesSigning() {
    FrostClient.Keys<E> keys = twoOfThree();
    String round2 = keyPath(keys, "/refresh/round2");
    // round 2 without round 1: DKG's entry
    ObjectNode none = JsonNodeFactory.instance.objectNode();
    none.putObject("round2_packages");
    JsonNode p = problem(post(round2, none), 404, "no-dkg-round-found", round2, "keyid");
    assertEquals(keys.keyid(), p.get("keyid").asText());

    // round 1 done, round 2 not yet: the old shares sign
    FrostClient.RefreshSession<E> session = client.refreshRound1(http, keys, List.of(ONE, TWO));
    assertSigns(keys, ONE, "between the refresh rounds");

    // round 2 with both clients' refreshing shares tampered: both named, the round ends
    FrostClient.RefreshFinish<E> finish = client.refreshRound2Request(session);
    ObjectNode bad = finish.body().deepCopy();
    ObjectNode packages = (ObjectNode) bad.get("round2_packages");
    for (Identifier id : List.of(ONE, TWO)) {
      Round2Package good = finish.part2().get(id).packages().get(keys.serverId());
      packages.set(
          json.identifier(id),
          json.round2Package(
              new Round2Package(
                  good.signingShare().add(BigInteger.ONE).mod(suite().frost().group().order()))));
    }
    JsonNode failed =
        problem(post(round2, bad), 500, internalSlug(), round2, "keyid", "culprit", "culprits");
    assertEquals(json.identifier(ONE), failed.get("culprit").asText());
    assertEquals(List.of(json.identifier(ONE), json.identifier(TWO)), culprits(failed));
    // the failed round cannot be resumed, even with the right packages
    problem(post(round2, finish.body()), 404, "no-dkg-round-found", round2, "keyid");
    assertSigns(keys, ONE, "after a failed refresh, signer 1");
    assertSigns(keys, TWO, "after a failed refresh, signer 2");
    client.getKey(http, keys);
  }

  @Test
  void deletingAKeyEndsItsRefreshRound() {
    FrostClient.Keys<E> keys = twoOfThree();
    FrostClient.RefreshFinish<E> finish =
        client.refreshRound2Request(client.refreshRound1(http, keys, List.of(ONE, TWO)));
    assertEquals(204, http.delete(client.keyPath(keys)).status());
    // a new key under the same keyid: the old key's refresh round does not apply to it
    FrostClient.Keys<E> again = client.dkg(http, keys.keyid(), 2, 3);
    problem(post(finish.path(), finish.body()), 404, "no-dkg-round-found", finish.path(), "keyid");
    assertSigns(again, ONE, "the new key");
  }

  /**
   * The fault headers reach the refresh rounds where the real failures happen, with the same
   * effects.
   */
  @Test
  void faultHeadersReachTheRefreshRounds() {
    FrostClient.Keys<E> keys = twoOfThree();
    FrostClient.RefreshFinish<E> finish =
        client.refreshRound2Request(client.refreshRound1(http, keys, List.of(ONE, TWO)));
    String round2 = finish.path();
    // a lookup that finds no round, and Redis down: the round stays
    HttpAnswer lookup = faulty("no-dkg-round-found").post(round2, finish.body());
    problem(lookup, 404, "no-dkg-round-found", round2, "keyid");
    assertEquals("no-dkg-round-found", lookup.header("X-Fault-Injected"));
    HttpAnswer redis = faulty("redis-error").post(round2, finish.body());
    assertEquals(500, redis.status(), redis.body());
    assertEquals("redis-error", redis.header("X-Fault-Injected"));
    FrostClient.Keys<E> refreshed =
        client.refreshKeys(finish, http.post(round2, finish.body()).expect(200).json());
    assertSigns(refreshed, ONE, "refreshed after the injected failures");

    // the engine failing: as a real protocol failure, the round ends and the old shares keep
    // signing
    FrostClient.RefreshFinish<E> again =
        client.refreshRound2Request(client.refreshRound1(http, refreshed, List.of(ONE, TWO)));
    problem(
        faulty(internalSlug()).post(round2, again.body()), 500, internalSlug(), round2, "keyid");
    problem(http.post(round2, again.body()), 404, "no-dkg-round-found", round2, "keyid");
    assertSigns(refreshed, TWO, "after an injected engine failure");
  }

  /**
   * The misbehaving-cosigner faults reach the refresh rounds: a bad refreshing share is caught by
   * the client's refresh_dkg_shares, another group key by its comparison with the client's own
   * result; both name the server.
   */
  @Test
  void cosignerFaultsReachTheRefreshRounds() {
    FrostClient.Keys<E> keys = twoOfThree();
    SignerHttp badShare = new SignerHttp(signer.baseUrl()).header("X-Fault", "bad-dkg-share");
    FrostClient.RefreshSession<E> session = client.refreshRound1(badShare, keys, List.of(ONE, TWO));
    FrostException share =
        assertThrows(FrostException.class, () -> client.refreshRound2(http, session));
    assertEquals(FrostException.Kind.INVALID_SECRET_SHARE, share.kind(), share.getMessage());
    assertEquals(keys.serverId(), share.culprit());

    FrostClient.Keys<E> other = twoOfThree();
    FrostClient.RefreshFinish<E> finish =
        client.refreshRound2Request(client.refreshRound1(http, other, List.of(ONE, TWO)));
    HttpAnswer wrongKey = faulty("wrong-verifying-key").post(finish.path(), finish.body());
    assertEquals(200, wrongKey.status(), wrongKey.body());
    assertEquals("wrong-verifying-key", wrongKey.header("X-Fault-Injected"));
    FrostException mismatch =
        assertThrows(FrostException.class, () -> client.refreshKeys(finish, wrongKey.json()));
    assertEquals(
        FrostException.Kind.PUBLIC_KEY_PACKAGE_MISMATCH, mismatch.kind(), mismatch.getMessage());
    assertEquals(other.serverId(), mismatch.culprit());
    // a refresh proves nothing with its proof (frost-core does not check it): not offered there
    assertEquals(
        400,
        faulty("bad-dkg-proof")
            .post(client.refreshPath(other, 1), "{}", "application/json")
            .status());
  }

  /**
   * Repair part 2: a lookup fault leaves the repair round, the engine's consumes it as a real part
   * 2 does.
   */
  @Test
  void faultHeadersReachTheRepairRound() {
    FrostClient.Keys<E> keys = twoOfThree();
    ObjectNode part1 = client.repairPart1Request(ONE, List.of(TWO, keys.serverId()));
    String path1 = keyPath(keys, "/repair/part1");
    HttpAnswer injected = faulty("redis-error").post(path1, part1);
    assertEquals(500, injected.status(), injected.body());
    assertEquals("redis-error", injected.header("X-Fault-Injected"));
    http.post(path1, part1).expect(201);
    ObjectNode part2 = client.repairPart2Request(keys, ONE, List.of(TWO, keys.serverId()));
    String path2 = keyPath(keys, "/repair/part2");
    problem(
        faulty("no-dkg-round-found").post(path2, part2), 404, "no-dkg-round-found", path2, "keyid");
    problem(faulty(internalSlug()).post(path2, part2), 500, internalSlug(), path2, "keyid");
    problem(http.post(path2, part2), 404, "no-dkg-round-found", path2, "keyid");
  }

  private SignerHttp faulty(String slug) {
    return new SignerHttp(signer.baseUrl()).header("X-Fault", slug);
  }

  /**
   * Malformed bodies on every lifecycle endpoint: Problem Details naming the field, never a stack
   * trace.
   */
  @Test
  void malformedBodiesArePointedProblems() {
    FrostClient.Keys<E> keys = twoOfThree();
    client.refreshRound1(
        http, keys, List.of(ONE, TWO)); // a refresh round in place, so round 2 parses its body
    FrostClient.Keys<E> lost = twoOfThree(); // part 3 reads the body of a key whose share is lost
    http.post(client.dropSharePath(lost), (JsonNode) null).expect(200);
    for (String suffix :
        List.of("/refresh/round1", "/refresh/round2", "/repair/part1", "/repair/part3")) {
      String path = keyPath(suffix.equals("/repair/part3") ? lost : keys, suffix);
      for (String body :
          List.of(
              "", "[]", "null", "{}", "{\"x\":1}", "{\"round1_packages\":[1]}", "\u0000\u00ff")) {
        HttpAnswer a = http.post(path, body, "application/json");
        assertEquals(400, a.status(), () -> suffix + " " + body + ": " + a.body());
        assertEquals("application/problem+json", a.header("Content-Type"));
        ProblemAssert.assertClean(a.body(), List.of());
      }
    }
    // named fields: a DKG (not refresh) commitment, a helper outside the group, the server as
    // participant
    ObjectNode dkgShaped = JsonNodeFactory.instance.objectNode();
    ObjectNode packages = dkgShaped.putObject("round1_packages");
    client
        .dkgPart1(2, 3)
        .forEach((id, p) -> packages.set(json.identifier(id), json.round1Package(p.package_())));
    Problems.assertFieldRejected(
        post(keyPath(keys, "/refresh/round1"), dkgShaped),
        "/round1_packages/" + json.identifier(ONE) + "/commitment");
    ObjectNode repair = JsonNodeFactory.instance.objectNode();
    repair.putArray("helpers").add(json.identifier(TWO)).add(json.identifier(Identifier.of(9)));
    repair.put("participant", json.identifier(ONE));
    Problems.assertFieldRejected(post(keyPath(keys, "/repair/part1"), repair), "/helpers/1");
    ObjectNode self = JsonNodeFactory.instance.objectNode();
    self.putArray("helpers").add(json.identifier(ONE)).add(json.identifier(TWO));
    self.put("participant", json.identifier(keys.serverId()));
    Problems.assertFieldRejected(post(keyPath(keys, "/repair/part1"), self), "/helpers");
  }

  /** The service's count of a lifecycle operation for this suite (0 before the first). */
  private double lifecycleCount(String operation) {
    String body = http.get("/metrics").expect(200).body();
    double sum = 0;
    for (String line : body.lines().toList()) {
      if (line.startsWith("frost_key_lifecycle_completed_total{")
          && line.contains("ciphersuite=\"" + suite().ciphersuite() + "\"")
          && line.contains("operation=\"" + operation + "\"")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  /**
   * Refresh and repair make key material like a DKG and are counted like one ({@code
   * frost_key_lifecycle_completed_total}, by operation): only what completed; a refused request
   * counts nothing.
   */
  @Test
  void lifecycleOperationsAreCounted() {
    double refresh = lifecycleCount("refresh");
    double help = lifecycleCount("repair-help");
    double share = lifecycleCount("repair-share");
    FrostClient.Keys<E> keys = twoOfThree();
    FrostClient.Keys<E> refreshed = client.refresh(http, keys, List.of(ONE, TWO));
    assertEquals(refresh + 1, lifecycleCount("refresh"));
    client.repairClientShare(http, refreshed, ONE, List.of(TWO, refreshed.serverId()));
    assertEquals(help + 1, lifecycleCount("repair-help"));
    // part 3 on a key holding its share is refused (409): not counted
    String part3 = keyPath(refreshed, "/repair/part3");
    post(
        part3,
        client.repairPart3Request(
            client.clientSigmas(refreshed, refreshed.serverId(), List.of(ONE, TWO))));
    assertEquals(share, lifecycleCount("repair-share"));
    http.post(client.dropSharePath(refreshed), (JsonNode) null).expect(200);
    client.repairServerShare(http, refreshed, List.of(ONE, TWO));
    assertEquals(share + 1, lifecycleCount("repair-share"));
    assertEquals(refresh + 1, lifecycleCount("refresh"));
  }

  // ---- repair ----

  @Test
  void repairOfAClientShareWithTheServerHelpingThenSign() {
    FrostClient.Keys<E> keys = twoOfThree();
    KeyPackage<E> lost = keys.clientKeys().get(ONE);
    SortedMap<Identifier, KeyPackage<E>> remaining = new TreeMap<>(keys.clientKeys());
    remaining.remove(ONE);
    FrostClient.Keys<E> withoutOne =
        new FrostClient.Keys<>(keys.keyid(), keys.serverId(), remaining, keys.publicKeyPackage());
    FrostClient.Keys<E> repaired =
        client.repairClientShare(http, withoutOne, ONE, List.of(TWO, keys.serverId()));
    // RTS rebuilds the very share that was lost
    assertEquals(lost.signingShare(), repaired.clientKeys().get(ONE).signingShare());
    assertSigns(repaired, ONE, "with the repaired share");

    // part 2 without part 1 (the round was consumed): DKG's entry; the server's own delta never
    // left it
    String part2 = keyPath(keys, "/repair/part2");
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.putObject("deltas");
    problem(post(part2, body), 404, "no-dkg-round-found", part2, "keyid");
  }

  @Test
  void repairOfTheServersOwnShare() {
    FrostClient.Keys<E> keys = twoOfThree();
    // part 3 on a key that holds its share: 409
    String part3 = keyPath(keys, "/repair/part3");
    SortedMap<Identifier, Sigma> sigmas =
        client.clientSigmas(keys, keys.serverId(), List.of(ONE, TWO));
    problem(post(part3, client.repairPart3Request(sigmas)), 409, null, part3, "keyid");

    // the sandbox admin operation drops the server's share, keeping the public key package
    JsonNode dropped = http.post(client.dropSharePath(keys), (JsonNode) null).expect(200).json();
    assertTrue(dropped.path("share_lost").asBoolean(), dropped.toString());
    assertTrue(http.get(client.keyPath(keys)).expect(200).json().path("share_lost").asBoolean());
    // signing with it: 409 conflict naming the key
    String sign = prefix + "/sign/round1/" + keys.keyid();
    JsonNode p = problem(http.post(sign, (JsonNode) null), 409, null, sign, "keyid");
    assertEquals(keys.keyid(), p.get("keyid").asText());

    // a wrong sigma: the rebuilt share does not match the server's verifying share; nothing stored
    SortedMap<Identifier, Sigma> wrong = new TreeMap<>(sigmas);
    wrong.put(
        ONE,
        new Sigma(
            sigmas.get(ONE).value().add(BigInteger.ONE).mod(suite().frost().group().order())));
    problem(post(part3, client.repairPart3Request(wrong)), 500, internalSlug(), part3, "keyid");
    problem(http.post(sign, (JsonNode) null), 409, null, sign, "keyid");

    // the helpers' sigmas rebuild it
    client.repairServerShare(http, keys, List.of(ONE, TWO));
    assertFalse(http.get(client.keyPath(keys)).expect(200).json().has("share_lost"));
    assertSigns(keys, ONE, "with the server's repaired share");
  }
}
