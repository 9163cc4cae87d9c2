package dev.frostsandbox.eddsa;

import static dev.frostsandbox.eddsa.TestSupport.G;
import static dev.frostsandbox.eddsa.TestSupport.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.frost.InvalidEncodingException;
import dev.frostsandbox.frost.InvalidEncodingException.Reason;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bouncycastle.math.ec.rfc7748.X25519Field;
import org.junit.jupiter.api.Test;

/** The quartic-character subgroup test against the multiplication by L, and the point cache. */
class Ed25519SubgroupTest {

  private static final BigInteger L = Ed25519Group.L;
  private static final BigInteger P = EdMath.P;
  private final Random rnd = new Random(0x8a11);

  /** The 8 points of E[8]: T8 * j for j = 0..7 (j = 0: the identity). */
  static List<Ed25519Point> torsion() {
    Ed25519Point t8 =
        Ed25519Group.decompress(
            hex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"));
    List<Ed25519Point> ts = new ArrayList<>();
    Ed25519Point acc = G.identity();
    for (int j = 0; j < 8; j++) {
      ts.add(acc);
      acc = G.add(acc, t8);
    }
    assertTrue(G.isIdentity(acc));
    return ts;
  }

  private static boolean reference(Ed25519Point p) {
    return G.isIdentity(Ed25519Group.multiplyByOrder(p));
  }

  private static Ed25519Subgroup.Verdict verdict(Ed25519Point affine) {
    return Ed25519Subgroup.check(affine.x, affine.y);
  }

  @Test
  void agreesWithMultiplicationByOrderOnEveryTorsionCoset() {
    List<Ed25519Point> ts = torsion();
    int in = 0;
    for (int i = 0; i < 64; i++) {
      BigInteger k = new BigInteger(256, rnd).mod(L);
      if (k.signum() == 0) {
        continue;
      }
      Ed25519Point prime = G.multiplyBase(k);
      for (int j = 0; j < 8; j++) {
        Ed25519Point projective = G.add(prime, ts.get(j));
        boolean expected = j == 0;
        assertEquals(expected, reference(projective), "L*P = 0 iff the torsion part is 0");
        // projective input (z != 1) and the decoded affine point
        assertEquals(expected, Ed25519Group.inPrimeOrderSubgroup(projective), "coset " + j);
        Ed25519Point affine = Ed25519Group.decompress(projective.encode());
        assertEquals(expected, Ed25519Group.inPrimeOrderSubgroup(affine), "coset " + j);
        assertNotEquals(Ed25519Subgroup.Verdict.UNDECIDED, verdict(affine));
        // -P too (the other sign of x)
        assertEquals(expected, Ed25519Group.inPrimeOrderSubgroup(G.negate(affine)));
        in += expected ? 1 : 0;
      }
    }
    assertTrue(in > 50);
  }

  @Test
  void smallOrderPointsAreNotInTheSubgroup() {
    List<Ed25519Point> ts = torsion();
    for (int j = 0; j < 8; j++) {
      Ed25519Point t = Ed25519Group.decompress(ts.get(j).encode());
      assertEquals(j == 0, Ed25519Group.inPrimeOrderSubgroup(t), "torsion point " + j);
      assertEquals(j == 0, reference(t));
      InvalidEncodingException e =
          assertThrows(
              InvalidEncodingException.class, () -> Ed25519Group.deserializeUncached(t.encode()));
      assertEquals(j == 0 ? Reason.IDENTITY : Reason.NOT_IN_SUBGROUP, e.reason());
    }
  }

  /** Random y (half are on the curve, an eighth of those in the subgroup), both sign bits. */
  @Test
  void uncachedDecodingAgreesWithTheReferenceOnRandomEncodings() throws Exception {
    int accepted = 0;
    int onCurveRejected = 0;
    for (int i = 0; i < 1500; i++) {
      byte[] b = new byte[32];
      rnd.nextBytes(b);
      if (i % 3 == 0) {
        // mostly points of the subgroup or near it
        Ed25519Point q = G.multiplyBase(new BigInteger(256, rnd).mod(L));
        System.arraycopy(G.add(q, torsion().get(rnd.nextInt(8))).encode(), 0, b, 0, 32);
      }
      Object expected = outcome(b, true);
      Object actual = outcome(b, false);
      if (expected instanceof Ed25519Point e) {
        assertTrue(actual instanceof Ed25519Point, () -> hex(b) + " " + actual);
        assertArrayEquals(e.encode(), ((Ed25519Point) actual).encode());
        accepted++;
      } else {
        assertEquals(expected, actual, () -> hex(b));
        onCurveRejected += expected == Reason.NOT_IN_SUBGROUP ? 1 : 0;
      }
    }
    assertTrue(accepted > 60 && onCurveRejected > 300, accepted + " " + onCurveRejected);
  }

  private static Object outcome(byte[] b, boolean reference) {
    try {
      return reference ? Ed25519Group.deserializeReference(b) : Ed25519Group.deserializeUncached(b);
    } catch (InvalidEncodingException e) {
      return e.reason();
    }
  }

  @Test
  void nonCanonicalEncodingsAreStillRefused() {
    // y = p + k for small k, both sign bits; and x = 0 with the sign bit set
    for (int k = 0; k < 19; k++) {
      byte[] b = Ed25519Group.toLe32(P.add(BigInteger.valueOf(k)));
      for (int sign = 0; sign < 2; sign++) {
        b[31] = (byte) ((b[31] & 0x7f) | (sign << 7));
        Reason r =
            assertThrows(InvalidEncodingException.class, () -> G.deserializeElement(b)).reason();
        assertEquals(Reason.NON_CANONICAL, r);
        assertEquals(Reason.NON_CANONICAL, outcome(b, false));
      }
    }
    byte[] negZero = hex("0100000000000000000000000000000000000000000000000000000000000080");
    assertEquals(Reason.NON_CANONICAL, outcome(negZero, false));
  }

  @Test
  void quarticCharacterIsTheExponentiation() {
    BigInteger e = P.subtract(BigInteger.ONE).shiftRight(2);
    for (int i = 0; i < 50; i++) {
      BigInteger a = new BigInteger(255, rnd).mod(P);
      if (i == 0) {
        a = BigInteger.valueOf(16); // a fourth power
      }
      int[] r = X25519Field.create();
      Ed25519Subgroup.quarticCharacter(EdMath.fromBig(a), r);
      X25519Field.normalize(r);
      byte[] out = new byte[32];
      X25519Field.encode(r, out, 0);
      assertEquals(a.modPow(e, P), Ed25519Group.fromLe(out));
    }
  }

  @Test
  void cacheReturnsTheFreshlyDecodedPointAndCountsHits() throws Exception {
    Ed25519PointCache cache = Ed25519Group.cache();
    assertTrue(cache.capacity() > 0);
    byte[] enc = G.multiplyBase(new BigInteger(256, rnd).mod(L)).encode();
    Ed25519Point fresh = Ed25519Group.deserializeUncached(enc);
    long hits = cache.hits();
    long misses = cache.misses();
    Ed25519Point first = G.deserializeElement(enc);
    Ed25519Point second = G.deserializeElement(enc.clone());
    assertTrue(cache.misses() >= misses + 1, "the first decoding misses");
    assertTrue(cache.hits() >= hits + 1, "the second one hits");
    assertSame(first, second);
    assertTrue(G.equal(fresh, second));
    assertArrayEquals(enc, second.encode());
    // rejected encodings are never cached: each attempt fails the same way
    byte[] mixed = G.add(fresh, torsion().get(3)).encode();
    for (int i = 0; i < 3; i++) {
      assertEquals(
          Reason.NOT_IN_SUBGROUP,
          assertThrows(InvalidEncodingException.class, () -> G.deserializeElement(mixed)).reason());
    }
  }

  @Test
  void cacheIsBounded() throws Exception {
    Ed25519PointCache cache = new Ed25519PointCache(16);
    List<byte[]> encs = new ArrayList<>();
    List<Ed25519Point> points = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      byte[] enc = G.multiplyBase(BigInteger.valueOf(1000 + i)).encode();
      Ed25519Point p = Ed25519Group.deserializeUncached(enc);
      encs.add(enc);
      points.add(p);
      cache.put(enc, p);
      assertTrue(cache.size() <= 16);
    }
    int found = 0;
    for (int i = 0; i < 100; i++) {
      Ed25519Point hit = cache.get(encs.get(i));
      if (hit != null) {
        found++;
        assertSame(points.get(i), hit, "a hit is the point stored for that encoding");
      }
    }
    assertTrue(found > 0 && found <= 16, "found " + found);
    assertEquals(found, cache.hits());
    assertEquals(100 - found, cache.misses());
    cache.clear();
    assertEquals(0, cache.size());
    assertNull(cache.get(encs.get(0)));
    Ed25519PointCache none = new Ed25519PointCache(0);
    none.put(encs.get(0), points.get(0));
    assertNull(none.get(encs.get(0)));
    assertEquals(0, none.size());
    assertThrows(IllegalArgumentException.class, () -> new Ed25519PointCache(100));
    assertNotNull(points.get(0));
  }

  @Test
  void cacheIsSafeUnderConcurrentDecoding() throws Exception {
    Ed25519PointCache cache = new Ed25519PointCache(8); // small: slots are replaced while read
    List<byte[]> encs = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      encs.add(G.multiplyBase(BigInteger.valueOf(5000 + i)).encode());
    }
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Integer>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int seed = t;
        futures.add(
            pool.submit(
                () -> {
                  Random r = new Random(seed);
                  int checked = 0;
                  for (int i = 0; i < 400; i++) {
                    byte[] enc = encs.get(r.nextInt(encs.size()));
                    Ed25519Point p = cache.get(enc);
                    if (p == null) {
                      p = Ed25519Group.deserializeUncached(enc);
                      cache.put(enc, p);
                    }
                    assertArrayEquals(enc, p.encode(), "a hit is the point of that encoding");
                    checked++;
                  }
                  return checked;
                }));
      }
      for (java.util.concurrent.Future<Integer> f : futures) {
        assertEquals(400, f.get(60, java.util.concurrent.TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1600, cache.hits() + cache.misses());
    assertTrue(cache.size() <= 8);
  }
}
