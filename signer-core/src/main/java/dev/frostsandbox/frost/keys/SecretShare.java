package dev.frostsandbox.frost.keys;

import dev.frostsandbox.frost.Identifier;
import java.math.BigInteger;
import java.util.List;

/**
 * A share from a trusted dealer with the dealer's VSS commitment (frost-core {@code
 * keys::SecretShare}).
 */
public record SecretShare<E>(Identifier identifier, BigInteger signingShare, List<E> commitment) {

  public SecretShare {
    commitment = List.copyOf(commitment);
  }

  @Override
  public String toString() {
    return "SecretShare[identifier=" + identifier + "]";
  }
}
