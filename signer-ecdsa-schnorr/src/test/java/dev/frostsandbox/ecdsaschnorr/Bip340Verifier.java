package dev.frostsandbox.ecdsaschnorr;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * BIP-340 Verify(pk, m, sig), written from the BIP's text ("Verification", "Specification") with
 * BigInteger affine arithmetic and the JDK's SHA-256 only: it shares no code with the engine or
 * Bouncy Castle, so a signature it accepts is a Bitcoin Schnorr signature on its own terms.
 */
final class Bip340Verifier {
  private Bip340Verifier() {}

  static final BigInteger P =
      new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F", 16);
  static final BigInteger N =
      new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
  private static final BigInteger[] G = {
    new BigInteger("79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798", 16),
    new BigInteger("483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8", 16)
  };

  /** Verification of a 32-byte x-only key, a message of any length and a 64-byte signature. */
  static boolean verify(byte[] pk, byte[] m, byte[] sig) {
    if (pk.length != 32 || sig.length != 64) {
      return false;
    }
    BigInteger[] p = liftX(new BigInteger(1, pk));
    if (p == null) {
      return false;
    }
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(sig, 0, 32));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
    if (r.compareTo(P) >= 0 || s.compareTo(N) >= 0) {
      return false;
    }
    BigInteger e =
        new BigInteger(1, taggedHash("BIP0340/challenge", Arrays.copyOfRange(sig, 0, 32), pk, m))
            .mod(N);
    BigInteger[] bigR = add(multiply(G, s), multiply(p, N.subtract(e)));
    return bigR != null && !bigR[1].testBit(0) && bigR[0].equals(r);
  }

  /** The adapter the HTTP contracts use: a service's 33-byte SEC1 verifying key, x-only. */
  static boolean verifyCompressedKey(byte[] message, byte[] signature, byte[] verifyingKey) {
    return verifyingKey.length == 33
        && verify(Arrays.copyOfRange(verifyingKey, 1, 33), message, signature);
  }

  /** hash_tag(x) = SHA256(SHA256(tag) || SHA256(tag) || x). */
  static byte[] taggedHash(String tag, byte[]... parts) {
    MessageDigest md = sha256();
    byte[] t = sha256().digest(tag.getBytes(StandardCharsets.UTF_8));
    md.update(t);
    md.update(t);
    for (byte[] p : parts) {
      md.update(p);
    }
    return md.digest();
  }

  /** lift_x(x): the point with that x and even y, or null. */
  static BigInteger[] liftX(BigInteger x) {
    if (x.compareTo(P) >= 0) {
      return null;
    }
    BigInteger c = x.modPow(BigInteger.valueOf(3), P).add(BigInteger.valueOf(7)).mod(P);
    BigInteger y = c.modPow(P.add(BigInteger.ONE).shiftRight(2), P);
    if (!y.modPow(BigInteger.TWO, P).equals(c)) {
      return null;
    }
    return new BigInteger[] {x, y.testBit(0) ? P.subtract(y) : y};
  }

  /** Point addition; null is the point at infinity. */
  static BigInteger[] add(BigInteger[] a, BigInteger[] b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    if (a[0].equals(b[0]) && !a[1].equals(b[1])) {
      return null;
    }
    BigInteger lambda;
    if (a[0].equals(b[0])) {
      lambda =
          BigInteger.valueOf(3)
              .multiply(a[0].pow(2))
              .multiply(a[1].shiftLeft(1).modInverse(P))
              .mod(P);
    } else {
      lambda = b[1].subtract(a[1]).multiply(b[0].subtract(a[0]).modInverse(P)).mod(P);
    }
    BigInteger x = lambda.pow(2).subtract(a[0]).subtract(b[0]).mod(P);
    return new BigInteger[] {x, lambda.multiply(a[0].subtract(x)).subtract(a[1]).mod(P)};
  }

  static BigInteger[] multiply(BigInteger[] point, BigInteger k) {
    BigInteger[] acc = null;
    for (int i = k.bitLength() - 1; i >= 0; i--) {
      acc = add(acc, acc);
      if (k.testBit(i)) {
        acc = add(acc, point);
      }
    }
    return acc;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
