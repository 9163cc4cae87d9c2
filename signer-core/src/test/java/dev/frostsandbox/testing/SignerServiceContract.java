package dev.frostsandbox.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.client.HttpAnswer;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.Signature;
import dev.frostsandbox.frost.signing.SignatureShare;
import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.frost.signing.SigningPackage;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.SortedMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * End to end over HTTP for one ciphersuite of one service and one store: the project's engine in
 * the client role runs 2-of-2 and t-of-n DKG, signs in one and in two rounds, and every signature
 * verifies with the engine and with a plain verifier independent of it. Each service module extends
 * this with one {@code @ParameterizedClass} over its suites and both stores (embedded, real Redis):
 * see {@link SuiteContract}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SignerServiceContract<E> extends SuiteContract<E> {

  protected TestSigner signer;
  protected SignerHttp http;
  protected FrostClient<E> client;

  /**
   * A verifier that shares no code with the engine (plain Ed25519, or the Schnorr equation by
   * hand).
   */
  private boolean plainVerify(byte[] message, byte[] signature, byte[] verifyingKey) {
    return target().plainVerifier().verify(message, signature, verifyingKey);
  }

  @BeforeParameterizedClassInvocation
  void startSigner() {
    signer = TestSigner.start(definition(), storeEnv());
    http = signer.http();
    client = new FrostClient<>(suite().frost(), definition().prefix(), new SecureRandom());
  }

  @AfterParameterizedClassInvocation
  void stopSigner() {
    if (signer != null) {
      signer.close();
      signer = null;
    }
  }

  protected static String newKeyId() {
    return "0x" + UUID.randomUUID().toString().replace("-", "");
  }

  private void assertVerifies(FrostClient.Keys<E> keys, byte[] message, Signature<E> sig) {
    assertTrue(client.verify(keys, message, sig), "engine verification");
    byte[] vk = suite().frost().group().serializeElement(keys.publicKeyPackage().verifyingKey());
    assertTrue(
        plainVerify(message, suite().frost().suite().serializeSignature(sig), vk),
        "plain verification");
    byte[] other = message.clone();
    other[0] ^= 1;
    assertTrue(
        !plainVerify(other, suite().frost().suite().serializeSignature(sig), vk),
        "another message must not verify");
  }

  @Test
  void twoOfTwoDkgThenSignInOneAndTwoRounds() {
    FrostClient.Keys<E> keys = client.dkg(http, newKeyId());
    assertEquals(Identifier.of(2), keys.serverId());
    byte[] message = "pay 1 BTC to Alice".getBytes(StandardCharsets.UTF_8);
    List<Identifier> signers = client.defaultSigners(keys);
    assertVerifies(keys, message, client.signOneRound(http, keys, message, signers));
    assertVerifies(keys, message, client.signTwoRounds(http, http, keys, message, signers));
  }

  @Test
  void twoOfThreeDkgThenEveryClientSignsWithTheServer() {
    FrostClient.Keys<E> keys = client.dkg(http, newKeyId(), 2, 3);
    assertEquals(Identifier.of(3), keys.serverId());
    assertEquals(3, keys.publicKeyPackage().verifyingShares().size());
    byte[] message = "t-of-n".getBytes(StandardCharsets.UTF_8);
    for (Identifier clientSigner : keys.clientKeys().keySet()) {
      assertVerifies(
          keys, message, client.signOneRound(http, keys, message, List.of(clientSigner)));
      assertVerifies(
          keys, message, client.signTwoRounds(http, http, keys, message, List.of(clientSigner)));
    }
  }

  @Test
  void threeOfFiveDkgAndSigning() {
    FrostClient.Keys<E> keys = client.dkg(http, newKeyId(), 3, 5);
    byte[] message = new byte[] {0, 1, 2, 3, (byte) 0xff};
    assertVerifies(
        keys,
        message,
        client.signOneRound(http, keys, message, List.of(Identifier.of(1), Identifier.of(4))));
    assertVerifies(
        keys,
        message,
        client.signTwoRounds(
            http, http, keys, message, List.of(Identifier.of(2), Identifier.of(3))));
  }

  @Test
  void serverAggregatesAndVerifies() {
    FrostClient.Keys<E> keys = client.dkg(http, newKeyId());
    byte[] message = "aggregate me".getBytes(StandardCharsets.UTF_8);
    SortedMap<Identifier, SigningNonces<E>> nonces =
        client.newNonces(keys, client.defaultSigners(keys));
    SigningPackage<E> pkg = client.signRound1(http, keys, message, nonces);
    SignatureShare serverShare = client.signRound2(http, keys, pkg);
    SortedMap<Identifier, SignatureShare> shares = client.clientShares(keys, pkg, nonces);
    shares.put(keys.serverId(), serverShare);
    Signature<E> sig = client.aggregateOnServer(http, keys, pkg, shares);
    assertVerifies(keys, message, sig);
  }

  @Test
  void getAndDeleteKey() {
    String keyid = newKeyId();
    FrostClient.Keys<E> keys = client.dkg(http, keyid);
    HttpAnswer got = http.get(definition().prefix() + "/keys/" + keyid).expect(200);
    JsonNode body = got.json();
    assertEquals(keyid, body.get("keyid").asText());
    assertEquals(suite().ciphersuite(), body.get("ciphersuite").asText());
    assertEquals(
        suite().frost().json().element(keys.publicKeyPackage().verifyingKey()),
        body.get("verifying_key").asText());
    assertEquals(
        suite().frost().json().publicKeyPackage(keys.publicKeyPackage()),
        body.get("public_key_package"));
    assertNotNull(java.time.Instant.parse(body.get("created_at").asText()));
    assertEquals(204, http.delete(definition().prefix() + "/keys/" + keyid).status());
    assertEquals(404, http.get(definition().prefix() + "/keys/" + keyid).status());
    assertEquals(404, http.delete(definition().prefix() + "/keys/" + keyid).status());
  }

  @Test
  void healthAndOperationalEndpoints() {
    assertEquals(200, http.get("/health/live").status());
    HttpAnswer ready = http.get("/health/ready").expect(200);
    assertEquals("UP", ready.json().get("store").asText());
    client.dkg(http, newKeyId());
    HttpAnswer metrics = http.get("/metrics").expect(200);
    assertTrue(metrics.body().contains("frost_dkg_completed_total"), "DKG counter is exported");
    assertTrue(metrics.body().contains("ciphersuite=\"" + suite().ciphersuite() + "\""));
    assertTrue(
        metrics.body().contains("http_server_requests_seconds_bucket"),
        "latency histogram is exported");
    HttpAnswer openapi = http.get("/openapi.yaml").expect(200);
    assertTrue(openapi.body().contains(definition().prefix() + "/dkg/round1/{keyid}"));
  }
}
