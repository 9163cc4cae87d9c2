package dev.frostsandbox.frost.signing;

import dev.frostsandbox.frost.Identifier;
import java.util.SortedMap;

/** The coordinator's choice of signers, their commitments, and the message. */
@SuppressWarnings(
    "ArrayRecordComponent") // RFC 9591's message bytes, copied in and out; packages are never
// compared by equals
public record SigningPackage<E>(
    SortedMap<Identifier, SigningCommitments<E>> signingCommitments, byte[] message) {

  public SigningPackage {
    signingCommitments =
        java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(signingCommitments));
    message = message.clone();
  }

  @Override
  public byte[] message() {
    return message.clone();
  }
}
