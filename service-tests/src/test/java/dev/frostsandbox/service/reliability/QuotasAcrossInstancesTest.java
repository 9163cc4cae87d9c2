package dev.frostsandbox.service.reliability;

import static dev.frostsandbox.testing.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.client.HttpAnswer;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.eddsa.Ed25519Point;
import dev.frostsandbox.eddsa.EddsaService;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.frost.signing.SigningPackage;
import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.testing.RedisHarness;
import dev.frostsandbox.testing.TestSigner;
import java.security.SecureRandom;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two instances sharing Redis count one tenant's quotas together: what one takes, the other sees;
 * what one frees, the other can use.
 */
class QuotasAcrossInstancesTest {

  private static final String P = EddsaService.DEFINITION.prefix();

  @SuppressWarnings("unchecked")
  private static final SuiteBinding<Ed25519Point> SUITE =
      (SuiteBinding<Ed25519Point>) EddsaService.DEFINITION.suites().get(0);

  private final FrostClient<Ed25519Point> client =
      new FrostClient<>(SUITE.frost(), P, new SecureRandom());

  private static String newId() {
    return "k" + UUID.randomUUID().toString().replace("-", "");
  }

  @Test
  void twoInstancesShareEachQuota() {
    // a tenant of its own on the shared Redis: its counts start at zero
    String key = "key-" + newId();
    Map<String, String> env =
        Map.of(
            "SIGNER_REDIS_URL",
            RedisHarness.shared().url(),
            "SIGNER_API_KEYS",
            "t" + newId() + "=" + key,
            "SIGNER_QUOTA_KEYS",
            "2",
            "SIGNER_QUOTA_DKG_ROUNDS",
            "1",
            "SIGNER_QUOTA_NONCES",
            "1");
    try (TestSigner a = TestSigner.start(EddsaService.DEFINITION, env);
        TestSigner b = TestSigner.start(EddsaService.DEFINITION, env)) {
      SignerHttp onA = a.http().header("x-api-key", key);
      SignerHttp onB = b.http().header("x-api-key", key);

      // DKG rounds: a round started on A fills the quota on B, finishing it on B frees it for A
      FrostClient.DkgSession<Ed25519Point> round = client.dkgRound1(onA, newId(), 2, 2, true);
      assertProblem(round1(onB, newId()), Catalogue.QUOTA_ACTIVE_USERS_LIMIT_EXCEEDED);
      FrostClient.Keys<Ed25519Point> keys = client.dkgRound2(onB, round);

      // nonces: taken on A, refused on B, consumed on B, free again on A
      SortedMap<Identifier, SigningNonces<Ed25519Point>> nonces =
          client.newNonces(keys, client.defaultSigners(keys));
      SigningPackage<Ed25519Point> pkg = client.signRound1(onA, keys, new byte[] {1}, nonces);
      assertProblem(
          onB.post(client.signRound1Path(keys), (JsonNode) null),
          Catalogue.QUOTA_DPP_LIMIT_EXCEEDED);
      client.signRound2(onB, keys, pkg);
      assertEquals(201, onA.post(client.signRound1Path(keys), (JsonNode) null).status());

      // keys: one made on B, the second on A, then neither can start another
      client.dkg(onB, newId());
      assertProblem(round1(onA, newId()), Catalogue.QUOTA_APPLICATION_LIMIT_EXCEEDED);
      assertProblem(round1(onB, newId()), Catalogue.QUOTA_APPLICATION_LIMIT_EXCEEDED);
      assertEquals(204, onA.delete(P + "/keys/" + keys.keyid()).status());
      assertEquals(201, round1(onB, newId()).status());
    }
  }

  private HttpAnswer round1(SignerHttp h, String keyid) {
    return h.post(
        P + "/dkg/round1/" + keyid, client.round1Request(client.dkgPart1(2, 2), 2, 2, true));
  }
}
