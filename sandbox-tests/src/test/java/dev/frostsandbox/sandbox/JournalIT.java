package dev.frostsandbox.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.client.HttpAnswer;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.eddsa.EddsaService;
import dev.frostsandbox.signer.SuiteBinding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The request journal and the key listing of the eddsa jar with two tenants: the last
 * SIGNER_JOURNAL_SIZE requests, newest first, metadata only, each tenant seeing its own; request
 * ids echoed and generated; /admin/keys listing the tenant's keys with suite and verifying key.
 */
class JournalIT {

  @Test
  void journalAndKeyListingAreBoundedMetadataOnlyAndPerTenant() {
    int port = Sandbox.freePort();
    Map<String, String> env =
        Map.of(
            "SIGNER_HTTP_HOST", "127.0.0.1",
            "SIGNER_HTTP_PORT", Integer.toString(port),
            "SIGNER_EVENT_LOOPS", "2",
            "SIGNER_JOURNAL_SIZE", "4",
            "SIGNER_API_KEYS", "alice=alice-key-5d1e,bob=bob-key-77c2");
    try (ServiceProcess svc = ServiceProcess.start(Sandbox.eddsaJar(), env, port)) {
      svc.awaitReady(Duration.ofSeconds(60));
      SignerHttp alice = new SignerHttp(svc.baseUrl()).header("x-api-key", "alice-key-5d1e");
      SignerHttp bob = new SignerHttp(svc.baseUrl()).header("Authorization", "Bearer bob-key-77c2");
      SuiteBinding<?> suite = EddsaService.DEFINITION.suites().get(0);
      String keyid = Flows.newKeyId();
      FrostClient.Keys<?> keys = Flows.dkgAndSign(alice, EddsaService.DEFINITION, suite, keyid);

      HttpAnswer mine =
          alice
              .header("X-Request-Id", "alice-get-1")
              .get("/signers/eddsa/keys/" + keyid)
              .expect(200);
      assertEquals("alice-get-1", mine.header("X-Request-Id"), "a caller's request id is echoed");
      alice.header("X-Request-Id", "bad id with spaces");
      HttpAnswer generated = alice.get("/signers/eddsa/keys/" + keyid).expect(200);
      assertTrue(
          generated.header("X-Request-Id").matches("[0-9a-f-]{36}"),
          "an unsafe id is replaced: " + generated.header("X-Request-Id"));
      alice.header("X-Request-Id", null);

      JsonNode journal = alice.get("/admin/requests").expect(200).json();
      assertEquals(4, journal.path("capacity").asInt());
      List<JsonNode> entries = new ArrayList<>();
      journal.path("requests").forEach(entries::add);
      assertEquals(4, entries.size(), "bounded by SIGNER_JOURNAL_SIZE: " + journal);
      assertEquals(
          generated.header("X-Request-Id"),
          entries.get(0).path("request_id").asText(),
          "newest first");
      assertEquals("alice-get-1", entries.get(1).path("request_id").asText());
      JsonNode e = entries.get(1);
      assertEquals("GET", e.path("method").asText());
      assertEquals("/signers/eddsa/keys/" + keyid, e.path("path").asText());
      assertEquals(keyid, e.path("keyid").asText());
      assertEquals(200, e.path("status").asInt());
      assertTrue(e.path("latency_ms").isNumber());
      assertTrue(e.path("fault").isNull());
      assertTrue(e.path("time").asText().endsWith("Z"));
      assertEquals(
          "POST", entries.get(2).path("method").asText(), "the signing requests before them");
      for (JsonNode entry : entries) {
        Set<String> fields = new TreeSet<>();
        entry.fieldNames().forEachRemaining(fields::add);
        assertEquals(
            new TreeSet<>(
                List.of(
                    "request_id",
                    "time",
                    "method",
                    "path",
                    "keyid",
                    "status",
                    "latency_ms",
                    "fault")),
            fields,
            "metadata only");
      }
      assertFalse(journal.toString().contains("alice-key-5d1e"));

      JsonNode bobsJournal = bob.get("/admin/requests").expect(200).json();
      assertFalse(
          bobsJournal.toString().contains(keyid), "another tenant's requests are invisible");

      JsonNode aliceKeys = alice.get("/admin/keys").expect(200).json();
      assertEquals("eddsa", aliceKeys.path("service").asText());
      assertEquals(1, aliceKeys.path("keys").size());
      JsonNode k = aliceKeys.path("keys").get(0);
      assertEquals(keyid, k.path("keyid").asText());
      assertEquals(suite.ciphersuite(), k.path("ciphersuite").asText());
      assertEquals(verifyingKey(suite, keys), k.path("verifying_key").asText());
      assertEquals(
          0, bob.get("/admin/keys").expect(200).json().path("keys").size(), "bob has no keys");
      assertEquals(
          401, new SignerHttp(svc.baseUrl()).get("/admin/keys").status(), "admin reads need a key");
      assertEquals(401, new SignerHttp(svc.baseUrl()).get("/admin/requests").status());
    }
  }

  @SuppressWarnings("unchecked")
  private static <E> String verifyingKey(SuiteBinding<E> suite, FrostClient.Keys<?> keys) {
    return suite
        .frost()
        .json()
        .element(((FrostClient.Keys<E>) keys).publicKeyPackage().verifyingKey());
  }
}
