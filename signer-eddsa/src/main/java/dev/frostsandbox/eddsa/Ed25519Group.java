package dev.frostsandbox.eddsa;

import dev.frostsandbox.eddsa.EdMath.Acc;
import dev.frostsandbox.eddsa.EdMath.Cached;
import dev.frostsandbox.eddsa.EdMath.Niels;
import dev.frostsandbox.frost.Bytes;
import dev.frostsandbox.frost.Group;
import dev.frostsandbox.frost.InvalidElementKind;
import dev.frostsandbox.frost.InvalidEncodingException;
import dev.frostsandbox.frost.InvalidEncodingException.Reason;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.math.ec.rfc7748.X25519Field;

/**
 * The prime-order subgroup of edwards25519 (RFC 8032 / RFC 9591 §6.1). Elements are 32-byte RFC
 * 8032 encodings, scalars 32-byte little-endian integers below L.
 */
public final class Ed25519Group implements Group<Ed25519Point> {

  public static final Ed25519Group INSTANCE = new Ed25519Group();

  /** L = 2^252 + 27742317777372353535851937790883648493. */
  public static final BigInteger L =
      BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));

  private static final int ELEMENT_LENGTH = 32;
  private static final int SCALAR_LENGTH = 32;

  /** wNAF width for variable points: 8 cached odd multiples. */
  private static final int VAR_W = 5;

  /** wNAF width for the base point inside multi-scalar multiplication: 64 affine odd multiples. */
  private static final int BASE_W = 8;

  private static final Ed25519Point IDENTITY =
      new Ed25519Point(new long[5], Field51.one(), Field51.one(), new long[5]);
  private static final Ed25519Point BASE;

  /** BASE_TABLE[i][j] = (j+1) * 256^i * B, for signed radix-16 fixed-base multiplication. */
  private static final Niels[][] BASE_TABLE = new Niels[32][8];

  /** BASE_ODD[j] = (2j+1) * B. */
  private static final Niels[] BASE_ODD = new Niels[1 << (BASE_W - 2)];

  /**
   * Decoded points, by encoding: {@code -Dfrostsandbox.ed25519.pointCache=N} (rounded up to a power
   * of two, 0 for none), 4096 by default; see {@link Ed25519PointCache#capacityFromProperty}.
   */
  private static final Ed25519PointCache CACHE =
      new Ed25519PointCache(
          Ed25519PointCache.capacityFromProperty(System.getProperty(Ed25519PointCache.PROPERTY)));

  /** wNAF of L itself, to test subgroup membership without reducing the scalar. */
  private static final byte[] ORDER_NAF;

  static {
    byte[] enc = new byte[32];
    enc[0] = 0x58;
    for (int i = 1; i < 32; i++) {
      enc[i] = 0x66;
    }
    BASE = decompress(enc);
    buildBaseTables();
    ORDER_NAF = EdMath.wnaf(EdMath.words(toLe32(L)), VAR_W);
  }

  private Ed25519Group() {}

  private static void buildBaseTables() {
    Acc row = new Acc();
    row.set(BASE);
    Acc acc = new Acc();
    for (int i = 0; i < 32; i++) {
      Cached rowCached = row.toCached();
      acc.setIdentity();
      for (int j = 0; j < 8; j++) {
        acc.add(rowCached, false);
        BASE_TABLE[i][j] = new Niels(acc.x, acc.y, acc.z);
      }
      for (int k = 0; k < 8; k++) {
        row.dbl(k == 7);
      }
    }
    acc.set(BASE);
    acc.dbl(true);
    Cached twice = acc.toCached();
    acc.set(BASE);
    for (int j = 0; j < BASE_ODD.length; j++) {
      BASE_ODD[j] = new Niels(acc.x, acc.y, acc.z);
      acc.add(twice, false);
    }
  }

  @Override
  public BigInteger order() {
    return L;
  }

  @Override
  public int cofactor() {
    return 8;
  }

  @Override
  public Ed25519Point identity() {
    return IDENTITY;
  }

  @Override
  public Ed25519Point generator() {
    return BASE;
  }

  @Override
  public Ed25519Point add(Ed25519Point a, Ed25519Point b) {
    Acc acc = new Acc();
    acc.set(a);
    acc.add(new Cached(b.x, b.y, b.z, b.t), false);
    return acc.toPoint();
  }

  @Override
  public Ed25519Point negate(Ed25519Point a) {
    long[] x = new long[5];
    long[] t = new long[5];
    Field51.negate(a.x, x);
    Field51.negate(a.t, t);
    return new Ed25519Point(x, a.y, a.z, t);
  }

  @Override
  public Ed25519Point subtract(Ed25519Point a, Ed25519Point b) {
    Acc acc = new Acc();
    acc.set(a);
    acc.add(new Cached(b.x, b.y, b.z, b.t), true);
    return acc.toPoint();
  }

  /** Doubling (dedicated formula). */
  public Ed25519Point dbl(Ed25519Point a) {
    Acc acc = new Acc();
    acc.set(a);
    acc.dbl(true);
    return acc.toPoint();
  }

  @Override
  public Ed25519Point multiply(Ed25519Point p, BigInteger k) {
    return multiplyAll(List.of(p), List.of(k));
  }

  /**
   * Fixed-base k*B with ref10's signed radix-16 digits and 32x8 precomputed affine points. The
   * table lookup is constant-time (nonces go through here); converting k to digits is not.
   */
  @Override
  public Ed25519Point multiplyBase(BigInteger k) {
    byte[] s = toLe32(reduce(k));
    byte[] e = new byte[64];
    for (int i = 0; i < 32; i++) {
      e[2 * i] = (byte) (s[i] & 15);
      e[2 * i + 1] = (byte) ((s[i] >>> 4) & 15);
    }
    int carry = 0;
    for (int i = 0; i < 63; i++) {
      int v = e[i] + carry;
      carry = (v + 8) >> 4;
      e[i] = (byte) (v - (carry << 4));
    }
    e[63] += (byte) carry;

    Acc acc = new Acc();
    Niels sel = new Niels();
    long[] scratch = new long[5];
    for (int i = 1; i < 64; i += 2) {
      select(sel, BASE_TABLE[i >> 1], e[i], scratch);
      acc.add(sel, false);
    }
    acc.dbl(false);
    acc.dbl(false);
    acc.dbl(false);
    acc.dbl(true);
    for (int i = 0; i < 64; i += 2) {
      select(sel, BASE_TABLE[i >> 1], e[i], scratch);
      acc.add(sel, false);
    }
    // the digits are the secret scalar's
    Arrays.fill(s, (byte) 0);
    Arrays.fill(e, (byte) 0);
    return acc.toPoint();
  }

  /** sel = digit * row[0] for digit in [-8, 8], scanning the whole row. */
  private static void select(Niels sel, Niels[] row, int digit, long[] scratch) {
    int negMask = digit >> 31;
    int abs = (digit ^ negMask) - negMask;
    sel.setIdentity();
    for (int j = 0; j < 8; j++) {
      int diff = abs ^ (j + 1);
      long eq = (diff - 1L) >> 63; // all ones iff abs == j + 1
      Field51.cmov(eq, row[j].ypx, sel.ypx);
      Field51.cmov(eq, row[j].ymx, sel.ymx);
      Field51.cmov(eq, row[j].xy2d, sel.xy2d);
    }
    Field51.cswap(negMask, sel.ypx, sel.ymx);
    Field51.negate(sel.xy2d, scratch);
    Field51.cmov(negMask, scratch, sel.xy2d);
  }

  /** Interleaved (Straus) wNAF; the generator uses a larger static affine table. */
  @Override
  public Ed25519Point multiplyAll(List<Ed25519Point> points, List<BigInteger> scalars) {
    int n = points.size();
    if (scalars.size() != n) {
      throw new IllegalArgumentException("points and scalars differ in length");
    }
    byte[][] nafs = new byte[n][];
    Cached[][] tables = new Cached[n][];
    for (int i = 0; i < n; i++) {
      Ed25519Point p = points.get(i);
      int[] k = EdMath.words(toLe32(reduce(scalars.get(i))));
      if (equal(p, BASE)) {
        nafs[i] = EdMath.wnaf(k, BASE_W);
      } else {
        nafs[i] = EdMath.wnaf(k, VAR_W);
        tables[i] = EdMath.oddMultiples(p, 1 << (VAR_W - 2));
      }
    }
    return straus(nafs, tables);
  }

  /** Sum of nafs[i] * P_i, with P_i given by tables[i] (null: the base point). */
  private static Ed25519Point straus(byte[][] nafs, Cached[][] tables) {
    int top = -1;
    for (byte[] naf : nafs) {
      for (int pos = 255; pos > top; pos--) {
        if (naf[pos] != 0) {
          top = pos;
          break;
        }
      }
    }
    Acc acc = new Acc();
    for (int pos = top; pos >= 0; pos--) {
      boolean any = false;
      for (byte[] naf : nafs) {
        if (naf[pos] != 0) {
          any = true;
          break;
        }
      }
      if (pos != top) {
        acc.dbl(any);
      }
      if (!any) {
        continue;
      }
      for (int i = 0; i < nafs.length; i++) {
        int digit = nafs[i][pos];
        if (digit == 0) {
          continue;
        }
        boolean neg = digit < 0;
        int idx = (neg ? -digit : digit) >> 1;
        if (tables[i] == null) {
          acc.add(BASE_ODD[idx], neg);
        } else {
          acc.add(tables[i][idx], neg);
        }
      }
    }
    return acc.toPoint();
  }

  /** L * p without reducing L mod L: identity iff p is in the prime-order subgroup. */
  static Ed25519Point multiplyByOrder(Ed25519Point p) {
    return straus(
        new byte[][] {ORDER_NAF}, new Cached[][] {EdMath.oddMultiples(p, 1 << (VAR_W - 2))});
  }

  @Override
  public boolean isIdentity(Ed25519Point a) {
    return Field51.isZero(a.x) && Field51.equal(a.y, a.z);
  }

  @Override
  public boolean equal(Ed25519Point a, Ed25519Point b) {
    long[] u = new long[5];
    long[] v = new long[5];
    Field51.mul(a.x, b.z, u);
    Field51.mul(b.x, a.z, v);
    if (!Field51.equal(u, v)) {
      return false;
    }
    Field51.mul(a.y, b.z, u);
    Field51.mul(b.y, a.z, v);
    return Field51.equal(u, v);
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
  public byte[] serializeElement(Ed25519Point e) {
    if (isIdentity(e)) {
      throw new IllegalArgumentException("the identity element cannot be serialized");
    }
    return e.encode();
  }

  /**
   * RFC 9591 DeserializeElement. Decoded points are kept in a bounded cache keyed by the encoding
   * (see {@link Ed25519PointCache}); a hit skips decoding and the subgroup check.
   */
  @Override
  public Ed25519Point deserializeElement(byte[] bytes) throws InvalidEncodingException {
    if (bytes == null || bytes.length != ELEMENT_LENGTH) {
      throw new InvalidEncodingException(Reason.WRONG_LENGTH);
    }
    Ed25519Point cached = CACHE.get(bytes);
    if (cached != null) {
      return cached;
    }
    Ed25519Point p = deserializeUncached(bytes);
    CACHE.put(bytes, p);
    return p;
  }

  /**
   * DeserializeElement without the cache: canonical y, on the curve, not the identity, in the
   * prime-order subgroup ({@link Ed25519Subgroup}: a square root and a quartic character), fused
   * with the decompression in {@link Ed25519Decoding}.
   */
  public static Ed25519Point deserializeUncached(byte[] bytes) throws InvalidEncodingException {
    checkLengthAndCanonicalY(bytes);
    return Ed25519Decoding.decode(bytes);
  }

  /**
   * DeserializeElement as {@link #deserializeUncached} did before {@link Ed25519Decoding}:
   * decompression, then {@link #inPrimeOrderSubgroup} on the point (tests).
   */
  static Ed25519Point deserializeUnfused(byte[] bytes) throws InvalidEncodingException {
    Ed25519Point p = decodeNotIdentity(bytes);
    if (!inPrimeOrderSubgroup(p)) {
      throw new InvalidEncodingException(Reason.NOT_IN_SUBGROUP);
    }
    return p;
  }

  /**
   * DeserializeElement as it was before the quartic-character test: the subgroup check multiplies
   * by L. The reference for tests and benchmarks.
   */
  public static Ed25519Point deserializeReference(byte[] bytes) throws InvalidEncodingException {
    Ed25519Point p = decodeNotIdentity(bytes);
    if (!INSTANCE.isIdentity(multiplyByOrder(p))) {
      throw new InvalidEncodingException(Reason.NOT_IN_SUBGROUP);
    }
    return p;
  }

  /** The checks on the bytes that come before any field arithmetic. */
  private static void checkLengthAndCanonicalY(byte[] bytes) throws InvalidEncodingException {
    if (bytes == null || bytes.length != ELEMENT_LENGTH) {
      throw new InvalidEncodingException(Reason.WRONG_LENGTH);
    }
    if (!yIsCanonical(bytes)) {
      throw new InvalidEncodingException(Reason.NON_CANONICAL);
    }
  }

  private static Ed25519Point decodeNotIdentity(byte[] bytes) throws InvalidEncodingException {
    checkLengthAndCanonicalY(bytes);
    Ed25519Point p = decompressOrReason(bytes);
    if (INSTANCE.isIdentity(p)) {
      throw new InvalidEncodingException(Reason.IDENTITY);
    }
    return p;
  }

  /** Whether L*p is the identity, without multiplying by L (except for a handful of points). */
  static boolean inPrimeOrderSubgroup(Ed25519Point p) {
    long[] x = new long[5];
    long[] y = new long[5];
    EdMath.affine(p.x, p.y, p.z, x, y);
    return switch (Ed25519Subgroup.check(x, y)) {
      case IN_SUBGROUP -> true;
      case NOT_IN_SUBGROUP -> false;
      case UNDECIDED -> INSTANCE.isIdentity(multiplyByOrder(p));
    };
  }

  /** The decoded-point cache (tests). */
  static Ed25519PointCache cache() {
    return CACHE;
  }

  /**
   * Little-endian y with the sign bit: the identity (0, 1); y = 2, the smallest y with no x on the
   * curve; y = p + 1, the non-canonical alias of the identity (every y in [p, 2^255) decodes to a
   * point of small order or to the identity, so no alias of a prime-order point exists); and a
   * point of order 8.
   */
  @Override
  public Map<InvalidElementKind, byte[]> invalidElementEncodings() {
    Map<InvalidElementKind, byte[]> m = new EnumMap<>(InvalidElementKind.class);
    m.put(
        InvalidElementKind.IDENTITY,
        Bytes.fromHex("0100000000000000000000000000000000000000000000000000000000000000"));
    m.put(
        InvalidElementKind.OFF_CURVE,
        Bytes.fromHex("0200000000000000000000000000000000000000000000000000000000000000"));
    m.put(
        InvalidElementKind.NON_CANONICAL,
        Bytes.fromHex("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"));
    m.put(
        InvalidElementKind.SMALL_ORDER,
        Bytes.fromHex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"));
    return m;
  }

  /** y (sign bit cleared) < p = 2^255 - 19. */
  private static boolean yIsCanonical(byte[] b) {
    if ((b[31] & 0x7f) != 0x7f) {
      return true;
    }
    for (int i = 30; i > 0; i--) {
      if ((b[i] & 0xff) != 0xff) {
        return true;
      }
    }
    return (b[0] & 0xff) < 0xed;
  }

  /**
   * RFC 8032 §5.1.3 steps 2-4 on a canonical y; no subgroup or identity check. Kept on Bouncy
   * Castle's field as the reference {@link Ed25519Decoding}'s tests compare with; also decodes the
   * base point.
   */
  private static Ed25519Point decompressOrReason(byte[] b) throws InvalidEncodingException {
    int sign = (b[31] & 0x80) >>> 7;
    int[] y = X25519Field.create();
    X25519Field.decode(b, 0, y); // drops the sign bit
    int[] u = X25519Field.create();
    int[] v = X25519Field.create();
    X25519Field.sqr(y, u);
    X25519Field.mul(EdMath.D_X25519, u, v);
    X25519Field.subOne(u);
    X25519Field.addOne(v);
    int[] x = X25519Field.create();
    if (!Field51.sqrtRatioVar(u, v, x)) {
      throw new InvalidEncodingException(Reason.NOT_ON_CURVE);
    }
    X25519Field.normalize(x);
    if (sign == 1 && X25519Field.isZeroVar(x)) {
      throw new InvalidEncodingException(Reason.NON_CANONICAL);
    }
    if (sign != (x[0] & 1)) {
      X25519Field.negate(x, x);
      X25519Field.normalize(x);
    }
    long[] x51 = Field51.fromX25519(x);
    long[] y51 = Field51.decode(b); // drops the sign bit
    long[] t = new long[5];
    Field51.mul(x51, y51, t);
    // canonical y and the sign bit checked above: b is this point's encoding
    return new Ed25519Point(x51, y51, Field51.one(), t, b);
  }

  /** Decodes any curve point, including small-order ones (tests and the base point). */
  static Ed25519Point decompress(byte[] b) {
    try {
      if (b.length != ELEMENT_LENGTH || !yIsCanonical(b)) {
        throw new IllegalArgumentException("not a canonical encoding");
      }
      return decompressOrReason(b);
    } catch (InvalidEncodingException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** Reduces mod L; out-of-range input is accepted so callers may pass any integer. */
  @Override
  public byte[] serializeScalar(BigInteger s) {
    return toLe32(reduce(s));
  }

  @Override
  public BigInteger deserializeScalar(byte[] bytes) throws InvalidEncodingException {
    if (bytes == null || bytes.length != SCALAR_LENGTH) {
      throw new InvalidEncodingException(Reason.WRONG_LENGTH);
    }
    BigInteger s = fromLe(bytes);
    if (s.compareTo(L) >= 0) {
      throw new InvalidEncodingException(Reason.SCALAR_OUT_OF_RANGE);
    }
    return s;
  }

  static BigInteger reduce(BigInteger k) {
    return (k.signum() < 0 || k.compareTo(L) >= 0) ? k.mod(L) : k;
  }

  /** Little-endian unsigned integer. */
  static BigInteger fromLe(byte[] le) {
    byte[] be = new byte[le.length];
    for (int i = 0; i < le.length; i++) {
      be[i] = le[le.length - 1 - i];
    }
    return new BigInteger(1, be);
  }

  /** 32-byte little-endian encoding of 0 <= v < 2^256, fixed width (v is often a secret). */
  static byte[] toLe32(BigInteger v) {
    byte[] be = Bytes.unsigned32(v);
    byte[] le = new byte[32];
    for (int i = 0; i < 32; i++) {
      le[i] = be[31 - i];
    }
    Arrays.fill(be, (byte) 0);
    return le;
  }
}
