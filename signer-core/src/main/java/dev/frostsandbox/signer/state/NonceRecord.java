package dev.frostsandbox.signer.state;

import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.signer.SuiteBinding;

/**
 * Server nonces of a two-round signature, kept until round 2 consumes them or they expire at {@code
 * expiresAtMillis} (epoch milliseconds, sealed with them; 0 for records written before expiries
 * were stored, which count as expired). {@link StateRepository#saveNonces} sets it. {@code
 * keyGeneration} is the {@link KeyRecord#generation} of the key they were committed with: round 2
 * refuses them once the server's share was replaced (a refresh).
 */
public record NonceRecord<E>(
    SuiteBinding<E> suite, SigningNonces<E> nonces, long expiresAtMillis, long keyGeneration) {

  /** Nonces whose expiry is set when they are saved. */
  public NonceRecord(SuiteBinding<E> suite, SigningNonces<E> nonces) {
    this(suite, nonces, 0, 0);
  }

  public NonceRecord(SuiteBinding<E> suite, SigningNonces<E> nonces, long expiresAtMillis) {
    this(suite, nonces, expiresAtMillis, 0);
  }
}
