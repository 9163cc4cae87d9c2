package dev.frostsandbox.signer.fault;

import static dev.frostsandbox.testing.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostsandbox.client.HttpAnswer;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.testing.Eventually;
import dev.frostsandbox.testing.StoreMode;
import dev.frostsandbox.testing.SuiteContract;
import dev.frostsandbox.testing.SuiteUnderTest;
import dev.frostsandbox.testing.TestSigner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Fault rules cannot stall the service, and a tenant's fault state is bounded: path patterns match
 * in linear time (RE2), patterns RE2 cannot run are refused, and the number of rules
 * (SIGNER_FAULT_MAX_RULES) and of live X-Fault-Id counters (SIGNER_FAULT_MAX_IDS) per tenant is
 * capped, on the embedded store and across instances sharing Redis.
 */
public abstract class FaultLimitsContract<E> extends SuiteContract<E> {

  protected FaultLimitsContract(SuiteUnderTest<E> target) {
    super(target);
  }

  private static final String KEYS = "alice=key-a,bob=key-b";

  private TestSigner start(StoreMode store, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(store.env());
    env.put("SIGNER_FAULTS_ENABLED", "true");
    env.putAll(extra);
    return TestSigner.start(definition(), env);
  }

  private static SignerHttp as(TestSigner s, String apiKey) {
    return s.http().header("x-api-key", apiKey);
  }

  private static HttpAnswer addRule(SignerHttp h, String json) {
    return h.post("/admin/faults", json, "application/json");
  }

  private static String newId() {
    return "k" + UUID.randomUUID().toString().replace("-", "");
  }

  // ---- linear-time patterns ----

  @Test
  void aCatastrophicPatternMatchesInLinearTimeAndTheEventLoopStaysFree() throws Exception {
    // one event loop: a rule that blocked it would stall every request, /health/live included
    try (TestSigner s = start(StoreMode.MEMORY, Map.of("SIGNER_EVENT_LOOPS", "1"))) {
      String prefix = definition().prefix();
      // (.*a){12}$ backtracks exponentially in java.util.regex: 4 s on a 32-character path, and
      // far longer than any client waits on these paths
      HttpAnswer added =
          addRule(s.http(), "{\"path_regex\":\"(.*a){12}$\",\"fault\":\"conflict\"}");
      assertEquals(201, added.status(), added.body());
      List<CompletableFuture<HttpAnswer>> misses = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String path = prefix + "/keys/" + "a".repeat(40 + i) + "b";
        misses.add(CompletableFuture.supplyAsync(() -> s.http().get(path)));
      }
      // the service answers while those are matched (the client's own timeout is the deadline)
      assertEquals(200, s.http().get("/health/live").status());
      for (CompletableFuture<HttpAnswer> f : misses) {
        HttpAnswer a = f.get();
        assertEquals(404, a.status(), "no key, no match: " + a.body());
        assertNull(a.header(FaultHeaders.INJECTED));
      }
      // the rule still matches what it should
      HttpAnswer hit = s.http().get(prefix + "/keys/" + "ab".repeat(20) + "a");
      assertEquals(409, hit.status(), hit.body());
      assertEquals("conflict", hit.header(FaultHeaders.INJECTED));
    }
  }

  @Test
  void anExpensiveRuleSetIsMatchedOffTheEventLoopAndStillApplies() throws Exception {
    List<Boolean> onEventLoop = new CopyOnWriteArrayList<>();
    FaultRules.matchedOnEventLoop = onEventLoop::add;
    try (TestSigner s = start(StoreMode.MEMORY, Map.of("SIGNER_EVENT_LOOPS", "1"))) {
      String prefix = definition().prefix();
      // 601 units on paths of about 240 characters: far over the inline budget, matched on a worker
      HttpAnswer added =
          addRule(s.http(), "{\"path_regex\":\"(.*a){200}$\",\"fault\":\"conflict\"}");
      assertEquals(201, added.status(), added.body());
      String miss = prefix + "/x/" + "a".repeat(220) + "b";
      String hit = prefix + "/x/" + "a".repeat(220);
      assertTrue(hit.length() <= FaultRule.MAX_MATCHED_PATH, "the path is matched at all");
      CompletableFuture<HttpAnswer> missed =
          CompletableFuture.supplyAsync(() -> s.http().get(miss));
      CompletableFuture<HttpAnswer> hitting =
          CompletableFuture.supplyAsync(() -> s.http().get(hit));
      assertEquals(200, s.http().get("/health/live").status());
      assertEquals(404, missed.get().status(), "no such route, no match");
      assertNull(missed.get().header(FaultHeaders.INJECTED));
      assertEquals(409, hitting.get().status(), hitting.get().body());
      assertEquals("conflict", hitting.get().header(FaultHeaders.INJECTED));
      assertTrue(onEventLoop.size() >= 2, "both requests were matched: " + onEventLoop);
      assertTrue(!onEventLoop.contains(true), "matched on the event loop: " + onEventLoop);
    } finally {
      FaultRules.matchedOnEventLoop = b -> {};
    }
  }

  @Test
  void pathsLongerThan256CharactersMatchNoPattern() {
    try (TestSigner s = start(StoreMode.MEMORY, Map.of())) {
      String prefix = definition().prefix();
      assertEquals(
          201,
          addRule(s.http(), "{\"path\":\"" + prefix + "/x/*\",\"fault\":\"conflict\"}").status());
      String at = prefix + "/x/" + "a".repeat(256 - prefix.length() - 3);
      assertEquals(256, at.length());
      assertEquals("conflict", s.http().get(at).header(FaultHeaders.INJECTED));
      assertNull(
          s.http().get(at + "a").header(FaultHeaders.INJECTED), "257 characters: not matched");
    }
  }

  @Test
  void theTotalPatternSizePerTenantIsCapped() {
    try (TestSigner s = start(StoreMode.MEMORY, Map.of("SIGNER_API_KEYS", KEYS))) {
      SignerHttp alice = as(s, "key-a");
      // (.*a){333}: 999 units, about the most one rule may hold; five nearly fill the documented
      // 5000
      String big = "{\"path_regex\":\"(.*a){333}\",\"fault\":\"conflict\"}";
      for (int i = 0; i < 5; i++) {
        HttpAnswer a = addRule(alice, big);
        assertEquals(201, a.status(), a.body());
      }
      JsonNode p = assertProblem(addRule(alice, big), Catalogue.CONFLICT);
      assertEquals(5000, p.path("limit").asInt(), p.toString());
      assertEquals(
          5,
          alice.get("/admin/faults").expect(200).json().get("rules").size(),
          "the refused rule is not stored");
      // rules without a pattern cost nothing; another tenant has its own budget
      assertEquals(201, addRule(alice, "{\"keyid\":\"k\",\"fault\":\"conflict\"}").status());
      assertEquals(201, addRule(as(s, "key-b"), big).status());
    }
  }

  @Test
  void patternsRe2CannotRunAreA400NamingPathRegex() {
    try (TestSigner s = start(StoreMode.MEMORY, Map.of())) {
      for (String regex :
          List.of(
              "(\\\\w)\\\\1/keys", // a backreference
              "/signers/(?=eddsa).*", // lookahead
              "/keys/(?<!x)k", // lookbehind
              "((a{100}){100}){100}", // a million-state program RE2/J would build in full
              "[0-9]{1000}[0-9]{1000}[0-9]{1000}",
              "/" + "x".repeat(FaultRule.MAX_REGEX_LENGTH))) {
        HttpAnswer a =
            addRule(s.http(), "{\"path_regex\":\"" + regex + "\",\"fault\":\"conflict\"}");
        JsonNode p = assertProblem(a, Catalogue.BAD_REQUEST);
        assertEquals(
            "/path_regex",
            p.path("errors").path(0).path("pointer").asText(),
            regex + ": " + a.body());
        assertTrue(p.path("detail").asText().startsWith("/path_regex: "), a.body());
      }
      assertEquals(0, s.http().get("/admin/faults").expect(200).json().get("rules").size());
      // what RE2 shares with java.util.regex keeps working, e.g. classes, groups, alternation,
      // counts
      HttpAnswer ok =
          addRule(
              s.http(),
              "{\"path_regex\":\"/signers/[a-z-]+/(keys|sign)/k[0-9a-f]{32}(/.*)?\",\"fault\":\"conflict\"}");
      assertEquals(201, ok.status(), ok.body());
    }
  }

  // ---- the number of rules ----

  @Test
  void theNumberOfRulesPerTenantIsCapped() {
    try (TestSigner s =
        start(StoreMode.MEMORY, Map.of("SIGNER_API_KEYS", KEYS, "SIGNER_FAULT_MAX_RULES", "3"))) {
      SignerHttp alice = as(s, "key-a");
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        HttpAnswer a = addRule(alice, "{\"keyid\":\"" + newId() + "\",\"fault\":\"conflict\"}");
        assertEquals(201, a.status(), a.body());
        ids.add(a.json().path("id").asText());
      }
      assertRuleCap(addRule(alice, "{\"keyid\":\"" + newId() + "\",\"fault\":\"conflict\"}"), 3);
      assertEquals(
          3,
          alice.get("/admin/faults").expect(200).json().get("rules").size(),
          "the refused rule is not stored");
      // another tenant has its own cap
      assertEquals(
          201, addRule(as(s, "key-b"), "{\"fault\":\"conflict\",\"keyid\":\"x\"}").status());
      // deleting a rule frees a place
      assertEquals(204, alice.delete("/admin/faults/" + ids.get(0)).status());
      assertEquals(
          201, addRule(alice, "{\"keyid\":\"" + newId() + "\",\"fault\":\"conflict\"}").status());
      assertRuleCap(addRule(alice, "{\"keyid\":\"" + newId() + "\",\"fault\":\"conflict\"}"), 3);
      assertEquals(204, alice.delete("/admin/faults").status());
      assertEquals(
          201, addRule(alice, "{\"keyid\":\"" + newId() + "\",\"fault\":\"conflict\"}").status());
    }
  }

  @Test
  void anExpiredRuleFreesItsPlace() throws InterruptedException {
    try (TestSigner s = start(StoreMode.MEMORY, Map.of("SIGNER_FAULT_MAX_RULES", "1"))) {
      assertEquals(
          201,
          addRule(s.http(), "{\"keyid\":\"a\",\"fault\":\"conflict\",\"ttl_seconds\":1}").status());
      assertRuleCap(addRule(s.http(), "{\"keyid\":\"b\",\"fault\":\"conflict\"}"), 1);
      // the rule's ttl runs on the service's clock: retry until its place is free (a refused rule
      // adds nothing)
      Eventually.eventually(
          Duration.ofSeconds(20),
          () -> {
            HttpAnswer a = addRule(s.http(), "{\"keyid\":\"b\",\"fault\":\"conflict\"}");
            assertEquals(201, a.status(), a.body());
          });
    }
  }

  @Test
  void theRuleCapHoldsAcrossInstancesSharingRedis() {
    Map<String, String> env = Map.of("SIGNER_FAULT_MAX_RULES", "3", "SIGNER_API_KEYS", KEYS);
    try (TestSigner a = start(StoreMode.REDIS, env);
        TestSigner b = start(StoreMode.REDIS, env)) {
      SignerHttp aliceA = as(a, "key-a");
      SignerHttp aliceB = as(b, "key-a");
      assertEquals(204, aliceA.delete("/admin/faults").status()); // a shared Redis: start empty
      assertEquals(
          201, addRule(aliceA, "{\"keyid\":\"" + newId() + "\",\"fault\":\"conflict\"}").status());
      assertEquals(
          201, addRule(aliceB, "{\"keyid\":\"" + newId() + "\",\"fault\":\"conflict\"}").status());
      assertEquals(
          201, addRule(aliceA, "{\"keyid\":\"" + newId() + "\",\"fault\":\"conflict\"}").status());
      assertRuleCap(addRule(aliceB, "{\"keyid\":\"" + newId() + "\",\"fault\":\"conflict\"}"), 3);
      assertRuleCap(addRule(aliceA, "{\"keyid\":\"" + newId() + "\",\"fault\":\"conflict\"}"), 3);
      assertEquals(204, aliceB.delete("/admin/faults").status());
      assertEquals(
          201, addRule(aliceA, "{\"keyid\":\"" + newId() + "\",\"fault\":\"conflict\"}").status());
      assertEquals(204, aliceA.delete("/admin/faults").status());
    }
  }

  private static void assertRuleCap(HttpAnswer a, int limit) {
    JsonNode p = assertProblem(a, Catalogue.CONFLICT);
    assertTrue(p.path("detail").asText().contains("SIGNER_FAULT_MAX_RULES"), a.body());
    assertEquals(limit, p.path("limit").asInt());
  }

  // ---- the number of X-Fault-Id counters ----

  private HttpAnswer counted(SignerHttp h, String id) {
    return h.header(FaultHeaders.FAULT, "service-unavailable")
        .header(FaultHeaders.TIMES, "1")
        .header(FaultHeaders.ID, id)
        .get(definition().prefix() + "/keys/" + newId());
  }

  private static SignerHttp fresh(TestSigner s, String apiKey) {
    return apiKey == null ? s.http() : as(s, apiKey);
  }

  @Test
  void theNumberOfFaultIdsPerTenantIsCapped() {
    try (TestSigner s =
        start(StoreMode.MEMORY, Map.of("SIGNER_API_KEYS", KEYS, "SIGNER_FAULT_MAX_IDS", "3"))) {
      List<String> ids = List.of(newId(), newId(), newId());
      for (String id : ids) {
        assertEquals(
            503, counted(fresh(s, "key-a"), id).status(), "the first request of " + id + " fails");
      }
      assertIdCap(counted(fresh(s, "key-a"), newId()), 3);
      // a known id goes on counting: its second request is past X-Fault-Times
      HttpAnswer again = counted(fresh(s, "key-a"), ids.get(0));
      assertEquals(404, again.status(), again.body());
      // another tenant has its own cap; uncounted faults are not limited
      assertEquals(503, counted(fresh(s, "key-b"), newId()).status());
      HttpAnswer uncounted =
          fresh(s, "key-a")
              .header(FaultHeaders.FAULT, "conflict")
              .header(FaultHeaders.ID, newId())
              .get(definition().prefix() + "/keys/" + newId());
      assertEquals(409, uncounted.status());
      assertEquals("conflict", uncounted.header(FaultHeaders.INJECTED));
    }
  }

  @Test
  void theFaultIdCapHoldsAcrossInstancesSharingRedis() {
    // a tenant of its own on the shared Redis: its pool starts empty
    String tenantKey = "key-" + newId();
    Map<String, String> env =
        Map.of("SIGNER_FAULT_MAX_IDS", "2", "SIGNER_API_KEYS", "t" + newId() + "=" + tenantKey);
    try (TestSigner a = start(StoreMode.REDIS, env);
        TestSigner b = start(StoreMode.REDIS, env)) {
      assertEquals(503, counted(fresh(a, tenantKey), newId()).status());
      assertEquals(503, counted(fresh(b, tenantKey), newId()).status());
      assertIdCap(counted(fresh(a, tenantKey), newId()), 2);
      assertIdCap(counted(fresh(b, tenantKey), newId()), 2);
    }
  }

  private static void assertIdCap(HttpAnswer a, int limit) {
    JsonNode p = assertProblem(a, Catalogue.CONFLICT);
    assertEquals(FaultHeaders.ID, p.path("header").asText(), a.body());
    assertTrue(p.path("detail").asText().contains("SIGNER_FAULT_MAX_IDS"), a.body());
    assertEquals(limit, p.path("limit").asInt());
    assertNull(a.header(FaultHeaders.INJECTED), "a real answer, not an injected one");
  }
}
