package dev.frostsandbox.frost.keys;

import java.math.BigInteger;

/**
 * A repair sigma (frost-core {@code keys::repairable::Sigma}): the sum of the deltas a helper
 * received, sent to the participant being repaired. A scalar; its serde form is the scalar's hex,
 * with no header.
 */
public record Sigma(BigInteger value) {
  @Override
  public String toString() {
    return "Sigma[secret]";
  }
}
