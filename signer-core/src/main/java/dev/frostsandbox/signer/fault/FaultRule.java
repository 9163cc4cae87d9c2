package dev.frostsandbox.signer.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.frost.json.InvalidField;
import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.problem.ProblemType;
import dev.frostsandbox.signer.http.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An admin fault rule: which requests it matches (method, path glob or regex, keyid; absent means
 * any) and the fault it injects. Stored as JSON; {@code expiresAt} is null for a rule that lives
 * until deleted.
 */
record FaultRule(
    String id,
    String method,
    String path,
    String pathRegex,
    String keyid,
    FaultSpec spec,
    Long ttlSeconds,
    long createdAt,
    Long expiresAt,
    Pattern compiled) {

  static final Set<String> FIELDS = Set.of(
      "method", "path", "path_regex", "keyid", "fault", "delay_ms", "abort", "percentage", "seed", "times", "ttl_seconds",
      "revert_reason");
  private static final Set<String> STORED = Set.of("id", "created_at", "expires_at");
  private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");

  boolean matches(String reqMethod, String reqPath, String reqKeyid, long nowMillis) {
    return !expired(nowMillis)
        && (method == null || method.equals(reqMethod))
        && (compiled == null || compiled.matcher(reqPath).matches())
        && (keyid == null || keyid.equals(reqKeyid));
  }

  boolean expired(long nowMillis) {
    return expiresAt != null && nowMillis >= expiresAt;
  }

  /** The rule as the admin API shows it (and as it is stored, without {@code fired}). */
  ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("id", id);
    putIf(o, "method", method);
    putIf(o, "path", path);
    putIf(o, "path_regex", pathRegex);
    putIf(o, "keyid", keyid);
    if (spec.fault() != null) {
      o.put("fault", spec.fault().slug());
    }
    if (spec.delayMs() != null) {
      o.put("delay_ms", spec.delayMs());
    }
    if (spec.abort() != null) {
      o.put("abort", spec.abort().wire());
    }
    if (spec.percentage() != null) {
      o.put("percentage", spec.percentage());
    }
    if (spec.seed() != null) {
      o.put("seed", spec.seed());
    }
    if (spec.times() != null) {
      o.put("times", spec.times());
    }
    putIf(o, "revert_reason", spec.revertReason());
    if (ttlSeconds != null) {
      o.put("ttl_seconds", ttlSeconds);
    }
    o.put("created_at", Instant.ofEpochMilli(createdAt).toString());
    if (expiresAt != null) {
      o.put("expires_at", Instant.ofEpochMilli(expiresAt).toString());
    }
    return o;
  }

  private static void putIf(ObjectNode o, String name, String v) {
    if (v != null) {
      o.put(name, v);
    }
  }

  /** Reads a stored rule back. */
  static FaultRule fromStored(JsonNode o) {
    List<InvalidField> errors = new ArrayList<>();
    FaultRule r = parse(o, o.path("id").asText(), Instant.parse(o.path("created_at").asText()).toEpochMilli(), true, errors);
    if (!errors.isEmpty()) {
      throw new IllegalStateException("stored fault rule is invalid: " + errors.get(0).pointer());
    }
    return r;
  }

  /**
   * Validates an admin request body; every problem is added to {@code errors} (JSON pointers) and
   * null returned when there is any.
   */
  static FaultRule parse(JsonNode o, String id, long now, boolean stored, List<InvalidField> errors) {
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f) && !(stored && STORED.contains(f))) {
        errors.add(new InvalidField("/" + f, "unknown member; allowed: " + String.join(", ", new java.util.TreeSet<>(FIELDS))));
      }
    }
    String method = text(o, "method", errors);
    if (method != null) {
      method = method.toUpperCase(Locale.ROOT);
      if (!METHOD.matcher(method).matches()) {
        errors.add(new InvalidField("/method", "must be an HTTP method such as POST"));
      }
    }
    String path = text(o, "path", errors);
    String regex = text(o, "path_regex", errors);
    Pattern compiled = null;
    if (path != null && regex != null) {
      errors.add(new InvalidField("/path_regex", "give either path (a glob) or path_regex, not both"));
    } else if (path != null) {
      if (!path.startsWith("/")) {
        errors.add(new InvalidField("/path", "must start with /"));
      }
      compiled = glob(path);
    } else if (regex != null) {
      try {
        compiled = Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        errors.add(new InvalidField("/path_regex", "is not a valid regular expression"));
      }
    }
    String keyid = text(o, "keyid", errors);
    ProblemType fault = value(o, "fault", errors, FaultHeaders::slug);
    Long delay = value(o, "delay_ms", errors, FaultHeaders::delayMs);
    Abort abort = value(o, "abort", errors, FaultHeaders::abort);
    Double pct = value(o, "percentage", errors, FaultHeaders::percentage);
    Long seed = value(o, "seed", errors, FaultHeaders::seed);
    Integer times = value(o, "times", errors, FaultHeaders::times);
    Long ttl = value(o, "ttl_seconds", errors, s -> {
      long v = FaultHeaders.seed(s);
      if (v < 1 || v > 30L * 86_400) {
        throw new IllegalArgumentException("must be from 1 to 2592000 seconds");
      }
      return v;
    });
    if (fault != null && abort != null) {
      errors.add(new InvalidField("/abort", "cannot be combined with fault: a broken connection carries no answer"));
    }
    if (fault == null && delay == null && abort == null && !o.has("fault") && !o.has("delay_ms") && !o.has("abort")) {
      errors.add(new InvalidField("", "a rule needs fault, delay_ms or abort"));
    }
    if (seed != null && pct == null) {
      errors.add(new InvalidField("/seed", "needs percentage: the seed only makes the percentage reproducible"));
    }
    String reason = text(o, "revert_reason", errors);
    if (reason != null) {
      try {
        FaultHeaders.revertReason(reason);
        if (fault != Catalogue.RELAY_REVERTED) {
          errors.add(new InvalidField("/revert_reason", "needs fault relay-reverted, the fault it gives a reason to"));
        }
      } catch (IllegalArgumentException e) {
        errors.add(new InvalidField("/revert_reason", e.getMessage()));
      }
    }
    if (!errors.isEmpty()) {
      return null;
    }
    Long expiresAt = stored
        ? (o.hasNonNull("expires_at") ? Instant.parse(o.get("expires_at").asText()).toEpochMilli() : null)
        : (ttl == null ? null : now + ttl * 1000);
    return new FaultRule(id, method, path, regex, keyid, new FaultSpec(fault, delay, abort, pct, seed, times, reason),
        ttl, now, expiresAt, compiled);
  }

  private static String text(JsonNode o, String name, List<InvalidField> errors) {
    JsonNode v = o.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual() || v.asText().isEmpty()) {
      errors.add(new InvalidField("/" + name, "must be a non-empty string"));
      return null;
    }
    return v.asText();
  }

  /** A member given as a JSON string or number, checked by the header parser of the same option. */
  private static <T> T value(JsonNode o, String name, List<InvalidField> errors, java.util.function.Function<String, T> parse) {
    JsonNode v = o.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual() && !v.isNumber()) {
      errors.add(new InvalidField("/" + name, "must be a string or a number"));
      return null;
    }
    try {
      return parse.apply(v.asText());
    } catch (IllegalArgumentException e) {
      errors.add(new InvalidField("/" + name, e.getMessage()));
      return null;
    }
  }

  /** {@code *} matches within one path segment, {@code **} across segments, {@code ?} one character. */
  static Pattern glob(String glob) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        re.append(".*");
        i++;
      } else if (c == '*') {
        re.append("[^/]*");
      } else if (c == '?') {
        re.append("[^/]");
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }
}
