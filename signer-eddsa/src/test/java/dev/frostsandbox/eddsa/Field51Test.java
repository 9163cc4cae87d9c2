package dev.frostsandbox.eddsa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.bouncycastle.math.ec.rfc7748.X25519Field;
import org.junit.jupiter.api.Test;

/** Field51 against BigInteger and against X25519Field. */
class Field51Test {

  private static final BigInteger P = EdMath.P;
  private final Random rnd = new Random(51);

  private static BigInteger big(long[] a) {
    return Ed25519Group.fromLe(Field51.encode(a));
  }

  private static BigInteger big(int[] a) {
    int[] n = EdMath.copy(a);
    X25519Field.normalize(n);
    byte[] b = new byte[32];
    X25519Field.encode(n, b, 0);
    return Ed25519Group.fromLe(b);
  }

  /** Limbs up to the 2^52 bound the operations accept, including all-ones. */
  private long[] randomLimbs(int i) {
    long[] a = new long[5];
    for (int j = 0; j < 5; j++) {
      a[j] = i % 5 == 0 ? (1L << 52) - 1 : rnd.nextLong() & ((1L << 52) - 1);
    }
    return a;
  }

  private static BigInteger value(long[] a) {
    BigInteger r = BigInteger.ZERO;
    for (int i = 4; i >= 0; i--) {
      r = r.shiftLeft(51).add(BigInteger.valueOf(a[i]));
    }
    return r;
  }

  @Test
  void mulAndSqrAgreeWithBigInteger() {
    for (int i = 0; i < 20000; i++) {
      long[] a = randomLimbs(i);
      long[] b = randomLimbs(i + 1);
      long[] r = new long[5];
      long[] s = new long[5];
      Field51.mul(a, b, r);
      Field51.sqr(a, s);
      BigInteger av = value(a);
      assertEquals(av.multiply(value(b)).mod(P), big(r));
      assertEquals(av.multiply(av).mod(P), big(s));
      for (int j = 0; j < 5; j++) {
        assertTrue(r[j] >= 0 && r[j] < (1L << 52) && s[j] >= 0 && s[j] < (1L << 52));
      }
    }
  }

  @Test
  void encodingIsCanonical() {
    BigInteger[] edge = {
      BigInteger.ZERO,
      BigInteger.ONE,
      P.subtract(BigInteger.ONE),
      P,
      P.add(BigInteger.ONE),
      BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE),
      P.shiftLeft(1).subtract(BigInteger.ONE)
    };
    for (BigInteger v : edge) {
      long[] a = new long[5];
      for (int i = 0; i < 5; i++) {
        a[i] = v.shiftRight(51 * i).longValue() & Field51.M;
      }
      if (v.bitLength() > 255) {
        a[4] = v.shiftRight(204).longValue(); // above 2^51: a carried value near 2p
      }
      assertEquals(v.mod(P), big(a), v.toString(16));
    }
    for (int i = 0; i < 200; i++) {
      BigInteger v = new BigInteger(255, rnd).mod(P);
      byte[] le = Ed25519Group.toLe32(v);
      long[] a = Field51.decode(le);
      assertArrayEquals(le, Field51.encode(a));
      int[] x = EdMath.fromBig(v);
      assertEquals(v, big(Field51.fromX25519(x)));
      int[] back = X25519Field.create();
      Field51.toX25519(a, back);
      assertEquals(v, big(back));
    }
  }

  @Test
  void powAndFourthPowers() {
    BigInteger e = BigInteger.ONE.shiftLeft(252).subtract(BigInteger.valueOf(3));
    for (int i = 0; i < 30; i++) {
      BigInteger v = new BigInteger(255, rnd).mod(P);
      long[] r = new long[5];
      Field51.pow22523(Field51.decode(Ed25519Group.toLe32(v)), r);
      assertEquals(v.modPow(e, P), big(r));
      BigInteger four = v.modPow(BigInteger.valueOf(4), P);
      assertTrue(Field51.isFourthPower(EdMath.fromBig(four)) || four.signum() == 0);
      boolean quartic =
          v.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P).equals(BigInteger.ONE);
      assertEquals(quartic, Field51.isFourthPower(EdMath.fromBig(v)));
      int[] ref = X25519Field.create();
      Ed25519Subgroup.quarticCharacter(EdMath.fromBig(v), ref);
      assertEquals(quartic, big(ref).equals(BigInteger.ONE));
    }
    assertFalse(Field51.isFourthPower(X25519Field.create()));
  }

  @Test
  void sqrtRatioAgreesWithBouncyCastle() {
    int roots = 0;
    for (int i = 0; i < 300; i++) {
      int[] u = EdMath.fromBig(new BigInteger(255, rnd).mod(P));
      int[] v = EdMath.fromBig(new BigInteger(255, rnd).mod(P).max(BigInteger.ONE));
      if (i == 0) {
        X25519Field.zero(u);
      }
      int[] z1 = X25519Field.create();
      int[] z2 = X25519Field.create();
      boolean ok = Field51.sqrtRatioVar(u, v, z1);
      assertEquals(X25519Field.sqrtRatioVar(u, v, z2), ok);
      if (ok) {
        roots++;
        // the same root up to sign, and a root: v*z^2 = u
        BigInteger a = big(z1);
        BigInteger b = big(z2);
        assertTrue(a.equals(b) || a.equals(P.subtract(b).mod(P)));
        assertEquals(big(u), a.multiply(a).multiply(big(v)).mod(P));
      }
    }
    assertTrue(roots > 100 && roots < 200, "roots " + roots);
  }

  /**
   * Limbs up to 1.6 * 2^52, the documented operand bound (above the sum of two carried values and
   * {@link Field51#subNoCarry}'s results), including the maximum.
   */
  private long[] wideLimbs(int i) {
    long max = (8L << 52) / 5;
    long[] a = new long[5];
    for (int j = 0; j < 5; j++) {
      a[j] = i % 7 == 0 ? max - 1 : Math.floorMod(rnd.nextLong(), max);
    }
    return a;
  }

  private static void assertCarried(long[] r) {
    for (long limb : r) {
      assertTrue(limb >= 0 && limb < (1L << 51) + (1L << 15), Long.toHexString(limb));
    }
  }

  @Test
  void productAtTheOperandBound() {
    long max = (8L << 52) / 5 - 1;
    long[] a = {max, max, max, max, max};
    long[] mixed = {max, 0, max, (1L << 51) + (1L << 15) - 1, max};
    for (long[] b : new long[][] {a, mixed}) {
      long[] r = new long[5];
      Field51.mul(a, b, r);
      assertEquals(value(a).multiply(value(b)).mod(P), big(r));
      assertCarried(r);
      Field51.mul(b, a, r);
      assertEquals(value(a).multiply(value(b)).mod(P), big(r));
      assertCarried(r);
    }
  }

  @Test
  void wideOperandsRepeatedSquaringAndLinearOps() {
    for (int i = 0; i < 5000; i++) {
      long[] a = wideLimbs(i);
      long[] b = wideLimbs(i + 3);
      BigInteger av = value(a);
      BigInteger bv = value(b);
      long[] r = new long[5];
      Field51.mul(a, b, r);
      assertEquals(av.multiply(bv).mod(P), big(r));
      assertCarried(r);
      int n = 1 + i % 9;
      Field51.sqr(a, n, r);
      assertEquals(av.modPow(BigInteger.TWO.pow(n), P), big(r));
      assertCarried(r);
      Field51.add(a, b, r);
      assertEquals(av.add(bv).mod(P), big(r));
      assertCarried(r);
      Field51.sub(a, b, r);
      assertEquals(av.subtract(bv).mod(P), big(r));
      assertCarried(r);
      Field51.mulSmall(a, 4, r);
      assertEquals(av.shiftLeft(2).mod(P), big(r));
      assertCarried(r);
      // in place
      long[] c = a.clone();
      Field51.mul(c, c, c);
      assertEquals(av.multiply(av).mod(P), big(c));
    }
  }

  /** Carried limbs (below 2^51 + 2^15, as every product and carried sum), including the maximum. */
  private long[] carriedLimbs(int i) {
    long max = (1L << 51) + (1L << 15);
    long[] a = new long[5];
    for (int j = 0; j < 5; j++) {
      a[j] = i % 5 == 0 ? max - 1 : i % 5 == 1 ? 0 : Math.floorMod(rnd.nextLong(), max);
    }
    return a;
  }

  @Test
  void pointFormulaOpsAgreeWithBigInteger() {
    for (int i = 0; i < 5000; i++) {
      long[] a = carriedLimbs(i);
      long[] b = carriedLimbs(i / 5 + 7 * i);
      BigInteger av = value(a);
      BigInteger bv = value(b);
      long[] sum = new long[5];
      long[] diff = new long[5];
      Field51.addNoCarry(a, b, sum);
      Field51.subNoCarry(a, b, diff);
      assertEquals(av.add(bv), value(sum));
      assertEquals(av.subtract(bv).add(P.shiftLeft(1)), value(diff));
      for (int j = 0; j < 5; j++) {
        assertTrue(diff[j] >= 0 && diff[j] < (3L << 51) + (1L << 15), Long.toHexString(diff[j]));
      }
      // the sums and differences are multiplication operands
      long[] r = new long[5];
      Field51.mul(sum, diff, r);
      assertEquals(av.multiply(av).subtract(bv.multiply(bv)).mod(P), big(r));
      assertCarried(r);
      Field51.mul(diff, diff, r);
      Field51.sqr(diff, sum);
      assertEquals(av.subtract(bv).pow(2).mod(P), big(r));
      assertArrayEquals(Field51.encode(r), Field51.encode(sum));
      Field51.negate(a, r);
      assertEquals(av.negate().mod(P), big(r));
      assertCarried(r);
      // constant-time moves: an all-ones mask moves, 0 does not
      long[] c = a.clone();
      long[] d = b.clone();
      Field51.cmov(0, b, c);
      assertArrayEquals(a, c);
      Field51.cmov(-1, b, c);
      assertArrayEquals(b, c);
      c = a.clone();
      Field51.cswap(0, c, d);
      assertArrayEquals(a, c);
      assertArrayEquals(b, d);
      Field51.cswap(-1, c, d);
      assertArrayEquals(b, c);
      assertArrayEquals(a, d);
    }
  }

  @Test
  void inversion() {
    for (int i = 0; i < 300; i++) {
      long[] a = i < 100 ? carriedLimbs(i) : wideLimbs(i);
      BigInteger av = value(a).mod(P);
      long[] r = new long[5];
      Field51.inv(a, r);
      assertEquals(av.signum() == 0 ? BigInteger.ZERO : av.modInverse(P), big(r));
      assertCarried(r);
    }
    long[] zero = new long[5];
    long[] r = Field51.one();
    Field51.inv(zero, r);
    assertTrue(Field51.isZero(r));
  }

  @Test
  void predicatesOnEveryRepresentative() {
    BigInteger[] values = {
      BigInteger.ZERO,
      BigInteger.ONE,
      BigInteger.TWO,
      P.subtract(BigInteger.ONE),
      P.subtract(BigInteger.TWO),
      new BigInteger(255, rnd).mod(P)
    };
    for (BigInteger v : values) {
      // v and v + p as limbs: predicates see the value, not the representative
      for (BigInteger rep : new BigInteger[] {v, v.add(P)}) {
        long[] a = new long[5];
        for (int i = 0; i < 5; i++) {
          a[i] = rep.shiftRight(51 * i).longValue() & Field51.M;
        }
        a[4] = rep.shiftRight(204).longValue();
        assertEquals(v, big(a));
        assertEquals(v.signum() == 0, Field51.isZero(a), v.toString(16));
        assertEquals(v.equals(BigInteger.ONE), Field51.isOne(a), v.toString(16));
        assertEquals(v.testBit(0) ? 1 : 0, Field51.lowBit(a), v.toString(16));
        long[] canonical = Field51.decode(Ed25519Group.toLe32(v));
        assertTrue(Field51.equal(a, canonical));
        long[] other = Field51.decode(Ed25519Group.toLe32(v.add(BigInteger.ONE).mod(P)));
        assertFalse(Field51.equal(a, other));
      }
    }
  }

  @Test
  void interleavedChainsAgreeWithBigInteger() {
    BigInteger e = BigInteger.ONE.shiftLeft(252).subtract(BigInteger.valueOf(3));
    for (int i = 0; i < 3000; i++) {
      long[] a = wideLimbs(i);
      long[] b = wideLimbs(i + 1);
      int n = 1 + i % 11;
      long[] ra = new long[5];
      long[] rb = new long[5];
      Field51.sqr2(a, b, n, ra, rb);
      BigInteger twoN = BigInteger.TWO.pow(n);
      assertEquals(value(a).modPow(twoN, P), big(ra));
      assertEquals(value(b).modPow(twoN, P), big(rb));
      assertCarried(ra);
      assertCarried(rb);
    }
    BigInteger[] edge = {BigInteger.ZERO, BigInteger.ONE, P.subtract(BigInteger.ONE)};
    for (int i = 0; i < 40; i++) {
      BigInteger av = i < 9 ? edge[i % 3] : new BigInteger(255, rnd).mod(P);
      BigInteger bv = i < 9 ? edge[i / 3] : new BigInteger(255, rnd).mod(P);
      long[] ra = Field51.decode(Ed25519Group.toLe32(av));
      long[] rb = Field51.decode(Ed25519Group.toLe32(bv));
      // in place, as the decoder calls it
      Field51.pow22523x2(ra, rb, ra, rb);
      assertEquals(av.modPow(e, P), big(ra));
      assertEquals(bv.modPow(e, P), big(rb));
    }
  }

  @Test
  void canonicalLimbs() {
    for (int i = 0; i < 2000; i++) {
      long[] a = wideLimbs(i);
      long[] c = new long[5];
      Field51.canonical(a, c);
      assertEquals(value(a).mod(P), value(c));
      assertArrayEquals(Field51.encode(a), Field51.encode(c));
    }
    // p itself and p - 1 + 2^51-limb carries
    long[] p = {(1L << 51) - 19, Field51.M, Field51.M, Field51.M, Field51.M};
    long[] c = new long[5];
    Field51.canonical(p, c);
    assertArrayEquals(new long[5], c);
  }
}
