package dev.frostsandbox.junit.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.client.HttpAnswer;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.client.TranscriptReplay;
import dev.frostsandbox.junit.FrostSandbox;
import dev.frostsandbox.junit.FrostSignerExtension;
import dev.frostsandbox.junit.FrostSignerTest;
import dev.frostsandbox.junit.SignerService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transcripts: the journal keeps request and response bodies (the extension turns
 * SIGNER_JOURNAL_BODIES on), GET /admin/transcripts/{keyid} gives a key's exchange in order, and a
 * saved transcript replayed on a fresh sandbox with the same seed gets the same answers.
 */
@FrostSignerTest(
    services = SignerService.EDDSA,
    apiKeys = {"alice=key-a", "bob=key-b"},
    deterministicSeed = TranscriptTest.SEED)
class TranscriptTest {

  static final String SEED = "transcript-test-seed-0001";
  private static final String SUITE = "FROST-ED25519-SHA512-v1";

  private static FrostClient<?> client(FrostSandbox sandbox) throws Exception {
    SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
    r.setSeed("transcript client".getBytes(StandardCharsets.UTF_8));
    return sandbox.client(SUITE, r);
  }

  /** DKG, a one-round signature, a two-round signature, a faulted read, a key read and an error. */
  private static <E> List<HttpAnswer> exchange(FrostClient<E> c, SignerHttp http, String keyid) {
    List<HttpAnswer> answers = new ArrayList<>();
    FrostClient.DkgStart<E> start = c.dkgStart(keyid, 2, 2, true);
    answers.add(http.post(start.path(), start.body()));
    FrostClient.DkgFinish<E> finish =
        c.dkgRound2Request(c.dkgSession(keyid, start.part1(), answers.get(0).json()));
    answers.add(http.post(finish.path(), finish.body()));
    FrostClient.Keys<E> keys = c.dkgKeys(finish, answers.get(1).json());
    c.signOneRound(http, keys, "one".getBytes(StandardCharsets.UTF_8), c.defaultSigners(keys));
    c.signTwoRounds(
        http, http, keys, "two".getBytes(StandardCharsets.UTF_8), c.defaultSigners(keys));
    SignerHttp faulted =
        new SignerHttp(http.baseUrl())
            .header("x-api-key", "key-a")
            .header("X-Fault", "redis-error");
    answers.add(faulted.get(c.keyPath(keys)));
    answers.add(http.get(c.keyPath(keys)));
    answers.add(http.post("/signers/eddsa/sign/round2/" + keyid, "{}", "application/json"));
    return answers;
  }

  @Test
  void aKeysTranscriptHasEveryExchangeInOrderWithItsBodies(FrostSandbox sandbox, @TempDir Path dir)
      throws Exception {
    SignerHttp http = sandbox.http(SignerService.EDDSA);
    List<HttpAnswer> answers = exchange(client(sandbox), http, "wallet");

    JsonNode t = http.get("/admin/transcripts/wallet").expect(200).json();
    assertEquals("wallet", t.path("keyid").asText());
    assertTrue(t.path("bodies").asBoolean());
    assertTrue(t.path("deterministic").asBoolean());
    List<String> steps = new ArrayList<>();
    t.path("exchanges")
        .forEach(
            e ->
                steps.add(
                    e.path("method").asText()
                        + " "
                        + e.path("path")
                            .asText()
                            .replace("/signers/eddsa", "")
                            .replace("/wallet", "")
                        + " "
                        + e.path("status").asInt()));
    assertEquals(
        List.of(
            "POST /dkg/round1 201",
            "POST /dkg/round2 201",
            "POST /sign 200",
            "POST /sign/round1 201",
            "POST /sign/round2 200",
            "GET /keys 500",
            "GET /keys 200",
            "POST /sign/round2 400"),
        steps);

    JsonNode round1 = t.path("exchanges").get(0);
    assertTrue(round1.path("request").path("round1_package").isObject(), round1.toString());
    assertEquals(answers.get(0).json(), round1.path("response"), "the answer as the client got it");
    JsonNode faulted = t.path("exchanges").get(5);
    assertEquals("redis-error", faulted.path("fault").asText());
    assertTrue(faulted.path("response").path("type").asText().endsWith("redis-error"));
    assertNotNull(
        t.path("exchanges").get(7).path("response").path("errors"), "a problem body is kept too");

    // one entry with its bodies, by request id
    String id = round1.path("request_id").asText();
    JsonNode one = http.get("/admin/requests/" + id).expect(200).json();
    assertEquals(round1.path("request"), one.path("request_body"));
    assertEquals(round1.path("response"), one.path("response_body"));

    // another tenant sees neither
    SignerHttp bob = new SignerHttp(sandbox.baseUrl()).header("x-api-key", "key-b");
    assertEquals(404, bob.get("/admin/transcripts/wallet").status());
    assertEquals(404, bob.get("/admin/requests/" + id).status());

    // replayed on a fresh sandbox with the same seed: the same answers (the faulted read skipped)
    Path file = dir.resolve("wallet.json");
    Files.writeString(file, t.toString());
    try (FrostSignerExtension.Running fresh =
        FrostSignerExtension.builder()
            .services(SignerService.EDDSA)
            .apiKeys("alice=key-a")
            .deterministicSeed(SEED)
            .start()) {
      TranscriptReplay.Outcome same =
          new TranscriptReplay(fresh.sandbox().http(SignerService.EDDSA))
              .replay(TranscriptReplay.read(file));
      assertNull(same.difference(), String.valueOf(same.difference()));
      assertEquals(7, same.replayed());
      assertEquals(1, same.skipped());
    }
    // with another seed the first DKG answer already differs
    try (FrostSignerExtension.Running other =
        FrostSignerExtension.builder()
            .services(SignerService.EDDSA)
            .apiKeys("alice=key-a")
            .deterministicSeed(SEED + "-other")
            .start()) {
      TranscriptReplay.Outcome differs =
          new TranscriptReplay(other.sandbox().http(SignerService.EDDSA))
              .replay(TranscriptReplay.read(file));
      assertNotNull(differs.difference());
      assertEquals(0, differs.difference().exchange());
      assertTrue(
          differs.difference().what().startsWith("body differs at /round1_package"),
          differs.difference().toString());
    }
  }

  @Test
  void aBodyOverTheLimitIsCutAndMarked(FrostSandbox sandbox) {
    SignerHttp http = sandbox.http(SignerService.EDDSA);
    String big = "{\"message\": \"" + "A".repeat(20_000) + "\", \"signing_commitments\": {}}";
    HttpAnswer a = http.post("/signers/eddsa/sign/nothing", big, "application/json");
    assertEquals(404, a.status());
    JsonNode e = http.get("/admin/requests/" + a.header("X-Request-Id")).expect(200).json();
    String kept = e.path("request_body").asText();
    assertEquals(16_384 + "...[cut]".length(), kept.length());
    assertTrue(kept.endsWith("...[cut]"));
    assertTrue(e.path("response_body").isObject(), "the problem answer is kept whole");
  }

  @Test
  void withoutBodiesTheJournalKeepsMetadataOnly() {
    try (FrostSignerExtension.Running plain =
        FrostSignerExtension.builder()
            .services(SignerService.EDDSA)
            .env("SIGNER_JOURNAL_BODIES", "false")
            .start()) {
      SignerHttp http = plain.sandbox().http(SignerService.EDDSA);
      HttpAnswer a = http.get("/signers/eddsa/keys/nothing");
      assertEquals(404, a.status());
      JsonNode e = http.get("/admin/requests/" + a.header("X-Request-Id")).expect(200).json();
      assertTrue(e.path("request_body").isNull());
      assertTrue(e.path("response_body").isNull());
      assertEquals(false, http.get("/admin/requests").json().path("bodies").asBoolean(true));
    }
  }
}
