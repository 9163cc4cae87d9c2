package dev.frostsandbox.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostsandbox.frost.json.FrostJson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Sends a transcript's client requests ({@code GET /admin/transcripts/{keyid}}, saved to a file) to
 * a sandbox in order and reports the first answer that differs from the recorded one: status, then
 * body (as JSON). Against a fresh sandbox with the recording's SIGNER_DETERMINISTIC_SEED every
 * answer is the same; without the seed the first DKG answer already differs. Exchanges with an
 * injected fault are skipped: they depend on the fault configuration, not on the requests.
 */
public final class TranscriptReplay {

  /** Members whose value is the time of the answer, not a function of the requests. */
  static final Set<String> VOLATILE = Set.of("created_at");

  /** The first difference, or null when every replayed answer matched. */
  public record Difference(
      int exchange, String method, String path, String requestId, String what) {
    @Override
    public String toString() {
      return "exchange "
          + exchange
          + " ("
          + method
          + " "
          + path
          + ", recorded as request "
          + requestId
          + "): "
          + what;
    }
  }

  /** What a replay did. */
  public record Outcome(int replayed, int skipped, boolean bodiesCompared, Difference difference) {}

  private final SignerHttp http;

  public TranscriptReplay(SignerHttp http) {
    this.http = http;
  }

  public static JsonNode read(Path file) throws IOException {
    return FrostJson.MAPPER.readTree(Files.readAllBytes(file));
  }

  public Outcome replay(JsonNode transcript) {
    JsonNode exchanges = transcript.path("exchanges");
    if (!exchanges.isArray()) {
      throw new IllegalArgumentException("not a transcript: no \"exchanges\" array");
    }
    boolean bodies = transcript.path("bodies").asBoolean(false);
    int replayed = 0;
    int skipped = 0;
    for (int i = 0; i < exchanges.size(); i++) {
      JsonNode e = exchanges.get(i);
      if (!e.path("fault").isNull() && !e.path("fault").isMissingNode()) {
        skipped++;
        continue;
      }
      String method = e.path("method").asText();
      String path = e.path("path").asText();
      JsonNode request = e.path("request");
      HttpAnswer answer =
          send(method, path, request.isMissingNode() || request.isNull() ? null : request);
      replayed++;
      int recorded = e.path("status").asInt();
      String id = e.path("request_id").asText();
      if (answer.status() != recorded) {
        return new Outcome(
            replayed,
            skipped,
            bodies,
            new Difference(
                i, method, path, id, "status " + answer.status() + ", recorded " + recorded));
      }
      JsonNode response = e.path("response");
      if (bodies && !response.isMissingNode() && !response.isNull()) {
        String where = firstDifference(response, answer.json() == null ? null : answer.json(), "");
        if (where != null) {
          return new Outcome(
              replayed,
              skipped,
              bodies,
              new Difference(i, method, path, id, "body differs at " + where));
        }
      }
    }
    return new Outcome(replayed, skipped, bodies, null);
  }

  private HttpAnswer send(String method, String path, JsonNode body) {
    return switch (method) {
      case "POST" ->
          body == null
              ? http.post(path, (String) null, null)
              : http.post(
                  path, body.isTextual() ? body.asText() : body.toString(), "application/json");
      case "GET" -> http.get(path);
      case "DELETE" -> http.delete(path);
      default -> http.method(method, path);
    };
  }

  /** The JSON Pointer of the first difference ("" for the whole document), or null when equal. */
  static String firstDifference(JsonNode recorded, JsonNode actual, String pointer) {
    if (actual == null) {
      return pointer.isEmpty() ? "(no JSON body)" : pointer;
    }
    if (recorded.isObject() && actual.isObject()) {
      Set<String> names = new java.util.TreeSet<>();
      recorded.fieldNames().forEachRemaining(names::add);
      actual.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        if (VOLATILE.contains(name)) {
          continue;
        }
        String p = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
        JsonNode r = recorded.get(name);
        JsonNode a = actual.get(name);
        if (r == null || a == null) {
          return p;
        }
        String d = firstDifference(r, a, p);
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (recorded.isArray() && actual.isArray()) {
      if (recorded.size() != actual.size()) {
        return pointer;
      }
      for (int i = 0; i < recorded.size(); i++) {
        String d = firstDifference(recorded.get(i), actual.get(i), pointer + "/" + i);
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    return recorded.equals(actual) ? null : (pointer.isEmpty() ? "(the whole body)" : pointer);
  }

  /** {@code DemoClient --replay FILE}: prints the outcome; 0 when nothing differed, 1 otherwise. */
  static int main(PrintStream out, Path file, SignerHttp http) {
    JsonNode transcript;
    try {
      transcript = read(file);
    } catch (IOException e) {
      out.println("cannot read " + file + ": " + e.getMessage());
      return 2;
    }
    Outcome o;
    try {
      o = new TranscriptReplay(http).replay(transcript);
    } catch (RuntimeException e) {
      out.println("FAILED: " + e.getMessage());
      return 1;
    }
    out.printf(
        "replayed  %d exchanges of %s to %s%s%n",
        o.replayed(),
        transcript.path("keyid").asText("?"),
        http.baseUrl(),
        o.skipped() == 0 ? "" : " (" + o.skipped() + " with injected faults skipped)");
    if (!o.bodiesCompared()) {
      out.println(
          "          the transcript has no bodies (SIGNER_JOURNAL_BODIES=false): statuses compared only");
    }
    if (o.difference() != null) {
      out.println("DIFFERS   " + o.difference());
      return 1;
    }
    out.println("same      every answer matched the transcript");
    return 0;
  }
}
