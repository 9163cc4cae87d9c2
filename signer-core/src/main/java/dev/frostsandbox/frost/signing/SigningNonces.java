package dev.frostsandbox.frost.signing;

import java.math.BigInteger;

/** Secret nonces (d, e) of one signing round with their commitments; use once, then forget. */
public record SigningNonces<E>(
    BigInteger hidingNonce, BigInteger bindingNonce, SigningCommitments<E> commitments) {

  @Override
  public String toString() {
    return "SigningNonces[secret]";
  }
}
