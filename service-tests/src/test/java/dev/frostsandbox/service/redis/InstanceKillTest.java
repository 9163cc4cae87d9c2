package dev.frostsandbox.service.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.ecdsaschnorr.EcdsaSchnorrService;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.signing.SignatureShare;
import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.frost.signing.SigningPackage;
import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.testing.RedisHarness;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/**
 * Real service processes sharing one Redis: an instance killed with SIGKILL between DKG rounds or
 * between signing rounds loses nothing; another instance completes the protocol.
 */
class InstanceKillTest {

  @SuppressWarnings("unchecked")
  private static final SuiteBinding<ECPoint> SUITE =
      (SuiteBinding<ECPoint>) EcdsaSchnorrService.DEFINITION.suites().get(1);

  private static Map<String, String> env(String storageKey) {
    return Map.of(
        "SIGNER_REDIS_URL", RedisHarness.shared().url(), "SIGNER_STORAGE_KEY", storageKey);
  }

  @Test
  void killedBetweenRoundsTheOtherInstanceCompletesDkgAndSigning() throws Exception {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    String storageKey = Base64.getEncoder().encodeToString(k);
    FrostClient<ECPoint> client =
        new FrostClient<>(
            SUITE.frost(), EcdsaSchnorrService.DEFINITION.prefix(), new SecureRandom());
    String keyid = "killed-" + System.nanoTime();
    try (ServiceProcess a = ServiceProcess.launch(env(storageKey));
        ServiceProcess b = ServiceProcess.launch(env(storageKey));
        ServiceProcess c = ServiceProcess.launch(env(storageKey))) {
      a.awaitReady();
      b.awaitReady();
      c.awaitReady();

      // DKG round 1 on A, A dies, round 2 on B
      FrostClient.DkgSession<ECPoint> session = client.dkgRound1(a.http(), keyid, 2, 2, true);
      a.kill();
      FrostClient.Keys<ECPoint> keys = client.dkgRound2(b.http(), session);

      // signing round 1 on C, C dies, round 2 on B
      byte[] msg = "survives kill -9".getBytes(StandardCharsets.UTF_8);
      List<Identifier> signers = client.defaultSigners(keys);
      SortedMap<Identifier, SigningNonces<ECPoint>> nonces = client.newNonces(keys, signers);
      SigningPackage<ECPoint> pkg = client.signRound1(c.http(), keys, msg, nonces);
      c.kill();
      SignatureShare share = client.signRound2(b.http(), keys, pkg);
      SortedMap<Identifier, SignatureShare> shares = client.clientShares(keys, pkg, nonces);
      shares.put(keys.serverId(), share);
      assertTrue(
          client.verify(
              keys, msg, SUITE.frost().signing().aggregate(pkg, shares, keys.publicKeyPackage())));
      // the nonces were single use across instances too
      assertEquals(
          404,
          b.http()
              .post(
                  EcdsaSchnorrService.DEFINITION.prefix() + "/sign/round2/" + keyid,
                  client.signRound2Request(pkg))
              .status());
      assertFalse(a.process.isAlive());
    }
  }

  @Test
  void theServiceProcessRefusesToStartWithoutAStorageKeyWhenOneIsRequired() throws Exception {
    try (ServiceProcess p = ServiceProcess.launch(Map.of("SIGNER_REQUIRE_STORAGE_KEY", "true"))) {
      assertTrue(p.process.waitFor(60, TimeUnit.SECONDS), "exits");
      assertEquals(1, p.process.exitValue(), p.log());
      assertTrue(p.log().contains("SIGNER_REQUIRE_STORAGE_KEY"), p.log());
    }
  }
}
