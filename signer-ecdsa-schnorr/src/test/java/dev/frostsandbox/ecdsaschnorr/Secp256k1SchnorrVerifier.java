package dev.frostsandbox.ecdsaschnorr;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A plain Schnorr verifier for FROST(secp256k1, SHA-256) signatures, from RFC 9591 §6.5 and Bouncy
 * Castle alone: c = hash_to_field(R || PK || msg, DST = context || "chal"), z*G == R + c*PK.
 */
final class Secp256k1SchnorrVerifier {
  private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
  private static final byte[] DST =
      "FROST-secp256k1-SHA256-v1chal".getBytes(StandardCharsets.US_ASCII);

  private Secp256k1SchnorrVerifier() {}

  static boolean verify(byte[] message, byte[] signature, byte[] verifyingKey) {
    if (signature.length != 65) {
      return false;
    }
    byte[] rBytes = Arrays.copyOfRange(signature, 0, 33);
    BigInteger z = new BigInteger(1, Arrays.copyOfRange(signature, 33, 65));
    byte[] input = new byte[33 + 33 + message.length];
    System.arraycopy(rBytes, 0, input, 0, 33);
    System.arraycopy(verifyingKey, 0, input, 33, 33);
    System.arraycopy(message, 0, input, 66, message.length);
    // expand_message_xmd is checked against the RFC 9380 vectors in HashToFieldTest
    BigInteger c =
        new BigInteger(1, HashToField.expandMessageXmd(input, DST, 48)).mod(CURVE.getN());
    ECPoint r = CURVE.getCurve().decodePoint(rBytes);
    ECPoint pk = CURVE.getCurve().decodePoint(verifyingKey);
    return CURVE.getG().multiply(z).normalize().equals(r.add(pk.multiply(c)).normalize());
  }
}
