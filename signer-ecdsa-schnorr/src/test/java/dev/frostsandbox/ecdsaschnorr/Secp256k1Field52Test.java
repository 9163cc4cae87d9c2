package dev.frostsandbox.ecdsaschnorr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The 5x52 field against BigInteger arithmetic mod p. */
class Secp256k1Field52Test {

  private static final BigInteger P = Secp256k1Field52.P;
  private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

  /** Inputs: edge values (0, 1, p - 1, p, p + 1, 2^256 - 1, limb boundaries) and random ones. */
  private static List<BigInteger> inputs(Random rnd, int randomCount) {
    List<BigInteger> v = new ArrayList<>();
    v.add(BigInteger.ZERO);
    v.add(BigInteger.ONE);
    v.add(BigInteger.TWO);
    v.add(P.subtract(BigInteger.ONE));
    v.add(P.subtract(BigInteger.TWO));
    v.add(P);
    v.add(P.add(BigInteger.ONE));
    v.add(TWO_256.subtract(BigInteger.ONE));
    for (int bit : new int[] {51, 52, 103, 104, 155, 156, 207, 208, 255}) {
      v.add(BigInteger.ONE.shiftLeft(bit));
      v.add(BigInteger.ONE.shiftLeft(bit).subtract(BigInteger.ONE));
    }
    for (int i = 0; i < randomCount; i++) {
      v.add(new BigInteger(256, rnd));
    }
    return v;
  }

  private static long[] fe(BigInteger v) {
    return Secp256k1Field52.fromBigInteger(v);
  }

  private static BigInteger big(long[] a) {
    return Secp256k1Field52.toBigInteger(a);
  }

  /** A value of magnitude m with limbs near their bound: a + m' p spread over the limbs. */
  private static long[] lazy(BigInteger v, int m) {
    long[] a = fe(v);
    long[] zero = Secp256k1Field52.create();
    long[] r = Secp256k1Field52.create();
    // a - 0 adds 2 (mb + 1) p limb by limb: magnitude 1 + mb + 1
    Secp256k1Field52.sub(a, zero, m - 2, r);
    return r;
  }

  private static void assertLimbsWithin(long[] a, int m, String what) {
    for (int i = 0; i < 4; i++) {
      assertEquals(true, a[i] >= 0 && a[i] <= 2L * m * Secp256k1Field52.M, what + " limb " + i);
    }
    assertEquals(true, a[4] >= 0 && a[4] <= 2L * m * Secp256k1Field52.M48, what + " limb 4");
  }

  @Test
  void mulSqrAddSubNegateMatchBigInteger() {
    Random rnd = new Random(52); // fixed seed: failures reproduce
    List<BigInteger> xs = inputs(rnd, 300);
    long[] r = Secp256k1Field52.create();
    for (int i = 0; i < xs.size(); i++) {
      BigInteger x = xs.get(i);
      long[] a = fe(x);
      assertEquals(x.mod(P), big(a), "round trip");
      Secp256k1Field52.sqr(a, r);
      assertEquals(x.multiply(x).mod(P), big(r), "sqr " + x.toString(16));
      assertLimbsWithin(r, 1, "sqr output");
      Secp256k1Field52.negate(a, 1, r);
      assertEquals(x.negate().mod(P), big(r), "negate");
      for (int j = 0; j < xs.size(); j += 7) {
        BigInteger y = xs.get((i * 31 + j) % xs.size());
        long[] b = fe(y);
        Secp256k1Field52.mul(a, b, r);
        assertEquals(x.multiply(y).mod(P), big(r), "mul " + x.toString(16) + " " + y);
        assertLimbsWithin(r, 1, "mul output");
        Secp256k1Field52.add(a, b, r);
        assertEquals(x.add(y).mod(P), big(r), "add");
        Secp256k1Field52.sub(a, b, 1, r);
        assertEquals(x.subtract(y).mod(P), big(r), "sub");
      }
    }
  }

  @Test
  void lazyInputsUpToMagnitudeEight() {
    Random rnd = new Random(5208);
    List<BigInteger> xs = inputs(rnd, 100);
    long[] r = Secp256k1Field52.create();
    for (int m = 2; m <= 8; m++) {
      for (int i = 0; i < xs.size(); i++) {
        BigInteger x = xs.get(i);
        BigInteger y = xs.get((i * 13 + m) % xs.size());
        long[] a = lazy(x, m);
        assertLimbsWithin(a, m, "lazy input");
        long[] b = lazy(y, 8);
        assertEquals(x.mod(P), big(a), "lazy value");
        Secp256k1Field52.mul(a, b, r);
        assertEquals(x.multiply(y).mod(P), big(r), "mul m=" + m);
        assertLimbsWithin(r, 1, "mul of lazy");
        Secp256k1Field52.sqr(b, r);
        assertEquals(y.multiply(y).mod(P), big(r), "sqr m=8");
        Secp256k1Field52.sqr(a, r);
        assertEquals(x.multiply(x).mod(P), big(r), "sqr m=" + m);
        long[] w = a.clone();
        Secp256k1Field52.weak(w);
        assertLimbsWithin(w, 1, "weak");
        assertEquals(x.mod(P), big(w), "weak value");
        Secp256k1Field52.mulInt(a, 3, r);
        assertEquals(x.multiply(BigInteger.valueOf(3)).mod(P), big(r), "mulInt");
      }
    }
    // the largest limbs allowed at magnitude 8
    long[] max = {
      16 * Secp256k1Field52.M,
      16 * Secp256k1Field52.M,
      16 * Secp256k1Field52.M,
      16 * Secp256k1Field52.M,
      16 * Secp256k1Field52.M48
    };
    BigInteger v = BigInteger.ZERO;
    for (int i = 4; i >= 0; i--) {
      v = v.shiftLeft(52).add(BigInteger.valueOf(max[i]));
    }
    Secp256k1Field52.mul(max, max, r);
    assertEquals(v.multiply(v).mod(P), big(r), "mul of maximal limbs");
    assertLimbsWithin(r, 1, "mul of maximal limbs");
    Secp256k1Field52.sqr(max, r);
    assertEquals(v.multiply(v).mod(P), big(r), "sqr of maximal limbs");
    assertLimbsWithin(r, 1, "sqr of maximal limbs");
  }

  /**
   * Products whose reduction carries where random limbs rarely do (found by a model of {@code
   * reduce} with Java's overflow): the carry from the fourth folded column makes the fifth exactly
   * 2^52, so what is above 2^256 comes only from that carry (a reduction that drops bit 52 there
   * passes the 20000 random products below and fails this one); and a folded column at 2^52 + 1003
   * while the middle column sum is at its largest, about 2^62.
   */
  @Test
  void mulCarriesAtTheirLargest() {
    long m = Secp256k1Field52.M;
    long[][][] pairs = {
      {
        {
          0x1e2feb414c343cL,
          0xfffffffffffff0L,
          0xfc38d78cee274dL,
          0xfdf6d4cba5d5e2L,
          0xfb47d89c62247L
        },
        {0xffffbe78f28867L, 0, 0, 0, 0}
      },
      {
        {16 * m, 16 * m, 16 * m, 16 * m, 0xc2a5f84e7a358L},
        {16 * m, 0xffffb21a57e7d5L, 16 * m, 16 * m, 16 * Secp256k1Field52.M48}
      }
    };
    long[] r = Secp256k1Field52.create();
    long[] ref = Secp256k1Field52.create();
    for (long[][] pair : pairs) {
      assertLimbsWithin(pair[0], 8, "input");
      assertLimbsWithin(pair[1], 8, "input");
      BigInteger expected = value(pair[0]).multiply(value(pair[1])).mod(P);
      Secp256k1Field52.mul(pair[0], pair[1], r);
      assertLimbsWithin(r, 1, "mul output");
      assertEquals(expected, big(r), "mul");
      Secp256k1Field52.mulRef(pair[0], pair[1], ref);
      assertEquals(expected, big(ref), "mulRef");
    }
  }

  /** The integer a limb vector stands for (limbs as given, not reduced). */
  private static BigInteger value(long[] a) {
    BigInteger v = BigInteger.ZERO;
    for (int i = 4; i >= 0; i--) {
      v = v.shiftLeft(52).add(BigInteger.valueOf(a[i]));
    }
    return v;
  }

  /** Limbs drawn uniformly up to the bound of magnitude m (limb-wise, not a + k p). */
  private static long[] randomLimbs(Random rnd, int m) {
    long[] a = new long[5];
    for (int i = 0; i < 4; i++) {
      a[i] = Math.floorMod(rnd.nextLong(), 2L * m * Secp256k1Field52.M + 1);
    }
    a[4] = Math.floorMod(rnd.nextLong(), 2L * m * Secp256k1Field52.M48 + 1);
    return a;
  }

  /**
   * mul and sqr (products of limbs pre-shifted by 6 and 7 bits) against BigInteger and against the
   * first version (mulRef, sqrRef), on limbs drawn uniformly up to magnitude 8 (where a shift of
   * one bit more would overflow), and on vectors whose column sums carry the most: all-ones times
   * near-maximal limbs.
   */
  @Test
  void mulAndSqrOnRandomLazyLimbsMatchReferenceAndBigInteger() {
    Random rnd = new Random(4052);
    long[] r = Secp256k1Field52.create();
    long[] ref = Secp256k1Field52.create();
    for (int i = 0; i < 20000; i++) {
      long[] a = randomLimbs(rnd, 1 + (i % 8));
      long[] b = randomLimbs(rnd, 8 - (i % 8));
      BigInteger x = value(a);
      BigInteger y = value(b);
      Secp256k1Field52.mul(a, b, r);
      assertLimbsWithin(r, 1, "mul output");
      assertEquals(x.multiply(y).mod(P), big(r), "mul " + i);
      Secp256k1Field52.mulRef(a, b, ref);
      assertEquals(big(ref), big(r), "mul vs mulRef " + i);
      Secp256k1Field52.sqr(b, r);
      assertLimbsWithin(r, 1, "sqr output");
      assertEquals(y.multiply(y).mod(P), big(r), "sqr " + i);
      Secp256k1Field52.sqrRef(b, ref);
      assertEquals(big(ref), big(r), "sqr vs sqrRef " + i);
    }
    long[] ones = {1, 1, 1, 1, 1};
    long m = Secp256k1Field52.M;
    long m48 = Secp256k1Field52.M48;
    long[][] highs = {
      {m, m, m, m, m48},
      {16 * m, 16 * m, 16 * m, 16 * m, 16 * m48},
      {16 * m - 1, 15 * m, 16 * m, 13 * m, 16 * m48},
      {(1L << 56) - 17, (1L << 56) - 17, (1L << 56) - 17, (1L << 56) - 17, 16 * m48}
    };
    for (long[] h : highs) {
      Secp256k1Field52.mul(h, ones, r);
      assertEquals(value(h).multiply(value(ones)).mod(P), big(r), "mul by ones");
      assertLimbsWithin(r, 1, "mul by ones");
      Secp256k1Field52.mul(ones, h, r);
      assertEquals(value(h).multiply(value(ones)).mod(P), big(r), "ones times");
      assertLimbsWithin(r, 1, "ones times");
      Secp256k1Field52.sqr(h, r);
      assertEquals(value(h).multiply(value(h)).mod(P), big(r), "sqr near-maximal");
      assertLimbsWithin(r, 1, "sqr near-maximal");
    }
  }

  @Test
  void normalizeIsCanonicalAndIsZeroSeesMultiplesOfP() {
    long[] r = Secp256k1Field52.create();
    long[] s = Secp256k1Field52.create();
    for (BigInteger x : inputs(new Random(7), 100)) {
      Secp256k1Field52.normalize(fe(x), r);
      long[] expected = fe(x.mod(P));
      for (int i = 0; i < 5; i++) {
        assertEquals(expected[i], r[i], "normalized limb " + i + " of " + x.toString(16));
      }
      int zero = x.mod(P).signum() == 0 ? 1 : 0;
      assertEquals(zero, Secp256k1Field52.isZero(fe(x), s), "isZero " + x.toString(16));
      assertEquals(zero, Secp256k1Field52.isZero(lazy(x, 8), s), "isZero lazy");
      int[] ints = new int[8];
      Secp256k1Field52.toInt8(r, ints);
      long[] back = Secp256k1Field52.create();
      Secp256k1Field52.fromInt8(ints, back);
      assertEquals(x.mod(P), big(back), "int[8] round trip");
    }
    // a - a is a multiple of p in lazy form
    long[] a = fe(new BigInteger("123456789abcdef", 16));
    Secp256k1Field52.sub(a, a, 1, r);
    assertEquals(1, Secp256k1Field52.isZero(r, s));
  }

  @Test
  void squaringChainsInversionAndSqrt() {
    Random rnd = new Random(256);
    for (BigInteger x : inputs(rnd, 40)) {
      long[] a = fe(x);
      BigInteger e = x.mod(P);
      long[] c = a.clone();
      for (int i = 0; i < 300; i++) {
        Secp256k1Field52.sqr(c, c);
        e = e.multiply(e).mod(P);
      }
      assertEquals(e, big(c), "300 squarings of " + x.toString(16));
      BigInteger xm = x.mod(P);
      if (xm.signum() != 0) {
        long[] inv = Secp256k1Field52.create();
        Secp256k1Field52.inv(lazy(x, 8), inv, new int[8], new int[8]);
        assertEquals(xm.modInverse(P), big(inv), "inv");
        long[] fermat = Secp256k1Field52.create();
        Secp256k1Field52.pow(a, P.subtract(BigInteger.TWO), fermat);
        assertEquals(big(inv), big(fermat), "inv = a^(p-2)");
      }
      long[] root = Secp256k1Field52.create();
      int isSquare = Secp256k1Field52.sqrt(a, root);
      boolean expectedSquare =
          xm.signum() == 0 || xm.modPow(P.shiftRight(1), P).equals(BigInteger.ONE);
      assertEquals(expectedSquare ? 1 : 0, isSquare, "square? " + x.toString(16));
      if (expectedSquare) {
        assertEquals(xm, big(root).multiply(big(root)).mod(P), "sqrt^2");
      }
      // the largest magnitude sqrt accepts
      long[] lazyRoot = Secp256k1Field52.create();
      assertEquals(isSquare, Secp256k1Field52.sqrt(lazy(x, 8), lazyRoot), "square, lazy input");
      if (expectedSquare) {
        assertEquals(xm, big(lazyRoot).multiply(big(lazyRoot)).mod(P), "sqrt^2, lazy input");
      }
    }
  }
}
