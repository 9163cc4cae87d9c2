package dev.frostsandbox.junit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostsandbox.client.HttpAnswer;
import dev.frostsandbox.client.SignerHttp;
import java.util.ArrayList;
import java.util.List;

/**
 * A service's admin fault rules ({@code /admin/faults}, docs/faults.md): rules the test adds fire
 * on matching requests of its tenant until they expire, reach their {@code times}, or are deleted
 * (or the sandbox is reset before the next test).
 */
public final class SandboxFaults {

  private final SignerHttp http;

  SandboxFaults(SignerHttp http) {
    this.http = http;
  }

  /**
   * Adds a rule, e.g. {@code {"method": "POST", "path": "/signers/eddsa/sign/*", "fault":
   * "redis-error", "times": 1}}; answers the stored rule with its {@code id}.
   */
  public JsonNode add(String ruleJson) {
    return expect(http.post("/admin/faults", ruleJson, "application/json"), 201);
  }

  /** Every live rule of the tenant with how often it fired ({@code fired}), oldest first. */
  public List<JsonNode> list() {
    JsonNode body = expect(http.get("/admin/faults"), 200);
    List<JsonNode> out = new ArrayList<>();
    (body.isArray() ? body : body.path("rules")).forEach(out::add);
    return out;
  }

  /** How often a rule fired. */
  public long fired(String id) {
    return expect(http.get("/admin/faults/" + id), 200).path("fired").asLong();
  }

  public void delete(String id) {
    expect(http.delete("/admin/faults/" + id), 204);
  }

  public void clear() {
    expect(http.delete("/admin/faults"), 204);
  }

  private static JsonNode expect(HttpAnswer a, int status) {
    if (a.status() != status) {
      throw new IllegalStateException(
          "the fault admin API answered " + a.status() + " (expected " + status + "): " + a.body());
    }
    return a.body() == null || a.body().isEmpty() ? null : FrostSandbox.parse(a.body());
  }
}
