package dev.frostsandbox.ecdsaschnorr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/**
 * The in-place GLV/wNAF multi-scalar multiplication against Bouncy Castle's {@code sumOfMultiplies}
 * (an independent implementation) and against plain sums of single multiplications, including the
 * cases where the interleaved additions meet the point itself, its negation or infinity.
 */
class Secp256k1MsmTest {

  private static final Secp256k1Group GROUP = Secp256k1Group.INSTANCE;
  private static final BigInteger N = GROUP.order();
  private static final Random RND = new Random(9591); // fixed seed: failures reproduce

  private static ECPoint randomPoint() {
    return GROUP.multiplyBase(
        new BigInteger(256, RND).mod(N.subtract(BigInteger.ONE)).add(BigInteger.ONE));
  }

  private static BigInteger randomScalar() {
    return new BigInteger(300, RND).mod(N);
  }

  private static void assertSum(List<ECPoint> ps, List<BigInteger> ks) {
    ECPoint expected = Secp256k1Group.bcSumOfMultiplies(ps, ks);
    ECPoint naive = GROUP.identity();
    for (int i = 0; i < ps.size(); i++) {
      naive = naive.add(ps.get(i).multiply(ks.get(i).mod(N)));
    }
    ECPoint actual = GROUP.multiplyAll(ps, ks);
    String what = "scalars " + ks.stream().map(k -> k.toString(16)).toList();
    assertTrue(expected.equals(naive), "the two references agree: " + what);
    ECPoint int32 = Secp256k1Group.int32SumOfMultiplies(ps, ks);
    assertTrue(expected.equals(int32), "the int[8]-field walk agrees: " + what);
    assertSamePoint(expected, actual, what);
  }

  @Test
  void randomSumsOfOneToFivePointsMatchBouncyCastle() {
    for (int i = 0; i < 600; i++) {
      int n = 1 + i % 5;
      List<ECPoint> ps = new ArrayList<>();
      List<BigInteger> ks = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        ps.add(randomPoint());
        ks.add(randomScalar());
      }
      assertSum(ps, ks);
    }
  }

  @Test
  void edgeScalars() {
    ECPoint p = randomPoint();
    ECPoint q = randomPoint();
    List<BigInteger> edges =
        new ArrayList<>(
            List.of(
                BigInteger.ONE,
                BigInteger.TWO,
                BigInteger.valueOf(15),
                BigInteger.valueOf(16),
                BigInteger.valueOf(17),
                N.subtract(BigInteger.ONE),
                N.subtract(BigInteger.TWO),
                N,
                N.add(BigInteger.ONE),
                BigInteger.ONE.shiftLeft(128),
                BigInteger.ONE.shiftLeft(255)));
    for (BigInteger a : edges) {
      for (BigInteger b : edges) {
        assertSum(List.of(p, q), List.of(a, b));
      }
    }
  }

  @Test
  void additionsThatMeetThePointItselfItsNegationOrInfinity() {
    ECPoint p = randomPoint();
    for (int i = 0; i < 200; i++) {
      BigInteger k = randomScalar();
      // the same point twice: sums that double, and k + (n - k) = 0 at infinity
      assertSum(List.of(p, p), List.of(k, N.subtract(k)));
      assertSum(List.of(p, p), List.of(k, k));
      assertSum(List.of(p, p.negate()), List.of(k, k));
      assertSum(List.of(p, p.negate(), p), List.of(k, k, k));
      // small multiples: the accumulator equals a table entry early on
      assertSum(List.of(p, p), List.of(BigInteger.valueOf(i + 1), BigInteger.valueOf(3 * i + 1)));
    }
    // the generator and its own multiples (verification's shape: z G - c PK with PK = sk G)
    BigInteger sk = randomScalar();
    ECPoint pk = GROUP.multiplyBase(sk);
    BigInteger c = randomScalar();
    assertSum(List.of(GROUP.generator(), pk), List.of(c.multiply(sk).mod(N), N.subtract(c)));
  }

  @Test
  void zeroScalarsAndTheIdentityContributeNothing() {
    ECPoint p = randomPoint();
    BigInteger k = randomScalar();
    assertSum(List.of(p, randomPoint()), List.of(k, BigInteger.ZERO));
    assertSum(List.of(p, GROUP.identity()), List.of(k, randomScalar()));
    assertSum(List.of(p), List.of(BigInteger.ZERO));
    assertSum(List.of(GROUP.identity()), List.of(k));
  }

  @Test
  void projectiveInputsAreAccepted() {
    // a sum of points is projective in Bouncy Castle until normalized
    ECPoint p = randomPoint().add(randomPoint());
    ECPoint q = randomPoint().twice();
    assertTrue(!p.isNormalized() || !q.isNormalized());
    assertSum(List.of(p, q), List.of(randomScalar(), randomScalar()));
  }

  /** The engine's answer is {@code expected}, normalized (affine, ready to serialize). */
  private static void assertSamePoint(ECPoint expected, ECPoint actual, String what) {
    if (expected.isInfinity()) {
      assertTrue(actual.isInfinity(), what);
    } else {
      assertTrue(actual.isNormalized(), "affine, ready to serialize");
      assertArrayEquals(expected.normalize().getEncoded(true), actual.getEncoded(true), what);
    }
  }

  /** addAllPlusMultiplyAll (addends inside the MSM) against Bouncy Castle's sum. */
  private static void assertAddendsSum(
      List<ECPoint> addends, List<ECPoint> ps, List<BigInteger> ks) {
    ECPoint expected = ps.isEmpty() ? GROUP.identity() : Secp256k1Group.bcSumOfMultiplies(ps, ks);
    for (ECPoint a : addends) {
      expected = expected.add(a);
    }
    ECPoint actual = GROUP.addAllPlusMultiplyAll(addends, ps, ks);
    String what = "scalars " + ks.stream().map(k -> k.toString(16)).toList();
    assertSamePoint(expected, actual, what);
  }

  @Test
  void addendsJoinTheSum() {
    for (int i = 0; i < 200; i++) {
      int n = 1 + i % 3;
      List<ECPoint> as = new ArrayList<>();
      List<ECPoint> ps = new ArrayList<>();
      List<BigInteger> ks = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        as.add(randomPoint());
        ps.add(randomPoint());
        ks.add(randomScalar());
      }
      assertAddendsSum(as, ps, ks);
    }
    ECPoint p = randomPoint();
    ECPoint q = randomPoint();
    BigInteger k = randomScalar();
    ECPoint kp = p.multiply(k).normalize();
    // no points, or only zero scalars: the sum of the addends alone (infinity when they cancel)
    assertAddendsSum(List.of(p, q), List.of(), List.of());
    assertAddendsSum(List.of(p), List.of(q), List.of(BigInteger.ZERO));
    assertAddendsSum(List.of(p, p.negate()), List.of(), List.of());
    assertAddendsSum(List.of(), List.of(), List.of());
    // an addend equal to the walk's result (a doubling), to its negation (infinity), or twice
    assertAddendsSum(List.of(kp), List.of(p), List.of(k));
    assertAddendsSum(List.of(kp.negate()), List.of(p), List.of(k));
    assertAddendsSum(List.of(kp.negate(), q), List.of(p), List.of(k));
    assertAddendsSum(List.of(q, q), List.of(p), List.of(k));
    assertAddendsSum(List.of(GROUP.identity(), q), List.of(p), List.of(k));
    // projective addends
    assertAddendsSum(List.of(p.add(q)), List.of(p), List.of(k));
  }

  @Test
  void wnafMatchesBouncyCastle() {
    List<BigInteger> ks = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      ks.add(new BigInteger(1 + i % 260, RND));
    }
    for (int bit = 0; bit < 260; bit++) {
      BigInteger power = BigInteger.ONE.shiftLeft(bit);
      ks.add(power);
      ks.add(power.subtract(BigInteger.ONE)); // runs of ones: the carries
      ks.add(power.add(BigInteger.ONE));
    }
    ks.add(BigInteger.ZERO);
    ks.add(N.subtract(BigInteger.ONE));
    for (BigInteger k : ks) {
      byte[] expected = org.bouncycastle.math.ec.WNafUtil.generateWindowNaf(5, k);
      int top = expected.length;
      while (top > 0 && expected[top - 1] == 0) {
        top--;
      }
      byte[] actual = Secp256k1Msm.wnaf(k);
      assertArrayEquals(java.util.Arrays.copyOf(expected, top), actual, "k = " + k.toString(16));
      BigInteger sum = BigInteger.ZERO;
      for (int i = actual.length - 1; i >= 0; i--) {
        sum = sum.shiftLeft(1).add(BigInteger.valueOf(actual[i]));
      }
      assertEquals(k, sum, "k = " + k.toString(16));
    }
  }
}
