package dev.frostsandbox.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** One HTTP answer: status, headers and the body parsed as JSON (null when empty or not JSON). */
public record HttpAnswer(
    int status, Map<String, List<String>> headers, String body, JsonNode json) {

  public String header(String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  /** Fails with the answer's problem details when the status is not the expected one. */
  public HttpAnswer expect(int expected) {
    if (status != expected) {
      throw new IllegalStateException(
          "expected HTTP " + expected + ", got " + status + ": " + body);
    }
    return this;
  }
}
