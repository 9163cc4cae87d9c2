package dev.frostsandbox.eddsa;

import static dev.frostsandbox.eddsa.TestSupport.G;
import static dev.frostsandbox.eddsa.TestSupport.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.frost.InvalidEncodingException;
import dev.frostsandbox.frost.InvalidEncodingException.Reason;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fused decoding ({@link Ed25519Decoding}, behind {@link Ed25519Group#deserializeUncached})
 * against decompression followed by the multiplication by L ({@link
 * Ed25519Group#deserializeReference}) and by the unfused quartic-character test.
 */
class Ed25519DecodingTest {

  private static final BigInteger L = Ed25519Group.L;
  private static final BigInteger P = EdMath.P;
  private final Random rnd = new Random(0xdec0de);

  /** The 8 points of E[8]. */
  private static List<Ed25519Point> torsion() {
    return Ed25519SubgroupTest.torsion();
  }

  private interface Decoder {
    Ed25519Point decode(byte[] b) throws InvalidEncodingException;
  }

  /** The decoded encoding (hex) or the reason. */
  private static Object outcome(Decoder d, byte[] b) {
    try {
      return hex(d.decode(b.clone()).encode());
    } catch (InvalidEncodingException e) {
      return e.reason();
    }
  }

  /** All three decoders give the same outcome; returns it. */
  private static Object agree(byte[] b) {
    Object expected = outcome(Ed25519Group::deserializeReference, b);
    assertEquals(expected, outcome(Ed25519Group::deserializeUncached, b), () -> hex(b));
    assertEquals(expected, outcome(Ed25519Group::deserializeUnfused, b), () -> hex(b));
    return expected;
  }

  private static byte[] withSign(byte[] enc, int sign) {
    byte[] b = enc.clone();
    b[31] = (byte) ((b[31] & 0x7f) | (sign << 7));
    return b;
  }

  @Test
  void everyTorsionCosetOfRandomPointsBothSigns() {
    List<Ed25519Point> ts = torsion();
    for (int i = 0; i < 40; i++) {
      Ed25519Point prime =
          G.multiplyBase(
              new BigInteger(256, rnd).mod(L.subtract(BigInteger.ONE)).add(BigInteger.ONE));
      for (int j = 0; j < 8; j++) {
        byte[] enc = G.add(prime, ts.get(j)).encode();
        Object o = agree(enc);
        assertEquals(j == 0 ? hex(enc) : Reason.NOT_IN_SUBGROUP, o, "coset " + j);
        // the other sign of x: -P - T, in the same coset class
        Object neg = agree(withSign(enc, ((enc[31] >> 7) & 1) ^ 1));
        assertEquals(j == 0 ? String.class : Reason.class, neg.getClass());
      }
    }
  }

  @Test
  void everySmallOrderPointBothSigns() {
    List<Ed25519Point> ts = torsion();
    for (int j = 0; j < 8; j++) {
      byte[] enc = ts.get(j).encode();
      assertEquals(j == 0 ? Reason.IDENTITY : Reason.NOT_IN_SUBGROUP, agree(enc), "point " + j);
      Object flipped = agree(withSign(enc, ((enc[31] >> 7) & 1) ^ 1));
      // x = 0 (the identity and (0, -1)) with the sign bit set is non-canonical
      boolean xZero = j == 0 || j == 4;
      assertEquals(xZero ? Reason.NON_CANONICAL : Reason.NOT_IN_SUBGROUP, flipped, "point " + j);
    }
  }

  @Test
  void yWithoutXIsNotOnTheCurve() {
    int off = 0;
    for (int i = 0; i < 400; i++) {
      BigInteger y = new BigInteger(255, rnd).mod(P);
      BigInteger u = y.multiply(y).subtract(BigInteger.ONE).mod(P);
      BigInteger d = EdMathBig.D;
      BigInteger v = d.multiply(y).multiply(y).add(BigInteger.ONE).mod(P);
      BigInteger ratio = u.multiply(v.modInverse(P)).mod(P);
      boolean square =
          ratio.signum() == 0
              || ratio.modPow(P.subtract(BigInteger.ONE).shiftRight(1), P).equals(BigInteger.ONE);
      for (int sign = 0; sign < 2; sign++) {
        Object o = agree(withSign(Ed25519Group.toLe32(y), sign));
        assertEquals(!square, o == Reason.NOT_ON_CURVE, y.toString(16));
        off += square ? 0 : 1;
      }
    }
    assertTrue(off > 200, "off-curve " + off);
    assertEquals(Reason.NOT_ON_CURVE, agree(Ed25519Group.toLe32(BigInteger.TWO)));
  }

  @Test
  void nonCanonicalEncodings() {
    for (int k = 0; k < 19; k++) {
      for (int sign = 0; sign < 2; sign++) {
        assertEquals(
            Reason.NON_CANONICAL,
            agree(withSign(Ed25519Group.toLe32(P.add(BigInteger.valueOf(k))), sign)));
      }
    }
    // 2^255 - 1 (every bit of y set)
    byte[] ones = new byte[32];
    java.util.Arrays.fill(ones, (byte) 0xff);
    assertEquals(Reason.NON_CANONICAL, agree(ones));
    assertEquals(Reason.NON_CANONICAL, agree(withSign(ones, 0)));
    // y = p - 1 (canonical: the point (0, -1) of order 2), with and without the sign bit
    byte[] minusOne = Ed25519Group.toLe32(P.subtract(BigInteger.ONE));
    assertEquals(Reason.NOT_IN_SUBGROUP, agree(minusOne));
    assertEquals(Reason.NON_CANONICAL, agree(withSign(minusOne, 1)));
  }

  @Test
  void randomEncodingsAndSubgroupPoints() {
    int accepted = 0;
    for (int i = 0; i < 600; i++) {
      byte[] b = new byte[32];
      rnd.nextBytes(b);
      if (i % 2 == 0) {
        b = G.multiplyBase(new BigInteger(256, rnd).mod(L)).encode();
      }
      Object o = agree(b);
      if (o instanceof String s) {
        assertEquals(hex(b), s, "an accepted encoding decodes to itself");
        accepted++;
      }
    }
    assertTrue(accepted >= 290, "accepted " + accepted);
  }

  @Test
  void decodedPointIsUsable() throws Exception {
    BigInteger k = new BigInteger(250, rnd);
    Ed25519Point p = G.multiplyBase(k);
    Ed25519Point q = Ed25519Group.deserializeUncached(p.encode());
    assertTrue(G.equal(p, q));
    assertTrue(G.equal(G.add(q, q), G.multiplyBase(k.shiftLeft(1))));
    assertArrayEquals(p.encode(), G.serializeElement(q));
  }

  @Test
  void sqrtRatioAgainstBigInteger() {
    BigInteger[] edge = {
      BigInteger.ZERO,
      BigInteger.ONE,
      BigInteger.TWO,
      P.subtract(BigInteger.ONE),
      P.subtract(BigInteger.TWO),
      BigInteger.valueOf(4),
      P.subtract(BigInteger.valueOf(4))
    };
    int roots = 0;
    int n = 0;
    for (int i = 0; i < 400; i++) {
      BigInteger num = i < 49 ? edge[i % 7] : new BigInteger(255, rnd).mod(P);
      BigInteger den = i < 49 ? edge[i / 7] : new BigInteger(255, rnd).mod(P);
      if (den.signum() == 0) {
        continue;
      }
      n++;
      long[] u = Field51.decode(Ed25519Group.toLe32(num));
      long[] v = Field51.decode(Ed25519Group.toLe32(den));
      long[] v3 = new long[5];
      long[] v7 = new long[5];
      Field51.sqr(v, v3);
      Field51.mul(v3, v, v3);
      Field51.sqr(v3, v7);
      Field51.mul(v7, v, v7);
      long[] r = Ed25519Decoding.sqrtRatio(u, v, v3, v7);
      // the interleaved pair: (u/v, (1+d)/v) and (u/v, u/v) give the same roots
      long[] r1 = new long[5];
      long[] r2 = new long[5];
      int both = Ed25519Decoding.sqrtRatio2(u, u, v, v3, v7, r1, r2);
      assertEquals(r == null ? 0 : 3, both);
      if (r != null) {
        assertArrayEquals(Field51.encode(r), Field51.encode(r1));
        assertArrayEquals(Field51.encode(r), Field51.encode(r2));
      }
      long[] onePlusD = Field51.fromX25519(Ed25519Subgroup.ONE_PLUS_D);
      long[] w = Ed25519Decoding.sqrtRatio(onePlusD, v, v3, v7);
      both = Ed25519Decoding.sqrtRatio2(u, onePlusD, v, v3, v7, r1, r2);
      assertEquals((r == null ? 0 : 1) | (w == null ? 0 : 2), both);
      if (w != null) {
        assertArrayEquals(Field51.encode(w), Field51.encode(r2));
      }
      BigInteger ratio = num.multiply(den.modInverse(P)).mod(P);
      boolean square =
          ratio.signum() == 0
              || ratio.modPow(P.subtract(BigInteger.ONE).shiftRight(1), P).equals(BigInteger.ONE);
      if (square) {
        assertNotNull(r, num + "/" + den);
        BigInteger z = Ed25519Group.fromLe(Field51.encode(r));
        assertEquals(num, z.multiply(z).multiply(den).mod(P));
        roots++;
      } else {
        assertNull(r, num + "/" + den);
      }
    }
    assertTrue(roots > n / 3 && roots < 2 * n / 3, roots + " of " + n);
  }

  /** d as a BigInteger. */
  private static final class EdMathBig {
    static final BigInteger D =
        BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
  }
}
