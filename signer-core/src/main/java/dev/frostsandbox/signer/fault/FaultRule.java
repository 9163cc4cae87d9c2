package dev.frostsandbox.signer.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
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

/**
 * An admin fault rule: which requests it matches (method, path glob or regex, keyid; absent means
 * any) and the fault it injects. Stored as JSON; {@code expiresAt} is null for a rule that lives
 * until deleted.
 *
 * <p>Paths are matched on the event loop for every request, so globs and {@code path_regex} are RE2
 * patterns (RE2/J): matching takes time linear in the path, whatever the pattern. RE2 has no
 * backreferences or lookaround (such a pattern is refused), and the size of a pattern's program is
 * bounded ({@link #MAX_REGEX_SIZE}): counted repetitions multiply it, and RE2/J would build it in
 * full. A match costs about {@code size} times the path length; {@link FaultRules} runs an
 * expensive set of rules on a worker thread.
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
    Pattern compiled,
    long size) {

  static final Set<String> FIELDS =
      Set.of(
          "method",
          "path",
          "path_regex",
          "keyid",
          "fault",
          "delay_ms",
          "abort",
          "percentage",
          "seed",
          "times",
          "ttl_seconds",
          "revert_reason",
          "variant");
  private static final Set<String> STORED = Set.of("id", "created_at", "expires_at");
  private static final java.util.regex.Pattern METHOD =
      java.util.regex.Pattern.compile("[A-Z]{1,16}");

  /** Longest {@code path_regex}, in characters. */
  static final int MAX_REGEX_LENGTH = 1024;

  /**
   * Bound on the estimated program size of a pattern (one unit per literal, class or operator,
   * multiplied by the counts of enclosing repetitions: {@code (a{100}){100}} is 10000).
   */
  static final long MAX_REGEX_SIZE = 1000;

  /**
   * Longer paths are matched by no {@code path} or {@code path_regex} (an API path is at most about
   * 170 characters: keyids have at most 128), which bounds the work of one match.
   */
  static final int MAX_MATCHED_PATH = 256;

  boolean matches(String reqMethod, String reqPath, String reqKeyid, long nowMillis) {
    return !expired(nowMillis)
        && (method == null || method.equals(reqMethod))
        && (compiled == null
            || (reqPath.length() <= MAX_MATCHED_PATH && compiled.matcher(reqPath).matches()))
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
    if (spec.cosigner() != null) {
      o.put("fault", spec.cosigner().slug());
    }
    if (spec.variant() != null) {
      o.put("variant", spec.variant().slug());
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
    FaultRule r =
        parse(
            o,
            o.path("id").asText(),
            Instant.parse(o.path("created_at").asText()).toEpochMilli(),
            true,
            errors);
    if (!errors.isEmpty()) {
      throw new IllegalStateException("stored fault rule is invalid: " + errors.get(0).pointer());
    }
    return r;
  }

  /**
   * Validates an admin request body; every problem is added to {@code errors} (JSON pointers) and
   * null returned when there is any.
   */
  static FaultRule parse(
      JsonNode o, String id, long now, boolean stored, List<InvalidField> errors) {
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f) && !(stored && STORED.contains(f))) {
        errors.add(
            new InvalidField(
                "/" + f,
                "unknown member; allowed: " + String.join(", ", new java.util.TreeSet<>(FIELDS))));
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
      errors.add(
          new InvalidField("/path_regex", "give either path (a glob) or path_regex, not both"));
    } else if (path != null) {
      if (!path.startsWith("/")) {
        errors.add(new InvalidField("/path", "must start with /"));
      }
      if (path.length() > MAX_REGEX_LENGTH) {
        errors.add(new InvalidField("/path", "is longer than " + MAX_REGEX_LENGTH + " characters"));
      } else if (regexSize(globRegex(path)) > MAX_REGEX_SIZE) {
        errors.add(
            new InvalidField(
                "/path", "has too many wildcards (at most " + MAX_REGEX_SIZE + " units)"));
      } else {
        compiled = glob(path);
      }
    } else if (regex != null) {
      String tooBig =
          regex.length() > MAX_REGEX_LENGTH
              ? "is longer than " + MAX_REGEX_LENGTH + " characters"
              : regexSize(regex) > MAX_REGEX_SIZE
                  ? "is too large once its counted repetitions are expanded (at most "
                      + MAX_REGEX_SIZE
                      + " units; [0-9]{64} is 64); use * or + instead of large counts"
                  : null;
      if (tooBig != null) {
        errors.add(new InvalidField("/path_regex", tooBig));
      } else {
        try {
          compiled = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
          errors.add(
              new InvalidField(
                  "/path_regex",
                  "is not a valid RE2 regular expression ("
                      + e.getDescription()
                      + "); backreferences and lookaround are not supported"));
        }
      }
    }
    String keyid = text(o, "keyid", errors);
    FaultHeaders.Fault f = value(o, "fault", errors, FaultHeaders::fault);
    ProblemType fault = f == null ? null : f.problem();
    dev.frostsandbox.signer.fault.cosigner.CosignerFault cosigner = f == null ? null : f.cosigner();
    dev.frostsandbox.frost.InvalidElementKind variant =
        value(o, "variant", errors, FaultHeaders::variant);
    if (variant != null
        && cosigner != dev.frostsandbox.signer.fault.cosigner.CosignerFault.INVALID_ELEMENT) {
      errors.add(
          new InvalidField(
              "/variant", "needs fault invalid-element, the fault whose encoding it chooses"));
    }
    Long delay = value(o, "delay_ms", errors, FaultHeaders::delayMs);
    Abort abort = value(o, "abort", errors, FaultHeaders::abort);
    Double pct = value(o, "percentage", errors, FaultHeaders::percentage);
    Long seed = value(o, "seed", errors, FaultHeaders::seed);
    Integer times = value(o, "times", errors, FaultHeaders::times);
    Long ttl =
        value(
            o,
            "ttl_seconds",
            errors,
            s -> {
              long v = FaultHeaders.seed(s);
              if (v < 1 || v > 30L * 86_400) {
                throw new IllegalArgumentException("must be from 1 to 2592000 seconds");
              }
              return v;
            });
    if (f != null && abort != null) {
      errors.add(
          new InvalidField(
              "/abort", "cannot be combined with fault: a broken connection carries no answer"));
    }
    if (f == null
        && delay == null
        && abort == null
        && !o.has("fault")
        && !o.has("delay_ms")
        && !o.has("abort")) {
      errors.add(new InvalidField("", "a rule needs fault, delay_ms or abort"));
    }
    if (seed != null && pct == null) {
      errors.add(
          new InvalidField(
              "/seed", "needs percentage: the seed only makes the percentage reproducible"));
    }
    String reason = text(o, "revert_reason", errors);
    if (reason != null) {
      try {
        FaultHeaders.revertReason(reason);
        if (!Catalogue.RELAY_REVERTED.equals(fault)) {
          errors.add(
              new InvalidField(
                  "/revert_reason", "needs fault relay-reverted, the fault it gives a reason to"));
        }
      } catch (IllegalArgumentException e) {
        errors.add(new InvalidField("/revert_reason", e.getMessage()));
      }
    }
    if (!errors.isEmpty()) {
      return null;
    }
    Long expiresAt =
        stored
            ? (o.hasNonNull("expires_at")
                ? Instant.parse(o.get("expires_at").asText()).toEpochMilli()
                : null)
            : (ttl == null ? null : now + ttl * 1000);
    long size = compiled == null ? 0 : regexSize(compiled.pattern());
    return new FaultRule(
        id,
        method,
        path,
        regex,
        keyid,
        new FaultSpec(fault, delay, abort, pct, seed, times, reason, cosigner, variant),
        ttl,
        now,
        expiresAt,
        compiled,
        size);
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
  private static <T> T value(
      JsonNode o,
      String name,
      List<InvalidField> errors,
      java.util.function.Function<String, T> parse) {
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

  /**
   * An upper estimate of the size of the program RE2 compiles for {@code regex}: literals, classes
   * and operators count 1, a group the sum of its contents, and {@code x{n,m}} multiplies the size
   * of {@code x} by the larger count. Saturates just above {@link #MAX_REGEX_SIZE}. Syntax errors
   * are left to the compiler.
   */
  static long regexSize(String regex) {
    java.util.ArrayDeque<long[]> frames = new java.util.ArrayDeque<>(); // {total, last}
    long[] f = {0, 0};
    int n = regex.length();
    for (int i = 0; i < n; i++) {
      char c = regex.charAt(i);
      switch (c) {
        case '\\' -> {
          if (i + 1 < n && regex.charAt(i + 1) == 'Q') {
            int end = regex.indexOf("\\E", i + 2);
            int stop = end < 0 ? n : end;
            f[0] += stop - (i + 2);
            f[1] = 1;
            i = end < 0 ? n : end + 1;
          } else {
            i = skipEscape(regex, i);
            f[0]++;
            f[1] = 1;
          }
        }
        case '[' -> {
          i = skipClass(regex, i);
          f[0]++;
          f[1] = 1;
        }
        case '(' -> {
          if (i + 1 < n && regex.charAt(i + 1) == '?') {
            int j = i + 2;
            while (j < n
                && regex.charAt(j) != ':'
                && regex.charAt(j) != ')'
                && regex.charAt(j) != '>') {
              j++;
            }
            if (j < n && regex.charAt(j) == ')') {
              i = j; // (?flags): no group
              break;
            }
            i = j;
          }
          frames.push(f);
          f = new long[] {0, 0};
        }
        case ')' -> {
          if (!frames.isEmpty()) {
            long group = f[0];
            f = frames.pop();
            f[0] += group;
            f[1] = group;
          }
        }
        case '|' -> f[1] = 0;
        case '*', '+', '?' -> f[0]++;
        case '{' -> {
          int close = regex.indexOf('}', i);
          long count = close < 0 ? -1 : repeatCount(regex.substring(i + 1, close));
          if (count < 0) {
            f[0]++; // a literal brace
            f[1] = 1;
          } else {
            long k = Math.max(1, count);
            f[0] += f[1] * (k - 1);
            f[1] *= k;
            i = close;
          }
        }
        default -> {
          f[0]++;
          f[1] = 1;
        }
      }
      if (f[0] > MAX_REGEX_SIZE || f[1] > MAX_REGEX_SIZE) {
        return MAX_REGEX_SIZE + 1;
      }
    }
    long total = f[0];
    while (!frames.isEmpty()) {
      total += frames.pop()[0];
    }
    return Math.min(total, MAX_REGEX_SIZE + 1);
  }

  /** The larger count of {@code n}, {@code n,} or {@code n,m}; -1 when it is not a repetition. */
  private static long repeatCount(String inner) {
    if (!inner.matches("[0-9]{1,9}(,[0-9]{0,9})?")) {
      return -1;
    }
    int comma = inner.indexOf(',');
    long min = Long.parseLong(comma < 0 ? inner : inner.substring(0, comma));
    if (comma < 0 || comma == inner.length() - 1) {
      return comma < 0 ? min : min + 1;
    }
    return Math.max(min, Long.parseLong(inner.substring(comma + 1)));
  }

  /** The index of the last character of the escape starting at {@code i}. */
  private static int skipEscape(String re, int i) {
    int n = re.length();
    if (i + 1 >= n) {
      return i;
    }
    char e = re.charAt(i + 1);
    if ((e == 'p' || e == 'P' || e == 'x') && i + 2 < n && re.charAt(i + 2) == '{') {
      int close = re.indexOf('}', i + 2);
      return close < 0 ? n - 1 : close;
    }
    if (e == 'p' || e == 'P') {
      return Math.min(n - 1, i + 2);
    }
    if (e == 'x') {
      return Math.min(n - 1, i + 3);
    }
    return i + 1;
  }

  /** The index of the {@code ]} closing the class that starts at {@code i}. */
  private static int skipClass(String re, int i) {
    int n = re.length();
    int j = i + 1;
    if (j < n && re.charAt(j) == '^') {
      j++;
    }
    if (j < n && re.charAt(j) == ']') {
      j++; // a leading ] is a literal
    }
    for (; j < n; j++) {
      char c = re.charAt(j);
      if (c == '\\') {
        j = skipEscape(re, j);
      } else if (c == '[' && j + 1 < n && re.charAt(j + 1) == ':') {
        int close = re.indexOf(":]", j + 2);
        j = close < 0 ? n - 1 : close + 1;
      } else if (c == ']') {
        return j;
      }
    }
    return n - 1;
  }

  /**
   * {@code *} matches within one path segment, {@code **} across segments, {@code ?} one character.
   */
  static Pattern glob(String glob) {
    return Pattern.compile(globRegex(glob));
  }

  private static String globRegex(String glob) {
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
    return re.toString();
  }
}
