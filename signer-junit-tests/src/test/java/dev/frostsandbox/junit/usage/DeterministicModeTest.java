package dev.frostsandbox.junit.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.client.HttpAnswer;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.junit.FrostSandbox;
import dev.frostsandbox.junit.FrostSignerExtension;
import dev.frostsandbox.junit.SignerService;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SIGNER_DETERMINISTIC_SEED: two sandboxes started with one seed answer the same requests with the
 * same bytes (DKG, one-round and two-round signing, for every suite of both services); another
 * seed, another message or another round 1 gives other values; a deployment that requires a storage
 * key refuses to start with a seed.
 */
class DeterministicModeTest {

  static final String SEED = "deterministic-mode-test-seed";

  @RegisterExtension
  static FrostSignerExtension signer =
      FrostSignerExtension.builder().deterministicSeed(SEED).build();

  /** A client whose own randomness repeats, so both sandboxes get the same requests. */
  private static FrostClient<?> client(FrostSandbox sandbox, String suite) {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(("client of " + suite).getBytes(StandardCharsets.UTF_8));
      return sandbox.client(suite, r);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every answer body of one scripted exchange, in order. */
  private static <E> List<String> exchange(
      FrostClient<E> c, SignerHttp http, String keyid, String message) {
    List<String> answers = new ArrayList<>();
    FrostClient.DkgStart<E> start = c.dkgStart(keyid, 2, 3, false);
    HttpAnswer a1 = http.post(start.path(), start.body()).expect(201);
    answers.add(a1.body());
    FrostClient.DkgFinish<E> finish =
        c.dkgRound2Request(c.dkgSession(keyid, start.part1(), a1.json()));
    HttpAnswer a2 = http.post(finish.path(), finish.body()).expect(201);
    answers.add(a2.body());
    FrostClient.Keys<E> keys = c.dkgKeys(finish, a2.json());
    var signers = c.defaultSigners(keys);
    FrostClient.OneRoundSign<E> sign =
        c.signOneRoundRequest(
            keys, message.getBytes(StandardCharsets.UTF_8), c.newNonces(keys, signers));
    answers.add(http.post(sign.path(), sign.body()).expect(200).body());
    // two round 1 calls: the key's counter tells them apart, in the same order on every instance
    answers.add(http.post(c.signRound1Path(keys), (String) null, null).expect(201).body());
    answers.add(http.post(c.signRound1Path(keys), (String) null, null).expect(201).body());
    return answers;
  }

  @Test
  void twoSandboxesWithOneSeedAnswerEveryRequestIdentically(FrostSandbox sandbox) {
    try (FrostSignerExtension.Running other =
        FrostSignerExtension.builder().deterministicSeed(SEED).start()) {
      for (SignerService service : sandbox.services()) {
        for (String suite : sandbox.ciphersuites(service)) {
          List<String> here =
              exchange(client(sandbox, suite), sandbox.http(service), "det-" + suite, "pay 1");
          List<String> there =
              exchange(
                  client(other.sandbox(), suite),
                  other.sandbox().http(service),
                  "det-" + suite,
                  "pay 1");
          assertEquals(here, there, suite);
          assertNotEquals(here.get(3), here.get(4), suite + ": each round 1 commits to new nonces");
        }
      }
    }
  }

  @Test
  void anotherMessageOrAnotherSeedGivesOtherNonces(FrostSandbox sandbox) {
    String suite = "FROST-ED25519-SHA512-v1";
    SignerHttp http = sandbox.http(SignerService.EDDSA);
    List<String> first = exchange(client(sandbox, suite), http, "msg-1", "pay 1");
    sandbox.reset();
    List<String> second = exchange(client(sandbox, suite), http, "msg-1", "pay 2");
    assertEquals(first.subList(0, 2), second.subList(0, 2), "the same DKG requests, the same key");
    assertNotEquals(
        commitments(first.get(2)), commitments(second.get(2)), "another message, other nonces");
    // the same key again after a reset: its round-1 count goes on, so no round 1 repeats
    assertNotEquals(first.get(3), second.get(3));
    assertNotEquals(first.get(4), second.get(4));
    assertNotEquals(first.get(3), second.get(4));

    try (FrostSignerExtension.Running other =
        FrostSignerExtension.builder()
            .services(SignerService.EDDSA)
            .deterministicSeed(SEED + "-other")
            .start()) {
      List<String> third =
          exchange(
              client(other.sandbox(), suite),
              other.sandbox().http(SignerService.EDDSA),
              "msg-1",
              "pay 1");
      assertNotEquals(first.get(0), third.get(0), "another seed, another polynomial");
    }
  }

  private static String commitments(String signAnswer) {
    try {
      return dev.frostsandbox.frost.json.FrostJson.MAPPER
          .readTree(signAnswer)
          .path("signing_commitments")
          .toString();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void readinessShowsTheMode(FrostSandbox sandbox) {
    HttpAnswer ready = sandbox.http(SignerService.EDDSA).get("/health/ready").expect(200);
    assertEquals("deterministic", ready.json().path("mode").asText());
  }

  @Test
  void aDeploymentThatRequiresAStorageKeyRefusesASeed() {
    FrostSignerExtension.Builder production =
        FrostSignerExtension.builder()
            .services(SignerService.EDDSA)
            .deterministicSeed(SEED)
            .env("SIGNER_STORAGE_KEY", java.util.Base64.getEncoder().encodeToString(new byte[32]))
            .env("SIGNER_REQUIRE_STORAGE_KEY", "true");
    IllegalStateException e = assertThrows(IllegalStateException.class, production::start);
    assertTrue(e.getMessage().contains("SIGNER_DETERMINISTIC_SEED"), e.getMessage());

    IllegalStateException shortSeed =
        assertThrows(
            IllegalStateException.class,
            () ->
                FrostSignerExtension.builder()
                    .services(SignerService.EDDSA)
                    .deterministicSeed("short")
                    .start());
    assertTrue(shortSeed.getMessage().contains("at least 16"), shortSeed.getMessage());
  }
}
