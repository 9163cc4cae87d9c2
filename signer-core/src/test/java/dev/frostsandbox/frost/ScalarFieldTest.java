package dev.frostsandbox.frost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The constant-time field against BigInteger, on the two group orders and the largest 256-bit
 * prime.
 */
class ScalarFieldTest {

  private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

  /** secp256k1's n. */
  static final BigInteger N =
      new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

  /** Ed25519's L. */
  static final BigInteger L =
      BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));

  /** 2^256 - 189: every limb is full, so every carry and borrow is exercised. */
  static final BigInteger P256 = TWO_256.subtract(BigInteger.valueOf(189));

  static Stream<BigInteger> moduli() {
    return Stream.of(N, L, P256);
  }

  /** 0, 1, 2, m-2, m-1 and random values below m. */
  private static List<BigInteger> reduced(BigInteger m, Random random) {
    List<BigInteger> out =
        new ArrayList<>(
            List.of(
                BigInteger.ZERO,
                BigInteger.ONE,
                BigInteger.TWO,
                m.subtract(BigInteger.TWO),
                m.subtract(BigInteger.ONE),
                m.shiftRight(1),
                BigInteger.ONE.shiftLeft(m.bitLength() - 1)));
    for (int i = 0; i < 40; i++) {
      out.add(new BigInteger(m.bitLength() + 64, random).mod(m));
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("moduli")
  void addAndMulMatchBigInteger(BigInteger m) {
    ScalarField f = ScalarField.of(m);
    List<BigInteger> values = reduced(m, new Random(m.longValue()));
    for (BigInteger a : values) {
      int[] am = f.fromBigInteger(a);
      assertEquals(a, f.toBigInteger(am), "round trip of " + a);
      for (BigInteger b : values) {
        int[] bm = f.fromBigInteger(b);
        assertEquals(a.add(b).mod(m), f.toBigInteger(f.add(am, bm)), a + " + " + b);
        assertEquals(a.multiply(b).mod(m), f.toBigInteger(f.mul(am, bm)), a + " * " + b);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("moduli")
  void chainedOperationsStayReduced(BigInteger m) {
    ScalarField f = ScalarField.of(m);
    Random random = new Random(7);
    BigInteger expected = BigInteger.ONE;
    int[] acc = f.one();
    for (int i = 0; i < 500; i++) {
      BigInteger x = new BigInteger(256, random).mod(m);
      BigInteger y = new BigInteger(256, random).mod(m);
      expected = expected.multiply(x).add(y).mod(m);
      acc = f.add(f.mul(acc, f.fromBigInteger(x)), f.fromBigInteger(y));
    }
    assertEquals(expected, f.toBigInteger(acc));
  }

  @ParameterizedTest
  @MethodSource("moduli")
  void fromBigIntegerReducesEverything256Bit(BigInteger m) {
    ScalarField f = ScalarField.of(m);
    List<BigInteger> inputs =
        new ArrayList<>(
            List.of(
                m,
                m.add(BigInteger.ONE),
                TWO_256.subtract(BigInteger.ONE),
                TWO_256.subtract(BigInteger.TWO),
                TWO_256.subtract(m),
                TWO_256.subtract(m).subtract(BigInteger.ONE)));
    Random random = new Random(11);
    for (int i = 0; i < 40; i++) {
      inputs.add(new BigInteger(256, random));
      inputs.add(TWO_256.subtract(BigInteger.valueOf(random.nextInt(1 << 20) + 1)));
    }
    for (BigInteger x : inputs) {
      assertEquals(x.mod(m), f.toBigInteger(f.fromBigInteger(x)), "reduction of " + x.toString(16));
    }
  }

  @ParameterizedTest
  @MethodSource("moduli")
  void reduceTakesWideInputs(BigInteger m) {
    ScalarField f = ScalarField.of(m);
    Random random = new Random(13);
    List<byte[]> inputs = new ArrayList<>();
    inputs.add(new byte[0]);
    inputs.add(new byte[64]);
    inputs.add(filled(64, 0xff));
    inputs.add(filled(48, 0xff));
    inputs.add(filled(32, 0xff));
    inputs.add(Bytes.unsigned32(m));
    byte[] twoTo256 = new byte[33];
    twoTo256[0] = 1;
    inputs.add(twoTo256);
    for (int len : new int[] {1, 31, 32, 33, 48, 63, 64}) {
      for (int i = 0; i < 20; i++) {
        byte[] b = new byte[len];
        random.nextBytes(b);
        inputs.add(b);
      }
    }
    for (byte[] b : inputs) {
      assertEquals(
          new BigInteger(1, b).mod(m),
          f.toBigInteger(f.reduce(b)),
          "reduction of " + Bytes.toHex(b));
    }
    assertThrows(IllegalArgumentException.class, () -> f.reduce(new byte[65]));
  }

  @ParameterizedTest
  @MethodSource("moduli")
  void toBytesIsFixedWidthBigEndian(BigInteger m) {
    ScalarField f = ScalarField.of(m);
    for (BigInteger v : List.of(BigInteger.ZERO, BigInteger.ONE, m.subtract(BigInteger.ONE))) {
      byte[] b = f.toBytes(f.fromBigInteger(v));
      assertEquals(32, b.length);
      assertEquals(v, new BigInteger(1, b));
    }
    assertArrayEquals(f.one(), f.fromBigInteger(BigInteger.ONE));
    assertArrayEquals(f.zero(), f.fromBigInteger(m));
  }

  @org.junit.jupiter.api.Test
  void unsigned32IsAlways32Bytes() {
    assertArrayEquals(new byte[32], Bytes.unsigned32(BigInteger.ZERO));
    assertArrayEquals(filled(32, 0xff), Bytes.unsigned32(TWO_256.subtract(BigInteger.ONE)));
    byte[] one = new byte[32];
    one[31] = 1;
    assertArrayEquals(one, Bytes.unsigned32(BigInteger.ONE));
    // the sign byte toByteArray adds for a set top bit is not there
    byte[] top = new byte[32];
    top[0] = (byte) 0x80;
    assertArrayEquals(top, Bytes.unsigned32(BigInteger.ONE.shiftLeft(255)));
    assertThrows(IllegalArgumentException.class, () -> Bytes.unsigned32(TWO_256));
    assertThrows(IllegalArgumentException.class, () -> Bytes.unsigned32(BigInteger.ONE.negate()));
  }

  @org.junit.jupiter.api.Test
  void oneFieldPerModulusAndOnlyOddModuli() {
    assertSame(ScalarField.of(L), ScalarField.of(new BigInteger(L.toString())));
    assertThrows(IllegalArgumentException.class, () -> ScalarField.of(L.add(BigInteger.ONE)));
    assertThrows(IllegalArgumentException.class, () -> ScalarField.of(TWO_256.add(BigInteger.ONE)));
    assertThrows(IllegalArgumentException.class, () -> ScalarField.of(BigInteger.ONE));
  }

  /** Polynomial.evaluate (now on the field) against Horner in BigInteger. */
  @ParameterizedTest
  @MethodSource("moduli")
  void polynomialEvaluationMatchesBigInteger(BigInteger m) {
    Random random = new Random(17);
    for (int degree = 0; degree < 8; degree++) {
      List<BigInteger> coefficients = new ArrayList<>();
      for (int k = 0; k <= degree; k++) {
        coefficients.add(k == 0 ? m.subtract(BigInteger.ONE) : new BigInteger(256, random).mod(m));
      }
      for (BigInteger x :
          List.of(
              BigInteger.ONE,
              BigInteger.valueOf(257),
              m.subtract(BigInteger.ONE),
              new BigInteger(256, random).mod(m))) {
        BigInteger expected = BigInteger.ZERO;
        for (int k = degree; k >= 0; k--) {
          expected = expected.multiply(x).add(coefficients.get(k)).mod(m);
        }
        assertEquals(expected, Polynomial.evaluate(coefficients, x, m));
      }
    }
  }

  private static byte[] filled(int n, int value) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, (byte) value);
    return b;
  }
}
