package dev.frostsandbox.frost.dkg;

import dev.frostsandbox.frost.Identifier;
import java.math.BigInteger;
import java.util.List;

/** What a participant keeps between DKG rounds 2 and 3: its own commitment and f_self(self). */
public record Round2SecretPackage<E>(
    Identifier identifier,
    List<E> commitment,
    BigInteger secretShare,
    int minSigners,
    int maxSigners) {

  public Round2SecretPackage {
    commitment = List.copyOf(commitment);
  }

  @Override
  public String toString() {
    return "Round2SecretPackage[identifier=" + identifier + "]";
  }
}
