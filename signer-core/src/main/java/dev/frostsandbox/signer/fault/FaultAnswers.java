package dev.frostsandbox.signer.fault;

import dev.frostsandbox.frost.json.InvalidField;
import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.problem.Problem;
import dev.frostsandbox.problem.ProblemType;
import dev.frostsandbox.signer.SignerContext;
import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.signer.http.Call;
import dev.frostsandbox.signer.http.SignerProblems;
import dev.frostsandbox.signer.route.ApiRoutes;
import java.time.Duration;
import java.util.List;

/**
 * A fault answered directly (no real failure point on the endpoint): the catalogue entry filled in
 * as the service fills in the real one (same details and extension members; {@code instance} is set
 * to the request path by the renderer).
 */
final class FaultAnswers {
  private FaultAnswers() {}

  /** Retry-After of an injected rate-limited answer. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(1);

  static Problem problem(
      SignerContext sc, ApiRoutes.Target target, String path, String tenant, ProblemType type) {
    String keyid = target.keyid();
    String url = target.route() != null ? sc.definition().prefix() + target.route().path() : path;
    Call call = new Call(tenant, keyid, url);
    Problem p;
    if (Catalogue.FROST_REQUEST_JSON_INVALID.equals(type)) {
      // the real one carries url and errors, never keyid
      return SignerProblems.jsonInvalid(
              call, List.of(new InvalidField("", "the body is rejected (injected fault)")))
          .problem();
    } else if (Catalogue.REDIS_ERROR.equals(type) || Catalogue.SERIALIZE_ERROR.equals(type)) {
      // infrastructure failures carry no keyid, as the real ones rendered from the exception
      return Problem.of(type);
    } else if (Catalogue.RATE_LIMITED.equals(type)) {
      p = Problem.of(type).withRetryAfter(RETRY_AFTER);
    } else if (keyid == null) {
      p =
          type.defaultDetail() != null
              ? Problem.of(type)
              : Problem.of(type, type.title() + " (injected fault)");
    } else if (Catalogue.NO_KEY_FOUND.equals(type)) {
      p = SignerProblems.noKey(call, sc.definition().keyKind()).problem();
    } else if (Catalogue.NO_DKG_ROUND_FOUND.equals(type)) {
      p = SignerProblems.noDkgRound(call).problem();
    } else if (Catalogue.NO_SIGNING_ROUND_FOUND.equals(type)) {
      p = SignerProblems.noSigningRound(call).problem();
    } else if (Catalogue.CONFLICT.equals(type)) {
      p = SignerProblems.keyExists(call).problem();
    } else if (Catalogue.BASE64_DECODE_ERROR.equals(type)) {
      p = SignerProblems.base64(call, "/message").problem();
    } else if (SuiteBinding.INTERNAL_ERRORS.contains(type)) {
      p = Problem.of(type, FaultDecoration.ENGINE_DETAIL);
    } else {
      p = Problem.of(type);
    }
    return keyid == null || p.extensions().containsKey("keyid") ? p : p.withKeyId(keyid);
  }
}
