package dev.frostsandbox.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One occurrence of a problem (RFC 9457): a {@link ProblemType}, a detail, an instance, extension
 * members and extra response headers. Immutable; {@code with...} return copies.
 */
public final class Problem {

  /** Members owned by the envelope; extensions may not shadow them. */
  private static final Set<String> RESERVED =
      Set.of("type", "title", "status", "detail", "instance");

  // Thread-safe once configured; records (FieldError) serialize as objects in component order.
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ProblemType type;
  private final String detail;
  private final String instance;
  private final Map<String, Object> extensions;
  private final Map<String, String> headers;

  private Problem(
      ProblemType type,
      String detail,
      String instance,
      Map<String, Object> extensions,
      Map<String, String> headers) {
    this.type = Objects.requireNonNull(type, "type");
    this.detail = detail;
    this.instance = instance;
    this.extensions = extensions;
    this.headers = headers;
  }

  /** An occurrence with the type's default detail (possibly none). */
  public static Problem of(ProblemType type) {
    return new Problem(type, type.defaultDetail(), null, Map.of(), Map.of());
  }

  public static Problem of(ProblemType type, String detail) {
    return new Problem(type, detail, null, Map.of(), Map.of());
  }

  public ProblemType type() {
    return type;
  }

  public String title() {
    return type.title();
  }

  public int status() {
    return type.status();
  }

  /** Detail of this occurrence, or {@code null}. */
  public String detail() {
    return detail;
  }

  /** Instance (the request path), or {@code null} to let the renderer fill it in. */
  public String instance() {
    return instance;
  }

  /** Extension members, in insertion order; unmodifiable. */
  public Map<String, Object> extensions() {
    return extensions;
  }

  /** Extra response headers, in insertion order; unmodifiable. */
  public Map<String, String> headers() {
    return headers;
  }

  public Problem withDetail(String detail) {
    return new Problem(type, detail, instance, extensions, headers);
  }

  public Problem withInstance(String instance) {
    return new Problem(type, detail, instance, extensions, headers);
  }

  /**
   * Adds or replaces an extension member (keeping its first position when replaced). Values must be
   * JSON-able: null, String, Number, Boolean, Map, Collection, arrays, records such as {@link
   * FieldError}, or Vert.x {@link JsonObject}/{@link JsonArray}.
   */
  public Problem withExtension(String name, Object value) {
    Objects.requireNonNull(name, "name");
    if (RESERVED.contains(name)) {
      throw new IllegalArgumentException("'" + name + "' is a standard member, not an extension");
    }
    Map<String, Object> copy = new LinkedHashMap<>(extensions);
    copy.put(name, normalize(value));
    return new Problem(type, detail, instance, Collections.unmodifiableMap(copy), headers);
  }

  /** The {@code keyid} extension of signer errors. */
  public Problem withKeyId(String keyid) {
    return withExtension("keyid", keyid);
  }

  /** The {@code url} extension of {@code frost-request-json-invalid}. */
  public Problem withUrl(String url) {
    return withExtension("url", url);
  }

  /** The {@code errors} extension: which fields failed validation. */
  public Problem withErrors(List<FieldError> errors) {
    return withExtension("errors", List.copyOf(errors));
  }

  /** Adds or replaces (case-insensitively) a response header sent with this problem. */
  public Problem withHeader(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Map<String, String> copy = new LinkedHashMap<>();
    headers.forEach(
        (k, v) -> {
          if (!k.equalsIgnoreCase(name)) {
            copy.put(k, v);
          }
        });
    copy.put(name, value);
    return new Problem(type, detail, instance, extensions, Collections.unmodifiableMap(copy));
  }

  /** {@code Retry-After} in whole seconds (rounded up, at least 1 for a positive duration). */
  public Problem withRetryAfter(Duration delay) {
    long millis = Math.max(0, delay.toMillis());
    long seconds = (millis + 999) / 1000;
    return withHeader("Retry-After", Long.toString(seconds));
  }

  public ProblemException toException() {
    return new ProblemException(this);
  }

  /**
   * The JSON body: type, title, status, detail, instance, then extensions in insertion order.
   * Absent detail and instance are omitted.
   *
   * @param typeBase base URI of signer error types (ignored for {@code about:blank} types)
   */
  public Map<String, Object> toMap(String typeBase) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type.typeUri(typeBase));
    body.put("title", type.title());
    body.put("status", type.status());
    if (detail != null) {
      body.put("detail", detail);
    }
    if (instance != null) {
      body.put("instance", instance);
    }
    body.putAll(extensions);
    return body;
  }

  public String toJson(String typeBase) {
    try {
      return MAPPER.writeValueAsString(toMap(typeBase));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "problem extension is not JSON-serializable: " + e.getOriginalMessage());
    }
  }

  public byte[] toJsonBytes(String typeBase) {
    try {
      return MAPPER.writeValueAsBytes(toMap(typeBase));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "problem extension is not JSON-serializable: " + e.getOriginalMessage());
    }
  }

  // Vert.x JSON types are Iterable, which Jackson would render as arrays of entries.
  private static Object normalize(Object value) {
    if (value instanceof JsonObject o) {
      return normalize(o.getMap());
    }
    if (value instanceof JsonArray a) {
      return normalize(a.getList());
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, v) -> copy.put(String.valueOf(k), normalize(v)));
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof Collection<?> c) {
      List<Object> copy = new ArrayList<>();
      for (Object v : c) {
        copy.add(normalize(v));
      }
      return Collections.unmodifiableList(copy);
    }
    return value;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Problem p)) {
      return false;
    }
    return type.equals(p.type)
        && Objects.equals(detail, p.detail)
        && Objects.equals(instance, p.instance)
        && extensions.equals(p.extensions)
        && headers.equals(p.headers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, detail, instance, extensions, headers);
  }

  @Override
  public String toString() {
    return "Problem["
        + type.slug()
        + " "
        + type.status()
        + ", detail="
        + detail
        + ", instance="
        + instance
        + ", extensions="
        + extensions.keySet()
        + "]";
  }
}
