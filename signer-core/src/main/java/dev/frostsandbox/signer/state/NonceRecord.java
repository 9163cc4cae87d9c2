package dev.frostsandbox.signer.state;

import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.signer.SuiteBinding;

/**
 * Server nonces of a two-round signature, kept until round 2 consumes them or they expire at
 * {@code expiresAtMillis} (epoch milliseconds, sealed with them; 0 for records written before
 * expiries were stored, which count as expired). {@link StateRepository#saveNonces} sets it.
 */
public record NonceRecord<E>(SuiteBinding<E> suite, SigningNonces<E> nonces, long expiresAtMillis) {

  /** Nonces whose expiry is set when they are saved. */
  public NonceRecord(SuiteBinding<E> suite, SigningNonces<E> nonces) {
    this(suite, nonces, 0);
  }
}
