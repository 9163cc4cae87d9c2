package dev.frostsandbox.signer.fault;

import dev.frostsandbox.frost.Group;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.signing.SigningPackage;
import dev.frostsandbox.signer.fault.cosigner.BadSigningCommitment;
import dev.frostsandbox.signer.service.Decoration;

/**
 * A decoration the injector armed on a request: whether it fired, and what X-Fault-Injected then
 * says.
 */
interface Armed extends Decoration {

  boolean fired();

  /**
   * The X-Fault-Injected item (and metrics label), e.g. {@code redis-error} or {@code
   * invalid-element=identity}.
   */
  String injected();

  /**
   * With faults enabled, a sign/round2 that presents the commitments of a bad-signing-commitment
   * answer finds its nonces whatever else is injected on it (docs/faults.md: no header needed).
   */
  @Override
  default <E> SigningPackage<E> unknownCommitments(
      Group<E> group, SigningPackage<E> pkg, Identifier server) {
    return BadSigningCommitment.restore(group, pkg, server);
  }
}
