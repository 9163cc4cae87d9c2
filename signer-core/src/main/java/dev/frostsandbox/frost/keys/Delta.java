package dev.frostsandbox.frost.keys;

import java.math.BigInteger;

/**
 * A repair delta (frost-core {@code keys::repairable::Delta}): what a helper sends to each other
 * helper in part 1 of RTS. A scalar; its serde form is the scalar's hex, with no header.
 */
public record Delta(BigInteger value) {
  @Override
  public String toString() {
    return "Delta[secret]";
  }
}
