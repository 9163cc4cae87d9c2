package dev.frostsandbox.ecdsaschnorr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/** The radix-64 fixed-base table against Bouncy Castle's comb (an independent implementation). */
class Secp256k1FixedBaseTest {

  private static final Secp256k1Group GROUP = Secp256k1Group.INSTANCE;
  private static final BigInteger N = GROUP.order();
  private static final Secp256k1FixedBase TABLE =
      new Secp256k1FixedBase(GROUP.curve(), GROUP.generator(), N);

  private static void assertSameAsComb(BigInteger k) {
    ECPoint expected = Secp256k1Group.combMultiply(k);
    ECPoint actual = TABLE.multiply(k);
    assertArrayEquals(
        expected.getEncoded(false), actual.getEncoded(false), "k = " + k.toString(16));
    assertArrayEquals(
        expected.getEncoded(false),
        Secp256k1Group.int32FixedBaseMultiply(k).getEncoded(false),
        "int[8]-field table, k = " + k.toString(16));
    assertArrayEquals(
        GROUP.serializeElement(expected),
        GROUP.serializeElement(GROUP.multiplyBase(k)),
        "group, k = " + k.toString(16));
  }

  @Test
  void randomScalarsMatchTheComb() {
    Random rnd = new Random(9591); // fixed seed: failures reproduce
    for (int i = 0; i < 2000; i++) {
      BigInteger k = new BigInteger(320, rnd).mod(N);
      if (k.signum() != 0) {
        assertSameAsComb(k);
      }
    }
  }

  @Test
  void edgeScalarsMatchTheComb() {
    List<BigInteger> ks = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      ks.add(BigInteger.valueOf(i)); // small, both parities: the n - k path for even k
      ks.add(N.subtract(BigInteger.valueOf(i)));
    }
    for (int bit = 0; bit < 256; bit++) {
      BigInteger power = BigInteger.ONE.shiftLeft(bit).mod(N);
      ks.add(power);
      ks.add(N.subtract(power));
      ks.add(BigInteger.ONE.shiftLeft(bit).subtract(BigInteger.ONE).mod(N)); // runs of ones
    }
    for (int digit = 0; digit < 64; digit++) {
      // every 6-bit digit the same (mod n)
      BigInteger repeated = BigInteger.ZERO;
      for (int i = 0; i < 43; i++) {
        repeated = repeated.shiftLeft(6).or(BigInteger.valueOf(digit));
      }
      ks.add(repeated.mod(N));
    }
    for (BigInteger k : ks) {
      if (k.signum() != 0) {
        assertSameAsComb(k);
      }
    }
  }

  @Test
  void theCaseTheAdditionsMissFallsBackToTheComb() {
    // k = 2 * 15 * 64^42 mod n: its recoding has top digit 15 and lower digits summing to
    // 15 * 64^42 mod n, so the last addition adds a point to itself
    BigInteger k = BigInteger.valueOf(30).shiftLeft(252).mod(N);
    assertNull(TABLE.multiplyIfRegular(k), "the walk must flag the doubling");
    assertSameAsComb(k);
    // n - k is even: it is handled as k, negated
    assertNull(TABLE.multiplyIfRegular(N.subtract(k)));
    assertSameAsComb(N.subtract(k));
    // and ordinary scalars are not flagged
    assertNotNull(TABLE.multiplyIfRegular(k.add(BigInteger.TWO)));
    assertEquals(
        Secp256k1Group.combMultiply(k.add(BigInteger.TWO)).normalize().getAffineXCoord(),
        TABLE.multiplyIfRegular(k.add(BigInteger.TWO)).getAffineXCoord());
  }

  /** multiplyBaseAll (one shared inversion) against the comb, one scalar at a time. */
  private static void assertBatchSameAsComb(List<BigInteger> ks) {
    List<ECPoint> actual = GROUP.multiplyBaseAll(ks);
    assertEquals(ks.size(), actual.size());
    for (int i = 0; i < ks.size(); i++) {
      BigInteger k = ks.get(i).mod(N);
      String what = "k = " + k.toString(16) + " in " + ks;
      if (k.signum() == 0) {
        assertTrue(actual.get(i).isInfinity(), what);
      } else {
        assertTrue(actual.get(i).isNormalized(), "affine: " + what);
        assertArrayEquals(
            Secp256k1Group.combMultiply(k).getEncoded(false),
            actual.get(i).getEncoded(false),
            what);
      }
    }
  }

  @Test
  void batchesShareOneInversionAndMatchTheComb() {
    Random rnd = new Random(9591);
    for (int i = 0; i < 300; i++) {
      int m = 1 + i % 4;
      List<BigInteger> ks = new ArrayList<>();
      for (int j = 0; j < m; j++) {
        ks.add(new BigInteger(256, rnd).mod(N.subtract(BigInteger.ONE)).add(BigInteger.ONE));
      }
      assertBatchSameAsComb(ks);
    }
    BigInteger k = new BigInteger(256, rnd).mod(N);
    BigInteger missed = BigInteger.valueOf(30).shiftLeft(252).mod(N); // the comb's fallback case
    List<BigInteger> one = List.of(BigInteger.ONE);
    assertBatchSameAsComb(one);
    assertBatchSameAsComb(List.of(N.subtract(BigInteger.ONE), BigInteger.ONE));
    assertBatchSameAsComb(List.of(BigInteger.TWO, N.subtract(BigInteger.TWO)));
    // the same scalar twice, a zero (mod n) scalar, and the walk's exceptional case in a batch
    assertBatchSameAsComb(List.of(k, k));
    assertBatchSameAsComb(List.of(BigInteger.ZERO, k));
    assertBatchSameAsComb(List.of(k, N, N.add(k)));
    assertBatchSameAsComb(List.of(missed, k));
    assertBatchSameAsComb(List.of(k, N.subtract(missed), missed));
    assertTrue(GROUP.multiplyBaseAll(List.of()).isEmpty());
  }
}
