package dev.frostsandbox.signer.fault;

import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.problem.ProblemType;
import java.util.Set;

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

  /**
   * The relay's submission fails with this entry (a revert, {@code relay-rpc-error}, {@code
   * relay-pool-exhausted} or {@code relay-timeout}), or null. Asked once the real checks (key,
   * signature, payload not relayed before) have passed.
   */
  default ProblemType relayFailure() {
    return null;
  }

  /** The reason of an injected {@code relay-reverted}, or null for the default one. */
  default String revertReason() {
    return null;
  }

  /** The entries {@link #relayFailure()} can answer: the relay's catalogue entries. */
  Set<ProblemType> RELAY_FAILURES = Set.of(
      Catalogue.INVALID_RELAY_SIGNATURE, Catalogue.INVALID_ACCOUNT_NONCE, Catalogue.INSUFFICIENT_FUNDS,
      Catalogue.ACCOUNT_NOT_DEPLOYED, Catalogue.RELAY_REVERTED, Catalogue.RELAY_RPC_ERROR,
      Catalogue.RELAY_POOL_EXHAUSTED, Catalogue.RELAY_TIMEOUT);

  FaultPoints NONE = new FaultPoints() {};
}
