package dev.frostsandbox.signer.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.client.HttpAnswer;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.frost.Bytes;
import dev.frostsandbox.frost.FrostException;
import dev.frostsandbox.frost.FrostException.Kind;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.InvalidElementKind;
import dev.frostsandbox.frost.Signature;
import dev.frostsandbox.frost.dkg.Round2Package;
import dev.frostsandbox.frost.signing.SignatureShare;
import dev.frostsandbox.frost.signing.SigningCommitments;
import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.frost.signing.SigningPackage;
import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.testing.Problems;
import dev.frostsandbox.testing.SuiteContract;
import dev.frostsandbox.testing.TestSigner;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * FROST-level faults over real HTTP for one suite and one store (docs/faults.md): a misbehaving
 * cosigner ({@code X-Fault: <slug>} and admin rules), which the project's {@link FrostClient}
 * detects at the frost-core step the docs name, naming the server's identifier, while the server's
 * state is what a correct answer leaves (the key still signs; nonces are consumed); and answers
 * lost after commit ({@code X-Fault-Abort: after-commit}), with what the client's real retry sees
 * on each endpoint. Each service module runs it over its suites and both stores
 * (@ParameterizedClass).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ProtocolFaultsContract<E> extends SuiteContract<E> {

  private static final byte[] MESSAGE = "protocol faults".getBytes(StandardCharsets.UTF_8);

  private TestSigner signer;
  private FrostClient<E> client;
  private String prefix;

  @BeforeParameterizedClassInvocation
  void start() {
    Map<String, String> env = new HashMap<>(storeEnv());
    env.put("SIGNER_FAULTS_ENABLED", "true");
    signer = TestSigner.start(definition(), env);
    client = new FrostClient<>(suite().frost(), definition().prefix(), new SecureRandom());
    prefix = definition().prefix();
  }

  @AfterParameterizedClassInvocation
  void stop() {
    if (signer != null) {
      signer.close();
      signer = null;
    }
  }

  @AfterEach
  void removeRules() {
    assertEquals(204, signer.http().delete("/admin/faults").status());
  }

  private static String newId() {
    return "k" + UUID.randomUUID().toString().replace("-", "");
  }

  /** A fresh client (own connection pool) sending {@code headers} with every request. */
  private SignerHttp http(String... headers) {
    SignerHttp h = signer.http();
    for (int i = 0; i < headers.length; i += 2) {
      h.header(headers[i], headers[i + 1]);
    }
    return h;
  }

  private SignerHttp fault(String slug) {
    return http(FaultHeaders.FAULT, slug);
  }

  private FrostClient.Keys<E> dkg(int max) {
    return max == 2 ? client.dkg(http(), newId()) : client.dkg(http(), newId(), 2, max);
  }

  private static Identifier serverId(int max) {
    return Identifier.of(max);
  }

  private static FrostException detects(Kind kind, Identifier culprit, Executable step) {
    FrostException e = assertThrows(FrostException.class, step);
    assertEquals(kind, e.kind(), e.getMessage());
    assertEquals(culprit, e.culprit(), e.getMessage());
    return e;
  }

  private static HttpAnswer injected(HttpAnswer a, int status, String what) {
    assertEquals(status, a.status(), a.body());
    assertEquals(what, a.header(FaultHeaders.INJECTED), a.body());
    return a;
  }

  /** The key signs in one and in two rounds, and the server aggregates. */
  private void assertSigns(FrostClient.Keys<E> keys) {
    assertTrue(
        client.verify(
            keys,
            MESSAGE,
            client.signOneRound(http(), keys, MESSAGE, client.defaultSigners(keys))));
    assertTrue(
        client.verify(
            keys,
            MESSAGE,
            client.signTwoRounds(http(), http(), keys, MESSAGE, client.defaultSigners(keys))));
    client.getKey(http(), keys);
  }

  private FrostClient.OneRoundSign<E> oneRoundRequest(FrostClient.Keys<E> keys) {
    return client.signOneRoundRequest(
        keys, MESSAGE, client.newNonces(keys, client.defaultSigners(keys)));
  }

  // ---- a misbehaving cosigner: signing ----

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void badSignatureShareOnSignNamesTheServerAtAggregate(int max) {
    FrostClient.Keys<E> keys = dkg(max);
    oneRoundSignNamesTheServerAtAggregate(keys, max, "bad-signature-share");
    // the same request without the header succeeds
    FrostClient.OneRoundSign<E> again = oneRoundRequest(keys);
    HttpAnswer b = http().post(again.path(), again.body()).expect(200);
    assertNull(b.header(FaultHeaders.INJECTED));
    FrostClient.ServerShare<E> good = client.signOneRoundAnswer(keys, again, b.json());
    assertTrue(
        client.verify(
            keys,
            MESSAGE,
            client.aggregateLocally(keys, good.signingPackage(), again.nonces(), good.share())));
    assertSigns(keys);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void badSignatureShareOnRound2NamesTheServerAndConsumesTheNonces(int max) {
    FrostClient.Keys<E> keys = dkg(max);
    SortedMap<Identifier, SigningNonces<E>> nonces =
        client.newNonces(keys, client.defaultSigners(keys));
    SigningPackage<E> pkg = client.signRound1(http(), keys, MESSAGE, nonces);
    HttpAnswer a =
        injected(
            fault("bad-signature-share")
                .post(client.signRound2Path(keys), client.signRound2Request(pkg)),
            200,
            "bad-signature-share");
    SignatureShare share = client.signRound2Answer(keys, a.json());
    detects(
        Kind.INVALID_SIGNATURE_SHARE,
        serverId(max),
        () -> client.aggregateLocally(keys, pkg, nonces, share));
    // the nonces were consumed as by a correct answer
    Problems.assertProblem(
        http().post(client.signRound2Path(keys), client.signRound2Request(pkg)),
        Catalogue.NO_SIGNING_ROUND_FOUND);
    assertSigns(keys);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void badSigningCommitmentOnSignNamesTheServerAtAggregate(int max) {
    FrostClient.Keys<E> keys = dkg(max);
    oneRoundSignNamesTheServerAtAggregate(keys, max, "bad-signing-commitment");
    assertSigns(keys);
  }

  /**
   * A one-round sign with the fault {@code name} injected: answered 200 (the header says so), and
   * the client's aggregation fails naming the server.
   */
  private void oneRoundSignNamesTheServerAtAggregate(
      FrostClient.Keys<E> keys, int max, String name) {
    FrostClient.OneRoundSign<E> request = oneRoundRequest(keys);
    HttpAnswer a = injected(fault(name).post(request.path(), request.body()), 200, name);
    FrostClient.ServerShare<E> server = client.signOneRoundAnswer(keys, request, a.json());
    detects(
        Kind.INVALID_SIGNATURE_SHARE,
        serverId(max),
        () ->
            client.aggregateLocally(
                keys, server.signingPackage(), request.nonces(), server.share()));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void badSigningCommitmentOnRound1NamesTheServerAfterRound2(int max) {
    FrostClient.Keys<E> keys = dkg(max);
    SortedMap<Identifier, SigningNonces<E>> nonces =
        client.newNonces(keys, client.defaultSigners(keys));
    HttpAnswer a =
        injected(
            fault("bad-signing-commitment").post(client.signRound1Path(keys), (JsonNode) null),
            201,
            "bad-signing-commitment");
    SigningPackage<E> pkg = client.signRound1Answer(keys, MESSAGE, nonces, a.json());
    // round 2, without a fault, finds the nonces behind the corrupted commitments and signs
    HttpAnswer b =
        http().post(client.signRound2Path(keys), client.signRound2Request(pkg)).expect(200);
    SignatureShare share = client.signRound2Answer(keys, b.json());
    detects(
        Kind.INVALID_SIGNATURE_SHARE,
        serverId(max),
        () -> client.aggregateLocally(keys, pkg, nonces, share));
    Problems.assertProblem(
        http().post(client.signRound2Path(keys), client.signRound2Request(pkg)),
        Catalogue.NO_SIGNING_ROUND_FOUND);
    assertSigns(keys);
  }

  @Test
  void round2PresentingTheGeneratorAsTheServersCommitmentIsNoSigningRoundNotA500() {
    FrostClient.Keys<E> keys = dkg(2);
    SortedMap<Identifier, SigningNonces<E>> nonces =
        client.newNonces(keys, client.defaultSigners(keys));
    SigningPackage<E> real = client.signRound1(http(), keys, MESSAGE, nonces);
    // restoring G gives the identity: no commitment the server made, and no nonce id to look up
    E g = suite().frost().group().generator();
    SortedMap<Identifier, SigningCommitments<E>> all = new TreeMap<>(real.signingCommitments());
    all.put(keys.serverId(), new SigningCommitments<>(g, g));
    SigningPackage<E> forged = new SigningPackage<>(all, MESSAGE);
    Problems.assertProblem(
        http().post(client.signRound2Path(keys), client.signRound2Request(forged)),
        Catalogue.NO_SIGNING_ROUND_FOUND);
    // the real round 1 is untouched and still signs
    http().post(client.signRound2Path(keys), client.signRound2Request(real)).expect(200);
  }

  // ---- a misbehaving cosigner: DKG and keys ----

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void badDkgProofNamesTheServerAtTheRound2ProofCheck(int max) {
    FrostClient.DkgStart<E> start = client.dkgStart(newId(), 2, max, max == 2);
    HttpAnswer a =
        injected(fault("bad-dkg-proof").post(start.path(), start.body()), 201, "bad-dkg-proof");
    FrostClient.DkgSession<E> session = client.dkgSession(start.keyid(), start.part1(), a.json());
    detects(Kind.INVALID_PROOF_OF_KNOWLEDGE, serverId(max), () -> client.dkgRound2Request(session));
    // the same request without the header: a DKG that completes and signs
    FrostClient.DkgStart<E> again = client.dkgStart(newId(), 2, max, max == 2);
    HttpAnswer b = http().post(again.path(), again.body()).expect(201);
    assertNull(b.header(FaultHeaders.INJECTED));
    assertSigns(
        client.dkgRound2(http(), client.dkgSession(again.keyid(), again.part1(), b.json())));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void badDkgShareNamesTheServerAtThePart3ShareCheck(int max) {
    FrostClient.DkgStart<E> start = client.dkgStart(newId(), 2, max, max == 2);
    HttpAnswer a =
        injected(fault("bad-dkg-share").post(start.path(), start.body()), 201, "bad-dkg-share");
    FrostClient.DkgSession<E> session = client.dkgSession(start.keyid(), start.part1(), a.json());
    FrostClient.DkgFinish<E> finish = client.dkgRound2Request(session);
    JsonNode answer = http().post(finish.path(), finish.body()).expect(201).json();
    detects(Kind.INVALID_SECRET_SHARE, serverId(max), () -> client.dkgKeys(finish, answer));
    // the server's own part was untouched: with the correct shares, its stored key is the client's
    FrostClient.DkgSession<E> repaired =
        new FrostClient.DkgSession<>(
            session.keyid(),
            session.serverId(),
            session.part1(),
            session.allRound1(),
            unshift(session.fromServer()));
    FrostClient.Keys<E> keys =
        client.dkgKeys(
            new FrostClient.DkgFinish<>(repaired, finish.part2(), finish.path(), finish.body()),
            answer);
    assertSigns(keys);
  }

  private SortedMap<Identifier, Round2Package> unshift(
      SortedMap<Identifier, Round2Package> packages) {
    SortedMap<Identifier, Round2Package> out = new TreeMap<>();
    BigInteger order = suite().frost().group().order();
    packages.forEach(
        (id, p) ->
            out.put(id, new Round2Package(p.signingShare().subtract(BigInteger.ONE).mod(order))));
    return out;
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void wrongVerifyingKeyOnDkgRound2DiffersFromTheClientsPart3(int max) {
    FrostClient.DkgFinish<E> finish =
        client.dkgRound2Request(client.dkgRound1(http(), newId(), 2, max, max == 2));
    HttpAnswer a =
        injected(
            fault("wrong-verifying-key").post(finish.path(), finish.body()),
            201,
            "wrong-verifying-key");
    detects(
        Kind.PUBLIC_KEY_PACKAGE_MISMATCH, serverId(max), () -> client.dkgKeys(finish, a.json()));
    // the server stored the real key: GET keys without the header is the client's
    HttpAnswer got = http().get(prefix + "/keys/" + finish.session().keyid()).expect(200);
    assertNull(got.header(FaultHeaders.INJECTED));
    assertSigns(client.dkgKeys(finish, got.json()));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void wrongVerifyingKeyOnGetKeysDiffersFromTheClientsPart3(int max) {
    FrostClient.Keys<E> keys = dkg(max);
    HttpAnswer a =
        injected(
            fault("wrong-verifying-key").get(client.keyPath(keys)), 200, "wrong-verifying-key");
    assertEquals(
        a.json().get("verifying_key"), a.json().get("public_key_package").get("verifying_key"));
    detects(
        Kind.PUBLIC_KEY_PACKAGE_MISMATCH, serverId(max), () -> client.keyAnswer(keys, a.json()));
    assertSigns(keys);
  }

  // ---- a misbehaving cosigner: invalid elements ----

  /**
   * Every variant of the group, on every answer carrying an element: rejected at deserialization.
   */
  @Test
  void invalidElementIsRejectedAtDeserializationOnEveryAnswerCarryingAnElement() {
    Identifier server = serverId(2);
    for (InvalidElementKind kind : suite().frost().group().invalidElementEncodings().keySet()) {
      String injected = "invalid-element=" + kind.slug();
      String bad = Bytes.toHex(suite().frost().group().invalidElementEncodings().get(kind));
      SignerHttp faulty =
          http(FaultHeaders.FAULT, "invalid-element", FaultHeaders.VARIANT, kind.slug());
      // dkg/round1: the server's phi_0
      FrostClient.DkgStart<E> start = client.dkgStart(newId(), 2, 2, true);
      HttpAnswer r1 = injected(faulty.post(start.path(), start.body()), 201, injected);
      assertEquals(bad, r1.json().get("round1_package").get("commitment").get(0).asText());
      assertInvalid(
          server,
          "/round1_package/commitment/0",
          () -> client.dkgSession(start.keyid(), start.part1(), r1.json()));
      // dkg/round2: the verifying key; the stored key is read back without the fault
      FrostClient.DkgFinish<E> finish =
          client.dkgRound2Request(client.dkgRound1(http(), newId(), 2, 2, true));
      HttpAnswer r2 = injected(faulty.post(finish.path(), finish.body()), 201, injected);
      assertEquals(bad, r2.json().get("verifying_key").asText());
      assertInvalid(
          server, "/public_key_package/verifying_key", () -> client.dkgKeys(finish, r2.json()));
      FrostClient.Keys<E> keys =
          client.dkgKeys(
              finish, http().get(prefix + "/keys/" + finish.session().keyid()).expect(200).json());
      // GET keys
      HttpAnswer got = injected(faulty.get(client.keyPath(keys)), 200, injected);
      assertInvalid(
          server, "/public_key_package/verifying_key", () -> client.keyAnswer(keys, got.json()));
      // sign and sign/round1: the server's hiding commitment
      FrostClient.OneRoundSign<E> request = oneRoundRequest(keys);
      HttpAnswer signed = injected(faulty.post(request.path(), request.body()), 200, injected);
      assertInvalid(
          server,
          "/signing_commitments/hiding",
          () -> client.signOneRoundAnswer(keys, request, signed.json()));
      SortedMap<Identifier, SigningNonces<E>> nonces =
          client.newNonces(keys, client.defaultSigners(keys));
      HttpAnswer committed =
          injected(faulty.post(client.signRound1Path(keys), (JsonNode) null), 201, injected);
      assertInvalid(
          server,
          "/signing_commitments/hiding",
          () -> client.signRound1Answer(keys, MESSAGE, nonces, committed.json()));
      // aggregate: R of the signature
      SigningPackage<E> pkg = client.signRound1(http(), keys, MESSAGE, nonces);
      SortedMap<Identifier, SignatureShare> shares = client.clientShares(keys, pkg, nonces);
      shares.put(server, client.signRound2(http(), keys, pkg));
      assertInvalid(
          server, "/signature", () -> client.aggregateOnServer(faulty, keys, pkg, shares));
      assertTrue(client.verify(keys, MESSAGE, client.aggregateOnServer(http(), keys, pkg, shares)));
      assertSigns(keys);
    }
  }

  private static void assertInvalid(Identifier server, String pointer, Executable step) {
    FrostException e = detects(Kind.INVALID_ENCODING, server, step);
    assertTrue(e.getMessage().contains(pointer), e.getMessage());
  }

  @Test
  void invalidElementDefaultsToOffCurve() {
    FrostClient.Keys<E> keys = dkg(2);
    injected(fault("invalid-element").get(client.keyPath(keys)), 200, "invalid-element=off-curve");
  }

  // ---- where a slug cannot be produced ----

  private void refused(HttpAnswer a, String header) {
    JsonNode p = Problems.assertProblem(a, Catalogue.BAD_REQUEST);
    assertEquals(header, p.path("header").asText(), a.body());
    assertTrue(p.path("detail").asText().startsWith(header + ": "), a.body());
  }

  @Test
  void aSlugOnAnEndpointThatCannotProduceItIsA400NamingTheHeader() {
    FrostClient.Keys<E> keys = dkg(2);
    String keyid = keys.keyid();
    SigningPackage<E> pkg =
        client.signRound1(
            http(), keys, MESSAGE, client.newNonces(keys, client.defaultSigners(keys)));
    // sign/round2 answers a scalar only: no element; its nonces are left untouched by the refusal
    refused(
        fault("invalid-element").post(client.signRound2Path(keys), client.signRound2Request(pkg)),
        FaultHeaders.FAULT);
    refused(
        fault("bad-signature-share").post(client.signRound1Path(keys), (JsonNode) null),
        FaultHeaders.FAULT);
    refused(
        fault("bad-signing-commitment")
            .post(client.signRound2Path(keys), client.signRound2Request(pkg)),
        FaultHeaders.FAULT);
    refused(fault("bad-dkg-proof").get(prefix + "/keys/" + keyid), FaultHeaders.FAULT);
    refused(
        fault("wrong-verifying-key").post(prefix + "/sign/round1/" + keyid, (JsonNode) null),
        FaultHeaders.FAULT);
    refused(fault("bad-dkg-share").delete(prefix + "/keys/" + keyid), FaultHeaders.FAULT);
    refused(
        http(FaultHeaders.ABORT, "after-commit").get(prefix + "/keys/" + keyid),
        FaultHeaders.ABORT);
    refused(
        http(FaultHeaders.FAULT, "invalid-element", FaultHeaders.VARIANT, "purple")
            .get(prefix + "/keys/" + keyid),
        FaultHeaders.VARIANT);
    refused(
        http(FaultHeaders.FAULT, "bad-signature-share", FaultHeaders.VARIANT, "identity")
            .get(prefix + "/keys/" + keyid),
        FaultHeaders.VARIANT);
    refused(
        http(FaultHeaders.FAULT, "bad-signature-share", FaultHeaders.ABORT, "after-commit")
            .post(client.signRound2Path(keys), client.signRound2Request(pkg)),
        FaultHeaders.ABORT);
    if (suite().frost().group().cofactor() == 1) {
      refused(
          http(FaultHeaders.FAULT, "invalid-element", FaultHeaders.VARIANT, "small-order")
              .get(prefix + "/keys/" + keyid),
          FaultHeaders.VARIANT);
    }
    // nothing was consumed: round 2 still signs
    SignatureShare share = client.signRound2(http(), keys, pkg);
    assertTrue(share.share().signum() >= 0);
    assertSigns(keys);
  }

  // ---- admin rules, counting ----

  private HttpAnswer rule(String json) {
    return signer.http().post("/admin/faults", json, "application/json");
  }

  @Test
  void anAdminRuleCorruptsMatchingAnswersAndSkipsEndpointsThatCannotProduceIt() {
    FrostClient.Keys<E> keys = dkg(2);
    HttpAnswer created =
        rule("{\"keyid\":\"" + keys.keyid() + "\",\"fault\":\"bad-signature-share\",\"times\":1}")
            .expect(201);
    assertEquals("bad-signature-share", created.json().path("fault").asText(), created.body());
    // sign/round1 carries no share: the rule does not apply there
    SortedMap<Identifier, SigningNonces<E>> nonces =
        client.newNonces(keys, client.defaultSigners(keys));
    HttpAnswer r1 = http().post(client.signRound1Path(keys), (JsonNode) null).expect(201);
    assertNull(r1.header(FaultHeaders.INJECTED));
    SigningPackage<E> pkg = client.signRound1Answer(keys, MESSAGE, nonces, r1.json());
    HttpAnswer r2 =
        injected(
            http().post(client.signRound2Path(keys), client.signRound2Request(pkg)),
            200,
            "bad-signature-share");
    detects(
        Kind.INVALID_SIGNATURE_SHARE,
        keys.serverId(),
        () -> client.aggregateLocally(keys, pkg, nonces, client.signRound2Answer(keys, r2.json())));
    // times: 1, so the next answer is correct
    assertSigns(keys);
    String metrics = http().get("/metrics").body();
    assertTrue(
        metrics.contains("signer_faults_injected_total{fault=\"bad-signature-share\""), metrics);
  }

  @Test
  void anAdminRuleCarriesTheInvalidElementVariant() {
    FrostClient.Keys<E> keys = dkg(2);
    HttpAnswer created =
        rule("{\"method\":\"GET\",\"keyid\":\""
                + keys.keyid()
                + "\",\"fault\":\"invalid-element\",\"variant\":\"identity\"}")
            .expect(201);
    assertEquals("identity", created.json().path("variant").asText(), created.body());
    HttpAnswer got = injected(http().get(client.keyPath(keys)), 200, "invalid-element=identity");
    assertInvalid(
        keys.serverId(),
        "/public_key_package/verifying_key",
        () -> client.keyAnswer(keys, got.json()));
    JsonNode bad = rule("{\"fault\":\"bad-signature-share\",\"variant\":\"identity\"}").json();
    assertEquals(400, bad.path("status").asInt(), bad.toString());
    assertTrue(bad.toString().contains("/variant"), bad.toString());
    JsonNode mixed = rule("{\"fault\":\"bad-signature-share\",\"abort\":\"after-commit\"}").json();
    assertEquals(400, mixed.path("status").asInt(), mixed.toString());
  }

  @Test
  void faultTimesCountsCosignerFaultsPerId() {
    FrostClient.Keys<E> keys = dkg(2);
    String id = newId();
    SignerHttp once =
        http(
            FaultHeaders.FAULT,
            "wrong-verifying-key",
            FaultHeaders.ID,
            id,
            FaultHeaders.TIMES,
            "1");
    HttpAnswer first = injected(once.get(client.keyPath(keys)), 200, "wrong-verifying-key");
    detects(
        Kind.PUBLIC_KEY_PACKAGE_MISMATCH,
        keys.serverId(),
        () -> client.keyAnswer(keys, first.json()));
    HttpAnswer second = once.get(client.keyPath(keys)).expect(200);
    assertNull(second.header(FaultHeaders.INJECTED));
    client.keyAnswer(keys, second.json());
  }

  // ---- answers lost after commit ----

  private SignerHttp afterCommit() {
    return http(FaultHeaders.ABORT, "after-commit");
  }

  /** The request's answer is lost: the client sees its connection reset, and no status. */
  private static void lost(Supplier<HttpAnswer> request) {
    assertThrows(UncheckedIOException.class, request::get);
  }

  @Test
  void dkgRound1AnswerLostThenRetriedGetsAFreshRound() {
    FrostClient.DkgStart<E> start = client.dkgStart(newId(), 2, 2, true);
    lost(() -> afterCommit().post(start.path(), start.body()));
    // the real retry: the same request; the server starts the round again and the DKG completes
    HttpAnswer retried = http().post(start.path(), start.body()).expect(201);
    assertSigns(
        client.dkgRound2(http(), client.dkgSession(start.keyid(), start.part1(), retried.json())));
  }

  @Test
  void dkgRound2AnswerLostThenRetriedIsNoDkgRoundFoundWhileTheKeyExists() {
    FrostClient.DkgFinish<E> finish =
        client.dkgRound2Request(client.dkgRound1(http(), newId(), 2, 2, true));
    lost(() -> afterCommit().post(finish.path(), finish.body()));
    Problems.assertProblem(http().post(finish.path(), finish.body()), Catalogue.NO_DKG_ROUND_FOUND);
    // the key was stored: GET keys finishes the DKG for the client
    HttpAnswer got = http().get(prefix + "/keys/" + finish.session().keyid()).expect(200);
    assertSigns(client.dkgKeys(finish, got.json()));
  }

  @Test
  void signRound1AnswerLostThenRetriedGetsFreshCommitments() {
    FrostClient.Keys<E> keys = dkg(2);
    lost(() -> afterCommit().post(client.signRound1Path(keys), (JsonNode) null));
    // the journal says what happened: no answer (status 0) and the abort, not a clean 201
    JsonNode entry = http().get("/admin/requests").expect(200).json().path("requests").get(0);
    assertEquals(client.signRound1Path(keys), entry.path("path").asText(), entry.toString());
    assertEquals(0, entry.path("status").asInt(), entry.toString());
    assertEquals("abort=after-commit", entry.path("fault").asText(), entry.toString());
    SortedMap<Identifier, SigningNonces<E>> nonces =
        client.newNonces(keys, client.defaultSigners(keys));
    SigningPackage<E> pkg = client.signRound1(http(), keys, MESSAGE, nonces);
    assertTrue(
        client.verify(
            keys,
            MESSAGE,
            client.aggregateLocally(keys, pkg, nonces, client.signRound2(http(), keys, pkg))));
  }

  @Test
  void signRound2AnswerLostThenRetriedIsNoSigningRoundFound() {
    FrostClient.Keys<E> keys = dkg(2);
    SortedMap<Identifier, SigningNonces<E>> nonces =
        client.newNonces(keys, client.defaultSigners(keys));
    SigningPackage<E> pkg = client.signRound1(http(), keys, MESSAGE, nonces);
    lost(() -> afterCommit().post(client.signRound2Path(keys), client.signRound2Request(pkg)));
    Problems.assertProblem(
        http().post(client.signRound2Path(keys), client.signRound2Request(pkg)),
        Catalogue.NO_SIGNING_ROUND_FOUND);
    assertSigns(keys);
  }

  @Test
  void signAnswerLostThenRetriedGetsAFreshAnswer() {
    FrostClient.Keys<E> keys = dkg(2);
    FrostClient.OneRoundSign<E> request = oneRoundRequest(keys);
    lost(() -> afterCommit().post(request.path(), request.body()));
    // the same body: the server commits to new nonces, so the answer is another share
    HttpAnswer retried = http().post(request.path(), request.body()).expect(200);
    FrostClient.ServerShare<E> server = client.signOneRoundAnswer(keys, request, retried.json());
    assertTrue(
        client.verify(
            keys,
            MESSAGE,
            client.aggregateLocally(
                keys, server.signingPackage(), request.nonces(), server.share())));
  }

  @Test
  void aggregateAnswerLostThenRetriedGetsTheSameSignature() {
    FrostClient.Keys<E> keys = dkg(2);
    SortedMap<Identifier, SigningNonces<E>> nonces =
        client.newNonces(keys, client.defaultSigners(keys));
    SigningPackage<E> pkg = client.signRound1(http(), keys, MESSAGE, nonces);
    SortedMap<Identifier, SignatureShare> shares = client.clientShares(keys, pkg, nonces);
    shares.put(keys.serverId(), client.signRound2(http(), keys, pkg));
    lost(
        () -> {
          client.aggregateOnServer(afterCommit(), keys, pkg, shares);
          return null;
        });
    Signature<E> retried = client.aggregateOnServer(http(), keys, pkg, shares);
    assertTrue(client.verify(keys, MESSAGE, retried));
    assertEquals(
        suite()
            .frost()
            .json()
            .signature(client.aggregateLocally(keys, pkg, nonces, shares.get(keys.serverId()))),
        suite().frost().json().signature(retried));
  }

  @Test
  void deleteAnswerLostThenRetriedIsNoKeyFound() {
    FrostClient.Keys<E> keys = dkg(2);
    lost(() -> afterCommit().delete(client.keyPath(keys)));
    Problems.assertProblem(http().delete(client.keyPath(keys)), Catalogue.NO_KEY_FOUND);
    Problems.assertProblem(http().get(client.keyPath(keys)), Catalogue.NO_KEY_FOUND);
  }

  @Test
  void afterCommitAsAnAdminRule() {
    FrostClient.Keys<E> keys = dkg(2);
    HttpAnswer created =
        rule("{\"method\":\"DELETE\",\"keyid\":\""
                + keys.keyid()
                + "\",\"abort\":\"after-commit\"}")
            .expect(201);
    assertEquals("after-commit", created.json().path("abort").asText(), created.body());
    lost(() -> http().delete(client.keyPath(keys)));
    Problems.assertProblem(http().get(client.keyPath(keys)), Catalogue.NO_KEY_FOUND);
    // a rule on an endpoint that commits nothing does not apply there
    FrostClient.Keys<E> other = dkg(2);
    rule("{\"method\":\"GET\",\"abort\":\"after-commit\"}").expect(201);
    client.getKey(http(), other);
    String metrics = http().get("/metrics").body();
    assertTrue(
        metrics.contains("signer_faults_injected_total{fault=\"abort=after-commit\""), metrics);
  }
}
