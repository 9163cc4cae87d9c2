package dev.frostsandbox.signer.fault;

import dev.frostsandbox.frost.InvalidElementKind;
import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.problem.Problem;
import dev.frostsandbox.problem.ProblemException;
import dev.frostsandbox.problem.ProblemType;
import dev.frostsandbox.signer.fault.cosigner.CosignerFault;
import io.vertx.core.MultiMap;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The fault request headers: names, parsing, and the 400 that names a bad one. */
public final class FaultHeaders {
  private FaultHeaders() {}

  public static final String FAULT = "X-Fault";
  public static final String DELAY = "X-Fault-Delay-Ms";
  public static final String ABORT = "X-Fault-Abort";
  public static final String PERCENTAGE = "X-Fault-Percentage";
  public static final String SEED = "X-Fault-Seed";
  public static final String TIMES = "X-Fault-Times";
  public static final String ID = "X-Fault-Id";

  /** The reason of an injected {@code relay-reverted} (its {@code Error(string)} revert). */
  public static final String REVERT_REASON = "X-Fault-Revert-Reason";

  /**
   * The encoding of an injected {@code invalid-element} (identity, off-curve, non-canonical,
   * small-order).
   */
  public static final String VARIANT = "X-Fault-Variant";

  /**
   * Response header: what was injected, e.g. {@code redis-error} or {@code delay=200, abort=reset}.
   */
  public static final String INJECTED = "X-Fault-Injected";

  private static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  /** A fault asked for by headers; {@code id} names the sequence it is counted in (may be null). */
  public record HeaderFault(FaultSpec spec, String id) {}

  /** The request's fault, or null when it carries no fault header; a bad header throws a 400. */
  public static HeaderFault parse(MultiMap h) {
    String fault = h.get(FAULT);
    String delay = h.get(DELAY);
    String abort = h.get(ABORT);
    String percentage = h.get(PERCENTAGE);
    String seed = h.get(SEED);
    String times = h.get(TIMES);
    String id = h.get(ID);
    String reason = h.get(REVERT_REASON);
    String variant = h.get(VARIANT);
    if (fault == null
        && delay == null
        && abort == null
        && percentage == null
        && seed == null
        && times == null
        && id == null
        && reason == null
        && variant == null) {
      return null;
    }
    Fault f = fault == null ? null : wrap(FAULT, () -> fault(fault.trim()));
    ProblemType type = f == null ? null : f.problem();
    CosignerFault cosigner = f == null ? null : f.cosigner();
    InvalidElementKind kind = variant == null ? null : wrap(VARIANT, () -> variant(variant.trim()));
    Long delayMs = delay == null ? null : wrap(DELAY, () -> delayMs(delay.trim()));
    Abort ab = abort == null ? null : wrap(ABORT, () -> abort(abort.trim()));
    Double pct = percentage == null ? null : wrap(PERCENTAGE, () -> percentage(percentage.trim()));
    Long sd = seed == null ? null : wrap(SEED, () -> seed(seed.trim()));
    Integer tm = times == null ? null : wrap(TIMES, () -> times(times.trim()));
    String rr = reason == null ? null : wrap(REVERT_REASON, () -> revertReason(reason.trim()));
    if (id != null && !ID_PATTERN.matcher(id.trim()).matches()) {
      throw bad(ID, "must be 1 to 128 characters of [A-Za-z0-9._-]");
    }
    if (f != null && ab != null) {
      throw bad(
          ABORT, "cannot be combined with " + FAULT + ": a broken connection carries no answer");
    }
    if (kind != null && cosigner != CosignerFault.INVALID_ELEMENT) {
      throw bad(
          VARIANT, "needs " + FAULT + ": invalid-element, the fault whose encoding it chooses");
    }
    if (rr != null && !Catalogue.RELAY_REVERTED.equals(type)) {
      throw bad(
          REVERT_REASON, "needs " + FAULT + ": relay-reverted, the fault it gives a reason to");
    }
    String effect = FAULT + ", " + DELAY + " or " + ABORT;
    if (f == null && delayMs == null && ab == null) {
      String first =
          percentage != null
              ? PERCENTAGE
              : seed != null ? SEED : times != null ? TIMES : id != null ? ID : VARIANT;
      throw bad(first, "needs " + effect + ": it only says when a fault applies");
    }
    if (tm != null && id == null) {
      throw bad(TIMES, "needs " + ID + ": the requests are counted per id");
    }
    if (sd != null && pct == null) {
      throw bad(SEED, "needs " + PERCENTAGE + ": the seed only makes the percentage reproducible");
    }
    if (sd != null && id == null) {
      throw bad(SEED, "needs " + ID + ": outcomes are numbered per id");
    }
    return new HeaderFault(
        new FaultSpec(type, delayMs, ab, pct, sd, tm, rr, cosigner, kind),
        id == null ? null : id.trim());
  }

  // ---- values, shared with the admin rules (IllegalArgumentException says what is wrong) ----

  /**
   * A value of {@code X-Fault} or a rule's {@code fault}: a catalogue entry or a
   * misbehaving-cosigner fault.
   */
  public record Fault(ProblemType problem, CosignerFault cosigner) {}

  public static Fault fault(String s) {
    return CosignerFault.ofSlug(s)
        .map(c -> new Fault(null, c))
        .orElseGet(() -> new Fault(slug(s), null));
  }

  public static InvalidElementKind variant(String s) {
    return InvalidElementKind.ofSlug(s)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "must be one of "
                        + Arrays.stream(InvalidElementKind.values())
                            .map(InvalidElementKind::slug)
                            .collect(Collectors.joining(", "))));
  }

  public static ProblemType slug(String s) {
    return Catalogue.bySlug(s)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown fault '"
                        + printable(s)
                        + "'; use a slug of the error catalogue, e.g. redis-error, or of a"
                        + " misbehaving cosigner, e.g. bad-signature-share"));
  }

  public static long delayMs(String s) {
    long v = integer(s);
    if (v < 0) {
      throw new IllegalArgumentException("must be a non-negative number of milliseconds");
    }
    return v;
  }

  public static Abort abort(String s) {
    return Abort.parse(s)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "must be reset, close, empty, partial or after-commit"));
  }

  public static double percentage(String s) {
    double d;
    try {
      d = Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be a number from 0 to 100");
    }
    if (!(d >= 0 && d <= 100)) {
      throw new IllegalArgumentException("must be a number from 0 to 100");
    }
    return d;
  }

  /** A revert reason: 1 to 256 printable ASCII characters (it travels in a header). */
  public static String revertReason(String s) {
    if (s.isEmpty() || s.length() > 256 || !s.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
      throw new IllegalArgumentException("must be 1 to 256 printable ASCII characters");
    }
    return s;
  }

  public static long seed(String s) {
    return integer(s);
  }

  public static int times(String s) {
    long v = integer(s);
    if (v < 1 || v > 1_000_000_000L) {
      throw new IllegalArgumentException("must be an integer from 1 to 1000000000");
    }
    return (int) v;
  }

  private static long integer(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be an integer");
    }
  }

  /** A header value echoed back: short and printable only. */
  private static String printable(String s) {
    String t = s.length() > 64 ? s.substring(0, 64) + "..." : s;
    return t.replaceAll("[^\\x20-\\x7e]", "?");
  }

  private static <T> T wrap(String header, java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw bad(header, e.getMessage());
    }
  }

  static ProblemException bad(String header, String message) {
    return Problem.of(Catalogue.BAD_REQUEST, header + ": " + message)
        .withExtension("header", header)
        .toException();
  }
}
