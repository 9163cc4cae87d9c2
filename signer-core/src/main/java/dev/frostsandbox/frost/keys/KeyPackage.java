package dev.frostsandbox.frost.keys;

import dev.frostsandbox.frost.Identifier;
import java.math.BigInteger;

/** A participant's long-lived key material (frost-core {@code keys::KeyPackage}). */
public record KeyPackage<E>(
    Identifier identifier,
    BigInteger signingShare,
    E verifyingShare,
    E verifyingKey,
    int minSigners) {

  /** Never print the signing share. */
  @Override
  public String toString() {
    return "KeyPackage[identifier=" + identifier + ", minSigners=" + minSigners + "]";
  }
}
