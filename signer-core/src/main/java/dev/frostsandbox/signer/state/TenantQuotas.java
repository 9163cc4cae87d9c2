package dev.frostsandbox.signer.state;

import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.problem.Problem;
import dev.frostsandbox.problem.ProblemException;
import dev.frostsandbox.problem.ProblemType;
import dev.frostsandbox.signer.http.Call;

/**
 * Per-tenant quotas of {@link StateRepository}, 0 meaning unlimited: stored keys ({@code
 * SIGNER_QUOTA_KEYS}), live DKG rounds ({@code SIGNER_QUOTA_DKG_ROUNDS}) and live nonce records of
 * two-round signing ({@code SIGNER_QUOTA_NONCES}). Each is answered with a quota entry of the
 * catalogue (its fixed detail), with the members {@code quota}, {@code limit} and {@code keyid}.
 */
public record TenantQuotas(int keys, int dkgRounds, int nonces) {

  public static final TenantQuotas UNLIMITED = new TenantQuotas(0, 0, 0);

  public TenantQuotas {
    if (keys < 0 || dkgRounds < 0 || nonces < 0) {
      throw new IllegalArgumentException("quotas must be >= 0");
    }
  }

  /** One quota: its catalogue entry and the name it has in answers and in the configuration. */
  public enum Kind {
    KEYS(Catalogue.QUOTA_APPLICATION_LIMIT_EXCEEDED, "keys", "SIGNER_QUOTA_KEYS"),
    DKG_ROUNDS(
        Catalogue.QUOTA_ACTIVE_USERS_LIMIT_EXCEEDED, "dkg_rounds", "SIGNER_QUOTA_DKG_ROUNDS"),
    NONCES(Catalogue.QUOTA_DPP_LIMIT_EXCEEDED, "nonces", "SIGNER_QUOTA_NONCES");

    private final ProblemType problem;
    private final String wire;
    private final String variable;

    Kind(ProblemType problem, String wire, String variable) {
      this.problem = problem;
      this.wire = wire;
      this.variable = variable;
    }

    public ProblemType problem() {
      return problem;
    }

    /** The {@code quota} member of the answer. */
    public String wire() {
      return wire;
    }

    public String variable() {
      return variable;
    }
  }

  public int limit(Kind kind) {
    return switch (kind) {
      case KEYS -> keys;
      case DKG_ROUNDS -> dkgRounds;
      case NONCES -> nonces;
    };
  }

  /** The 429 of a quota that is full. */
  ProblemException exceeded(Call call, Kind kind) {
    return Problem.of(kind.problem())
        .withExtension("quota", kind.wire())
        .withExtension("limit", limit(kind))
        .withKeyId(call.keyid())
        .toException();
  }
}
