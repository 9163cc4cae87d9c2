package dev.frostsandbox.service.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.eddsa.EddsaService;
import dev.frostsandbox.testing.Eventually;
import dev.frostsandbox.testing.TestSigner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The request journal with API keys: a tenant sees only its own requests; unauthenticated requests
 * (401) are shown to no tenant, and neither they nor another tenant's flood evict a tenant's
 * entries.
 */
class JournalTenancyTest {

  private static final String P = EddsaService.DEFINITION.prefix();

  @Test
  void unauthenticatedRequestsAreInvisibleAndEvictNothing() throws Exception {
    try (TestSigner signer =
        TestSigner.start(
            EddsaService.DEFINITION,
            Map.of("SIGNER_API_KEYS", "alice=key-a,bob=key-b", "SIGNER_JOURNAL_SIZE", "3"))) {
      SignerHttp alice = signer.http().header("x-api-key", "key-a");
      SignerHttp bob = signer.http().header("x-api-key", "key-b");
      SignerHttp anonymous = signer.http();
      for (int i = 0; i < 3; i++) {
        alice.get(P + "/keys/alice-key-" + i).expect(404);
      }
      awaitNewest(alice, "alice-key-2");
      for (int i = 0; i < 20; i++) {
        anonymous.get(P + "/keys/probe-of-bob-" + i).expect(401);
        bob.get(P + "/keys/bob-key-" + i).expect(404);
      }
      awaitNewest(bob, "bob-key-19");

      JsonNode alices = alice.get("/admin/requests").expect(200).json();
      assertEquals(
          List.of("alice-key-2", "alice-key-1", "alice-key-0"),
          keyids(alices),
          "her entries were not evicted");
      JsonNode bobs = bob.get("/admin/requests").expect(200).json();
      assertEquals(List.of("bob-key-19", "bob-key-18", "bob-key-17"), keyids(bobs));
      assertFalse(
          alices.toString().contains("probe-of-bob") || bobs.toString().contains("probe-of-bob"),
          "an unauthenticated request is shown to no tenant");
    }
  }

  private static List<String> keyids(JsonNode journal) {
    List<String> out = new ArrayList<>();
    journal.path("requests").forEach(e -> out.add(e.path("keyid").asText()));
    return out;
  }

  /** Entries are added when a request ends, after its answer: wait until the last one is there. */
  private static void awaitNewest(SignerHttp http, String keyid) throws InterruptedException {
    Eventually.eventually(
        Duration.ofSeconds(30),
        () ->
            assertTrue(
                keyids(http.get("/admin/requests").expect(200).json()).contains(keyid),
                keyid + " journaled"));
  }
}
