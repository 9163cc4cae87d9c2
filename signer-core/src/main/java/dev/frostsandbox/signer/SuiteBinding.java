package dev.frostsandbox.signer;

import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.problem.ProblemType;

/**
 * A ciphersuite as a service offers it: the engine for it, and the catalogue entry that reports a
 * protocol failure inside it (frost-internal-error, or frost-poseidon-internal-error for the
 * Poseidon suite). The HTTP layer knows suites only through this.
 */
public record SuiteBinding<E>(Frost<E> frost, ProblemType internalError) {

  public String ciphersuite() {
    return frost.contextString();
  }
}
