package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.frost.Bytes;
import dev.frostsandbox.frost.Group;
import dev.frostsandbox.frost.InvalidElementKind;
import dev.frostsandbox.frost.InvalidEncodingException;
import dev.frostsandbox.frost.InvalidEncodingException.Reason;
import java.math.BigInteger;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/** secp256k1 (SEC 2) on Bouncy Castle's custom curve, whose default multiplier uses GLV. */
public final class Secp256k1Group implements Group<ECPoint> {

  private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
  private static final ECCurve CURVE = PARAMS.getCurve();
  private static final ECPoint G = PARAMS.getG().normalize();
  private static final BigInteger N = PARAMS.getN();
  private static final BigInteger P = CURVE.getField().getCharacteristic();
  private static final int ELEMENT_LENGTH = 33;
  private static final int SCALAR_LENGTH = 32;
  private static final FixedPointCombMultiplier COMB = new FixedPointCombMultiplier();
  private static final long[] SEVEN = {7, 0, 0, 0, 0}; // the curve's b, in 5x52 limbs

  private static final Secp256k1FixedBase FIXED_BASE = new Secp256k1FixedBase(CURVE, G, N);
  private static final Secp256k1Msm MSM = new Secp256k1Msm(CURVE, G, N);

  public static final Secp256k1Group INSTANCE = new Secp256k1Group();

  private Secp256k1Group() {}

  /** The base-field prime p (tests need it to build non-canonical encodings). */
  public BigInteger fieldPrime() {
    return P;
  }

  public ECCurve curve() {
    return CURVE;
  }

  @Override
  public BigInteger order() {
    return N;
  }

  @Override
  public int cofactor() {
    return 1;
  }

  @Override
  public ECPoint identity() {
    return CURVE.getInfinity();
  }

  @Override
  public ECPoint generator() {
    return G;
  }

  @Override
  public ECPoint add(ECPoint a, ECPoint b) {
    return a.add(b);
  }

  @Override
  public ECPoint negate(ECPoint a) {
    return a.negate();
  }

  @Override
  public ECPoint subtract(ECPoint a, ECPoint b) {
    return a.subtract(b);
  }

  @Override
  public ECPoint multiply(ECPoint p, BigInteger k) {
    BigInteger r = k.mod(N);
    if (r.signum() == 0 || p.isInfinity()) {
      return CURVE.getInfinity();
    }
    return p.multiply(r); // curve default multiplier: GLV
  }

  @Override
  public ECPoint multiplyBase(BigInteger k) {
    BigInteger r = k.mod(N);
    if (r.signum() == 0) {
      return CURVE.getInfinity();
    }
    // affine: fixed-base results (nonce commitments, verifying shares, proof commitments) are
    // serialized, often several times, and each serialization would otherwise pay an inversion
    return FIXED_BASE.multiply(r);
  }

  /**
   * The fixed-base products with one inversion for all the non-zero scalars (the signer's two nonce
   * commitments); affine, as {@link #multiplyBase}.
   */
  @Override
  public List<ECPoint> multiplyBaseAll(List<BigInteger> scalars) {
    ECPoint[] out = new ECPoint[scalars.size()];
    BigInteger[] nonZero = new BigInteger[out.length];
    int m = 0;
    for (int i = 0; i < out.length; i++) {
      BigInteger r = scalars.get(i).mod(N);
      // as multiplyBase: a zero scalar (probability 1/n for a nonce) is the identity
      if (r.signum() == 0) {
        out[i] = CURVE.getInfinity();
      } else {
        nonZero[m++] = r;
      }
    }
    ECPoint[] products = FIXED_BASE.multiplyAll(java.util.Arrays.copyOf(nonZero, m));
    for (int i = 0, j = 0; i < out.length; i++) {
      if (out[i] == null) {
        out[i] = products[j++];
      }
    }
    return java.util.Arrays.asList(out);
  }

  /**
   * {@code k * G} with Bouncy Castle's comb, normalized (k in [1, n)): the fallback of the radix-64
   * table, and the figure it is benchmarked against. BC builds and caches the comb's table on G at
   * the first call, which on the request path practically never comes.
   */
  public static ECPoint combMultiply(BigInteger k) {
    return COMB.multiply(G, k).normalize();
  }

  /** The references on Bouncy Castle's {@code int[8]} field, built at first use. */
  private static final class Int32 {
    static final Secp256k1FixedBaseInt32 FIXED_BASE = new Secp256k1FixedBaseInt32(CURVE, G, N);
    static final Secp256k1MsmInt32 MSM = new Secp256k1MsmInt32(CURVE, G, N);
  }

  /**
   * {@code k * G} (k in [1, n)) with the radix-64 table on Bouncy Castle's {@code int[8]} field:
   * what the 5x52-limb field replaced, kept as its reference in tests and benchmarks.
   */
  public static ECPoint int32FixedBaseMultiply(BigInteger k) {
    return Int32.FIXED_BASE.multiply(k);
  }

  /**
   * The GLV/wNAF MSM on Bouncy Castle's {@code int[8]} field: what the 5x52-limb field replaced,
   * kept as its reference in tests and benchmarks.
   */
  public static ECPoint int32SumOfMultiplies(List<ECPoint> points, List<BigInteger> scalars) {
    return Int32.MSM.sumOfMultiplies(
        points.toArray(new ECPoint[0]), scalars.toArray(new BigInteger[0]));
  }

  @Override
  public ECPoint multiplyAll(List<ECPoint> points, List<BigInteger> scalars) {
    if (points.size() != scalars.size()) {
      throw new IllegalArgumentException("points and scalars differ in length");
    }
    if (points.isEmpty()) {
      return CURVE.getInfinity();
    }
    return MSM.sumOfMultiplies(points.toArray(new ECPoint[0]), scalars.toArray(new BigInteger[0]));
  }

  /**
   * The addends (public: the hiding commitments) join the MSM's accumulator before its single
   * normalization; the result is affine.
   */
  @Override
  public ECPoint addAllPlusMultiplyAll(
      List<ECPoint> addends, List<ECPoint> points, List<BigInteger> scalars) {
    if (points.size() != scalars.size()) {
      throw new IllegalArgumentException("points and scalars differ in length");
    }
    return MSM.sumOfMultiplies(
        addends.toArray(new ECPoint[0]),
        points.toArray(new ECPoint[0]),
        scalars.toArray(new BigInteger[0]));
  }

  /**
   * Bouncy Castle's {@code sumOfMultiplies} (GLV, wNAF, Straus) on its allocating field elements:
   * what {@link Secp256k1Msm} replaced, kept as its reference in tests and benchmarks.
   */
  public static ECPoint bcSumOfMultiplies(List<ECPoint> points, List<BigInteger> scalars) {
    ECPoint[] ps = points.toArray(new ECPoint[0]);
    BigInteger[] ks = new BigInteger[ps.length];
    for (int i = 0; i < ps.length; i++) {
      ks[i] = scalars.get(i).mod(N);
    }
    return ECAlgorithms.sumOfMultiplies(ps, ks);
  }

  @Override
  public boolean isIdentity(ECPoint a) {
    return a.isInfinity();
  }

  @Override
  public boolean equal(ECPoint a, ECPoint b) {
    return a.equals(b); // BC compares projective points by cross-multiplying Z
  }

  @Override
  public int elementLength() {
    return ELEMENT_LENGTH;
  }

  @Override
  public int scalarLength() {
    return SCALAR_LENGTH;
  }

  @Override
  public byte[] serializeElement(ECPoint e) {
    if (e.isInfinity()) {
      throw new IllegalArgumentException("the identity cannot be serialized");
    }
    return e.normalize().getEncoded(true);
  }

  @Override
  public ECPoint deserializeElement(byte[] bytes) throws InvalidEncodingException {
    if (bytes.length != ELEMENT_LENGTH) {
      throw new InvalidEncodingException(Reason.WRONG_LENGTH);
    }
    if (bytes[0] != 0x02 && bytes[0] != 0x03) {
      // 00 (identity) and 04 (uncompressed) are SEC1 encodings, but not RFC 9591's.
      throw new InvalidEncodingException(Reason.NON_CANONICAL);
    }
    BigInteger x = new BigInteger(1, bytes, 1, SCALAR_LENGTH);
    if (x.compareTo(P) >= 0) {
      throw new InvalidEncodingException(Reason.NON_CANONICAL);
    }
    // y = sqrt(x^3 + 7) on the 5x52 field: about half the time of Bouncy Castle's decodePoint,
    // and two of these are in every sign (the client's commitments). Public values: the parity
    // branch is not a leak.
    long[] fx = Secp256k1Field52.fromBigInteger(x);
    long[] rhs = new long[5];
    Secp256k1Field52.sqr(fx, rhs);
    Secp256k1Field52.mul(rhs, fx, rhs);
    Secp256k1Field52.add(rhs, SEVEN, rhs);
    long[] y = new long[5];
    if (Secp256k1Field52.sqrt(rhs, y) == 0) {
      throw new InvalidEncodingException(Reason.NOT_ON_CURVE); // x^3 + 7 is not a square
    }
    Secp256k1Field52.normalize(y, y);
    if ((y[0] & 1) != (bytes[0] & 1)) {
      Secp256k1Field52.negate(y, 1, y);
      Secp256k1Field52.normalize(y, y);
    }
    // y is never 0 (no point of order 2), so the result is never the identity
    return CURVE.createPoint(x, Secp256k1Field52.toBigInteger(y));
  }

  /**
   * Compressed SEC1 forms: 33 zero bytes for the identity (SEC1's identity is the single byte 00,
   * which no fixed-width element can be); x = 5, the smallest x > 0 with x^3 + 7 not a square; and
   * x = p + 1, the non-canonical alias of the point with x = 1. The cofactor is 1: no small order.
   */
  @Override
  public Map<InvalidElementKind, byte[]> invalidElementEncodings() {
    Map<InvalidElementKind, byte[]> m = new EnumMap<>(InvalidElementKind.class);
    m.put(InvalidElementKind.IDENTITY, new byte[ELEMENT_LENGTH]);
    byte[] off = new byte[ELEMENT_LENGTH];
    off[0] = 0x02;
    off[ELEMENT_LENGTH - 1] = 5;
    m.put(InvalidElementKind.OFF_CURVE, off);
    byte[] alias = new byte[ELEMENT_LENGTH];
    alias[0] = 0x02;
    byte[] x = Bytes.unsigned32(P.add(BigInteger.ONE));
    System.arraycopy(x, 0, alias, 1, SCALAR_LENGTH);
    m.put(InvalidElementKind.NON_CANONICAL, alias);
    return m;
  }

  @Override
  public byte[] serializeScalar(BigInteger s) {
    if (s.signum() < 0 || s.compareTo(N) >= 0) {
      throw new IllegalArgumentException("scalar not in [0, n)");
    }
    // fixed width: scalars are often secrets (shares, nonces), toByteArray's length is not
    return Bytes.unsigned32(s);
  }

  @Override
  public BigInteger deserializeScalar(byte[] bytes) throws InvalidEncodingException {
    if (bytes.length != SCALAR_LENGTH) {
      throw new InvalidEncodingException(Reason.WRONG_LENGTH);
    }
    BigInteger s = new BigInteger(1, bytes);
    if (s.compareTo(N) >= 0) {
      throw new InvalidEncodingException(Reason.SCALAR_OUT_OF_RANGE);
    }
    return s;
  }
}
