package dev.frostsandbox.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProblemTest {

  static final String BASE = ProblemRenderer.DEFAULT_TYPE_BASE;

  @Test
  void documentExampleRendersExactly() {
    Problem p =
        Catalogue.NO_DKG_ROUND_FOUND
            .problem("<error description>")
            .withInstance("/signers/ecdsa-schnorr/dkg/round1/0x4f8b")
            .withKeyId("0x4f8b");
    assertEquals(
        "{\"type\":\"https://docs.keyban.io/products/embedded-wallet/exceptions#no-dkg-round-found\","
            + "\"title\":\"No DKG round found\",\"status\":404,\"detail\":\"<error description>\","
            + "\"instance\":\"/signers/ecdsa-schnorr/dkg/round1/0x4f8b\",\"keyid\":\"0x4f8b\"}",
        p.toJson(BASE));
  }

  @Test
  void membersInOrderThenExtensionsInInsertionOrder() throws Exception {
    Problem p =
        Problem.of(Catalogue.FROST_REQUEST_JSON_INVALID, "bad body")
            .withExtension("zeta", 1)
            .withUrl("/signers/ecdsa-schnorr/dkg/round1")
            .withErrors(List.of(new FieldError("/commitments/0", "not hex")))
            .withInstance("/x")
            .withExtension(
                "alpha", new JsonObject().put("b", 2).put("a", new JsonArray().add("x")));
    JsonNode n = new ObjectMapper().readTree(p.toJsonBytes(BASE));
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    assertEquals(
        List.of("type", "title", "status", "detail", "instance", "zeta", "url", "errors", "alpha"),
        names);
    assertEquals("/commitments/0", n.at("/errors/0/pointer").asText());
    assertEquals("not hex", n.at("/errors/0/detail").asText());
    assertEquals(2, n.at("/alpha/b").asInt());
    assertEquals("x", n.at("/alpha/a/0").asText());
  }

  @Test
  void absentDetailAndInstanceAreOmitted() {
    assertEquals(
        "{\"type\":\"about:blank\",\"title\":\"Conflict\",\"status\":409}",
        Problem.of(Catalogue.CONFLICT, null).toJson(BASE));
  }

  @Test
  void immutableWithCopies() {
    Problem a = Problem.of(Catalogue.CONFLICT);
    Problem b = a.withDetail("other").withExtension("k", "v").withHeader("X-A", "1");
    assertEquals(Catalogue.CONFLICT.defaultDetail(), a.detail());
    assertTrue(a.extensions().isEmpty());
    assertTrue(a.headers().isEmpty());
    assertEquals("other", b.detail());
    assertEquals(Map.of("k", "v"), b.extensions());
    assertThrows(UnsupportedOperationException.class, () -> b.extensions().put("x", 1));
    assertThrows(UnsupportedOperationException.class, () -> b.headers().put("x", "1"));
    assertNotEquals(a, b);
    assertEquals(b, a.withDetail("other").withExtension("k", "v").withHeader("X-A", "1"));
  }

  @Test
  void extensionCannotShadowStandardMembers() {
    for (String reserved : List.of("type", "title", "status", "detail", "instance")) {
      assertThrows(
          IllegalArgumentException.class,
          () -> Problem.of(Catalogue.CONFLICT).withExtension(reserved, "x"));
    }
  }

  @Test
  void headersReplaceCaseInsensitivelyAndRetryAfterRoundsUp() {
    Problem p =
        Problem.of(Catalogue.RATE_LIMITED)
            .withHeader("retry-after", "9")
            .withRetryAfter(Duration.ofMillis(1500));
    assertEquals(Map.of("Retry-After", "2"), p.headers());
  }

  @Test
  void exceptionIsCheapAndCarriesProblem() {
    Problem p =
        Catalogue.NO_KEY_FOUND.problem("Cannot find an ecdsa key with id: 0x1").withKeyId("0x1");
    ProblemException e = p.toException();
    assertSame(p, e.problem());
    assertEquals(0, e.getStackTrace().length);
    assertEquals("Cannot find an ecdsa key with id: 0x1", e.getMessage());
    assertEquals(
        "Frost internal error", Catalogue.FROST_INTERNAL_ERROR.exception(null).getMessage());
    assertNull(e.getCause());
    assertFalse(e.problem().extensions().isEmpty());
  }
}
