package dev.frostsandbox.signer.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.frost.json.InvalidField;
import dev.frostsandbox.problem.ProblemRenderer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.List;

/** Strict JSON in and out: duplicate keys, trailing content and deep nesting are rejected. */
public final class Json {
  private Json() {}

  /** Deep nesting is never legitimate here: frost-core packages nest at most 4 levels. */
  public static final int MAX_NESTING = 32;

  public static final ObjectMapper STRICT =
      new ObjectMapper(
              JsonFactory.builder()
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_NESTING)
                          .maxNumberLength(64)
                          .maxStringLength(1 << 20)
                          .build())
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /**
   * The request body as a JSON object, or a {@code frost-request-json-invalid} failure naming what
   * is wrong (a body that is not JSON is reported at the document root, pointer "").
   */
  public static JsonNode bodyObject(RoutingContext ctx, Call call) {
    return bodyObject(ctx.body() == null ? null : ctx.body().buffer(), call);
  }

  /** {@link #bodyObject(RoutingContext, Call)} of a body already read (on a worker thread). */
  public static JsonNode bodyObject(Buffer body, Call call) {
    if (body == null || body.length() == 0) {
      throw SignerProblems.jsonInvalid(
          call, List.of(new InvalidField("", "a JSON object body is required")));
    }
    JsonNode node;
    JsonParser p = null;
    try {
      p = STRICT.getFactory().createParser(body.getBytes());
      node = STRICT.readTree(p);
    } catch (IOException | RuntimeException e) {
      // name the member where parsing stopped (e.g. the field holding too deep a nesting)
      throw SignerProblems.jsonInvalid(
          call, List.of(new InvalidField(where(p), "the body is not valid JSON" + reason(e))));
    } finally {
      if (p != null) {
        try {
          p.close();
        } catch (IOException ignored) {
          // an in-memory parser holds nothing to release
        }
      }
    }
    if (node == null || !node.isObject()) {
      throw SignerProblems.jsonInvalid(
          call, List.of(new InvalidField("", "the body must be a JSON object")));
    }
    return node;
  }

  /** The JSON pointer of the parser's position: the innermost member or element being read. */
  private static String where(JsonParser p) {
    if (p == null) {
      return "";
    }
    try {
      com.fasterxml.jackson.core.JsonStreamContext c = p.getParsingContext();
      // inside an object or array that failed, point at the value holding it
      while (c != null && !c.inRoot() && c.getCurrentName() == null && !c.inArray()) {
        c = c.getParent();
      }
      String pointer = c == null ? "" : c.pathAsPointer().toString();
      return pointer.length() > 256 ? pointer.substring(0, 256) : pointer;
    } catch (RuntimeException e) {
      return "";
    }
  }

  private static String reason(Exception e) {
    String m = e.getMessage();
    if (m == null) {
      return "";
    }
    // Jackson's first line says what; later lines quote the source, which is never echoed
    if (m.contains("Duplicate field")) {
      return ": duplicate member";
    }
    if (m.contains("nesting depth")) {
      return ": nested deeper than " + MAX_NESTING + " levels";
    }
    if (m.contains("Number value length") || m.contains("String value length")) {
      return ": a value is too long";
    }
    if (m.contains("Trailing token")) {
      return ": content after the JSON value";
    }
    return "";
  }

  public static Future<Void> send(RoutingContext ctx, int status, JsonNode body) {
    byte[] bytes;
    try {
      bytes = STRICT.writeValueAsBytes(body);
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
    // for the journal (SIGNER_JOURNAL_BODIES): a reference, not a copy
    ctx.put(ProblemRenderer.RESPONSE_BODY_KEY, bytes);
    return ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(Buffer.buffer(bytes));
  }
}
