package dev.frostsandbox.signer.http;

import dev.frostsandbox.frost.FrostException;
import dev.frostsandbox.frost.json.InvalidField;
import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.problem.FieldError;
import dev.frostsandbox.problem.Problem;
import dev.frostsandbox.problem.ProblemException;
import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.signer.state.StateCorruptException;
import dev.frostsandbox.store.StoreException;
import java.util.List;
import java.util.function.Function;

/**
 * The signer's catalogue entries, filled in the way clients rely on (extension members, details).
 */
public final class SignerProblems {
  private SignerProblems() {}

  public static ProblemException jsonInvalid(Call call, List<InvalidField> errors) {
    String detail = errors.isEmpty() ? "invalid request" : summary(errors);
    return Problem.of(Catalogue.FROST_REQUEST_JSON_INVALID, detail)
        .withUrl(call.url())
        .withErrors(errors.stream().map(e -> new FieldError(e.pointer(), e.detail())).toList())
        .toException();
  }

  private static String summary(List<InvalidField> errors) {
    InvalidField f = errors.get(0);
    String where = f.pointer().isEmpty() ? "body" : f.pointer();
    return where
        + ": "
        + f.detail()
        + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "");
  }

  public static ProblemException base64(Call call, String pointer) {
    return Problem.of(Catalogue.BASE64_DECODE_ERROR, pointer + " is not standard base64")
        .withKeyId(call.keyid())
        .toException();
  }

  public static ProblemException noKey(Call call, String keyKind) {
    return Problem.of(
            Catalogue.NO_KEY_FOUND, "Cannot find an " + keyKind + " key with id: " + call.keyid())
        .withKeyId(call.keyid())
        .toException();
  }

  public static ProblemException noDkgRound(Call call) {
    return Problem.of(
            Catalogue.NO_DKG_ROUND_FOUND,
            "No DKG round in progress for key id " + call.keyid() + ": start again with round 1")
        .withKeyId(call.keyid())
        .toException();
  }

  public static ProblemException noSigningRound(Call call) {
    return Problem.of(
            Catalogue.NO_SIGNING_ROUND_FOUND,
            "No signing round with these commitments for key id "
                + call.keyid()
                + ": the nonces are unknown, expired or already used")
        .withKeyId(call.keyid())
        .toException();
  }

  public static ProblemException keyExists(Call call) {
    return Problem.of(Catalogue.CONFLICT, "Key id " + call.keyid() + " already holds a key")
        .withKeyId(call.keyid())
        .toException();
  }

  /**
   * A protocol failure inside a suite, reported with that suite's internal-error entry. When
   * participants are known to be at fault: {@code culprits}, every one of them in identifier order
   * (frost-core 3.0's {@code CheaterDetection::AllCheaters}), and {@code culprit}, the first, kept
   * for clients that read one.
   */
  public static ProblemException protocol(
      Call call, SuiteBinding<?> suite, FrostException e, Function<Object, String> culpritHex) {
    Problem p = Problem.of(suite.internalError(), e.getMessage()).withKeyId(call.keyid());
    if (e.culprit() != null) {
      p = p.withExtension("culprit", culpritHex.apply(e.culprit()));
      p = p.withExtension("culprits", e.culprits().stream().map(culpritHex).toList());
    }
    return p.toException();
  }

  /**
   * Refresh round 2 or repair part 2 without (or after the expiry of) its first step: DKG's entry.
   */
  public static ProblemException noRound(Call call, String what, String restart) {
    return Problem.of(
            Catalogue.NO_DKG_ROUND_FOUND,
            "No "
                + what
                + " in progress for key id "
                + call.keyid()
                + ": start again with "
                + restart)
        .withKeyId(call.keyid())
        .toException();
  }

  /** A key whose server share was dropped: it signs, refreshes and helps again once repaired. */
  public static ProblemException shareLost(Call call) {
    return Problem.of(
            Catalogue.CONFLICT,
            "The server's share of key id "
                + call.keyid()
                + " is lost: repair it (POST keys/"
                + call.keyid()
                + "/repair/part3 with the helpers' sigmas)")
        .withKeyId(call.keyid())
        .toException();
  }

  /** A 409 about the key's state, naming the key. */
  public static ProblemException keyConflict(Call call, String detail) {
    return Problem.of(Catalogue.CONFLICT, detail).withKeyId(call.keyid()).toException();
  }

  /** Failures that are not problems yet: the store and unreadable state; null for anything else. */
  public static Problem fromThrowable(Throwable t) {
    if (t instanceof ProblemException pe) {
      return pe.problem();
    }
    if (t instanceof StoreException) {
      return Problem.of(Catalogue.REDIS_ERROR);
    }
    if (t instanceof StateCorruptException) {
      return Problem.of(Catalogue.SERIALIZE_ERROR);
    }
    // anything else is a bug: the renderer logs it in full and answers a generic 500
    return null;
  }
}
