package dev.frostsandbox.signer.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostsandbox.client.HttpAnswer;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.signer.fault.cosigner.CosignerFault;
import dev.frostsandbox.testing.SuiteContract;
import dev.frostsandbox.testing.SuiteUnderTest;
import dev.frostsandbox.testing.TestSigner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /admin/faults/catalogue}, the lists the console builds its rule form from: it names
 * every endpoint of the service, and a fault is listed on an endpoint exactly when the injector
 * accepts it there (checked by asking for each one with X-Fault / X-Fault-Abort, not by reading the
 * declarations again); a rule made of a listed endpoint and fault fires; the endpoint is gated and
 * tenant-checked like /admin/faults. Each service module extends this once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class FaultCatalogueContract<E> extends SuiteContract<E> {

  private static final String KEY = "catalogue-key";

  private TestSigner signer;
  private String prefix;

  protected FaultCatalogueContract(SuiteUnderTest<E> target) {
    super(target);
  }

  @BeforeAll
  void start() {
    signer =
        TestSigner.start(
            definition(), Map.of("SIGNER_FAULTS_ENABLED", "true", "SIGNER_API_KEYS", "t1=" + KEY));
    prefix = definition().prefix();
  }

  @AfterAll
  void stop() {
    if (signer != null) {
      signer.close();
    }
  }

  private SignerHttp http() {
    return signer.http().header("x-api-key", KEY);
  }

  private JsonNode catalogue() {
    return http().get("/admin/faults/catalogue").expect(200).json();
  }

  /** "METHOD path" -> the endpoint's entry. */
  private Map<String, JsonNode> endpoints() {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (JsonNode e : catalogue().get("endpoints")) {
      out.put(e.get("method").asText() + " " + e.get("path").asText(), e);
    }
    return out;
  }

  private static Set<String> faults(JsonNode endpoint) {
    Set<String> out = new TreeSet<>();
    endpoint.get("faults").forEach(f -> out.add(f.get("fault").asText()));
    return out;
  }

  private static Set<String> aborts(JsonNode endpoint) {
    Set<String> out = new TreeSet<>();
    endpoint.get("aborts").forEach(a -> out.add(a.asText()));
    return out;
  }

  @Test
  void everyEndpointOfTheServiceIsListed() {
    List<String> expected =
        new ArrayList<>(
            List.of(
                "POST " + prefix + "/sign/:keyid",
                "POST " + prefix + "/sign/round1/:keyid",
                "POST " + prefix + "/sign/round2/:keyid",
                "POST " + prefix + "/aggregate/:keyid",
                "POST " + prefix + "/dkg/round1/:keyid",
                "POST " + prefix + "/dkg/round2/:keyid",
                "GET " + prefix + "/keys/:keyid",
                "DELETE " + prefix + "/keys/:keyid",
                "POST " + prefix + "/keys/:keyid/refresh/round1",
                "POST " + prefix + "/keys/:keyid/refresh/round2",
                "POST " + prefix + "/keys/:keyid/repair/part1",
                "POST " + prefix + "/keys/:keyid/repair/part2",
                "POST " + prefix + "/keys/:keyid/repair/part3"));
    if (definition().relays()) {
      expected.add("POST " + prefix + "/relay");
      expected.add("POST /v1" + prefix + "/relay");
    }
    JsonNode c = catalogue();
    assertEquals(definition().name(), c.get("service").asText());
    assertEquals(new TreeSet<>(expected), new TreeSet<>(endpoints().keySet()));
    JsonNode sign = endpoints().get("POST " + prefix + "/sign/round2/:keyid");
    assertEquals(prefix + "/sign/round2/*", sign.get("rule_path").asText());
    assertTrue(sign.get("keyed").asBoolean());
  }

  @Test
  void whatEachEndpointOffersIsWhatItsDeclarationsSay() {
    Map<String, JsonNode> e = endpoints();
    JsonNode round2 = e.get("POST " + prefix + "/sign/round2/:keyid");
    JsonNode round1 = e.get("POST " + prefix + "/dkg/round1/:keyid");
    JsonNode get = e.get("GET " + prefix + "/keys/:keyid");
    JsonNode delete = e.get("DELETE " + prefix + "/keys/:keyid");
    assertTrue(faults(round2).contains("bad-signature-share"));
    assertFalse(faults(round2).contains("invalid-element"), "sign/round2 answers a scalar only");
    assertFalse(faults(round2).contains("relay-timeout"), "relay failures are the relay's");
    assertTrue(
        faults(round1).containsAll(Set.of("bad-dkg-proof", "bad-dkg-share", "invalid-element")));
    assertFalse(faults(round1).contains("bad-signature-share"));
    assertEquals(
        Set.of("close", "empty", "partial", "reset"), aborts(get), "a read commits nothing");
    assertTrue(aborts(delete).contains("after-commit"));
    // where a catalogue entry fails: at the real point the route declares, else answered directly
    assertEquals("store", entry(get, "redis-error").get("at").asText());
    assertEquals("state-decode", entry(get, "serialize-error").get("at").asText());
    assertEquals(
        "answer", entry(delete, "serialize-error").get("at").asText(), "deleting decodes nothing");
    assertEquals("answer", entry(get, "conflict").get("at").asText());
    assertEquals(500, entry(get, "redis-error").get("status").asInt());
    assertEquals("Redis error", entry(get, "redis-error").get("title").asText());
    assertEquals("problem", entry(get, "redis-error").get("kind").asText());
    JsonNode invalid = entry(get, "invalid-element");
    assertEquals("cosigner", invalid.get("kind").asText());
    assertEquals("element", invalid.get("artefact").asText());
    List<String> variants = new ArrayList<>();
    invalid.get("variants").forEach(v -> variants.add(v.asText()));
    assertTrue(
        variants.containsAll(List.of("identity", "off-curve", "non-canonical")),
        variants.toString());
    if (definition().relays()) {
      assertTrue(faults(e.get("POST /v1" + prefix + "/relay")).contains("relay-timeout"));
    }
  }

  private static JsonNode entry(JsonNode endpoint, String slug) {
    for (JsonNode f : endpoint.get("faults")) {
      if (f.get("fault").asText().equals(slug)) {
        return f;
      }
    }
    throw new AssertionError(slug + " is not listed on " + endpoint);
  }

  /**
   * The listing agrees with the injector: for each endpoint, every cosigner fault, relay failure
   * and the after-commit abort is refused there (a 400 naming the fault header) exactly when it is
   * not listed.
   */
  @Test
  void aFaultIsListedExactlyWhereTheInjectorAcceptsIt() {
    List<String> disagreements = new ArrayList<>();
    List<String> probes = new ArrayList<>();
    for (CosignerFault c : CosignerFault.values()) {
      probes.add(c.slug());
    }
    probes.addAll(List.of("relay-timeout", "insufficient-funds", "redis-error", "conflict"));
    for (JsonNode e : endpoints().values()) {
      String path =
          e.get("path")
              .asText()
              .replace(":keyid", "k" + UUID.randomUUID().toString().replace("-", ""));
      String method = e.get("method").asText();
      for (String slug : probes) {
        boolean accepted =
            !refused(send(method, path, FaultHeaders.FAULT, slug), FaultHeaders.FAULT);
        if (accepted != faults(e).contains(slug)) {
          disagreements.add(
              method
                  + " "
                  + path
                  + " "
                  + slug
                  + (accepted ? " accepted, not listed" : " listed, refused"));
        }
      }
      boolean afterCommit =
          !refused(send(method, path, FaultHeaders.ABORT, "after-commit"), FaultHeaders.ABORT);
      if (afterCommit != aborts(e).contains("after-commit")) {
        disagreements.add(method + " " + path + " after-commit");
      }
    }
    assertEquals(List.of(), disagreements);
  }

  private HttpAnswer send(String method, String path, String header, String value) {
    SignerHttp h = http().header(header, value);
    // a body the route's parser rejects: an accepted fault is never the reason of the answer
    return method.equals("POST") ? h.post(path, "{}", "application/json") : h.method(method, path);
  }

  private static boolean refused(HttpAnswer a, String header) {
    return a.status() == 400 && a.json() != null && header.equals(a.json().path("header").asText());
  }

  @Test
  void aRuleMadeFromTheListsFires() {
    JsonNode get = endpoints().get("GET " + prefix + "/keys/:keyid");
    String rule =
        "{\"method\":\"GET\",\"path\":\""
            + get.get("rule_path").asText()
            + "\",\"fault\":\""
            + entry(get, "redis-error").get("fault").asText()
            + "\",\"times\":1}";
    HttpAnswer added = http().post("/admin/faults", rule, "application/json");
    assertEquals(201, added.status(), added.body());
    try {
      HttpAnswer a = http().get(prefix + "/keys/k" + UUID.randomUUID().toString().replace("-", ""));
      assertEquals(500, a.status(), a.body());
      assertEquals("redis-error", a.header(FaultHeaders.INJECTED));
    } finally {
      assertEquals(204, http().delete("/admin/faults").status());
    }
  }

  @Test
  void theCatalogueNeedsCredentialsAndFaultsEnabled() {
    HttpAnswer anonymous = signer.http().get("/admin/faults/catalogue");
    assertEquals(401, anonymous.status(), anonymous.body());
    try (TestSigner off = TestSigner.memory(definition())) {
      HttpAnswer a = off.http().get("/admin/faults/catalogue");
      assertEquals(404, a.status(), a.body());
      assertNotNull(a.json());
      assertEquals(Catalogue.NOT_FOUND.title(), a.json().path("title").asText());
    }
  }
}
