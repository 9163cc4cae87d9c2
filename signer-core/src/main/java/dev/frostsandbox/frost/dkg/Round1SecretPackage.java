package dev.frostsandbox.frost.dkg;

import dev.frostsandbox.frost.Identifier;
import java.math.BigInteger;
import java.util.List;

/** What a participant keeps between DKG rounds 1 and 2: its secret polynomial. */
public record Round1SecretPackage<E>(
    Identifier identifier,
    List<BigInteger> coefficients,
    List<E> commitment,
    int minSigners,
    int maxSigners) {

  public Round1SecretPackage {
    coefficients = List.copyOf(coefficients);
    commitment = List.copyOf(commitment);
  }

  @Override
  public String toString() {
    return "Round1SecretPackage[identifier=" + identifier + "]";
  }
}
