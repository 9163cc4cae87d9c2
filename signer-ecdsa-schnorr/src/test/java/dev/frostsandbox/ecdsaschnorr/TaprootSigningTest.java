package dev.frostsandbox.ecdsaschnorr;

import static dev.frostsandbox.testing.ProblemAssert.error;
import static dev.frostsandbox.testing.ProblemAssert.errors;
import static dev.frostsandbox.testing.ProblemAssert.problem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.client.HttpAnswer;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.frost.Bytes;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.Signature;
import dev.frostsandbox.frost.signing.SignatureShare;
import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.frost.signing.SigningPackage;
import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.testing.TestSigner;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * FROST-secp256k1-SHA256-TR-v1 over HTTP: every signature the service takes part in (one round, two
 * rounds, server aggregate; key path and script tree) is checked by the independent {@link
 * Bip340Verifier} under the x-only output key a wallet would use, the output key for a script tree
 * being computed here from BIP-341's text; and taproot_merkle_root is validated, and refused by the
 * other suites.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaprootSigningTest {

  private static final String PREFIX = EcdsaSchnorrService.DEFINITION.prefix();
  private static final String TR = "FROST-secp256k1-SHA256-TR-v1";
  private static final String SHA256 = "FROST-secp256k1-SHA256-v1";
  private static final String POSEIDON = "FROST-secp256k1-POSEIDON-v1";

  private TestSigner signer;
  private SignerHttp http;

  @BeforeAll
  void start() {
    signer = TestSigner.memory(EcdsaSchnorrService.DEFINITION);
    http = signer.http();
  }

  @AfterAll
  void stop() {
    if (signer != null) {
      signer.close();
    }
  }

  @SuppressWarnings("unchecked")
  private static FrostClient<ECPoint> client(String suite) {
    SuiteBinding<ECPoint> s =
        (SuiteBinding<ECPoint>) EcdsaSchnorrService.DEFINITION.suite(suite).orElseThrow();
    return new FrostClient<>(s.frost(), PREFIX, new SecureRandom());
  }

  private static String newKeyId() {
    return "0x" + UUID.randomUUID().toString().replace("-", "");
  }

  /**
   * BIP-341 taproot_tweak_pubkey(internal, root), from the BIP's text with the test's own
   * arithmetic.
   */
  private static byte[] scriptTreeOutputKey(byte[] internalKey, byte[] merkleRoot) {
    BigInteger[] p = Bip340Verifier.liftX(new BigInteger(1, internalKey));
    BigInteger t =
        new BigInteger(1, Bip340Verifier.taggedHash("TapTweak", internalKey, merkleRoot));
    assertTrue(t.compareTo(Bip340Verifier.N) < 0);
    BigInteger[] g =
        Bip340Verifier.liftX(
            new BigInteger("79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798", 16));
    BigInteger[] q = Bip340Verifier.add(p, Bip340Verifier.multiply(g, t));
    return Bytes.fromHex(String.format("%064x", q[0]));
  }

  private byte[] outputKeyFromGetKeys(String keyid) {
    JsonNode body = http.get(PREFIX + "/keys/" + keyid).expect(200).json();
    assertEquals(TR, body.get("ciphersuite").asText());
    byte[] vk = Bytes.fromHex(body.get("verifying_key").asText());
    byte[] output = Bytes.fromHex(body.get("taproot_output_key").asText());
    assertEquals(32, output.length);
    assertArrayEquals(
        Arrays.copyOfRange(vk, 1, 33), output, "the x-only encoding of the verifying key");
    return output;
  }

  private static void assertBip340(
      byte[] outputKey,
      byte[] otherKey,
      byte[] message,
      FrostClient<ECPoint> c,
      Signature<ECPoint> sig) {
    byte[] bytes = c.frost().suite().serializeSignature(sig);
    assertEquals(64, bytes.length);
    assertTrue(Bip340Verifier.verify(outputKey, message, bytes), "BIP-340 under the output key");
    assertFalse(Bip340Verifier.verify(otherKey, message, bytes), "not under the other output key");
    byte[] other = message.clone();
    other[0] ^= 1;
    assertFalse(Bip340Verifier.verify(outputKey, other, bytes), "not for another message");
  }

  @Test
  void keyPathAndScriptTreeSignaturesAreBip340Signatures() {
    FrostClient<ECPoint> keyPath = client(TR);
    FrostClient.Keys<ECPoint> keys = keyPath.dkg(http, newKeyId(), 2, 3);
    byte[] keyPathKey = outputKeyFromGetKeys(keys.keyid());
    byte[] root = new byte[32];
    new SecureRandom().nextBytes(root);
    byte[] treeKey = scriptTreeOutputKey(keyPathKey, root);
    FrostClient<ECPoint> tree = keyPath.withTaprootMerkleRoot(root);
    // the client's own tweak agrees with BIP-341 as written
    assertArrayEquals(
        treeKey,
        tree.frost().suite().outputKey(tree.signingKeys(keys).publicKeyPackage().verifyingKey()));

    byte[] message =
        Bip340Verifier.taggedHash(
            "TapSighash", "a sighash stands here".getBytes(StandardCharsets.UTF_8));
    for (int i = 0;
        i < 4;
        i++) { // several DKG-independent group commitments: both Y parities occur
      for (Identifier clientSigner : keys.clientKeys().keySet()) {
        List<Identifier> signers = List.of(clientSigner);
        assertBip340(
            keyPathKey,
            treeKey,
            message,
            keyPath,
            keyPath.signOneRound(http, keys, message, signers));
        assertBip340(
            keyPathKey,
            treeKey,
            message,
            keyPath,
            keyPath.signTwoRounds(http, http, keys, message, signers));
        assertBip340(
            treeKey, keyPathKey, message, tree, tree.signOneRound(http, keys, message, signers));
        assertBip340(
            treeKey,
            keyPathKey,
            message,
            tree,
            tree.signTwoRounds(http, http, keys, message, signers));
      }
      assertBip340(
          keyPathKey, treeKey, message, keyPath, aggregateOnServer(keyPath, keys, message));
      assertBip340(treeKey, keyPathKey, message, tree, aggregateOnServer(tree, keys, message));
      message = Bip340Verifier.taggedHash("TapSighash", message);
    }
  }

  private Signature<ECPoint> aggregateOnServer(
      FrostClient<ECPoint> c, FrostClient.Keys<ECPoint> keys, byte[] message) {
    SortedMap<Identifier, SigningNonces<ECPoint>> nonces =
        c.newNonces(keys, c.defaultSigners(keys));
    SigningPackage<ECPoint> pkg = c.signRound1(http, keys, message, nonces);
    SignatureShare serverShare = c.signRound2(http, keys, pkg);
    SortedMap<Identifier, SignatureShare> shares = c.clientShares(keys, pkg, nonces);
    shares.put(keys.serverId(), serverShare);
    return c.aggregateOnServer(http, keys, pkg, shares);
  }

  /**
   * A share made for one output key does not aggregate for the other: the protocol failure entry.
   */
  @Test
  void aShareForAnotherOutputKeyIsAnEngineFailure() {
    FrostClient<ECPoint> keyPath = client(TR);
    FrostClient.Keys<ECPoint> keys = keyPath.dkg(http, newKeyId());
    FrostClient<ECPoint> tree = keyPath.withTaprootMerkleRoot(new byte[32]);
    byte[] message = "m".getBytes(StandardCharsets.UTF_8);
    SortedMap<Identifier, SigningNonces<ECPoint>> nonces =
        keyPath.newNonces(keys, keyPath.defaultSigners(keys));
    SigningPackage<ECPoint> pkg = keyPath.signRound1(http, keys, message, nonces);
    SignatureShare serverShare = keyPath.signRound2(http, keys, pkg); // key path
    SortedMap<Identifier, SignatureShare> shares =
        tree.clientShares(keys, pkg, nonces); // script tree
    shares.put(keys.serverId(), serverShare);
    ObjectNode body =
        keyPath.frost().json().identifierMap(shares, keyPath.frost().json()::signatureShare);
    ObjectNode request = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    request.set("signing_package", keyPath.frost().json().signingPackage(pkg));
    request.set("signature_shares", body);
    String path = PREFIX + "/aggregate/" + keys.keyid();
    HttpAnswer a = http.post(path, request);
    JsonNode p =
        problem(
            a,
            500,
            "frost-internal-error",
            "Frost internal error",
            path,
            List.of(),
            "keyid",
            "culprit",
            "culprits");
    // the client's share is the one made for the other output key
    assertEquals(keyPath.frost().json().identifier(Identifier.of(1)), p.get("culprit").asText());
    assertEquals(1, p.get("culprits").size());
    assertEquals(
        keyPath.frost().json().identifier(Identifier.of(1)), p.get("culprits").get(0).asText());
  }

  // ---- taproot_merkle_root validation ----

  private static ObjectNode withRoot(ObjectNode body, JsonNode root) {
    ObjectNode b = body.deepCopy();
    b.set("taproot_merkle_root", root);
    return b;
  }

  /**
   * Bodies for sign, sign/round2 and aggregate of a fresh key of {@code suite}, valid but for the
   * root.
   */
  private Map<String, ObjectNode> validBodies(
      FrostClient<ECPoint> c, FrostClient.Keys<ECPoint> keys) {
    byte[] message = "m".getBytes(StandardCharsets.UTF_8);
    SortedMap<Identifier, SigningNonces<ECPoint>> nonces =
        c.newNonces(keys, c.defaultSigners(keys));
    ObjectNode sign = c.signOneRoundRequest(keys, message, nonces).body();
    SigningPackage<ECPoint> pkg = c.signRound1(http, keys, message, nonces);
    ObjectNode round2 = c.signRound2Request(pkg);
    SignatureShare serverShare = c.signRound2(http, keys, pkg);
    SortedMap<Identifier, SignatureShare> shares = c.clientShares(keys, pkg, nonces);
    shares.put(keys.serverId(), serverShare);
    ObjectNode aggregate =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    aggregate.set("signing_package", c.frost().json().signingPackage(pkg));
    aggregate.set(
        "signature_shares",
        c.frost().json().identifierMap(shares, c.frost().json()::signatureShare));
    return Map.of("/sign", sign, "/sign/round2", round2, "/aggregate", aggregate);
  }

  private void assertRootRefused(HttpAnswer a, String route, String keyid, String detail) {
    String path = PREFIX + route + "/" + keyid;
    JsonNode p =
        problem(
            a,
            400,
            "frost-request-json-invalid",
            "Frost request json invalid",
            path,
            List.of(),
            "url",
            "errors");
    assertEquals(PREFIX + route, p.get("url").asText());
    assertEquals(List.of(error("/taproot_merkle_root", detail)), errors(p));
  }

  @Test
  void badMerkleRootsAreFieldErrors() {
    FrostClient<ECPoint> c = client(TR);
    FrostClient.Keys<ECPoint> keys = c.dkg(http, newKeyId());
    var nodes = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
    Map<JsonNode, String> bad =
        Map.of(
            nodes.textNode("zz" + "00".repeat(31)), "is not hexadecimal",
            nodes.textNode("00".repeat(31)), "must be 32 bytes (64 hex digits), not 31",
            nodes.textNode("00".repeat(33)), "must be 32 bytes (64 hex digits), not 33",
            nodes.numberNode(7), "must be a hex string");
    int checked = 0;
    for (Map.Entry<String, ObjectNode> body : validBodies(c, keys).entrySet()) {
      for (Map.Entry<JsonNode, String> b : bad.entrySet()) {
        HttpAnswer a =
            http.post(
                PREFIX + body.getKey() + "/" + keys.keyid(), withRoot(body.getValue(), b.getKey()));
        assertRootRefused(a, body.getKey(), keys.keyid(), b.getValue());
        checked++;
      }
    }
    assertEquals(12, checked);
  }

  @Test
  void otherSuitesRefuseAMerkleRoot() {
    for (String suite : List.of(SHA256, POSEIDON)) {
      FrostClient<ECPoint> c = client(suite);
      FrostClient.Keys<ECPoint> keys = c.dkg(http, newKeyId());
      var root =
          com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode("00".repeat(32));
      for (Map.Entry<String, ObjectNode> body : validBodies(c, keys).entrySet()) {
        HttpAnswer a =
            http.post(PREFIX + body.getKey() + "/" + keys.keyid(), withRoot(body.getValue(), root));
        assertRootRefused(
            a,
            body.getKey(),
            keys.keyid(),
            "is only accepted by FROST-secp256k1-SHA256-TR-v1 keys, not " + suite);
      }
    }
  }

  // ---- suites do not mix ----

  private static JsonNode withCiphersuite(JsonNode node, String suite) {
    JsonNode copy = node.deepCopy();
    List<JsonNode> todo = new ArrayList<>(List.of(copy));
    while (!todo.isEmpty()) {
      JsonNode n = todo.remove(todo.size() - 1);
      if (n instanceof ObjectNode o && o.path("header").isObject()) {
        ((ObjectNode) o.get("header")).put("ciphersuite", suite);
      }
      n.elements().forEachRemaining(todo::add);
    }
    return copy;
  }

  /**
   * A Taproot key refuses packages of the other secp256k1 suites, and their keys refuse Taproot
   * packages.
   */
  @Test
  void packagesOfTheOtherSecp256k1SuitesAreRefused() {
    List<List<String>> pairs =
        List.of(
            List.of(TR, SHA256), List.of(TR, POSEIDON), List.of(SHA256, TR), List.of(POSEIDON, TR));
    for (List<String> pair : pairs) {
      FrostClient<ECPoint> c = client(pair.get(0));
      FrostClient.Keys<ECPoint> keys = c.dkg(http, newKeyId());
      String mustBe = "must be " + pair.get(0) + ", not " + pair.get(1);
      for (Map.Entry<String, ObjectNode> body : validBodies(c, keys).entrySet()) {
        String path = PREFIX + body.getKey() + "/" + keys.keyid();
        HttpAnswer a = http.post(path, withCiphersuite(body.getValue(), pair.get(1)));
        JsonNode p =
            problem(
                a,
                400,
                "frost-request-json-invalid",
                "Frost request json invalid",
                path,
                List.of(),
                "url",
                "errors");
        List<List<String>> errs = errors(p);
        assertTrue(
            errs.stream()
                .allMatch(e -> e.get(0).endsWith("/header/ciphersuite") && e.get(1).equals(mustBe)),
            pair + " " + body.getKey() + ": " + errs);
      }
    }
  }

  /** Taproot keys have no relay scheme: the relay answers the documented 422. */
  @Test
  void taprootKeysCannotBeRelayed() {
    FrostClient<ECPoint> c = client(TR);
    FrostClient.Keys<ECPoint> keys = c.dkg(http, newKeyId());
    byte[] payload = {1, 2, 3};
    Signature<ECPoint> sig = c.signOneRound(http, keys, payload, c.defaultSigners(keys));
    HttpAnswer a = c.relay(http, keys.keyid(), payload, sig);
    JsonNode p = problem(a, 422, null, "Unprocessable Content", c.relayPath(), List.of(), "keyid");
    assertEquals("Keys of " + TR + " cannot be relayed", p.get("detail").asText());
  }
}
