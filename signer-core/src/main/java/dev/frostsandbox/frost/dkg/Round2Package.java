package dev.frostsandbox.frost.dkg;

import java.math.BigInteger;

/** Sent privately in DKG round 2: f_sender(receiver). */
public record Round2Package(BigInteger signingShare) {
  @Override
  public String toString() {
    return "Round2Package[secret]";
  }
}
