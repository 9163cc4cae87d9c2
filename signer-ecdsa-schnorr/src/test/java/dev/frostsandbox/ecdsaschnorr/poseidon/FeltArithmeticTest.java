package dev.frostsandbox.ecdsaschnorr.poseidon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * StarkField (felt arithmetic) against plain BigInteger arithmetic mod p, including non-canonical
 * (relaxed) inputs.
 */
class FeltArithmeticTest {

  private static final BigInteger P = StarkField.P;
  private static final int N = StarkField.N;
  private static final int ITERATIONS = 3000;

  @Test
  void modulusIsTheStarkPrime() {
    assertEquals(
        new BigInteger("800000000000011000000000000000000000000000000000000000000000001", 16), P);
    assertEquals(true, P.isProbablePrime(64));
  }

  /** Random elements plus the edge values; the seed is fixed so failures reproduce. */
  private static List<BigInteger> samples(long seed) {
    Random rnd = new Random(seed);
    List<BigInteger> out =
        new ArrayList<>(
            List.of(
                BigInteger.ZERO,
                BigInteger.ONE,
                BigInteger.TWO,
                P.subtract(BigInteger.ONE),
                P.subtract(BigInteger.TWO),
                BigInteger.ONE.shiftLeft(251),
                BigInteger.ONE.shiftLeft(192),
                BigInteger.ONE.shiftLeft(52),
                BigInteger.ONE.shiftLeft(52).subtract(BigInteger.ONE),
                BigInteger.ONE.shiftLeft(208).subtract(BigInteger.ONE)));
    while (out.size() < ITERATIONS) {
      BigInteger v = new BigInteger(252, rnd);
      if (v.compareTo(P) < 0) {
        out.add(v);
      }
    }
    return out;
  }

  private static long[] mont(BigInteger v) {
    return StarkField.fromBigInteger(v);
  }

  private static BigInteger big(long[] x) {
    return StarkField.toBigInteger(x, 0);
  }

  /** The same element in relaxed form: value + p, which ops must accept as well. */
  private static long[] relaxed(long[] canonical) {
    long[] r = canonical.clone();
    StarkField.addRaw(r, 0, r, 0, StarkField.limbsOf(P), 0);
    // renormalize limbs without reducing below 2p
    for (int i = 0; i < N - 1; i++) {
      r[i + 1] += r[i] >> 52;
      r[i] &= StarkField.M;
    }
    return r;
  }

  @Test
  void conversionRoundTrip() {
    for (BigInteger v : samples(1)) {
      assertEquals(v, big(mont(v)));
      // Montgomery form is v * 2^260 mod p
      long[] m = mont(v);
      assertEquals(v.shiftLeft(260).mod(P), StarkField.bigOfLimbs(m, 0));
      assertEquals(v, StarkField.bigOfLimbs(StarkField.limbsOf(v), 0));
    }
  }

  @Test
  void conversionRejectsNonElements() {
    assertThrows(IllegalArgumentException.class, () -> StarkField.fromBigInteger(P));
    assertThrows(
        IllegalArgumentException.class, () -> StarkField.fromBigInteger(BigInteger.ONE.negate()));
  }

  @Test
  void mulSquareCubeMatchBigInteger() {
    List<BigInteger> xs = samples(2);
    List<BigInteger> ys = samples(3);
    long[] r = new long[N];
    long[] tmp = new long[N];
    for (int i = 0; i < xs.size(); i++) {
      BigInteger x = xs.get(i), y = ys.get(i);
      long[] mx = mont(x), my = mont(y);
      for (long[] ax : List.of(mx, relaxed(mx))) {
        for (long[] ay : List.of(my, relaxed(my))) {
          StarkField.mul(r, 0, ax, 0, ay, 0);
          assertEquals(x.multiply(y).mod(P), big(r), "mul " + x + " " + y);
          assertNormalizedBelow2p(r);
        }
        StarkField.square(r, 0, ax, 0);
        assertEquals(x.multiply(x).mod(P), big(r), "square " + x);
        assertNormalizedBelow2p(r);
        StarkField.cube(r, 0, ax, 0, tmp, 0);
        assertEquals(x.pow(3).mod(P), big(r), "cube " + x);
        assertNormalizedBelow2p(r);
      }
    }
  }

  @Test
  void mulAcceptsUnreducedSums() {
    // the permutation feeds lane + round constant (below 3p, limbs below 2^53) straight into mul
    List<BigInteger> xs = samples(4);
    List<BigInteger> ys = samples(5);
    long[] s = new long[N];
    long[] r = new long[N];
    for (int i = 0; i < xs.size(); i++) {
      BigInteger x = xs.get(i), y = ys.get(i);
      StarkField.addRaw(s, 0, relaxed(mont(x)), 0, mont(y), 0);
      StarkField.mul(r, 0, s, 0, s, 0);
      assertEquals(x.add(y).pow(2).mod(P), big(r));
    }
  }

  @Test
  void addSubMatchBigInteger() {
    List<BigInteger> xs = samples(6);
    List<BigInteger> ys = samples(7);
    long[] r = new long[N];
    for (int i = 0; i < xs.size(); i++) {
      BigInteger x = xs.get(i), y = ys.get(i);
      long[] mx = mont(x), my = mont(y);
      for (long[] ax : List.of(mx, relaxed(mx))) {
        for (long[] ay : List.of(my, relaxed(my))) {
          StarkField.add(r, 0, ax, 0, ay, 0);
          assertEquals(x.add(y).mod(P), big(r), "add " + x + " " + y);
          assertNormalizedBelow2p(r);
          StarkField.sub(r, 0, ax, 0, ay, 0);
          assertEquals(x.subtract(y).mod(P), big(r), "sub " + x + " " + y);
          assertNormalizedBelow2p(r);
        }
      }
    }
  }

  @Test
  void reduceHandlesLargeAndNegativeLimbs() {
    Random rnd = new Random(8);
    for (int i = 0; i < ITERATIONS; i++) {
      // any value below 2^258, spread over limbs with random signed redistribution
      BigInteger v = new BigInteger(258, rnd);
      long[] x = StarkField.limbsOf(v.mod(BigInteger.ONE.shiftLeft(256)));
      BigInteger val = StarkField.bigOfLimbs(x, 0).add(v.shiftRight(256).shiftLeft(256));
      x[4] += v.shiftRight(256).longValue() << 48;
      for (int k = 0; k < N - 1; k++) {
        long move = (long) rnd.nextInt(1 << 10) - (1 << 9);
        x[k] += move << 52;
        x[k + 1] -= move;
      }
      StarkField.reduce(x, 0);
      assertNormalizedBelow2p(x);
      assertEquals(val.mod(P), valueOf(x).mod(P));
    }
  }

  @Test
  void canonicalizeEdges() {
    for (BigInteger v :
        List.of(
            BigInteger.ZERO,
            BigInteger.ONE,
            P.subtract(BigInteger.ONE),
            P,
            P.add(BigInteger.ONE),
            P.shiftLeft(1).subtract(BigInteger.ONE))) {
      long[] x = StarkField.limbsOf(v);
      StarkField.canonicalize(x, 0);
      assertEquals(v.mod(P), StarkField.bigOfLimbs(x, 0));
    }
  }

  @Test
  void montgomeryOneIsOne() {
    assertEquals(BigInteger.ONE, big(StarkField.MONT_ONE));
    assertArrayEquals(StarkField.MONT_ONE, mont(BigInteger.ONE));
  }

  private static BigInteger valueOf(long[] x) {
    BigInteger v = BigInteger.ZERO;
    for (int i = N - 1; i >= 0; i--) {
      v = v.shiftLeft(52).add(BigInteger.valueOf(x[i]));
    }
    return v;
  }

  private static void assertNormalizedBelow2p(long[] x) {
    for (int i = 0; i < N - 1; i++) {
      assertEquals(0, x[i] >>> 52, "limb " + i + " not normalized");
    }
    assertEquals(true, x[N - 1] >= 0 && valueOf(x).compareTo(P.shiftLeft(1)) < 0, "not below 2p");
  }
}
