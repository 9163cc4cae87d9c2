package dev.frostsandbox.signer.fault.cosigner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.frost.Bytes;
import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.FrostException;
import dev.frostsandbox.frost.FrostException.Kind;
import dev.frostsandbox.frost.Group;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.InvalidElementKind;
import dev.frostsandbox.frost.InvalidEncodingException;
import dev.frostsandbox.frost.Signature;
import dev.frostsandbox.frost.dkg.Round2Package;
import dev.frostsandbox.frost.signing.SignatureShare;
import dev.frostsandbox.frost.signing.SigningCommitments;
import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.frost.signing.SigningPackage;
import dev.frostsandbox.signer.fault.cosigner.EngineCosigner.Fault;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The misbehaving-cosigner faults at engine and client level, for one ciphersuite: the engine plays
 * the server ({@link EngineCosigner}, answers shaped as the routes render them), the project's
 * {@link FrostClient} plays the other participants. For each slug, the client detects the fault at
 * the frost-core step docs/faults.md names, naming the server's identifier; without the fault the
 * same run succeeds; and the server's key still signs afterwards. Parameterized by max_signers: 2
 * (the 2-of-2 shorthand, server 2) and 3 (2-of-3, client 1 and 2, server 3).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class CosignerFaultsContract<E> {

  protected abstract Frost<E> frost();

  private static final byte[] MESSAGE = "cosigner faults".getBytes(StandardCharsets.UTF_8);

  private FrostClient<E> client() {
    return new FrostClient<>(frost(), "", new SecureRandom());
  }

  private Group<E> group() {
    return frost().group();
  }

  /** A DKG between the client and {@code server} with a fault on each answer. */
  private FrostClient.Keys<E> dkg(
      FrostClient<E> client, EngineCosigner<E> server, int max, Fault round1, Fault round2) {
    FrostClient.DkgStart<E> start = client.dkgStart("k", 2, max, max == 2);
    FrostClient.DkgSession<E> session =
        client.dkgSession("k", start.part1(), server.dkgRound1("k", start.body(), round1));
    FrostClient.DkgFinish<E> finish = client.dkgRound2Request(session);
    return client.dkgKeys(finish, server.dkgRound2("k", finish.body(), round2));
  }

  private FrostClient.Keys<E> dkg(FrostClient<E> client, EngineCosigner<E> server, int max) {
    return dkg(client, server, max, Fault.NONE, Fault.NONE);
  }

  private Signature<E> signOneRound(
      FrostClient<E> client, EngineCosigner<E> server, FrostClient.Keys<E> keys, Fault fault) {
    SortedMap<Identifier, SigningNonces<E>> nonces =
        client.newNonces(keys, client.defaultSigners(keys));
    FrostClient.OneRoundSign<E> request = client.signOneRoundRequest(keys, MESSAGE, nonces);
    FrostClient.ServerShare<E> answer =
        client.signOneRoundAnswer(keys, request, server.sign(request.body(), fault));
    return client.aggregateLocally(keys, answer.signingPackage(), nonces, answer.share());
  }

  private Signature<E> signTwoRounds(
      FrostClient<E> client,
      EngineCosigner<E> server,
      FrostClient.Keys<E> keys,
      Fault round1,
      Fault round2) {
    SortedMap<Identifier, SigningNonces<E>> nonces =
        client.newNonces(keys, client.defaultSigners(keys));
    SigningPackage<E> pkg =
        client.signRound1Answer(keys, MESSAGE, nonces, server.signRound1(round1));
    SignatureShare share =
        client.signRound2Answer(keys, server.signRound2(client.signRound2Request(pkg), round2));
    return client.aggregateLocally(keys, pkg, nonces, share);
  }

  private void assertSigns(
      FrostClient<E> client, EngineCosigner<E> server, FrostClient.Keys<E> keys) {
    assertTrue(client.verify(keys, MESSAGE, signOneRound(client, server, keys, Fault.NONE)));
    assertTrue(
        client.verify(keys, MESSAGE, signTwoRounds(client, server, keys, Fault.NONE, Fault.NONE)));
  }

  private static FrostException detects(Kind kind, Identifier culprit, Executable step) {
    FrostException e = assertThrows(FrostException.class, step);
    assertEquals(kind, e.kind(), e.getMessage());
    assertEquals(culprit, e.culprit(), e.getMessage());
    return e;
  }

  private static Identifier serverId(int max) {
    return Identifier.of(max);
  }

  // ---- without a fault ----

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void withoutAFaultEveryStepSucceeds(int max) {
    FrostClient<E> client = client();
    EngineCosigner<E> server = new EngineCosigner<>(frost());
    FrostClient.Keys<E> keys = dkg(client, server, max);
    assertEquals(serverId(max), keys.serverId());
    assertSigns(client, server, keys);
    client.keyAnswer(keys, server.getKey("k", Fault.NONE));
    assertEquals(0, server.storedNonces());
  }

  // ---- signing ----

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void badSignatureShareOnSignNamesTheServerAtAggregate(int max) {
    namesTheServerAtAggregate(
        max, (c, s, k) -> signOneRound(c, s, k, Fault.of(CosignerFault.BAD_SIGNATURE_SHARE)));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void badSignatureShareOnRound2NamesTheServerAtAggregate(int max) {
    // the nonces were consumed as by a correct answer (namesTheServerAtAggregate: none stored)
    namesTheServerAtAggregate(
        max,
        (c, s, k) ->
            signTwoRounds(c, s, k, Fault.NONE, Fault.of(CosignerFault.BAD_SIGNATURE_SHARE)));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void badSignatureShareFailsVerifySignatureShare(int max) {
    FrostClient<E> client = client();
    EngineCosigner<E> server = new EngineCosigner<>(frost());
    FrostClient.Keys<E> keys = dkg(client, server, max);
    SortedMap<Identifier, SigningNonces<E>> nonces =
        client.newNonces(keys, client.defaultSigners(keys));
    SigningPackage<E> pkg =
        client.signRound1Answer(keys, MESSAGE, nonces, server.signRound1(Fault.NONE));
    SignatureShare good =
        client.signRound2Answer(keys, server.signRound2(client.signRound2Request(pkg), Fault.NONE));
    E verifyingShare = keys.publicKeyPackage().verifyingShares().get(keys.serverId());
    E vk = keys.publicKeyPackage().verifyingKey();
    frost().signing().verifySignatureShare(keys.serverId(), verifyingShare, good, pkg, vk);
    detects(
        Kind.INVALID_SIGNATURE_SHARE,
        serverId(max),
        () ->
            frost()
                .signing()
                .verifySignatureShare(
                    keys.serverId(),
                    verifyingShare,
                    BadSignatureShare.corrupt(group(), good),
                    pkg,
                    vk));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void badSigningCommitmentOnSignNamesTheServerAtAggregate(int max) {
    namesTheServerAtAggregate(
        max, (c, s, k) -> signOneRound(c, s, k, Fault.of(CosignerFault.BAD_SIGNING_COMMITMENT)));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void badSigningCommitmentOnRound1NamesTheServerAtAggregate(int max) {
    // round 2 found the real nonces behind the corrupted commitments and consumed them
    namesTheServerAtAggregate(
        max,
        (c, s, k) ->
            signTwoRounds(c, s, k, Fault.of(CosignerFault.BAD_SIGNING_COMMITMENT), Fault.NONE));
  }

  /** A signing step of a session: the client, the cosigner, their keys. */
  private interface SigningStep<E> {
    void run(FrostClient<E> client, EngineCosigner<E> server, FrostClient.Keys<E> keys);
  }

  /**
   * After a DKG, {@code faulty} fails at the client's aggregation with the server named as the
   * culprit; no nonces stay stored (a one-round sign stores none, a faulty round 2 consumes them as
   * a correct one would) and the next signatures succeed.
   */
  private void namesTheServerAtAggregate(int max, SigningStep<E> faulty) {
    FrostClient<E> client = client();
    EngineCosigner<E> server = new EngineCosigner<>(frost());
    FrostClient.Keys<E> keys = dkg(client, server, max);
    detects(Kind.INVALID_SIGNATURE_SHARE, serverId(max), () -> faulty.run(client, server, keys));
    assertEquals(0, server.storedNonces());
    assertSigns(client, server, keys);
  }

  @Test
  void badSigningCommitmentIsValidPointsAndInvertible() {
    SigningNonces<E> n = frost().signing().commit(BigInteger.TEN, new SecureRandom());
    SigningCommitments<E> real = n.commitments();
    SigningCommitments<E> bad = BadSigningCommitment.corrupt(group(), real);
    assertFalse(group().equal(real.hiding(), bad.hiding()));
    assertFalse(group().equal(real.binding(), bad.binding()));
    for (E e : java.util.List.of(bad.hiding(), bad.binding())) {
      assertDoesNotThrow(() -> group().deserializeElement(group().serializeElement(e)));
    }
    SigningCommitments<E> back = BadSigningCommitment.restore(group(), bad);
    assertTrue(
        group().equal(real.hiding(), back.hiding())
            && group().equal(real.binding(), back.binding()));
  }

  // ---- DKG ----

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void badDkgProofNamesTheServerAtTheRound2ProofCheck(int max) {
    FrostClient<E> client = client();
    EngineCosigner<E> server = new EngineCosigner<>(frost());
    FrostClient.DkgStart<E> start = client.dkgStart("k", 2, max, max == 2);
    FrostClient.DkgSession<E> session =
        client.dkgSession(
            "k",
            start.part1(),
            server.dkgRound1("k", start.body(), Fault.of(CosignerFault.BAD_DKG_PROOF)));
    // part 2 runs when the client builds its round-2 request: nothing is sent
    detects(Kind.INVALID_PROOF_OF_KNOWLEDGE, serverId(max), () -> client.dkgRound2Request(session));
    // a new DKG succeeds and signs
    FrostClient.Keys<E> keys = dkg(client, server, max);
    assertSigns(client, server, keys);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void badDkgShareNamesTheServerAtThePart3ShareCheck(int max) {
    FrostClient<E> client = client();
    EngineCosigner<E> server = new EngineCosigner<>(frost());
    FrostClient.DkgStart<E> start = client.dkgStart("k", 2, max, max == 2);
    FrostClient.DkgSession<E> session =
        client.dkgSession(
            "k",
            start.part1(),
            server.dkgRound1("k", start.body(), Fault.of(CosignerFault.BAD_DKG_SHARE)));
    FrostClient.DkgFinish<E> finish = client.dkgRound2Request(session);
    JsonNode answer = server.dkgRound2("k", finish.body(), Fault.NONE);
    detects(Kind.INVALID_SECRET_SHARE, serverId(max), () -> client.dkgKeys(finish, answer));
    // the server's own part was untouched: with the correct shares, its key is the client's
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
    assertSigns(client, server, keys);
  }

  private SortedMap<Identifier, Round2Package> unshift(
      SortedMap<Identifier, Round2Package> packages) {
    SortedMap<Identifier, Round2Package> out = new TreeMap<>();
    packages.forEach(
        (id, p) ->
            out.put(
                id,
                new Round2Package(p.signingShare().subtract(BigInteger.ONE).mod(group().order()))));
    return out;
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void wrongVerifyingKeyOnRound2DiffersFromTheClientsPart3(int max) {
    FrostClient<E> client = client();
    EngineCosigner<E> server = new EngineCosigner<>(frost());
    FrostClient.DkgStart<E> start = client.dkgStart("k", 2, max, max == 2);
    FrostClient.DkgSession<E> session =
        client.dkgSession("k", start.part1(), server.dkgRound1("k", start.body(), Fault.NONE));
    FrostClient.DkgFinish<E> finish = client.dkgRound2Request(session);
    JsonNode answer =
        server.dkgRound2("k", finish.body(), Fault.of(CosignerFault.WRONG_VERIFYING_KEY));
    detects(Kind.PUBLIC_KEY_PACKAGE_MISMATCH, serverId(max), () -> client.dkgKeys(finish, answer));
    // the server stored the real key: the correct answer is the client's, and the key signs
    FrostClient.Keys<E> keys = client.dkgKeys(finish, server.getKey("k", Fault.NONE));
    assertTrue(
        group()
            .equal(
                keys.publicKeyPackage().verifyingKey(), server.publicKeyPackage().verifyingKey()));
    assertSigns(client, server, keys);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void wrongVerifyingKeyOnGetKeysDiffersFromTheClientsPart3(int max) {
    FrostClient<E> client = client();
    EngineCosigner<E> server = new EngineCosigner<>(frost());
    FrostClient.Keys<E> keys = dkg(client, server, max);
    ObjectNode answer = server.getKey("k", Fault.of(CosignerFault.WRONG_VERIFYING_KEY));
    assertEquals(
        answer.get("verifying_key"), answer.get("public_key_package").get("verifying_key"));
    detects(Kind.PUBLIC_KEY_PACKAGE_MISMATCH, serverId(max), () -> client.keyAnswer(keys, answer));
    client.keyAnswer(keys, server.getKey("k", Fault.NONE));
    assertSigns(client, server, keys);
  }

  @Test
  void wrongVerifyingKeyIsAValidPointAndKeepsTheShares() {
    FrostClient<E> client = client();
    EngineCosigner<E> server = new EngineCosigner<>(frost());
    FrostClient.Keys<E> keys = dkg(client, server, 3);
    var real = keys.publicKeyPackage();
    var wrong = WrongVerifyingKey.corrupt(group(), real);
    assertFalse(group().equal(real.verifyingKey(), wrong.verifyingKey()));
    assertDoesNotThrow(
        () -> group().deserializeElement(group().serializeElement(wrong.verifyingKey())));
    assertEquals(real.verifyingShares().keySet(), wrong.verifyingShares().keySet());
    real.verifyingShares()
        .forEach((id, share) -> assertTrue(group().equal(share, wrong.verifyingShares().get(id))));
    assertEquals(real.minSigners(), wrong.minSigners());
  }

  // ---- invalid elements ----

  @Test
  void theGroupRejectsEachOfItsInvalidEncodings() {
    Map<InvalidElementKind, byte[]> encodings = group().invalidElementEncodings();
    assertTrue(
        encodings
            .keySet()
            .containsAll(
                java.util.Set.of(
                    InvalidElementKind.IDENTITY,
                    InvalidElementKind.OFF_CURVE,
                    InvalidElementKind.NON_CANONICAL)));
    assertEquals(group().cofactor() != 1, encodings.containsKey(InvalidElementKind.SMALL_ORDER));
    encodings.forEach(
        (kind, bytes) -> {
          assertEquals(group().elementLength(), bytes.length, kind.slug());
          InvalidEncodingException e =
              assertThrows(
                  InvalidEncodingException.class,
                  () -> group().deserializeElement(bytes),
                  kind.slug());
          switch (kind) {
            case OFF_CURVE ->
                assertEquals(InvalidEncodingException.Reason.NOT_ON_CURVE, e.reason());
            case NON_CANONICAL ->
                assertEquals(InvalidEncodingException.Reason.NON_CANONICAL, e.reason());
            case SMALL_ORDER ->
                assertEquals(InvalidEncodingException.Reason.NOT_IN_SUBGROUP, e.reason());
            case IDENTITY ->
                assertTrue(
                    e.reason() == InvalidEncodingException.Reason.IDENTITY
                        || e.reason() == InvalidEncodingException.Reason.NON_CANONICAL,
                    e.reason().name());
          }
        });
    // fresh arrays: a caller cannot change the group's encodings
    encodings.get(InvalidElementKind.OFF_CURVE)[0] ^= 1;
    assertFalse(
        java.util.Arrays.equals(
            encodings.get(InvalidElementKind.OFF_CURVE),
            group().invalidElementEncodings().get(InvalidElementKind.OFF_CURVE)));
  }

  @Test
  void invalidElementIsRejectedAtDeserializationOnEveryAnswerCarryingAnElement() {
    for (InvalidElementKind kind : InvalidElement.kinds(group())) {
      Fault fault = Fault.invalidElement(kind);
      String bad = Bytes.toHex(group().invalidElementEncodings().get(kind));
      for (int max : new int[] {2, 3}) {
        Identifier server = serverId(max);
        FrostClient<E> client = client();
        EngineCosigner<E> cosigner = new EngineCosigner<>(frost());
        // dkg/round1: the server's phi_0
        FrostClient.DkgStart<E> start = client.dkgStart("k", 2, max, max == 2);
        ObjectNode round1 = cosigner.dkgRound1("k", start.body(), fault);
        assertEquals(bad, round1.get("round1_package").get("commitment").get(0).asText());
        assertInvalid(
            server,
            "/round1_package/commitment/0",
            () -> client.dkgSession("k", start.part1(), round1));
        // dkg/round2 and GET keys: the verifying key, in both places
        FrostClient.DkgStart<E> start2 = client.dkgStart("k2", 2, max, max == 2);
        FrostClient.DkgFinish<E> finish =
            client.dkgRound2Request(
                client.dkgSession(
                    "k2", start2.part1(), cosigner.dkgRound1("k2", start2.body(), Fault.NONE)));
        ObjectNode round2 = cosigner.dkgRound2("k2", finish.body(), fault);
        assertEquals(bad, round2.get("verifying_key").asText());
        assertInvalid(
            server, "/public_key_package/verifying_key", () -> client.dkgKeys(finish, round2));
        FrostClient.Keys<E> keys2 = client.dkgKeys(finish, cosigner.getKey("k2", Fault.NONE));
        assertInvalid(
            server,
            "/public_key_package/verifying_key",
            () -> client.keyAnswer(keys2, cosigner.getKey("k2", fault)));
        // sign and sign/round1: the server's hiding commitment
        SortedMap<Identifier, SigningNonces<E>> nonces =
            client.newNonces(keys2, client.defaultSigners(keys2));
        FrostClient.OneRoundSign<E> request = client.signOneRoundRequest(keys2, MESSAGE, nonces);
        ObjectNode signed = cosigner.sign(request.body(), fault);
        assertInvalid(
            server,
            "/signing_commitments/hiding",
            () -> client.signOneRoundAnswer(keys2, request, signed));
        ObjectNode committed = cosigner.signRound1(fault);
        assertInvalid(
            server,
            "/signing_commitments/hiding",
            () -> client.signRound1Answer(keys2, MESSAGE, nonces, committed));
        // aggregate: R of the signature
        SigningPackage<E> pkg =
            client.signRound1Answer(keys2, MESSAGE, nonces, cosigner.signRound1(Fault.NONE));
        SortedMap<Identifier, SignatureShare> shares = client.clientShares(keys2, pkg, nonces);
        shares.put(
            server,
            client.signRound2Answer(
                keys2, cosigner.signRound2(client.signRound2Request(pkg), Fault.NONE)));
        ObjectNode aggregated = cosigner.aggregate(pkg, shares, fault);
        assertInvalid(server, "/signature", () -> client.aggregateAnswer(keys2, aggregated));
        assertTrue(
            client.verify(
                keys2,
                MESSAGE,
                client.aggregateAnswer(keys2, cosigner.aggregate(pkg, shares, Fault.NONE))));
        assertSigns(client, cosigner, keys2);
      }
    }
  }

  private static void assertInvalid(Identifier server, String pointer, Executable step) {
    FrostException e = detects(Kind.INVALID_ENCODING, server, step);
    assertTrue(e.getMessage().contains(pointer), e.getMessage());
  }

  @Test
  void invalidElementLeavesAnAnswerWithoutElementsAsItIs() {
    ObjectNode share = frost().json().header().objectNode();
    share.set("signature_share", frost().json().signatureShare(new SignatureShare(BigInteger.TWO)));
    String before = share.toString();
    assertTrue(InvalidElement.corrupt(group(), share, InvalidElement.DEFAULT_KIND).isEmpty());
    assertEquals(before, share.toString());
  }

  @Test
  void aVariantTheGroupLacksIsRefused() {
    if (group().cofactor() == 1) {
      ObjectNode answer = frost().json().header().objectNode();
      answer.put("verifying_key", frost().json().element(group().generator()));
      assertThrows(
          IllegalArgumentException.class,
          () -> InvalidElement.corrupt(group(), answer, InvalidElementKind.SMALL_ORDER));
    } else {
      assertTrue(InvalidElement.kinds(group()).contains(InvalidElementKind.SMALL_ORDER));
    }
  }

  @Test
  void slugsRoundTrip() {
    for (CosignerFault f : CosignerFault.values()) {
      assertEquals(f, CosignerFault.ofSlug(f.slug()).orElseThrow());
    }
    for (InvalidElementKind k : InvalidElementKind.values()) {
      assertEquals(k, InvalidElementKind.ofSlug(k.slug()).orElseThrow());
    }
    assertTrue(CosignerFault.ofSlug("bad-share").isEmpty());
  }

  private static void assertDoesNotThrow(Executable e) {
    org.junit.jupiter.api.Assertions.assertDoesNotThrow(e);
  }
}
