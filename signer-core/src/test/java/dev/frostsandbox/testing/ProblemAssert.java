package dev.frostsandbox.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostsandbox.client.HttpAnswer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks one problem+json answer member by member against the catalogue as clients read it. The
 * expected strings are literals here, not the main code's constants, so a changed title or type
 * fails a test instead of silently moving with the code.
 */
public final class ProblemAssert {

  public static final String TYPE_BASE =
      "https://docs.keyban.io/products/embedded-wallet/exceptions#";

  /** A stack frame ("at a.b.C.m(") or a qualified class name of the runtime's libraries. */
  private static final Pattern LEAK =
      Pattern.compile(
          "Exception|Throwable|\\bat [a-z][\\w$]*(\\.[\\w$]+)+\\(|\\.java:\\d|"
              + "\\b(java|javax|sun|jdk|dev\\.frostsandbox|io\\.vertx|io\\.netty|com\\.fasterxml|org\\.bouncycastle)\\.[a-z]");

  private ProblemAssert() {}

  /**
   * Asserts status, media type, type/title/status/instance, a textual detail, that the members are
   * exactly the envelope plus {@code extensions}, and that the body leaks nothing.
   *
   * @param slug null for a generic entry ({@code about:blank})
   */
  public static JsonNode problem(
      HttpAnswer a,
      int status,
      String slug,
      String title,
      String path,
      Collection<String> secrets,
      String... extensions) {
    assertEquals(status, a.status(), () -> "status; body: " + a.body());
    assertEquals("application/problem+json", a.header("Content-Type"), "content type");
    JsonNode p = a.json();
    assertNotNull(p, () -> "problem body is JSON: " + a.body());
    assertEquals(slug == null ? "about:blank" : TYPE_BASE + slug, p.path("type").asText(), "type");
    assertEquals(title, p.path("title").asText(), "title");
    assertTrue(p.path("status").isInt(), "status is a JSON number");
    assertEquals(status, p.path("status").asInt(), "status member");
    assertEquals(path, p.path("instance").asText(), "instance is the request path");
    assertTrue(
        p.path("detail").isTextual() && !p.path("detail").asText().isBlank(), "detail is present");
    Set<String> expected = new TreeSet<>(List.of("type", "title", "status", "detail", "instance"));
    expected.addAll(List.of(extensions));
    Set<String> actual = new TreeSet<>();
    for (Iterator<String> it = p.fieldNames(); it.hasNext(); ) {
      actual.add(it.next());
    }
    assertEquals(expected, actual, "members");
    assertClean(a.body(), secrets);
    return p;
  }

  /** No stack trace, exception class name or secret in a body. */
  public static void assertClean(String body, Collection<String> secrets) {
    assertFalse(LEAK.matcher(body).find(), () -> "body leaks an implementation detail: " + body);
    for (String s : secrets) {
      assertFalse(
          body.toLowerCase(Locale.ROOT).contains(s.toLowerCase(Locale.ROOT)),
          () -> "body leaks a secret: " + body);
    }
  }

  /** The {@code errors} extension as (pointer, detail) pairs, in order. */
  public static List<List<String>> errors(JsonNode p) {
    JsonNode e = p.get("errors");
    assertTrue(e != null && e.isArray() && !e.isEmpty(), "errors is a non-empty array");
    List<List<String>> out = new ArrayList<>();
    for (JsonNode f : e) {
      Set<String> names = new LinkedHashSet<>();
      f.fieldNames().forEachRemaining(names::add);
      assertEquals(Set.of("pointer", "detail"), names, "an error has exactly pointer and detail");
      out.add(List.of(f.get("pointer").asText(), f.get("detail").asText()));
    }
    return out;
  }

  public static List<String> error(String pointer, String detail) {
    return List.of(pointer, detail);
  }
}
