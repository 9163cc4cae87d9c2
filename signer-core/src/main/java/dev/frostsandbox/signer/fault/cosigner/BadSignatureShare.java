package dev.frostsandbox.signer.fault.cosigner;

import dev.frostsandbox.frost.Group;
import dev.frostsandbox.frost.signing.SignatureShare;
import java.math.BigInteger;

/**
 * {@code bad-signature-share}: z_i + 1. A valid scalar, so the answer deserializes; it fails
 * verify_signature_share (z_i * G is off by G), so aggregating names the server as culprit.
 */
public final class BadSignatureShare {
  private BadSignatureShare() {}

  public static SignatureShare corrupt(Group<?> group, SignatureShare share) {
    return new SignatureShare(share.share().add(BigInteger.ONE).mod(group.order()));
  }
}
