package dev.frostsandbox.signer;

import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.problem.ProblemType;
import dev.frostsandbox.signer.relay.RelayScheme;
import java.util.Set;

/**
 * A ciphersuite as a service offers it: the engine for it, the catalogue entry that reports a
 * protocol failure inside it (frost-internal-error, or frost-poseidon-internal-error for the
 * Poseidon suite), and how its keys are relayed (null: they are not). The HTTP layer knows suites
 * only through this.
 */
public record SuiteBinding<E>(Frost<E> frost, ProblemType internalError, RelayScheme<E> relay) {

  /**
   * Every catalogue entry a suite may report its protocol failures with ({@link #internalError()}):
   * a suite with an entry of its own adds it here, and nothing else changes.
   */
  public static final Set<ProblemType> INTERNAL_ERRORS =
      Set.of(Catalogue.FROST_INTERNAL_ERROR, Catalogue.FROST_POSEIDON_INTERNAL_ERROR);

  /** A suite whose keys cannot be relayed. */
  public SuiteBinding(Frost<E> frost, ProblemType internalError) {
    this(frost, internalError, null);
  }

  public String ciphersuite() {
    return frost.contextString();
  }
}
