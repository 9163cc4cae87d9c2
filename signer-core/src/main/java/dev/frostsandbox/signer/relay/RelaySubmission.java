package dev.frostsandbox.signer.relay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.problem.ProblemType;
import io.vertx.core.Future;
import java.util.Set;

/**
 * The relay's submission of a payload whose signature checked: the real one records it (which
 * raises the account's nonce); a request with a relay fault armed gets a decorator that fails the
 * way the relay's chain or operator would.
 */
@FunctionalInterface
public interface RelaySubmission {

  Future<ObjectNode> submit(Attempt attempt);

  /** What a submission can do with one checked payload. */
  interface Attempt {
    /** Whether this payload was relayed before (then a chain reverts on the used nonce). */
    Future<Boolean> relayedBefore();

    /** The real submission: records the payload and answers the transaction. */
    Future<ObjectNode> record();

    /** The revert of a payload relayed before (invalid-account-nonce with the current nonce). */
    Future<ObjectNode> nonceRevert();

    /**
     * Fails as the relay's catalogue entry {@code failure} (a revert, RPC error, pool, timeout).
     */
    Future<ObjectNode> fail(ProblemType failure, String revertReason);
  }

  RelaySubmission REAL = Attempt::record;

  /** The catalogue entries a submission can fail with: the relay's own. */
  Set<ProblemType> FAILURES =
      Set.of(
          Catalogue.INVALID_RELAY_SIGNATURE,
          Catalogue.INVALID_ACCOUNT_NONCE,
          Catalogue.INSUFFICIENT_FUNDS,
          Catalogue.ACCOUNT_NOT_DEPLOYED,
          Catalogue.RELAY_REVERTED,
          Catalogue.RELAY_RPC_ERROR,
          Catalogue.RELAY_POOL_EXHAUSTED,
          Catalogue.RELAY_TIMEOUT);
}
