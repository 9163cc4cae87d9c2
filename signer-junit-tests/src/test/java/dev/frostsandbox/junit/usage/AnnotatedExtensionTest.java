package dev.frostsandbox.junit.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostsandbox.client.HttpAnswer;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.junit.FrostSandbox;
import dev.frostsandbox.junit.FrostSignerTest;
import dev.frostsandbox.junit.KeepSignerState;
import dev.frostsandbox.junit.SignerService;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The annotation with its defaults: both services, once for the class, faults on, state reset
 * before each test. The order makes later tests see (or not) what earlier ones left.
 */
@FrostSignerTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnnotatedExtensionTest {

  @Test
  @Order(1)
  void everySuiteOfBothServicesSignsWithTheProjectsClient(FrostSandbox sandbox) {
    assertEquals(List.of(SignerService.EDDSA, SignerService.ECDSA_SCHNORR), sandbox.services());
    for (SignerService service : sandbox.services()) {
      for (String suite : sandbox.ciphersuites(service)) {
        Flows.dkgAndSign(sandbox.client(suite), sandbox.http(service), "wallet-" + suite);
      }
    }
    List<JsonNode> journal = sandbox.journal(SignerService.EDDSA);
    // newest first: GET keys, sign, dkg round2, dkg round1
    assertEquals(4, journal.size(), journal.toString());
    assertEquals("GET", journal.get(0).path("method").asText());
    assertTrue(journal.get(3).path("path").asText().contains("/dkg/round1/"), journal.toString());
    journal.forEach(e -> assertEquals(2, e.path("status").asInt() / 100, e.toString()));
  }

  @Test
  @Order(2)
  void theNextTestStartsFromNothing(FrostSandbox sandbox) {
    for (SignerService service : sandbox.services()) {
      assertEquals(List.of(), sandbox.journal(service));
      assertEquals(List.of(), sandbox.faults(service).list());
      String suite = sandbox.ciphersuites(service).get(0);
      HttpAnswer a = sandbox.http(service).get(sandbox.prefix(service) + "/keys/wallet-" + suite);
      assertEquals(404, a.status(), a.body());
      assertTrue(a.json().path("type").asText().endsWith("no-key-found"), a.body());
    }
  }

  @Test
  @Order(3)
  void aFaultRuleFiresOnTheNextMatchingRequest(FrostSandbox sandbox) {
    SignerHttp http = sandbox.http(SignerService.EDDSA);
    Flows.dkgAndSign(sandbox.client("FROST-ED25519-SHA512-v1"), http, "kept");
    JsonNode rule =
        sandbox
            .faults(SignerService.EDDSA)
            .add(
                "{\"method\": \"GET\", \"path\": \"/signers/eddsa/keys/kept\", \"fault\": \"redis-error\", \"times\": 1}");
    String id = rule.path("id").asText();
    assertNotNull(id);

    HttpAnswer faulted = http.get("/signers/eddsa/keys/kept");
    assertEquals(500, faulted.status(), faulted.body());
    assertNotNull(faulted.header("X-Fault-Injected"));
    assertEquals(1, sandbox.faults(SignerService.EDDSA).fired(id));
    assertEquals(200, http.get("/signers/eddsa/keys/kept").status(), "times: 1 fired once");
  }

  @Test
  @Order(4)
  @KeepSignerState
  void keepSignerStateSeesWhatTheTestBeforeLeft(FrostSandbox sandbox) {
    assertEquals(200, sandbox.http(SignerService.EDDSA).get("/signers/eddsa/keys/kept").status());
    assertEquals(1, sandbox.faults(SignerService.EDDSA).list().size());
    assertTrue(sandbox.journal(SignerService.EDDSA).size() >= 5);
  }

  @Nested
  class NestedTests {
    @Test
    void aNestedClassUsesTheEnclosingClassesServicesResetBeforeItsTest(FrostSandbox sandbox) {
      assertEquals(404, sandbox.http(SignerService.EDDSA).get("/signers/eddsa/keys/kept").status());
      assertEquals(List.of(), sandbox.faults(SignerService.EDDSA).list());
    }
  }
}
