package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.ecdsaschnorr.poseidon.Poseidon;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A verifier for FROST(secp256k1, Poseidon) signatures written directly from the definition in
 * docs/poseidon.md, sharing nothing with the engine but {@link Poseidon#hashMany}: it decodes with
 * Bouncy Castle, builds E(b) itself, and checks z*G == R + c*PK.
 */
final class PoseidonDefinitionVerifier {
  private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");

  private PoseidonDefinitionVerifier() {}

  /** E(b): [len(b)] then the big-endian integer of each 31-byte slice (the last may be shorter). */
  static BigInteger[] bytesToFelts(byte[] b) {
    List<BigInteger> out = new ArrayList<>();
    out.add(BigInteger.valueOf(b.length));
    for (int i = 0; i < b.length; i += 31) {
      out.add(new BigInteger(1, Arrays.copyOfRange(b, i, Math.min(b.length, i + 31))));
    }
    return out.toArray(BigInteger[]::new);
  }

  static BigInteger challenge(byte[] r, byte[] pk, byte[] message) {
    ByteArrayOutputStream m = new ByteArrayOutputStream();
    m.writeBytes("FROST-secp256k1-POSEIDON-v1chal".getBytes(StandardCharsets.US_ASCII));
    m.writeBytes(r);
    m.writeBytes(pk);
    m.writeBytes(message);
    return Poseidon.hashMany(bytesToFelts(m.toByteArray()));
  }

  static boolean verify(byte[] message, byte[] signature, byte[] verifyingKey) {
    if (signature.length != 65) {
      return false;
    }
    byte[] rBytes = Arrays.copyOfRange(signature, 0, 33);
    BigInteger z = new BigInteger(1, Arrays.copyOfRange(signature, 33, 65));
    if (z.compareTo(CURVE.getN()) >= 0) {
      return false;
    }
    ECPoint r = CURVE.getCurve().decodePoint(rBytes);
    ECPoint pk = CURVE.getCurve().decodePoint(verifyingKey);
    BigInteger c = challenge(rBytes, verifyingKey, message);
    ECPoint left = CURVE.getG().multiply(z).normalize();
    ECPoint right = r.add(pk.multiply(c)).normalize();
    return left.equals(right);
  }
}
