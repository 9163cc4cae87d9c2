package dev.frostsandbox.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostsandbox.client.HttpAnswer;
import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.problem.ProblemRenderer;
import dev.frostsandbox.problem.ProblemType;
import java.util.Optional;

/** Checks that an answer is a documented Problem Details of the catalogue. */
public final class Problems {
  private Problems() {}

  /** The catalogue entry an answer's (type, title, status) names, if any. */
  public static Optional<ProblemType> entryOf(int status, String contentType, JsonNode json) {
    if (json == null
        || contentType == null
        || !contentType.startsWith(ProblemRenderer.CONTENT_TYPE)) {
      return Optional.empty();
    }
    String type = json.path("type").asText(null);
    String title = json.path("title").asText(null);
    if (json.path("status").asInt(-1) != status || type == null) {
      return Optional.empty();
    }
    return Catalogue.all().stream()
        .filter(
            t ->
                t.status() == status
                    && t.title().equals(title)
                    && type.equals(t.typeUri(ProblemRenderer.DEFAULT_TYPE_BASE)))
        .findFirst();
  }

  /** Asserts the answer is the given catalogue entry and returns its body. */
  public static JsonNode assertProblem(HttpAnswer a, ProblemType expected) {
    assertEquals(expected.status(), a.status(), a.body());
    ProblemType got =
        entryOf(a.status(), a.header("Content-Type"), a.json())
            .orElseThrow(
                () ->
                    new AssertionError("not a catalogue problem: " + a.status() + " " + a.body()));
    assertEquals(expected.slug(), got.slug(), a.body());
    return a.json();
  }

  /**
   * Asserts a 400 frost-request-json-invalid naming a field whose pointer starts with {@code
   * pointerPrefix}.
   */
  public static JsonNode assertFieldRejected(HttpAnswer a, String pointerPrefix) {
    JsonNode p = assertProblem(a, Catalogue.FROST_REQUEST_JSON_INVALID);
    JsonNode errors = p.get("errors");
    assertNotNull(errors, a.body());
    boolean named = false;
    for (JsonNode e : errors) {
      named |= e.path("pointer").asText("\u0000").startsWith(pointerPrefix);
    }
    assertTrue(named, "expected an error at " + pointerPrefix + ": " + a.body());
    return p;
  }
}
