package dev.frostsandbox.ecdsaschnorr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.client.HttpAnswer;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.frost.signing.SigningPackage;
import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.problem.ProblemRenderer;
import dev.frostsandbox.problem.ProblemType;
import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.store.MemoryStore;
import dev.frostsandbox.testing.TestSigner;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The two engine entries on ecdsa-schnorr: frost-poseidon-internal-error is the engine failure of a
 * Poseidon key, frost-internal-error that of a SHA-256 key; asking for the other suite's entry
 * still fails at the engine (same side effects) with the entry asked for.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EcdsaSchnorrPoseidonFaultTest {

  private static final String PREFIX = EcdsaSchnorrService.DEFINITION.prefix();
  private TestSigner signer;

  @BeforeAll
  void start() {
    signer =
        TestSigner.start(EcdsaSchnorrService.DEFINITION, Map.of("SIGNER_FAULTS_ENABLED", "true"));
  }

  @AfterAll
  void stop() {
    signer.close();
  }

  @SuppressWarnings("unchecked")
  private static FrostClient<ECPoint> client(String suite) {
    SuiteBinding<ECPoint> s =
        (SuiteBinding<ECPoint>) EcdsaSchnorrService.DEFINITION.suite(suite).orElseThrow();
    return new FrostClient<>(s.frost(), PREFIX, new SecureRandom());
  }

  private static final String POSEIDON = "FROST-secp256k1-POSEIDON-v1";
  private static final String SHA256 = "FROST-secp256k1-SHA256-v1";

  private void assertEngineProblem(HttpAnswer a, ProblemType t, String path, String keyid) {
    assertEquals(500, a.status(), a.body());
    assertEquals(
        ProblemRenderer.DEFAULT_TYPE_BASE + "#" + t.slug(), a.json().path("type").asText());
    assertEquals(t.title(), a.json().path("title").asText());
    assertEquals(500, a.json().path("status").asInt());
    assertEquals("the FROST engine failed (injected fault)", a.json().path("detail").asText());
    assertEquals(path, a.json().path("instance").asText());
    assertEquals(keyid, a.json().path("keyid").asText());
    assertEquals(t.slug(), a.header("X-Fault-Injected"));
  }

  /** Sign round 2 with the fault, then the same request again: the nonces were consumed. */
  private void signRound2ConsumesNonces(String suite, ProblemType fault) {
    FrostClient<ECPoint> c = client(suite);
    FrostClient.Keys<ECPoint> keys =
        c.dkg(signer.http(), "k" + UUID.randomUUID().toString().replace("-", ""));
    SortedMap<Identifier, SigningNonces<ECPoint>> nonces =
        c.newNonces(keys, c.defaultSigners(keys));
    SigningPackage<ECPoint> pkg =
        c.signRound1(signer.http(), keys, "m".getBytes(StandardCharsets.UTF_8), nonces);
    String path = PREFIX + "/sign/round2/" + keys.keyid();
    SignerHttp faulty = signer.http().header("X-Fault", fault.slug());
    assertEngineProblem(faulty.post(path, c.signRound2Request(pkg)), fault, path, keys.keyid());
    HttpAnswer again = signer.http().post(path, c.signRound2Request(pkg));
    assertEquals(404, again.status());
    assertEquals(
        ProblemRenderer.DEFAULT_TYPE_BASE + "#no-signing-round-found",
        again.json().path("type").asText());
  }

  @Test
  void poseidonEntryOnAPoseidonKeyIsTheRealEngineFailure() {
    signRound2ConsumesNonces(POSEIDON, Catalogue.FROST_POSEIDON_INTERNAL_ERROR);
  }

  @Test
  void sha256EntryOnAPoseidonKey() {
    signRound2ConsumesNonces(POSEIDON, Catalogue.FROST_INTERNAL_ERROR);
  }

  @Test
  void poseidonEntryOnASha256Key() {
    signRound2ConsumesNonces(SHA256, Catalogue.FROST_POSEIDON_INTERNAL_ERROR);
  }

  @Test
  void poseidonEngineFailureOnDkgRound1StoresNothing() {
    FrostClient<ECPoint> c = client(POSEIDON);
    String keyid = "k" + UUID.randomUUID().toString().replace("-", "");
    String path = PREFIX + "/dkg/round1/" + keyid;
    int before = ((MemoryStore) signer.server().store()).size();
    HttpAnswer a =
        signer
            .http()
            .header("X-Fault", "frost-poseidon-internal-error")
            .post(path, c.round1Request(c.dkgPart1(2, 2), 2, 2, true));
    assertEngineProblem(a, Catalogue.FROST_POSEIDON_INTERNAL_ERROR, path, keyid);
    assertEquals(before, ((MemoryStore) signer.server().store()).size());
  }
}
