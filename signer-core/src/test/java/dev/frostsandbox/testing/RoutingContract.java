package dev.frostsandbox.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostsandbox.client.HttpAnswer;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.signer.ops.RouteTemplates;
import dev.frostsandbox.signer.relay.RelayRoutes;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * How the root router answers requests no handler takes: an unknown path is a 404, a known path
 * with another method a 405 naming the allowed methods in {@code Allow} (HEAD on a POST-only
 * endpoint included), a JSON endpoint with another media type a 415, each as Problem Details; and
 * every endpoint has its metrics label. Routing does not depend on the suite or the store: each
 * service module runs this once, with faults on (the fault injector runs ahead of the endpoints).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RoutingContract<E> extends SuiteContract<E> {

  protected RoutingContract(SuiteUnderTest<E> target) {
    super(target);
  }

  private TestSigner signer;
  private SignerHttp http;
  private String prefix;

  @BeforeAll
  void start() {
    signer = TestSigner.start(definition(), Map.of("SIGNER_FAULTS_ENABLED", "true"));
    http = signer.http();
    prefix = definition().prefix();
  }

  @AfterAll
  void stop() {
    if (signer != null) {
      signer.close();
    }
  }

  /** The POST-only endpoints of every service, below the prefix, without keyid. */
  private static final List<String> POST_ONLY =
      List.of("/dkg/round1", "/dkg/round2", "/sign", "/sign/round1", "/sign/round2", "/aggregate");

  private static Set<String> allow(HttpAnswer a) {
    String allow = a.header("Allow");
    assertTrue(allow != null && !allow.isBlank(), "Allow header on a 405: " + a.headers());
    return Arrays.stream(allow.split(","))
        .map(String::trim)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static void assertProblem(HttpAnswer a, int status, String title, String path) {
    assertEquals(status, a.status(), a.body());
    assertEquals("application/problem+json", a.header("Content-Type"));
    JsonNode b = a.json();
    assertEquals("about:blank", b.path("type").asText(), a.body());
    assertEquals(title, b.path("title").asText());
    assertEquals(status, b.path("status").asInt());
    assertEquals(path, b.path("instance").asText());
  }

  @Test
  void unknownPathsAre404ProblemDetails() {
    for (String p :
        List.of(
            "/nope",
            prefix,
            prefix + "/",
            prefix + "/nope/k1",
            prefix + "/dkg/round3/k1",
            prefix + "/keys",
            prefix + "/dkg/round1/k1/extra",
            "/admin/nope",
            "/v1/nope")) {
      assertProblem(http.get(p), 404, "Not Found", p);
      assertProblem(http.post(p, "{}", "application/json"), 404, "Not Found", p);
    }
  }

  @Test
  void headOnAnUnknownPathIs404WithoutBody() {
    HttpAnswer a = http.method("HEAD", prefix + "/nope/k1");
    assertEquals(404, a.status());
    assertEquals("", a.body());
  }

  @Test
  void anotherMethodOnAPostEndpointIs405AllowingPost() {
    for (String route : POST_ONLY) {
      String p = prefix + route + "/k1";
      for (String method : List.of("GET", "PUT", "DELETE", "PATCH")) {
        HttpAnswer a = http.method(method, p);
        assertProblem(a, 405, "Method Not Allowed", p);
        assertEquals(
            "The method " + method + " is not allowed on this resource.",
            a.json().path("detail").asText());
        assertEquals(Set.of("POST"), allow(a), method + " " + p);
      }
    }
  }

  @Test
  void headOnAPostEndpointIs405Not404() {
    for (String route : POST_ONLY) {
      String p = prefix + route + "/k1";
      HttpAnswer a = http.method("HEAD", p);
      assertEquals(405, a.status(), "HEAD " + p);
      assertEquals("", a.body(), "HEAD answers carry no body");
      assertEquals(Set.of("POST"), allow(a), "HEAD " + p);
    }
  }

  @Test
  void keysAllowGetAndDelete() {
    String p = prefix + "/keys/k1";
    for (String method : List.of("POST", "PUT", "PATCH")) {
      HttpAnswer a =
          method.equals("POST") ? http.post(p, "{}", "application/json") : http.method(method, p);
      assertProblem(a, 405, "Method Not Allowed", p);
      assertEquals(Set.of("GET", "DELETE"), allow(a), method + " " + p);
    }
  }

  @Test
  void opsAndAdminEndpointsAnswer405ToAnotherMethod() {
    for (String p : List.of("/health/live", "/metrics", "/admin/requests")) {
      HttpAnswer a = http.post(p, "{}", "application/json");
      assertProblem(a, 405, "Method Not Allowed", p);
      assertTrue(allow(a).contains("GET"), p + " " + a.headers());
    }
  }

  @Test
  void anotherMediaTypeOnAJsonEndpointIs415() {
    for (String route :
        List.of("/dkg/round1", "/dkg/round2", "/sign", "/sign/round2", "/aggregate")) {
      String p = prefix + route + "/k1";
      assertProblem(http.post(p, "x", "text/plain"), 415, "Unsupported Media Type", p);
    }
  }

  @Test
  void theRelayIsRoutedOnBothPathsOrNotAtAll() {
    for (String p : List.of(prefix + RelayRoutes.ROUTE, RelayRoutes.documentedPath(prefix))) {
      HttpAnswer a = http.get(p);
      if (definition().relays()) {
        assertProblem(a, 405, "Method Not Allowed", p);
        assertEquals(Set.of("POST"), allow(a), p);
        assertProblem(http.post(p, "x", "text/plain"), 415, "Unsupported Media Type", p);
      } else {
        assertProblem(a, 404, "Not Found", p);
      }
    }
  }

  @Test
  void everyEndpointIsCountedUnderItsTemplateAndUnmatchedOnesUnderOneLabel() {
    for (String route : POST_ONLY) {
      http.get(prefix + route + "/label-" + route.length());
    }
    http.get(prefix + "/keys/label-k");
    String raw = "unrouted-" + System.nanoTime();
    http.get(prefix + "/" + raw + "/k1");
    String metrics = http.get("/metrics").body();
    for (String route : POST_ONLY) {
      assertTrue(metrics.contains("route=\"" + prefix + route + "/{keyid}\""), route + " label");
    }
    assertTrue(metrics.contains("route=\"" + prefix + "/keys/{keyid}\""), "keys label");
    assertTrue(metrics.contains("route=\"" + RouteTemplates.UNMATCHED + "\""), "unmatched label");
    assertTrue(!metrics.contains(raw) && !metrics.contains("label-"), "no raw path in a label");
  }
}
