package dev.frostsandbox.service.reliability;

import static dev.frostsandbox.testing.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.eddsa.Ed25519Point;
import dev.frostsandbox.eddsa.EddsaService;
import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.signer.state.SecretBox;
import dev.frostsandbox.store.StoreKeys;
import dev.frostsandbox.testing.RedisHarness;
import dev.frostsandbox.testing.RedisProbe;
import dev.frostsandbox.testing.TestSigner;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Storage key rotation against a real Redis: a new SIGNER_STORAGE_KEY with the previous one in
 * SIGNER_STORAGE_OLD_KEYS reads every stored key, and a key read is sealed again under the new key,
 * so the old key can go; keys sealed in the format from before key ids keep working.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyRotationTest {

  private static final String P = EddsaService.DEFINITION.prefix();

  /**
   * A tenant of its own per test: GET /admin/keys must see only that test's keys on the shared
   * Redis.
   */
  private String tenant;

  private String apiKey;
  private String scope;

  @BeforeEach
  void freshTenant() {
    tenant = "rotation" + Long.toHexString(new SecureRandom().nextLong() & Long.MAX_VALUE);
    apiKey = "key-" + tenant;
    scope = EddsaService.DEFINITION.name() + "." + tenant;
  }

  @SuppressWarnings("unchecked")
  private static final SuiteBinding<Ed25519Point> SUITE =
      (SuiteBinding<Ed25519Point>) EddsaService.DEFINITION.suites().get(0);

  private final FrostClient<Ed25519Point> client =
      new FrostClient<>(SUITE.frost(), P, new SecureRandom());
  private RedisHarness redis;
  private RedisProbe probe;

  @BeforeAll
  void start() {
    redis = RedisHarness.shared();
    probe = new RedisProbe(redis.url());
  }

  @AfterAll
  void stop() {
    probe.close();
  }

  private static byte[] randomKey() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return k;
  }

  private static String b64(byte[] k) {
    return Base64.getEncoder().encodeToString(k);
  }

  private TestSigner signer(byte[] current, byte[]... old) {
    Map<String, String> env =
        new java.util.HashMap<>(
            Map.of(
                "SIGNER_REDIS_URL",
                redis.url(),
                "SIGNER_STORAGE_KEY",
                b64(current),
                "SIGNER_API_KEYS",
                tenant + "=" + apiKey));
    if (old.length > 0) {
      env.put(
          "SIGNER_STORAGE_OLD_KEYS",
          String.join(",", Arrays.stream(old).map(KeyRotationTest::b64).toList()));
    }
    return TestSigner.start(EddsaService.DEFINITION, env);
  }

  private SignerHttp http(TestSigner signer) {
    return signer.http().header("x-api-key", apiKey);
  }

  private void signs(SignerHttp http, FrostClient.Keys<Ed25519Point> keys) {
    byte[] msg = "rotation".getBytes(StandardCharsets.UTF_8);
    assertTrue(
        client.verify(
            keys, msg, client.signTwoRounds(http, http, keys, msg, client.defaultSigners(keys))));
  }

  @Test
  void aNewKeyWithTheOldOneAsOldKeyReadsAndResealsEveryKey() {
    byte[] k1 = randomKey();
    byte[] k2 = randomKey();
    String storeKeyA = StoreKeys.key(scope, "rotated-a");
    String storeKeyB = StoreKeys.key(scope, "rotated-b");
    FrostClient.Keys<Ed25519Point> a;
    FrostClient.Keys<Ed25519Point> b;
    try (TestSigner signer = signer(k1)) {
      a = client.dkg(http(signer), "rotated-a");
      b = client.dkg(http(signer), "rotated-b");
    }
    byte[] underK1 = probe.get(storeKeyA);
    assertEquals(2, underK1[0]);
    assertEquals(SecretBox.keyId(k1), underK1[1]);

    // the new key alone cannot read what the old one sealed
    try (TestSigner signer = signer(k2)) {
      assertProblem(http(signer).get(P + "/keys/rotated-a"), Catalogue.SERIALIZE_ERROR);
    }
    // with the old key still configured it can, and a read seals the key again under the new one
    try (TestSigner signer = signer(k2, k1)) {
      assertEquals(200, http(signer).get(P + "/keys/rotated-a").status());
      byte[] underK2 = probe.get(storeKeyA);
      assertEquals(2, underK2[0]);
      assertEquals(SecretBox.keyId(k2), underK2[1]);
      signs(http(signer), a);
      assertEquals(SecretBox.keyId(k1), probe.get(storeKeyB)[1], "not read yet");
      // GET /admin/keys reads every key of the caller: the documented way to finish a rotation
      assertEquals(200, http(signer).get("/admin/keys").status());
      assertEquals(SecretBox.keyId(k2), probe.get(storeKeyB)[1]);
    }
    // the old key can go now
    try (TestSigner signer = signer(k2)) {
      assertEquals(200, http(signer).get(P + "/keys/rotated-a").status());
      assertEquals(200, http(signer).get(P + "/keys/rotated-b").status());
      signs(http(signer), a);
      signs(http(signer), b);
    }
  }

  @Test
  void aKeySealedBeforeKeyIdsExistedIsReadAndSealedAgain() throws Exception {
    byte[] k = randomKey();
    String storeKey = StoreKeys.key(scope, "upgraded");
    String binding = EddsaService.DEFINITION.name() + "|" + tenant + "|upgraded|key|";
    FrostClient.Keys<Ed25519Point> keys;
    try (TestSigner signer = signer(k)) {
      keys = client.dkg(http(signer), "upgraded");
    }
    // rewrite the stored key in the old format: 01 | nonce | AES-GCM(k, nonce, aad = binding)
    byte[] v1 = probe.get(storeKey);
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(k, "AES"), new GCMParameterSpec(128, v1, 2, 12));
    c.updateAAD(new byte[] {v1[0], v1[1]});
    c.updateAAD(binding.getBytes(StandardCharsets.UTF_8));
    byte[] plaintext = c.doFinal(v1, 14, v1.length - 14);
    byte[] nonce = new byte[12];
    new SecureRandom().nextBytes(nonce);
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k, "AES"), new GCMParameterSpec(128, nonce));
    c.updateAAD(binding.getBytes(StandardCharsets.UTF_8));
    byte[] ct = c.doFinal(plaintext);
    byte[] v0 = new byte[1 + 12 + ct.length];
    v0[0] = 1;
    System.arraycopy(nonce, 0, v0, 1, 12);
    System.arraycopy(ct, 0, v0, 13, ct.length);
    probe.set(storeKey, v0);

    try (TestSigner signer = signer(k)) {
      assertEquals(200, http(signer).get(P + "/keys/upgraded").status());
      byte[] now = probe.get(storeKey);
      assertEquals(2, now[0], "sealed again in the current format");
      assertEquals(SecretBox.keyId(k), now[1]);
      assertArrayEquals(plaintext, new SecretBox(k).open(now, binding));
      signs(http(signer), keys);
    }
  }

  @Test
  void oldKeysWithoutACurrentKeyRefuseToStart() {
    IllegalStateException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalStateException.class,
            () ->
                TestSigner.start(
                    EddsaService.DEFINITION, Map.of("SIGNER_STORAGE_OLD_KEYS", b64(randomKey()))));
    assertTrue(
        String.valueOf(e.getCause()).contains("SIGNER_STORAGE_OLD_KEYS"),
        String.valueOf(e.getCause()));
    IllegalStateException bad =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalStateException.class,
            () ->
                TestSigner.start(
                    EddsaService.DEFINITION,
                    Map.of(
                        "SIGNER_STORAGE_KEY",
                        b64(randomKey()),
                        "SIGNER_STORAGE_OLD_KEYS",
                        "not-a-key")));
    assertTrue(
        String.valueOf(bad.getCause()).contains("SIGNER_STORAGE_OLD_KEYS"),
        String.valueOf(bad.getCause()));
  }
}
