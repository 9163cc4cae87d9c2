package dev.frostsandbox.ecdsaschnorr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.frost.InvalidEncodingException;
import dev.frostsandbox.frost.InvalidEncodingException.Reason;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

class Secp256k1GroupTest {

  private static final Secp256k1Group G = Secp256k1Group.INSTANCE;
  private static final BigInteger N = G.order();
  private static final BigInteger P = G.fieldPrime();
  private static final HexFormat HEX = HexFormat.of();

  // Fixed seed: failures reproduce.
  private final Random rnd = new Random(9591);

  private BigInteger randomScalar() {
    return new BigInteger(320, rnd).mod(N);
  }

  private static byte[] compressed(int prefix, BigInteger x) {
    byte[] out = new byte[33];
    out[0] = (byte) prefix;
    byte[] raw = x.toByteArray();
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, out, 33 - copy, copy);
    return out;
  }

  private static Reason elementReason(byte[] bytes) {
    return assertThrows(InvalidEncodingException.class, () -> G.deserializeElement(bytes)).reason();
  }

  private static Reason scalarReason(byte[] bytes) {
    return assertThrows(InvalidEncodingException.class, () -> G.deserializeScalar(bytes)).reason();
  }

  @Test
  void parameters() {
    assertEquals(
        new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16), N);
    assertEquals(
        new BigInteger("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f", 16), P);
    assertEquals(1, G.cofactor());
    assertEquals(33, G.elementLength());
    assertEquals(32, G.scalarLength());
    assertEquals(
        "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798",
        HEX.formatHex(G.serializeElement(G.generator())));
  }

  @Test
  void multiplyBaseMatchesMultiplyAndMultiplyAll() {
    List<BigInteger> ks =
        new ArrayList<>(List.of(BigInteger.ONE, BigInteger.TWO, N.subtract(BigInteger.ONE)));
    for (int i = 0; i < 20; i++) {
      ks.add(randomScalar());
    }
    for (BigInteger k : ks) {
      ECPoint viaBase = G.multiplyBase(k);
      ECPoint viaMul = G.multiply(G.generator(), k);
      ECPoint viaAll = G.multiplyAll(List.of(G.generator()), List.of(k));
      assertTrue(G.equal(viaBase, viaMul), "k = " + k);
      assertTrue(G.equal(viaBase, viaAll), "k = " + k);
      assertArrayEquals(G.serializeElement(viaBase), G.serializeElement(viaMul));
    }
    // (n - 1) * G = -G
    assertTrue(G.equal(G.negate(G.generator()), G.multiplyBase(N.subtract(BigInteger.ONE))));
  }

  @Test
  void scalarsAreReducedAndZeroGivesIdentity() {
    BigInteger k = randomScalar();
    assertTrue(G.isIdentity(G.multiplyBase(BigInteger.ZERO)));
    assertTrue(G.isIdentity(G.multiplyBase(N)));
    assertTrue(G.isIdentity(G.multiply(G.generator(), BigInteger.ZERO)));
    assertTrue(G.isIdentity(G.multiply(G.identity(), k)));
    assertTrue(G.equal(G.multiplyBase(k), G.multiplyBase(k.add(N))));
    assertTrue(G.equal(G.multiplyBase(k.negate()), G.negate(G.multiplyBase(k))));
  }

  @Test
  void multiplyAllMatchesNaiveSum() {
    for (int size : new int[] {0, 1, 2, 3, 7}) {
      List<ECPoint> points = new ArrayList<>();
      List<BigInteger> scalars = new ArrayList<>();
      ECPoint naive = G.identity();
      for (int i = 0; i < size; i++) {
        ECPoint p = G.multiplyBase(randomScalar());
        BigInteger k = randomScalar();
        points.add(p);
        scalars.add(k);
        naive = G.add(naive, G.multiply(p, k));
      }
      assertTrue(G.equal(naive, G.multiplyAll(points, scalars)), "size " + size);
    }
    // Identity points and zero scalars contribute nothing.
    ECPoint p = G.multiplyBase(randomScalar());
    BigInteger k = randomScalar();
    ECPoint expected = G.multiply(p, k);
    assertTrue(
        G.equal(
            expected,
            G.multiplyAll(
                List.of(p, G.identity(), G.generator()),
                List.of(k, randomScalar(), BigInteger.ZERO))));
  }

  @Test
  void groupLaws() {
    ECPoint a = G.multiplyBase(randomScalar());
    ECPoint b = G.multiplyBase(randomScalar());
    ECPoint c = G.multiplyBase(randomScalar());
    ECPoint o = G.identity();
    assertTrue(G.isIdentity(o));
    assertFalse(G.isIdentity(a));
    assertTrue(G.equal(a, G.add(a, o)));
    assertTrue(G.equal(a, G.add(o, a)));
    assertTrue(G.isIdentity(G.add(a, G.negate(a))));
    assertTrue(G.isIdentity(G.subtract(a, a)));
    assertTrue(G.isIdentity(G.negate(o)));
    assertTrue(G.equal(a, G.negate(G.negate(a))));
    assertTrue(G.equal(G.add(a, b), G.add(b, a)));
    assertTrue(G.equal(G.add(G.add(a, b), c), G.add(a, G.add(b, c))));
    assertTrue(G.equal(G.add(a, a), G.multiply(a, BigInteger.TWO)));
    assertTrue(G.equal(G.subtract(G.add(a, b), b), a));
    assertFalse(G.equal(a, b));
    assertFalse(G.equal(a, o));
    // x*G + y*G = (x + y)*G
    BigInteger x = randomScalar();
    BigInteger y = randomScalar();
    assertTrue(G.equal(G.add(G.multiplyBase(x), G.multiplyBase(y)), G.multiplyBase(x.add(y))));
  }

  @Test
  void equalIgnoresProjectiveRepresentation() throws InvalidEncodingException {
    ECPoint a = G.multiplyBase(randomScalar());
    ECPoint b = G.add(G.add(a, G.generator()), G.negate(G.generator())); // same point, other Z
    ECPoint decoded = G.deserializeElement(G.serializeElement(a));
    assertTrue(G.equal(a, b));
    assertTrue(G.equal(b, decoded));
    assertTrue(G.equal(decoded, a));
  }

  @Test
  void elementRoundTrip() throws InvalidEncodingException {
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < 20; i++) {
      ECPoint p = G.multiplyBase(G.randomNonZeroScalar(random));
      byte[] enc = G.serializeElement(p);
      assertEquals(33, enc.length);
      assertTrue(enc[0] == 2 || enc[0] == 3);
      ECPoint q = G.deserializeElement(enc);
      assertTrue(G.equal(p, q));
      assertArrayEquals(enc, G.serializeElement(q));
      // The other parity decodes to the negation.
      byte[] flipped = enc.clone();
      flipped[0] ^= 1;
      assertTrue(G.equal(G.negate(p), G.deserializeElement(flipped)));
    }
  }

  @Test
  void identityCannotBeSerialized() {
    assertThrows(IllegalArgumentException.class, () -> G.serializeElement(G.identity()));
    assertThrows(
        IllegalArgumentException.class,
        () -> G.serializeElement(G.subtract(G.generator(), G.generator())));
  }

  @Test
  void scalarRoundTrip() throws InvalidEncodingException {
    List<BigInteger> ks =
        List.of(
            BigInteger.ZERO,
            BigInteger.ONE,
            N.subtract(BigInteger.ONE),
            randomScalar(),
            BigInteger.TWO.pow(255));
    for (BigInteger k : ks) {
      byte[] enc = G.serializeScalar(k);
      assertEquals(32, enc.length);
      assertEquals(k, G.deserializeScalar(enc));
    }
    assertEquals(
        "0000000000000000000000000000000000000000000000000000000000000007",
        HEX.formatHex(G.serializeScalar(BigInteger.valueOf(7))));
    assertThrows(IllegalArgumentException.class, () -> G.serializeScalar(N));
    assertThrows(IllegalArgumentException.class, () -> G.serializeScalar(BigInteger.ONE.negate()));
  }

  @Test
  void rejectsWrongElementLength() {
    byte[] good = G.serializeElement(G.generator());
    assertEquals(Reason.WRONG_LENGTH, elementReason(new byte[0]));
    assertEquals(Reason.WRONG_LENGTH, elementReason(java.util.Arrays.copyOf(good, 32)));
    assertEquals(Reason.WRONG_LENGTH, elementReason(java.util.Arrays.copyOf(good, 34)));
    assertEquals(Reason.WRONG_LENGTH, elementReason(new byte[] {0})); // SEC1 identity
    assertEquals(Reason.WRONG_LENGTH, elementReason(G.generator().getEncoded(false))); // 65 bytes
  }

  @Test
  void rejectsBadPrefix() {
    byte[] good = G.serializeElement(G.generator());
    for (int prefix : new int[] {0x00, 0x01, 0x04, 0x05, 0x06, 0x07, 0x82, 0xff}) {
      byte[] bad = good.clone();
      bad[0] = (byte) prefix;
      assertEquals(Reason.NON_CANONICAL, elementReason(bad), "prefix " + prefix);
    }
    assertEquals(Reason.NON_CANONICAL, elementReason(new byte[33])); // all zero
  }

  @Test
  void rejectsXNotBelowP() {
    BigInteger[] xs = {
      P,
      P.add(BigInteger.ONE),
      P.add(BigInteger.valueOf(7)),
      BigInteger.TWO.pow(256).subtract(BigInteger.ONE)
    };
    for (BigInteger x : xs) {
      for (int prefix : new int[] {2, 3}) {
        assertEquals(Reason.NON_CANONICAL, elementReason(compressed(prefix, x)), "x = " + x);
      }
    }
  }

  @Test
  void xPlusPOfAValidPointIsStillRejected() throws InvalidEncodingException {
    // x + p would decode to a valid point if reduced mod p; it must not be.
    BigInteger x = smallValidX();
    G.deserializeElement(compressed(2, x));
    assertEquals(Reason.NON_CANONICAL, elementReason(compressed(2, x.add(P))));
    assertEquals(Reason.NON_CANONICAL, elementReason(compressed(3, x.add(P))));
  }

  private static boolean isSquareRhs(BigInteger x) {
    BigInteger rhs = x.pow(3).add(BigInteger.valueOf(7)).mod(P);
    return rhs.signum() == 0
        || rhs.modPow(P.subtract(BigInteger.ONE).shiftRight(1), P).equals(BigInteger.ONE);
  }

  private static BigInteger smallValidX() {
    BigInteger x = BigInteger.ONE;
    while (!isSquareRhs(x)) {
      x = x.add(BigInteger.ONE);
    }
    return x;
  }

  @Test
  void rejectsXNotOnCurve() throws InvalidEncodingException {
    // Euler's criterion: x^3 + 7 is not a square mod p, so no y exists.
    BigInteger x = BigInteger.ONE;
    while (isSquareRhs(x)) {
      x = x.add(BigInteger.ONE);
    }
    assertEquals(Reason.NOT_ON_CURVE, elementReason(compressed(2, x)), "x = " + x);
    assertEquals(Reason.NOT_ON_CURVE, elementReason(compressed(3, x)), "x = " + x);
    // And the first x that is on the curve decodes.
    BigInteger valid = smallValidX();
    ECPoint p = G.deserializeElement(compressed(2, valid));
    assertEquals(valid, p.normalize().getAffineXCoord().toBigInteger());
    assertTrue(p.isValid());
  }

  @Test
  void decodesAsBouncyCastleDoes() throws InvalidEncodingException {
    // random x below p (about half on the curve), both parities, and the ends of the range; seeded,
    // so a failure can be replayed
    Random random = new Random(20261205);
    List<BigInteger> xs = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      xs.add(new BigInteger(256, random).mod(P));
    }
    for (long d = 1; d <= 8; d++) {
      xs.add(P.subtract(BigInteger.valueOf(d)));
      xs.add(BigInteger.valueOf(d - 1));
    }
    int onCurve = 0;
    for (BigInteger x : xs) {
      for (int prefix : new int[] {2, 3}) {
        byte[] enc = compressed(prefix, x);
        ECPoint reference;
        try {
          reference = G.curve().decodePoint(enc); // Bouncy Castle's decoding
        } catch (IllegalArgumentException e) {
          assertEquals(Reason.NOT_ON_CURVE, elementReason(enc), "x = " + x.toString(16));
          continue;
        }
        onCurve++;
        ECPoint decoded = G.deserializeElement(enc);
        assertEquals(reference, decoded, "x = " + x.toString(16) + ", prefix " + prefix);
        assertTrue(decoded.isValid());
        assertArrayEquals(enc, G.serializeElement(decoded));
      }
    }
    // both outcomes were met often (each x counts twice, once per prefix)
    assertTrue(onCurve > 400 && onCurve < xs.size() * 2 - 400, "points on the curve: " + onCurve);
  }

  @Test
  void rejectsScalarsNotBelowN() {
    BigInteger[] bad = {N, N.add(BigInteger.ONE), BigInteger.TWO.pow(256).subtract(BigInteger.ONE)};
    for (BigInteger s : bad) {
      byte[] raw = s.toByteArray();
      byte[] enc = java.util.Arrays.copyOfRange(raw, raw.length - 32, raw.length);
      assertEquals(Reason.SCALAR_OUT_OF_RANGE, scalarReason(enc), "s = " + s.toString(16));
    }
  }

  @Test
  void rejectsWrongScalarLength() {
    assertEquals(Reason.WRONG_LENGTH, scalarReason(new byte[0]));
    assertEquals(Reason.WRONG_LENGTH, scalarReason(new byte[31]));
    assertEquals(Reason.WRONG_LENGTH, scalarReason(new byte[33]));
    assertEquals(Reason.WRONG_LENGTH, scalarReason(new byte[64]));
  }
}
