package dev.frostsandbox.eddsa;

import static dev.frostsandbox.eddsa.TestSupport.G;
import static dev.frostsandbox.eddsa.TestSupport.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.frost.InvalidEncodingException;
import dev.frostsandbox.frost.InvalidEncodingException.Reason;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 8032 §5.1.3 decoding plus the RFC 9591 §6.1 identity and subgroup checks. */
class Ed25519RejectionTest {

  private static final BigInteger P =
      BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
  private static final BigInteger L = Ed25519Group.L;

  private static Reason elementReason(byte[] b) {
    InvalidEncodingException e =
        assertThrows(InvalidEncodingException.class, () -> G.deserializeElement(b));
    return e.reason();
  }

  private static Reason scalarReason(byte[] b) {
    InvalidEncodingException e =
        assertThrows(InvalidEncodingException.class, () -> G.deserializeScalar(b));
    return e.reason();
  }

  private static byte[] le32(BigInteger v) {
    byte[] le = Ed25519Group.toLe32(v);
    assertEquals(v, Ed25519Group.fromLe(le));
    return le;
  }

  /** Smallest n > 0 with n*p = identity, up to 8 (0 if larger). */
  private static int smallOrder(Ed25519Point p) {
    Ed25519Point acc = p;
    for (int n = 1; n <= 8; n++) {
      if (G.isIdentity(acc)) {
        return n;
      }
      acc = G.add(acc, p);
    }
    return 0;
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 31, 33, 64})
  void wrongElementLength(int len) {
    byte[] b = Arrays.copyOf(G.serializeElement(G.generator()), len);
    assertEquals(Reason.WRONG_LENGTH, elementReason(b));
  }

  @Test
  void nonCanonicalY() {
    for (BigInteger y :
        new BigInteger[] {
          P,
          P.add(BigInteger.ONE),
          P.add(BigInteger.TWO),
          BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE)
        }) {
      byte[] b = le32(y);
      assertEquals(Reason.NON_CANONICAL, elementReason(b), y.toString(16));
      b[31] |= (byte) 0x80;
      assertEquals(Reason.NON_CANONICAL, elementReason(b), y.toString(16));
    }
    assertEquals("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", hex(le32(P)));
  }

  @Test
  void xZeroWithSignBit() {
    // y = 1 and y = -1 have x = 0, so the sign bit must be clear
    assertEquals(
        Reason.NON_CANONICAL,
        elementReason(hex("0100000000000000000000000000000000000000000000000000000000000080")));
    assertEquals(
        Reason.NON_CANONICAL,
        elementReason(hex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff")));
  }

  @Test
  void notOnCurve() {
    // y such that (y^2 - 1)/(d y^2 + 1) is a non-square mod p (Euler's criterion)
    BigInteger d =
        BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
    BigInteger exp = P.subtract(BigInteger.ONE).shiftRight(1);
    int found = 0;
    for (int y = 2; found < 5; y++) {
      BigInteger yy = BigInteger.valueOf(y);
      BigInteger u = yy.multiply(yy).subtract(BigInteger.ONE).mod(P);
      BigInteger v = d.multiply(yy).multiply(yy).add(BigInteger.ONE).mod(P);
      BigInteger x2 = u.multiply(v.modInverse(P)).mod(P);
      boolean square = x2.signum() == 0 || x2.modPow(exp, P).equals(BigInteger.ONE);
      byte[] b = le32(yy);
      if (square) {
        continue;
      }
      assertEquals(Reason.NOT_ON_CURVE, elementReason(b), "y=" + y);
      b[31] |= (byte) 0x80;
      assertEquals(Reason.NOT_ON_CURVE, elementReason(b), "y=" + y);
      found++;
    }
    assertEquals(5, found);
  }

  @Test
  void identityIsRejected() {
    byte[] id = hex("0100000000000000000000000000000000000000000000000000000000000000");
    assertEquals(Reason.IDENTITY, elementReason(id));
    assertArrayEquals(id, G.identity().encode());
  }

  @ParameterizedTest
  @CsvSource({
    "0100000000000000000000000000000000000000000000000000000000000000, 1",
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f, 2",
    "0000000000000000000000000000000000000000000000000000000000000000, 4",
    "0000000000000000000000000000000000000000000000000000000000000080, 4",
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a, 8",
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa, 8",
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05, 8",
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85, 8"
  })
  void smallOrderPointsAreRejected(String enc, int order) {
    byte[] b = hex(enc);
    Ed25519Point t = Ed25519Group.decompress(b);
    assertEquals(order, smallOrder(t), "the list entry really has that order");
    assertArrayEquals(b, t.encode(), "the list entry is canonical");
    assertEquals(order == 1 ? Reason.IDENTITY : Reason.NOT_IN_SUBGROUP, elementReason(b));
  }

  @Test
  void theEightTorsionPointsAreDistinct() {
    Ed25519Point t8 =
        Ed25519Group.decompress(
            hex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"));
    Set<String> seen = new HashSet<>();
    Ed25519Point acc = G.identity();
    for (int i = 0; i < 8; i++) {
      seen.add(hex(acc.encode()));
      acc = G.add(acc, t8);
    }
    assertTrue(G.isIdentity(acc));
    assertEquals(8, seen.size());
    assertTrue(seen.contains("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"));
    assertTrue(seen.contains("0000000000000000000000000000000000000000000000000000000000000080"));
    assertTrue(seen.contains("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"));
  }

  @Test
  void mixedOrderPointsAreRejected() throws Exception {
    String[] torsion = {
      "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
      "0000000000000000000000000000000000000000000000000000000000000000",
      "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
      "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85"
    };
    for (String t : torsion) {
      Ed25519Point tp = Ed25519Group.decompress(hex(t));
      for (BigInteger k : new BigInteger[] {BigInteger.ONE, BigInteger.valueOf(12345)}) {
        Ed25519Point prime = G.multiplyBase(k);
        Ed25519Point mixed = G.add(prime, tp);
        byte[] enc = mixed.encode();
        assertFalse(G.isIdentity(Ed25519Group.multiplyByOrder(mixed)));
        assertTrue(
            G.isIdentity(
                G.add(
                    G.add(G.dbl(G.dbl(G.dbl(mixed))), G.negate(G.dbl(G.dbl(G.dbl(prime))))),
                    G.identity())),
            "8*(mixed - prime) = 0");
        assertEquals(Reason.NOT_IN_SUBGROUP, elementReason(enc));
        // the prime-order part alone is accepted
        assertTrue(G.equal(prime, G.deserializeElement(prime.encode())));
      }
    }
  }

  @Test
  void scalarRejections() throws Exception {
    assertEquals(Reason.SCALAR_OUT_OF_RANGE, scalarReason(le32(L)));
    assertEquals(Reason.SCALAR_OUT_OF_RANGE, scalarReason(le32(L.add(BigInteger.ONE))));
    assertEquals(
        Reason.SCALAR_OUT_OF_RANGE,
        scalarReason(le32(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE))));
    assertEquals(Reason.SCALAR_OUT_OF_RANGE, scalarReason(le32(P)));
    for (int len : new int[] {0, 1, 31, 33, 64}) {
      assertEquals(Reason.WRONG_LENGTH, scalarReason(new byte[len]));
    }
    assertEquals(L.subtract(BigInteger.ONE), G.deserializeScalar(le32(L.subtract(BigInteger.ONE))));
    assertEquals(BigInteger.ZERO, G.deserializeScalar(new byte[32]));
  }
}
