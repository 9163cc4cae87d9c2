package dev.frostsandbox.signer.state;

import dev.frostsandbox.frost.keys.KeyPackage;
import dev.frostsandbox.frost.keys.PublicKeyPackage;
import dev.frostsandbox.signer.SuiteBinding;

/**
 * A stored key: the server's key package and the group's public key package. {@code generation}
 * counts the replacements of the server's share (refresh, share dropped, repair): nonce records
 * carry the generation they were committed under, so a replacement makes them unusable. A key whose
 * share was lost (dropped by the sandbox admin operation, to be repaired) has a key package whose
 * signing share is null.
 */
public record KeyRecord<E>(
    SuiteBinding<E> suite,
    KeyPackage<E> keyPackage,
    PublicKeyPackage<E> publicKeyPackage,
    long createdAtMillis,
    long generation) {

  /** A key as DKG stores it: generation 0. */
  public KeyRecord(
      SuiteBinding<E> suite,
      KeyPackage<E> keyPackage,
      PublicKeyPackage<E> publicKeyPackage,
      long createdAtMillis) {
    this(suite, keyPackage, publicKeyPackage, createdAtMillis, 0);
  }

  /** Whether the server holds its signing share (false once dropped, until repaired). */
  public boolean hasShare() {
    return keyPackage.signingShare() != null;
  }

  /** The same key with another key package and public key package, one generation later. */
  public KeyRecord<E> replaced(KeyPackage<E> next, PublicKeyPackage<E> nextPublic) {
    return new KeyRecord<>(suite, next, nextPublic, createdAtMillis, generation + 1);
  }
}
