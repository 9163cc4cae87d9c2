package dev.frostsandbox.eddsa;

import static dev.frostsandbox.eddsa.TestSupport.G;
import static dev.frostsandbox.eddsa.TestSupport.hex;
import static dev.frostsandbox.eddsa.TestSupport.naive;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.frost.InvalidEncodingException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Ed25519GroupTest {

  private static final BigInteger L = Ed25519Group.L;
  private static final BigInteger P =
      BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
  private final Random rnd = new Random(0x5eed);

  private BigInteger randomScalar() {
    return new BigInteger(300, rnd).mod(L);
  }

  private static void assertSamePoint(Ed25519Point expected, Ed25519Point actual) {
    assertTrue(G.equal(expected, actual), () -> expected + " != " + actual);
    assertArrayEquals(expected.encode(), actual.encode());
  }

  @Test
  void constants() {
    assertEquals(
        new BigInteger(
            "7237005577332262213973186563042994240857116359379907606001950938285454250989"),
        L);
    assertTrue(L.isProbablePrime(64));
    assertEquals(8, G.cofactor());
    assertEquals(32, G.elementLength());
    assertEquals(32, G.scalarLength());
    assertEquals(
        "5866666666666666666666666666666666666666666666666666666666666666",
        hex(G.serializeElement(G.generator())));
    // y = 4/5 and x = the even root, as RFC 8032 §5.1 defines B
    byte[] enc = G.generator().encode();
    assertEquals(
        BigInteger.valueOf(4).multiply(BigInteger.valueOf(5).modInverse(P)).mod(P),
        Ed25519Group.fromLe(enc));
    assertEquals(
        "c9a3f86aae465f0e56513864510f3997561fa2c9e85ea21dc2292309f3cd6022",
        hex(G.multiplyBase(BigInteger.TWO).encode()));
  }

  @Test
  void scalarMultiplicationsAgree() {
    List<BigInteger> ks =
        new ArrayList<>(
            List.of(
                BigInteger.ZERO,
                BigInteger.ONE,
                BigInteger.TWO,
                BigInteger.valueOf(7),
                BigInteger.valueOf(8),
                BigInteger.valueOf(15),
                BigInteger.valueOf(16),
                BigInteger.valueOf(255),
                BigInteger.ONE.shiftLeft(252),
                L.subtract(BigInteger.ONE),
                L.subtract(BigInteger.TWO),
                new BigInteger(
                    "0888888888888888888888888888888888888888888888888888888888888888", 16),
                new BigInteger(
                    "0777777777777777777777777777777777777777777777777777777777777777", 16),
                new BigInteger(
                    "0fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", 16)));
    for (int i = 0; i < 40; i++) {
      ks.add(randomScalar());
    }
    Ed25519Point b = G.generator();
    for (BigInteger k : ks) {
      Ed25519Point expected = naive(b, k);
      assertSamePoint(expected, G.multiplyBase(k));
      assertSamePoint(expected, G.multiply(b, k));
      assertSamePoint(expected, G.multiplyAll(List.of(b), List.of(k)));
    }
  }

  @Test
  void variableBaseAgreesWithFixedBase() {
    for (int i = 0; i < 20; i++) {
      BigInteger r = randomScalar();
      BigInteger k = randomScalar();
      Ed25519Point p = G.multiplyBase(r);
      Ed25519Point expected = G.multiplyBase(r.multiply(k).mod(L));
      assertSamePoint(expected, G.multiply(p, k));
      assertSamePoint(expected, naive(p, k));
    }
  }

  @Test
  void scalarsAreReducedModL() {
    BigInteger k = randomScalar();
    Ed25519Point p = G.multiplyBase(randomScalar());
    assertSamePoint(G.multiplyBase(k), G.multiplyBase(k.add(L)));
    assertSamePoint(G.multiply(p, k), G.multiply(p, k.add(L.shiftLeft(3))));
    assertSamePoint(G.negate(G.generator()), G.multiplyBase(BigInteger.ONE.negate()));
    assertSamePoint(G.negate(p), G.multiply(p, BigInteger.ONE.negate()));
  }

  @Test
  void multiplyAllIsASumOfProducts() {
    for (int n = 1; n <= 6; n++) {
      List<Ed25519Point> points = new ArrayList<>();
      List<BigInteger> scalars = new ArrayList<>();
      Ed25519Point expected = G.identity();
      for (int i = 0; i < n; i++) {
        Ed25519Point p = i == 1 ? G.generator() : G.multiplyBase(randomScalar());
        BigInteger k = i == 2 ? BigInteger.ZERO : randomScalar();
        points.add(p);
        scalars.add(k);
        expected = G.add(expected, naive(p, k));
      }
      assertSamePoint(expected, G.multiplyAll(points, scalars));
    }
    assertTrue(G.isIdentity(G.multiplyAll(List.of(), List.of())));
    // Shamir's trick shape used by verification: s*B - c*A
    BigInteger a = randomScalar();
    BigInteger s = randomScalar();
    BigInteger c = randomScalar();
    Ed25519Point pub = G.multiplyBase(a);
    assertSamePoint(
        G.multiplyBase(s.subtract(c.multiply(a)).mod(L)),
        G.multiplyAll(List.of(G.generator(), pub), List.of(s, c.negate())));
    assertThrows(IllegalArgumentException.class, () -> G.multiplyAll(List.of(pub), List.of(s, c)));
  }

  /** acc decoded from its encoding, without the cache (the point Ed25519Decoding builds). */
  private static Ed25519Point decoded(Ed25519Point acc) {
    try {
      return Ed25519Group.deserializeUncached(acc.encode());
    } catch (InvalidEncodingException e) {
      throw new AssertionError(e);
    }
  }

  /** Every stored coordinate is carried: the point formulas' operand bounds rest on it. */
  @Test
  void coordinatesStayCarried() {
    long max = (1L << 51) + (1L << 15);
    Ed25519Point acc = G.generator();
    for (int i = 0; i < 200; i++) {
      BigInteger k = randomScalar();
      Ed25519Point p =
          switch (i % 7) {
            case 0 -> G.multiplyBase(k);
            case 1 -> G.multiply(acc, k);
            case 2 -> G.multiplyAll(List.of(acc, G.generator()), List.of(k, k.add(BigInteger.ONE)));
            case 3 -> G.subtract(acc, G.multiplyBase(k));
            case 4 -> G.negate(G.dbl(acc));
            case 5 -> decoded(acc);
            default -> G.add(acc, acc);
          };
      for (long[] c : new long[][] {p.x, p.y, p.z, p.t}) {
        for (long limb : c) {
          assertTrue(limb >= 0 && limb < max, i + ": " + Long.toHexString(limb));
        }
      }
      acc = p;
    }
  }

  @Test
  void additionLaws() {
    Ed25519Point o = G.identity();
    Ed25519Point p = G.multiplyBase(randomScalar());
    Ed25519Point q = G.multiplyBase(randomScalar());
    Ed25519Point r = G.multiplyBase(randomScalar());
    assertTrue(G.isIdentity(o));
    assertFalse(G.isIdentity(p));
    assertTrue(G.isIdentity(G.add(o, o)));
    assertTrue(G.isIdentity(G.dbl(o)));
    assertTrue(G.isIdentity(G.negate(o)));
    assertSamePoint(p, G.add(p, o));
    assertSamePoint(p, G.add(o, p));
    assertSamePoint(G.add(p, q), G.add(q, p));
    assertSamePoint(G.add(G.add(p, q), r), G.add(p, G.add(q, r)));
    assertTrue(G.isIdentity(G.add(p, G.negate(p))));
    assertTrue(G.isIdentity(G.subtract(p, p)));
    assertSamePoint(p, G.negate(G.negate(p)));
    assertSamePoint(G.add(p, G.negate(q)), G.subtract(p, q));
    assertSamePoint(p, G.add(G.subtract(p, q), q));
    assertSamePoint(G.add(p, p), G.dbl(p));
    assertSamePoint(G.multiply(p, BigInteger.valueOf(3)), G.add(G.dbl(p), p));
    assertFalse(G.equal(p, q));
    assertFalse(G.equal(p, G.negate(p)));
  }

  @Test
  void equalsAndHashCodeIgnoreTheRepresentative() {
    BigInteger k = randomScalar();
    Ed25519Point a = G.multiplyBase(k);
    Ed25519Point b = G.multiply(G.generator(), k);
    Ed25519Point c = naive(G.generator(), k);
    assertEquals(a, b);
    assertEquals(a, c);
    assertEquals(a.hashCode(), b.hashCode());
    assertEquals(a.hashCode(), c.hashCode());
    assertNotEquals(a, G.negate(a));
    assertTrue(a.toString().contains(hex(a.encode())));
  }

  @Test
  void serializationRoundTrips() throws Exception {
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < 50; i++) {
      Ed25519Point p = G.multiplyBase(G.randomNonZeroScalar(random));
      if (i % 2 == 1) {
        p = G.negate(p); // exercises the other x parity and negative limbs
      }
      byte[] enc = G.serializeElement(p);
      assertEquals(32, enc.length);
      Ed25519Point back = G.deserializeElement(enc);
      assertSamePoint(p, back);
      assertArrayEquals(enc, G.serializeElement(back));
    }
    assertThrows(IllegalArgumentException.class, () -> G.serializeElement(G.identity()));
    for (int i = 0; i < 20; i++) {
      BigInteger s = randomScalar();
      byte[] enc = G.serializeScalar(s);
      assertEquals(32, enc.length);
      assertEquals(s, G.deserializeScalar(enc));
    }
    assertEquals(
        "0700000000000000000000000000000000000000000000000000000000000000",
        hex(G.serializeScalar(BigInteger.valueOf(7))));
    assertEquals(BigInteger.ZERO, G.deserializeScalar(new byte[32]));
    assertEquals(
        L.subtract(BigInteger.ONE),
        G.deserializeScalar(G.serializeScalar(L.subtract(BigInteger.ONE))));
  }

  @Test
  void orderTimesBaseIsIdentity() {
    assertTrue(G.isIdentity(naive(G.generator(), L)));
    assertTrue(G.isIdentity(Ed25519Group.multiplyByOrder(G.generator())));
    assertTrue(G.isIdentity(G.multiply(G.generator(), L)));
    assertTrue(G.isIdentity(G.multiplyBase(L)));
    assertFalse(G.isIdentity(naive(G.generator(), L.subtract(BigInteger.ONE))));
    Ed25519Point p = G.multiplyBase(randomScalar());
    assertTrue(G.isIdentity(Ed25519Group.multiplyByOrder(p)));
    assertTrue(G.isIdentity(naive(p, L)));
  }
}
