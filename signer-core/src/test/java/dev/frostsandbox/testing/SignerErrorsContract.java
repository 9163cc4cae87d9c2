package dev.frostsandbox.testing;

import static dev.frostsandbox.testing.ProblemAssert.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.client.HttpAnswer;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.Signature;
import dev.frostsandbox.frost.dkg.Dkg;
import dev.frostsandbox.frost.dkg.Round1Package;
import dev.frostsandbox.frost.dkg.Round2Package;
import dev.frostsandbox.frost.json.FrostJson;
import dev.frostsandbox.frost.keys.KeyPackage;
import dev.frostsandbox.frost.signing.SignatureShare;
import dev.frostsandbox.frost.signing.SigningCommitments;
import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.frost.signing.SigningPackage;
import dev.frostsandbox.problem.ProblemRenderer;
import dev.frostsandbox.store.Store;
import dev.frostsandbox.store.StoreKeys;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Every documented error of the signer API, reached through the real request path of one service,
 * one ciphersuite and one store, and checked member by member (type, title, status, media type,
 * instance, extension members, JSON pointers), with no stack trace, class name or secret in any
 * body. A detail's text is checked only where docs/error-catalogue.md or docs/api.md defines it
 * (no-key-found, redis-error, serialize-error, the keyid rule); elsewhere it is prose. Each service
 * module extends this with one {@code @ParameterizedClass} over its suites and stores (see {@link
 * SuiteContract}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SignerErrorsContract<E> extends SuiteContract<E> {

  protected static final int MAX_BODY = 4096;

  protected TestSigner signer;
  protected SignerHttp http;
  protected FrostClient<E> client;
  protected Frost<E> frost;
  protected FrostJson<E> json;
  protected String prefix;
  protected String storageKey;

  /** Everything that must never show up in an error body. */
  protected final Set<String> secrets = new HashSet<>();

  /**
   * A ciphersuite this suite's packages must not carry: the service's other suite (ecdsa-schnorr),
   * or one of another service (eddsa).
   */
  private String otherCiphersuite() {
    return target().otherCiphersuite();
  }

  /**
   * True for FROST-secp256k1-POSEIDON-v1, whose protocol failures have their own catalogue entry.
   */
  private boolean poseidonSuite() {
    return target().poseidon();
  }

  /** "ecdsa" or "eddsa", as in "Cannot find an ecdsa key with id: ...". */
  private String keyKind() {
    return target().keyKind();
  }

  @BeforeParameterizedClassInvocation
  void startSigner() {
    secrets.clear();
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    storageKey = Base64.getEncoder().encodeToString(k);
    secrets.add(storageKey);
    signer = TestSigner.start(definition(), env(Map.of()));
    http = signer.http();
    frost = suite().frost();
    json = frost.json();
    prefix = definition().prefix();
    client = new FrostClient<>(frost, prefix, new SecureRandom());
  }

  @AfterParameterizedClassInvocation
  void stopSigner() {
    if (signer != null) {
      signer.close();
      signer = null;
    }
  }

  /** The store plus a storage key (so sealing is on the error paths too) plus {@code extra}. */
  protected Map<String, String> env(Map<String, String> extra) {
    Map<String, String> e = new HashMap<>(storeEnv());
    e.put("SIGNER_STORAGE_KEY", storageKey);
    e.put("SIGNER_MAX_BODY_BYTES", Integer.toString(MAX_BODY));
    e.putAll(extra);
    return e;
  }

  protected static String newKeyId() {
    return "0x" + UUID.randomUUID().toString().replace("-", "");
  }

  protected static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  protected String path(String route, String keyid) {
    return prefix + route + "/" + keyid;
  }

  protected String hex(long id) {
    return json.identifier(Identifier.of(id));
  }

  protected String internalSlug() {
    return poseidonSuite() ? "frost-poseidon-internal-error" : "frost-internal-error";
  }

  protected String internalTitle() {
    return poseidonSuite() ? "Frost Poseidon internal error" : "Frost internal error";
  }

  // ---- problem checks ----

  protected JsonNode problem(
      HttpAnswer a, int status, String slug, String title, String path, String... ext) {
    return ProblemAssert.problem(a, status, slug, title, path, secrets, ext);
  }

  /**
   * 400 frost-request-json-invalid with url = the route path and one {@code errors} entry per
   * pointer, exactly and in order. The pointers are the contract (README, "errors [{pointer,
   * detail}]"); the detail texts are prose no document defines, so only their presence is checked.
   */
  protected JsonNode jsonInvalid(HttpAnswer a, String route, String keyid, List<String> pointers) {
    JsonNode p =
        problem(
            a,
            400,
            "frost-request-json-invalid",
            "Frost request json invalid",
            path(route, keyid),
            "url",
            "errors");
    assertEquals(prefix + route, p.get("url").asText(), "url is the route without keyid");
    List<List<String>> actual = errors(p);
    assertEquals(
        pointers, actual.stream().map(e -> e.get(0)).toList(), () -> "error pointers: " + actual);
    actual.forEach(e -> assertFalse(e.get(1).isBlank(), () -> "an error has a detail: " + actual));
    return p;
  }

  protected JsonNode noKey(HttpAnswer a, String route, String keyid) {
    JsonNode p = problem(a, 404, "no-key-found", "No key found", path(route, keyid), "keyid");
    assertEquals(
        "Cannot find an " + keyKind() + " key with id: " + keyid, p.get("detail").asText());
    assertEquals(keyid, p.get("keyid").asText());
    return p;
  }

  protected JsonNode noDkgRound(HttpAnswer a, String keyid) {
    JsonNode p =
        problem(
            a,
            404,
            "no-dkg-round-found",
            "No DKG round found",
            path("/dkg/round2", keyid),
            "keyid");
    assertEquals(keyid, p.get("keyid").asText());
    return p;
  }

  protected JsonNode noSigningRound(HttpAnswer a, String keyid) {
    JsonNode p =
        problem(
            a,
            404,
            "no-signing-round-found",
            "No signing round found",
            path("/sign/round2", keyid),
            "keyid");
    assertEquals(keyid, p.get("keyid").asText());
    return p;
  }

  /**
   * The engine's failure: the problem's "culprits" member names every participant at fault (the
   * identifiers given), in identifier order, and its "culprit" member the first (kept for clients
   * that read one); the detail is prose.
   */
  protected JsonNode internalError(HttpAnswer a, String route, String keyid, long... culprits) {
    JsonNode p =
        problem(
            a,
            500,
            internalSlug(),
            internalTitle(),
            path(route, keyid),
            "keyid",
            "culprit",
            "culprits");
    assertEquals(keyid, p.get("keyid").asText());
    assertEquals(hex(culprits[0]), p.get("culprit").asText(), "the first culprit is named");
    List<String> all = new java.util.ArrayList<>();
    p.get("culprits").forEach(c -> all.add(c.asText()));
    assertEquals(
        java.util.Arrays.stream(culprits).mapToObj(this::hex).toList(),
        all,
        "every culprit is named");
    return p;
  }

  // ---- protocol helpers ----

  protected FrostClient.Keys<E> dkg() {
    FrostClient.Keys<E> keys = client.dkg(http, newKeyId());
    keys.clientKeys().values().forEach(k -> secrets.add(json.scalar(k.signingShare())));
    return keys;
  }

  protected ObjectNode signBody(
      String message, Map<Identifier, SigningCommitments<E>> commitments) {
    ObjectNode body = object();
    body.put("message", message);
    body.set("signing_commitments", json.identifierMap(commitments, json::signingCommitments));
    return body;
  }

  protected SortedMap<Identifier, SigningCommitments<E>> commitments(
      FrostClient.Keys<E> keys, long... ids) {
    SortedMap<Identifier, SigningCommitments<E>> out = new TreeMap<>();
    for (long id : ids) {
      KeyPackage<E> k = keys.clientKeys().get(Identifier.of(id));
      BigInteger share = k != null ? k.signingShare() : BigInteger.ONE;
      SigningNonces<E> n = frost.signing().commit(share, new SecureRandom());
      secrets.add(json.scalar(n.hidingNonce()));
      out.put(Identifier.of(id), n.commitments());
    }
    return out;
  }

  /** Fresh commitments nobody holds the nonces of (for a signer that is not the caller). */
  protected SigningCommitments<E> strayCommitments() {
    return frost.signing().commit(BigInteger.TWO, new SecureRandom()).commitments();
  }

  /** The client participants' round-2 packages for the server. */
  protected SortedMap<Identifier, Round2Package> toServer(FrostClient.DkgSession<E> s) {
    SortedMap<Identifier, Round2Package> out = new TreeMap<>();
    s.part1()
        .forEach(
            (id, p1) -> {
              SortedMap<Identifier, Round1Package<E>> others = new TreeMap<>(s.allRound1());
              others.remove(id);
              Round2Package p =
                  frost.dkg().part2(p1.secretPackage(), others).packages().get(s.serverId());
              secrets.add(json.scalar(p.signingShare()));
              out.put(id, p);
            });
    return out;
  }

  protected ObjectNode round2Body(Map<Identifier, Round2Package> packages, boolean shorthand) {
    ObjectNode body = object();
    if (shorthand) {
      body.set("round2_package", json.round2Package(packages.values().iterator().next()));
    } else {
      body.set("round2_packages", json.identifierMap(packages, json::round2Package));
    }
    return body;
  }

  /** Every header.ciphersuite in a document rewritten to {@code suite}. */
  protected static JsonNode withCiphersuite(JsonNode node, String suite) {
    JsonNode copy = node.deepCopy();
    rewrite(copy, suite);
    return copy;
  }

  private static void rewrite(JsonNode node, String suite) {
    if (node instanceof ObjectNode o) {
      if (o.path("header").isObject()) {
        ((ObjectNode) o.get("header")).put("ciphersuite", suite);
      }
      o.elements().forEachRemaining(child -> rewrite(child, suite));
    }
  }

  protected HttpAnswer post(String route, String keyid, JsonNode body) {
    return http.post(path(route, keyid), body);
  }

  // =====================================================================================
  // base64-decode-error
  // =====================================================================================

  @Test
  void badBase64MessageIsBase64DecodeError() {
    FrostClient.Keys<E> keys = dkg();
    HttpAnswer a = post("/sign", keys.keyid(), signBody("not base64 !!", commitments(keys, 1)));
    JsonNode p =
        problem(
            a,
            400,
            "base64-decode-error",
            "Base64 decode error",
            path("/sign", keys.keyid()),
            "keyid");
    assertEquals(keys.keyid(), p.get("keyid").asText());
  }

  // =====================================================================================
  // frost-request-json-invalid
  // =====================================================================================

  @Test
  void unknownWrapperFieldIsRejectedOnEveryRoute() {
    FrostClient.Keys<E> keys = dkg();
    String k = keys.keyid();
    SortedMap<Identifier, Dkg.Part1<E>> part1 = client.dkgPart1(2, 2);
    ObjectNode r1 = client.round1Request(part1, 2, 2, true);
    r1.put("foo", 1);
    String fresh = newKeyId();
    jsonInvalid(post("/dkg/round1", fresh, r1), "/dkg/round1", fresh, List.of("/foo"));

    ObjectNode sign =
        signBody(Base64.getEncoder().encodeToString(new byte[] {1}), commitments(keys, 1));
    sign.put("extra", true);
    jsonInvalid(post("/sign", k, sign), "/sign", k, List.of("/extra"));
  }

  @Test
  void unknownFieldInsideAPackageIsPointedAt() {
    SortedMap<Identifier, Dkg.Part1<E>> part1 = client.dkgPart1(2, 2);
    ObjectNode r1 = client.round1Request(part1, 2, 2, true);
    ((ObjectNode) r1.get("round1_package")).put("extra", "x");
    String k = newKeyId();
    jsonInvalid(post("/dkg/round1", k, r1), "/dkg/round1", k, List.of("/round1_package/extra"));

    FrostClient.Keys<E> keys = dkg();
    ObjectNode sign =
        signBody(Base64.getEncoder().encodeToString(new byte[] {1}), commitments(keys, 1));
    ((ObjectNode) sign.get("signing_commitments").get(hex(1))).put("nonce", "00");
    jsonInvalid(
        post("/sign", keys.keyid(), sign),
        "/sign",
        keys.keyid(),
        List.of("/signing_commitments/" + hex(1) + "/nonce"));
  }

  @Test
  void bodyThatIsNotJsonIsRejectedOnEveryRoute() {
    FrostClient.Keys<E> keys = dkg();
    for (String route :
        List.of("/dkg/round1", "/dkg/round2", "/sign", "/sign/round2", "/aggregate")) {
      HttpAnswer a =
          http.post(path(route, keys.keyid()), "{\"round1_package\": ", "application/json");
      // the pointer names the member whose value the parser was reading when the body ended
      jsonInvalid(a, route, keys.keyid(), List.of("/round1_package"));
      HttpAnswer array = http.post(path(route, keys.keyid()), "[1, 2]", "application/json");
      jsonInvalid(array, route, keys.keyid(), List.of(""));
      HttpAnswer twice =
          http.post(path(route, keys.keyid()), "{\"a\": 1, \"a\": 2}", "application/json");
      jsonInvalid(twice, route, keys.keyid(), List.of("/a"));
      HttpAnswer empty = http.post(path(route, keys.keyid()), "", "application/json");
      jsonInvalid(empty, route, keys.keyid(), List.of(""));
    }
  }

  @Test
  void roundOnePackageCountMustMatchMaxSigners() {
    ObjectNode r1 = client.round1Request(client.dkgPart1(2, 3), 2, 4, false);
    String k = newKeyId();
    jsonInvalid(post("/dkg/round1", k, r1), "/dkg/round1", k, List.of("/round1_packages"));
  }

  @Test
  void commitmentLengthMustMatchMinSigners() {
    ObjectNode r1 = client.round1Request(client.dkgPart1(2, 3), 3, 3, false);
    String k = newKeyId();
    jsonInvalid(
        post("/dkg/round1", k, r1),
        "/dkg/round1",
        k,
        List.of(
            "/round1_packages/" + hex(1) + "/commitment",
            "/round1_packages/" + hex(2) + "/commitment"));
  }

  @Test
  void serverIdentifierMustNotBeAClients() {
    ObjectNode r1 = client.round1Request(client.dkgPart1(2, 3), 2, 3, false);
    r1.put("identifier", hex(2));
    String k = newKeyId();
    jsonInvalid(post("/dkg/round1", k, r1), "/dkg/round1", k, List.of("/identifier"));
  }

  @Test
  void signingCommitmentsOfANonHolderAreRejected() {
    FrostClient.Keys<E> keys = dkg();
    SortedMap<Identifier, SigningCommitments<E>> c = new TreeMap<>();
    c.put(Identifier.of(7), strayCommitments());
    ObjectNode body = signBody(Base64.getEncoder().encodeToString(new byte[] {1}), c);
    jsonInvalid(
        post("/sign", keys.keyid(), body),
        "/sign",
        keys.keyid(),
        List.of("/signing_commitments/" + hex(7)));

    // the same in a signing package for aggregate
    SortedMap<Identifier, SigningCommitments<E>> all = commitments(keys, 1);
    all.put(keys.serverId(), strayCommitments());
    all.put(Identifier.of(9), strayCommitments());
    SigningPackage<E> pkg = new SigningPackage<>(all, new byte[] {1});
    ObjectNode agg = object();
    agg.set("signing_package", json.signingPackage(pkg));
    Map<Identifier, SignatureShare> shares = new TreeMap<>();
    all.keySet().forEach(id -> shares.put(id, new SignatureShare(BigInteger.ONE)));
    agg.set("signature_shares", json.identifierMap(shares, json::signatureShare));
    jsonInvalid(
        post("/aggregate", keys.keyid(), agg),
        "/aggregate",
        keys.keyid(),
        List.of("/signing_package/signing_commitments/" + hex(9)));
  }

  @Test
  void serverIdentifierInOneRoundSignCommitmentsIsRejected() {
    FrostClient.Keys<E> keys = dkg();
    SortedMap<Identifier, SigningCommitments<E>> c = commitments(keys, 1);
    c.put(keys.serverId(), strayCommitments());
    ObjectNode body = signBody(Base64.getEncoder().encodeToString(new byte[] {1}), c);
    jsonInvalid(
        post("/sign", keys.keyid(), body),
        "/sign",
        keys.keyid(),
        List.of("/signing_commitments/" + hex(2)));
  }

  @Test
  void tooFewSignersAreRejectedOnEverySigningRoute() {
    FrostClient.Keys<E> keys = dkg();
    String k = keys.keyid();
    ObjectNode body = signBody(Base64.getEncoder().encodeToString(new byte[] {1}), new TreeMap<>());
    jsonInvalid(post("/sign", k, body), "/sign", k, List.of("/signing_commitments"));

    // round 2 with only the server's own (real) commitments
    SigningPackage<E> alone = client.signRound1(http, keys, new byte[] {1}, new TreeMap<>());
    jsonInvalid(
        post("/sign/round2", k, client.signRound2Request(alone)),
        "/sign/round2",
        k,
        List.of("/signing_package/signing_commitments"));

    // round 2 with a package that leaves the server out
    SigningPackage<E> withoutServer = new SigningPackage<>(commitments(keys, 1), new byte[] {1});
    jsonInvalid(
        post("/sign/round2", k, client.signRound2Request(withoutServer)),
        "/sign/round2",
        k,
        List.of("/signing_package/signing_commitments", "/signing_package/signing_commitments"));

    ObjectNode agg = object();
    agg.set("signing_package", json.signingPackage(alone));
    agg.set(
        "signature_shares",
        json.identifierMap(
            Map.of(keys.serverId(), new SignatureShare(BigInteger.ONE)), json::signatureShare));
    jsonInvalid(
        post("/aggregate", k, agg),
        "/aggregate",
        k,
        List.of("/signing_package/signing_commitments"));
  }

  @Test
  void roundTwoPackagesMissingAParticipantAreRejectedAndTheRoundSurvives() {
    String k = newKeyId();
    FrostClient.DkgSession<E> s = client.dkgRound1(http, k, 2, 3, false);
    SortedMap<Identifier, Round2Package> all = toServer(s);
    SortedMap<Identifier, Round2Package> partial = new TreeMap<>(all);
    partial.remove(Identifier.of(2));
    jsonInvalid(
        post("/dkg/round2", k, round2Body(partial, false)),
        "/dkg/round2",
        k,
        List.of("/round2_packages/" + hex(2)));
    // a rejected body does not consume the round: the complete one still finishes the DKG
    assertEquals(3, client.dkgRound2(http, s).publicKeyPackage().verifyingShares().size());
  }

  @Test
  void aggregateSharesMustMatchThePackage() {
    FrostClient.Keys<E> keys = dkg();
    SortedMap<Identifier, SigningCommitments<E>> all = commitments(keys, 1);
    all.put(keys.serverId(), strayCommitments());
    ObjectNode agg = object();
    agg.set("signing_package", json.signingPackage(new SigningPackage<>(all, new byte[] {1})));
    Map<Identifier, SignatureShare> shares =
        Map.of(
            Identifier.of(1),
            new SignatureShare(BigInteger.ONE),
            Identifier.of(5),
            new SignatureShare(BigInteger.TWO));
    agg.set("signature_shares", json.identifierMap(shares, json::signatureShare));
    jsonInvalid(
        post("/aggregate", keys.keyid(), agg),
        "/aggregate",
        keys.keyid(),
        List.of("/signature_shares/" + hex(2), "/signature_shares/" + hex(5)));
  }

  @Test
  void packagesOfAnotherCiphersuiteAreRejectedOnEveryRoute() {
    String other = otherCiphersuite();
    FrostClient.Keys<E> keys = dkg();
    String k = keys.keyid();

    // DKG round 1: the first package picks the suite, a later one may not differ
    SortedMap<Identifier, Dkg.Part1<E>> part1 = client.dkgPart1(2, 3);
    ObjectNode r1 = client.round1Request(part1, 2, 3, false);
    ((ObjectNode) r1.get("round1_packages"))
        .set(hex(2), withCiphersuite(r1.get("round1_packages").get(hex(2)), other));
    String fresh = newKeyId();
    jsonInvalid(
        post("/dkg/round1", fresh, r1),
        "/dkg/round1",
        fresh,
        List.of("/round1_packages/" + hex(2) + "/header/ciphersuite"));

    // DKG round 2 of a round started with this suite
    String k2 = newKeyId();
    FrostClient.DkgSession<E> s = client.dkgRound1(http, k2, 2, 2, true);
    jsonInvalid(
        post("/dkg/round2", k2, withCiphersuite(round2Body(toServer(s), true), other)),
        "/dkg/round2",
        k2,
        List.of("/round2_package/header/ciphersuite"));

    // one-round sign
    ObjectNode sign =
        signBody(Base64.getEncoder().encodeToString(new byte[] {1}), commitments(keys, 1));
    jsonInvalid(
        post("/sign", k, withCiphersuite(sign, other)),
        "/sign",
        k,
        List.of("/signing_commitments/" + hex(1) + "/header/ciphersuite"));

    // sign round 2 and aggregate with a real package of this key
    SortedMap<Identifier, SigningNonces<E>> nonces =
        client.newNonces(keys, client.defaultSigners(keys));
    SigningPackage<E> pkg = client.signRound1(http, keys, new byte[] {1}, nonces);
    JsonNode round2 = withCiphersuite(client.signRound2Request(pkg), other);
    jsonInvalid(
        post("/sign/round2", k, round2),
        "/sign/round2",
        k,
        List.of(
            "/signing_package/header/ciphersuite",
            "/signing_package/signing_commitments/" + hex(1) + "/header/ciphersuite",
            "/signing_package/signing_commitments/" + hex(2) + "/header/ciphersuite"));
    // the nonces were not consumed by the rejected request
    SignatureShare serverShare = client.signRound2(http, keys, pkg);

    SortedMap<Identifier, SignatureShare> shares = client.clientShares(keys, pkg, nonces);
    shares.put(keys.serverId(), serverShare);
    ObjectNode agg = object();
    agg.set("signing_package", json.signingPackage(pkg));
    agg.set(
        "signature_shares",
        withCiphersuite(json.identifierMap(shares, json::signatureShare), other));
    jsonInvalid(
        post("/aggregate", k, agg),
        "/aggregate",
        k,
        List.of(
            "/signature_shares/" + hex(1) + "/header/ciphersuite",
            "/signature_shares/" + hex(2) + "/header/ciphersuite"));
  }

  @Test
  void unsupportedCiphersuiteInDkgRoundOne() {
    ObjectNode r1 = client.round1Request(client.dkgPart1(2, 2), 2, 2, true);
    String k = newKeyId();
    jsonInvalid(
        post("/dkg/round1", k, withCiphersuite(r1, "FROST-P256-SHA256-v1")),
        "/dkg/round1",
        k,
        List.of("/round1_package/header/ciphersuite"));
  }

  // =====================================================================================
  // no-dkg-round-found
  // =====================================================================================

  @Test
  void roundTwoWithoutRoundOne() {
    String k = newKeyId();
    SortedMap<Identifier, Round2Package> p =
        new TreeMap<>(Map.of(Identifier.of(1), new Round2Package(BigInteger.TEN)));
    noDkgRound(post("/dkg/round2", k, round2Body(p, true)), k);
  }

  @Test
  void roundTwoTwice() {
    String k = newKeyId();
    FrostClient.DkgSession<E> s = client.dkgRound1(http, k, 2, 2, true);
    ObjectNode body = round2Body(toServer(s), true);
    assertEquals(201, post("/dkg/round2", k, body).status());
    noDkgRound(post("/dkg/round2", k, body), k);
  }

  @Test
  void roundTwoAfterTheRoundExpired() throws InterruptedException {
    try (TestSigner shortLived =
        TestSigner.start(definition(), env(Map.of("SIGNER_ROUND_TTL_SECONDS", "1")))) {
      SignerHttp h = shortLived.http();
      String k = newKeyId();
      FrostClient.DkgSession<E> s = client.dkgRound1(h, k, 2, 2, true);
      ObjectNode body = round2Body(toServer(s), true);
      // the store owns the round's ttl: wait until the round state is gone (a read does not consume
      // it)
      Store store = shortLived.server().store();
      String ns = definition().name() + ".default";
      Eventually.eventually(
          Duration.ofSeconds(30), () -> assertNull(store.get(StoreKeys.dkg(ns, k)).await()));
      noDkgRound(h.post(path("/dkg/round2", k), body), k);
      // and a fresh round 1 restarts the protocol
      client.dkgRound2(h, client.dkgRound1(h, k, 2, 2, true));
    }
  }

  // =====================================================================================
  // no-key-found
  // =====================================================================================

  @Test
  void noKeyOnEveryKeyEndpoint() {
    String k = newKeyId();
    noKey(post("/sign", k, object()), "/sign", k);
    noKey(http.post(path("/sign/round1", k), (JsonNode) null), "/sign/round1", k);
    noKey(post("/sign/round2", k, object()), "/sign/round2", k);
    noKey(post("/aggregate", k, object()), "/aggregate", k);
    noKey(http.get(path("/keys", k)), "/keys", k);
    noKey(http.delete(path("/keys", k)), "/keys", k);
  }

  @Test
  void deletedKeyIsNoKeyFound() {
    FrostClient.Keys<E> keys = dkg();
    assertEquals(204, http.delete(path("/keys", keys.keyid())).status());
    noKey(http.get(path("/keys", keys.keyid())), "/keys", keys.keyid());
    noKey(
        http.post(path("/sign/round1", keys.keyid()), (JsonNode) null),
        "/sign/round1",
        keys.keyid());
  }

  // =====================================================================================
  // no-signing-round-found
  // =====================================================================================

  @Test
  void roundTwoWithCommitmentsTheServerNeverIssued() {
    FrostClient.Keys<E> keys = dkg();
    SortedMap<Identifier, SigningCommitments<E>> all = commitments(keys, 1);
    all.put(keys.serverId(), strayCommitments());
    SigningPackage<E> pkg = new SigningPackage<>(all, new byte[] {1, 2});
    noSigningRound(post("/sign/round2", keys.keyid(), client.signRound2Request(pkg)), keys.keyid());
  }

  @Test
  void sameSigningRoundTwoTwice() {
    FrostClient.Keys<E> keys = dkg();
    SortedMap<Identifier, SigningNonces<E>> nonces =
        client.newNonces(keys, client.defaultSigners(keys));
    SigningPackage<E> pkg = client.signRound1(http, keys, new byte[] {3}, nonces);
    client.signRound2(http, keys, pkg);
    noSigningRound(post("/sign/round2", keys.keyid(), client.signRound2Request(pkg)), keys.keyid());
  }

  // =====================================================================================
  // frost-internal-error / frost-poseidon-internal-error
  // =====================================================================================

  @Test
  void invalidProofOfKnowledgeNamesTheCulprit() {
    SortedMap<Identifier, Dkg.Part1<E>> part1 = client.dkgPart1(2, 2);
    Round1Package<E> real = part1.get(Identifier.of(1)).package_();
    Signature<E> proof = real.proofOfKnowledge();
    Round1Package<E> forged =
        new Round1Package<>(
            real.commitment(),
            new Signature<>(proof.r(), proof.z().add(BigInteger.ONE).mod(frost.group().order())));
    ObjectNode body = object();
    body.set("round1_package", json.round1Package(forged));
    String k = newKeyId();
    internalError(post("/dkg/round1", k, body), "/dkg/round1", k, 1);
    // nothing was kept: there is no round to finish
    SortedMap<Identifier, Round2Package> p =
        new TreeMap<>(Map.of(Identifier.of(1), new Round2Package(BigInteger.TEN)));
    noDkgRound(post("/dkg/round2", k, round2Body(p, true)), k);
  }

  @Test
  void invalidRoundTwoShareNamesTheCulpritAndEndsTheRound() {
    String k = newKeyId();
    FrostClient.DkgSession<E> s = client.dkgRound1(http, k, 2, 3, false);
    SortedMap<Identifier, Round2Package> good = toServer(s);
    SortedMap<Identifier, Round2Package> bad = new TreeMap<>(good);
    BigInteger tampered =
        good.get(Identifier.of(2)).signingShare().add(BigInteger.ONE).mod(frost.group().order());
    secrets.add(json.scalar(tampered));
    bad.put(Identifier.of(2), new Round2Package(tampered));
    internalError(post("/dkg/round2", k, round2Body(bad, false)), "/dkg/round2", k, 2);
    // documented: a failed DKG cannot be resumed, even with the right packages
    noDkgRound(post("/dkg/round2", k, round2Body(good, false)), k);
    noKey(http.get(path("/keys", k)), "/keys", k);
  }

  @Test
  void tamperedSignatureShareInAggregateNamesTheCulprit() {
    FrostClient.Keys<E> keys = dkg();
    SortedMap<Identifier, SigningNonces<E>> nonces =
        client.newNonces(keys, client.defaultSigners(keys));
    SigningPackage<E> pkg =
        client.signRound1(http, keys, "tamper".getBytes(StandardCharsets.UTF_8), nonces);
    SignatureShare serverShare = client.signRound2(http, keys, pkg);
    SortedMap<Identifier, SignatureShare> shares = client.clientShares(keys, pkg, nonces);
    shares.put(
        Identifier.of(1),
        new SignatureShare(shares.get(Identifier.of(1)).share().add(BigInteger.ONE)));
    shares.put(keys.serverId(), serverShare);
    ObjectNode agg = object();
    agg.set("signing_package", json.signingPackage(pkg));
    agg.set("signature_shares", json.identifierMap(shares, json::signatureShare));
    internalError(post("/aggregate", keys.keyid(), agg), "/aggregate", keys.keyid(), 1);

    // a tampered server share is blamed on the server
    SortedMap<Identifier, SignatureShare> honest = client.clientShares(keys, pkg, nonces);
    honest.put(
        keys.serverId(),
        new SignatureShare(serverShare.share().add(BigInteger.ONE).mod(frost.group().order())));
    agg.set("signature_shares", json.identifierMap(honest, json::signatureShare));
    internalError(post("/aggregate", keys.keyid(), agg), "/aggregate", keys.keyid(), 2);
  }

  @Test
  void twoTamperedSharesInAggregateNameBothCulprits() {
    FrostClient.Keys<E> keys = client.dkg(http, newKeyId(), 3, 3);
    keys.clientKeys().values().forEach(k -> secrets.add(json.scalar(k.signingShare())));
    SortedMap<Identifier, SigningNonces<E>> nonces =
        client.newNonces(keys, client.defaultSigners(keys));
    SigningPackage<E> pkg =
        client.signRound1(http, keys, "two cheaters".getBytes(StandardCharsets.UTF_8), nonces);
    SortedMap<Identifier, SignatureShare> shares = client.clientShares(keys, pkg, nonces);
    shares.replaceAll(
        (id, share) ->
            new SignatureShare(share.share().add(BigInteger.ONE).mod(frost.group().order())));
    shares.put(keys.serverId(), client.signRound2(http, keys, pkg));
    ObjectNode agg = object();
    agg.set("signing_package", json.signingPackage(pkg));
    agg.set("signature_shares", json.identifierMap(shares, json::signatureShare));
    internalError(post("/aggregate", keys.keyid(), agg), "/aggregate", keys.keyid(), 1, 2);
  }

  // =====================================================================================
  // serialize-error
  // =====================================================================================

  private void assertSerializeError(HttpAnswer a, String route, String keyid) {
    JsonNode p = problem(a, 500, "serialize-error", "Serialize error", path(route, keyid));
    assertEquals("An error occurred while serializing", p.get("detail").asText());
  }

  @Test
  void unreadableStoredKeyIsSerializeError() {
    Store store = signer.server().store();
    String ns = definition().name() + ".default";
    List<byte[]> garbage = new ArrayList<>();
    garbage.add("garbage".getBytes(StandardCharsets.UTF_8));
    garbage.add(new byte[] {0, 1, 2, 3});
    garbage.add(new byte[] {1});
    // a real sealed key moved to another keyid: sealing binds each value to its keyid
    FrostClient.Keys<E> donor = dkg();
    garbage.add(store.get(StoreKeys.key(ns, donor.keyid())).await());
    for (byte[] value : garbage) {
      FrostClient.Keys<E> keys = dkg();
      String k = keys.keyid();
      store.put(StoreKeys.key(ns, k), value, null).await();
      assertSerializeError(http.get(path("/keys", k)), "/keys", k);
      ObjectNode sign =
          signBody(Base64.getEncoder().encodeToString(new byte[] {1}), commitments(keys, 1));
      assertSerializeError(post("/sign", k, sign), "/sign", k);
      assertSerializeError(http.post(path("/sign/round1", k), (JsonNode) null), "/sign/round1", k);
      // the client's documented way out: delete and recreate
      assertEquals(204, http.delete(path("/keys", k)).status());
      client.dkg(http, k);
    }
  }

  // =====================================================================================
  // 401 and tenants
  // =====================================================================================

  @Test
  void apiKeysAreRequiredAndTenantsAreIsolated() {
    String aliceKey = "alice-" + UUID.randomUUID();
    String bobKey = "bob-" + UUID.randomUUID();
    secrets.add(aliceKey);
    secrets.add(bobKey);
    try (TestSigner guarded =
        TestSigner.start(
            definition(), env(Map.of("SIGNER_API_KEYS", "alice=" + aliceKey + ",bob=" + bobKey)))) {
      String k = newKeyId();
      // missing, wrong, and malformed credentials
      List<SignerHttp> rejected =
          List.of(
              guarded.http(),
              guarded.http().header("Authorization", "Bearer wrong-" + aliceKey),
              guarded.http().header("x-api-key", bobKey + "x"),
              guarded.http().header("Authorization", aliceKey));
      for (SignerHttp h : rejected) {
        HttpAnswer get = h.get(path("/keys", k));
        problem(get, 401, null, "Unauthorized", path("/keys", k));
        assertEquals("Bearer", get.header("WWW-Authenticate"));
        HttpAnswer post =
            h.post(path("/dkg/round1", k), client.round1Request(client.dkgPart1(2, 2), 2, 2, true));
        problem(post, 401, null, "Unauthorized", path("/dkg/round1", k));
        assertEquals("Bearer", post.header("WWW-Authenticate"));
      }
      SignerHttp alice = guarded.http().header("Authorization", "Bearer " + aliceKey);
      SignerHttp bob = guarded.http().header("x-api-key", bobKey);
      FrostClient.Keys<E> keys = client.dkg(alice, k);

      // every key endpoint of another tenant answers as if the key did not exist
      noKey(bob.get(path("/keys", k)), "/keys", k);
      noKey(bob.delete(path("/keys", k)), "/keys", k);
      noKey(bob.post(path("/sign/round1", k), (JsonNode) null), "/sign/round1", k);
      noKey(bob.post(path("/sign", k), signBody("AQ==", commitments(keys, 1))), "/sign", k);
      SortedMap<Identifier, SigningNonces<E>> nonces =
          client.newNonces(keys, client.defaultSigners(keys));
      SigningPackage<E> pkg = client.signRound1(alice, keys, new byte[] {1}, nonces);
      noKey(bob.post(path("/sign/round2", k), client.signRound2Request(pkg)), "/sign/round2", k);
      ObjectNode agg = object();
      agg.set("signing_package", json.signingPackage(pkg));
      agg.set("signature_shares", object());
      noKey(bob.post(path("/aggregate", k), agg), "/aggregate", k);
      // alice's key and nonces are untouched
      client.signRound2(alice, keys, pkg);
      assertEquals(200, alice.get(path("/keys", k)).status());

      // another tenant's DKG round is invisible, and not consumed by trying
      String k2 = newKeyId();
      FrostClient.DkgSession<E> s = client.dkgRound1(alice, k2, 2, 2, true);
      noDkgRound(bob.post(path("/dkg/round2", k2), round2Body(toServer(s), true)), k2);
      client.dkgRound2(alice, s);
      // the same keyid is free for bob
      client.dkg(bob, k2);
    }
  }

  // =====================================================================================
  // generic HTTP errors
  // =====================================================================================

  @Test
  void unknownRouteIs404() {
    for (String p :
        List.of("/nope", prefix + "/nope/abc", prefix + "/dkg/round3/abc", prefix + "/keys")) {
      problem(http.get(p), 404, null, "Not Found", p);
    }
    String p = prefix + "/signx/abc";
    problem(http.post(p, object()), 404, null, "Not Found", p);
  }

  @Test
  void wrongMethodIs405() {
    String k = newKeyId();
    for (String route :
        List.of(
            "/dkg/round1", "/dkg/round2", "/sign", "/sign/round1", "/sign/round2", "/aggregate")) {
      problem(http.get(path(route, k)), 405, null, "Method Not Allowed", path(route, k));
    }
    problem(
        http.method("PUT", path("/keys", k)), 405, null, "Method Not Allowed", path("/keys", k));
    problem(
        http.post(path("/keys", k), object()), 405, null, "Method Not Allowed", path("/keys", k));
    problem(http.delete(path("/sign", k)), 405, null, "Method Not Allowed", path("/sign", k));
    problem(
        http.method("PATCH", path("/dkg/round2", k)),
        405,
        null,
        "Method Not Allowed",
        path("/dkg/round2", k));
  }

  @Test
  void keyidThatHoldsAKeyIs409InDkgRoundOne() {
    FrostClient.Keys<E> keys = dkg();
    String k = keys.keyid();
    HttpAnswer a = post("/dkg/round1", k, client.round1Request(client.dkgPart1(2, 2), 2, 2, true));
    JsonNode p = problem(a, 409, null, "Conflict", path("/dkg/round1", k), "keyid");
    assertEquals(k, p.get("keyid").asText());
  }

  @Test
  void keyidThatGotAKeyDuringTheRoundIs409InDkgRoundTwo() {
    String k = newKeyId();
    FrostClient.DkgSession<E> s = client.dkgRound1(http, k, 2, 2, true);
    // the race (a key created between round 1's check and round 2) forced through the store
    FrostClient.Keys<E> other = dkg();
    Store store = signer.server().store();
    String ns = definition().name() + ".default";
    store
        .put(StoreKeys.key(ns, k), store.get(StoreKeys.key(ns, other.keyid())).await(), null)
        .await();
    HttpAnswer a = post("/dkg/round2", k, round2Body(toServer(s), true));
    JsonNode p = problem(a, 409, null, "Conflict", path("/dkg/round2", k), "keyid");
    assertEquals(k, p.get("keyid").asText());
  }

  @Test
  void bodyOverTheLimitIs413() {
    String k = newKeyId();
    String big = "{\"pad\":\"" + "a".repeat(MAX_BODY + 100) + "\"}";
    for (String route : List.of("/dkg/round1", "/sign", "/aggregate")) {
      problem(
          http.post(path(route, k), big, "application/json"),
          413,
          null,
          "Content Too Large",
          path(route, k));
    }
  }

  @Test
  void textBodyIs415() {
    String k = newKeyId();
    for (String route :
        List.of("/dkg/round1", "/dkg/round2", "/sign", "/sign/round2", "/aggregate")) {
      problem(
          http.post(path(route, k), "{}", "text/plain"),
          415,
          null,
          "Unsupported Media Type",
          path(route, k));
    }
  }

  @Test
  void malformedKeyidIs400() {
    for (String keyid : List.of("bad$key", "a".repeat(129), "semi;colon")) {
      for (String route : List.of("/keys", "/sign/round1")) {
        HttpAnswer a =
            route.equals("/keys")
                ? http.get(path(route, keyid))
                : http.post(path(route, keyid), (JsonNode) null);
        JsonNode p = problem(a, 400, null, "Bad Request", path(route, keyid), "url");
        // the rule docs/api.md states for a keyid
        assertTrue(
            p.get("detail").asText().contains("1 to 128 characters of [A-Za-z0-9._:-]"),
            p.get("detail").asText());
        assertEquals(prefix + route, p.get("url").asText());
      }
    }
    String k = "bad$key";
    HttpAnswer a = post("/dkg/round1", k, client.round1Request(client.dkgPart1(2, 2), 2, 2, true));
    problem(a, 400, null, "Bad Request", path("/dkg/round1", k), "url");
  }

  @Test
  void undecodableKeyidIs400() throws Exception {
    // a client library would refuse to build these URIs, so they go over a raw socket
    for (String raw : List.of("%zz", "a%2Fb", "%00")) {
      String p = prefix + "/keys/" + raw;
      HttpAnswer a = rawGet(p);
      if (raw.equals("%zz")) {
        problem(a, 400, null, "Bad Request", p);
      } else {
        // decodes to a keyid outside the allowed characters
        problem(a, 400, null, "Bad Request", p, "url");
      }
    }
  }

  private HttpAnswer rawGet(String rawPath) throws Exception {
    return raw("GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  }

  /** Sends bytes a client library would not, reads the answer to the connection's end. */
  private HttpAnswer raw(String request) throws Exception {
    String response =
        new String(RawHttp.exchange(signer.port(), request).bytes(), StandardCharsets.UTF_8);
    assertTrue(response.startsWith("HTTP/1."), () -> "an answer, not: '" + response + "'");
    int status = Integer.parseInt(response.substring(9, 12));
    int split = response.indexOf("\r\n\r\n");
    Map<String, List<String>> headers = new HashMap<>();
    for (String line : response.substring(0, split).split("\r\n", -1)) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.put(line.substring(0, colon).trim(), List.of(line.substring(colon + 1).trim()));
      }
    }
    String body = response.substring(split + 4);
    JsonNode parsed =
        body.isEmpty() ? null : dev.frostsandbox.frost.json.FrostJson.MAPPER.readTree(body);
    return new HttpAnswer(status, headers, body, parsed);
  }

  @Test
  void requestsTheHttpDecoderCannotReadAre400Problems() throws Exception {
    Map<String, String> detailOf =
        Map.of(
            "GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
            "The request line is too long.",
            "GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n",
            "The request headers are too large.",
            "GARBAGE\r\n\r\n",
            "The request is not valid HTTP.",
            "POST " + prefix + "/dkg/round1/k HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
            "The request is not valid HTTP.");
    for (Map.Entry<String, String> e : detailOf.entrySet()) {
      HttpAnswer a = raw(e.getKey());
      // the path may be what was wrong: the instance is "/"
      JsonNode p = problem(a, 400, null, "Bad Request", "/");
      assertEquals(e.getValue(), p.path("detail").asText());
      assertEquals("close", a.header("Connection"));
    }
    // vert.x-web's own 400 before any route (no Host) stays the generic one, not a body's
    HttpAnswer noHost = raw("GET /health/live HTTP/1.1\r\nConnection: close\r\n\r\n");
    JsonNode p = problem(noHost, 400, null, "Bad Request", "/health/live");
    assertEquals("The request is malformed or invalid.", p.path("detail").asText());
  }

  /**
   * A body whose chunked encoding breaks is answered 400 before vert.x closes the connection (it
   * used to be closed with no answer), and is not logged as a server error (it was, as an
   * unexpected NumberFormatException).
   */
  @Test
  void aBodyWhoseChunkedEncodingBreaksIs400AndNoServerError() throws Exception {
    try (LogCapture renderer = LogCapture.of(ProblemRenderer.class, Level.WARNING)) {
      String k = newKeyId();
      String head =
          "POST "
              + path("/dkg/round1", k)
              + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              + "Transfer-Encoding: chunked\r\n\r\n";
      // a size that is not hex (NumberFormatException), first or after a good chunk; data longer
      // than its size (a DecoderException)
      for (String body : List.of("ZZ\r\n", "2\r\n{}\r\nQQ\r\n", "2\r\n{}XX\r\n")) {
        HttpAnswer a = raw(head + body);
        JsonNode p = problem(a, 400, null, "Bad Request", path("/dkg/round1", k));
        assertEquals("The request body could not be read.", p.path("detail").asText());
        assertEquals("close", a.header("Connection"));
      }
      // the answers were written by the failure handler, after anything it logged
      assertEquals(List.of(), renderer.messages());
    }
  }

  /**
   * Every error body above went through {@link ProblemAssert#assertClean}; this checks the checker.
   */
  @Test
  void leakCheckerCatchesTracesClassNamesAndSecrets() {
    Set<String> s = Set.of("deadbeef");
    for (String leaky :
        List.of(
            "{\"detail\":\"java.lang.IllegalStateException: x\"}",
            "{\"detail\":\"at dev.frostsandbox.signer.SignerVerticle.router(SignerVerticle.java:42)\"}",
            "{\"detail\":\"share DEADBEEF\"}")) {
      assertTrue(assertionFails(() -> ProblemAssert.assertClean(leaky, s)), leaky);
    }
    ProblemAssert.assertClean("{\"type\":\"" + ProblemAssert.TYPE_BASE + "redis-error\"}", s);
  }

  private static boolean assertionFails(Runnable r) {
    try {
      r.run();
      return false;
    } catch (AssertionError expected) {
      return true;
    }
  }
}
