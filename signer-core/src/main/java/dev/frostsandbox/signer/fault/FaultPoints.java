package dev.frostsandbox.signer.fault;

import dev.frostsandbox.problem.ProblemType;

/**
 * The places where a real failure can happen on a request's path, asked by that path itself so an
 * injected fault behaves exactly like the real one (same answer, same side effects). Without
 * fault injection every answer is false.
 */
public interface FaultPoints {

  /** The store call fails as if Redis were unreachable ({@code redis-error}). */
  default boolean storeFails() {
    return false;
  }

  /** Stored state reads back unreadable ({@code serialize-error}). */
  default boolean stateUnreadable() {
    return false;
  }

  /** The key lookup finds nothing ({@code no-key-found}). */
  default boolean keyMissing() {
    return false;
  }

  /** The DKG round lookup finds nothing ({@code no-dkg-round-found}). */
  default boolean dkgRoundMissing() {
    return false;
  }

  /** The nonce lookup finds nothing ({@code no-signing-round-found}). */
  default boolean signingRoundMissing() {
    return false;
  }

  /** The engine fails ({@code frost-internal-error} or the suite's own internal error). */
  default boolean engineFails() {
    return false;
  }

  /**
   * The engine of a suite whose protocol failures are reported as {@code suiteError} fails. May
   * instead throw the problem to answer when the injected entry is not the suite's own.
   */
  default boolean engineFails(ProblemType suiteError) {
    return engineFails();
  }

  FaultPoints NONE = new FaultPoints() {};
}
