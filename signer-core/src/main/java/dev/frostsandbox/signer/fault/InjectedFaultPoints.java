package dev.frostsandbox.signer.fault;

import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.problem.Problem;
import dev.frostsandbox.problem.ProblemType;

/**
 * The fault points of a request that asked for one real-path fault: only that point fails, and
 * {@link #fired()} tells whether the request reached it (a request that fails earlier for another
 * reason, e.g. an invalid body, never does, exactly as with the real failure).
 */
final class InjectedFaultPoints implements FaultPoints {

  private final ProblemType fault;
  private final String keyid;
  private final String revertReason;
  private boolean fired;

  InjectedFaultPoints(ProblemType fault, String keyid) {
    this(fault, keyid, null);
  }

  InjectedFaultPoints(ProblemType fault, String keyid, String revertReason) {
    this.fault = fault;
    this.keyid = keyid;
    this.revertReason = revertReason;
  }

  ProblemType fault() {
    return fault;
  }

  boolean fired() {
    return fired;
  }

  private boolean fire(ProblemType point) {
    if (point == fault) {
      fired = true;
      return true;
    }
    return false;
  }

  @Override
  public boolean storeFails() {
    return fire(Catalogue.REDIS_ERROR);
  }

  @Override
  public boolean stateUnreadable() {
    return fire(Catalogue.SERIALIZE_ERROR);
  }

  @Override
  public boolean keyMissing() {
    return fire(Catalogue.NO_KEY_FOUND);
  }

  @Override
  public boolean dkgRoundMissing() {
    return fire(Catalogue.NO_DKG_ROUND_FOUND);
  }

  @Override
  public boolean signingRoundMissing() {
    return fire(Catalogue.NO_SIGNING_ROUND_FOUND);
  }

  @Override
  public boolean engineFails(ProblemType suiteError) {
    if (fault != Catalogue.FROST_INTERNAL_ERROR && fault != Catalogue.FROST_POSEIDON_INTERNAL_ERROR) {
      return false;
    }
    fired = true;
    if (fault == suiteError) {
      return true;
    }
    // the other suite's entry (e.g. the Poseidon one on a SHA-256 key): raised at the same place,
    // so side effects match an engine failure, but with the entry the client asked for
    throw Problem.of(fault, ENGINE_DETAIL).withKeyId(keyid).toException();
  }

  @Override
  public ProblemType relayFailure() {
    if (!RELAY_FAILURES.contains(fault)) {
      return null;
    }
    fired = true;
    return fault;
  }

  @Override
  public String revertReason() {
    return revertReason;
  }

  /** The detail of an injected engine failure (SignerContext.engine raises the same text). */
  static final String ENGINE_DETAIL = "the FROST engine failed (injected fault)";
}
