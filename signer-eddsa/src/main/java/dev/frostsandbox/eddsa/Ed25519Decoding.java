package dev.frostsandbox.eddsa;

import dev.frostsandbox.frost.InvalidEncodingException;
import dev.frostsandbox.frost.InvalidEncodingException.Reason;

/**
 * RFC 9591 DeserializeElement for edwards25519 in one pass over {@link Field51}: RFC 8032 §5.1.3
 * decompression and the {@link Ed25519Subgroup} membership test share y^2, v = 1 + d*y^2, v^3 and
 * v^7, and everything stays in 51-bit limbs, the decoded point's too. Cost: three exponentiations,
 * each ref10's pow22523 chain: the decompression's square root and the halving's square root w =
 * sqrt((1+d)/v), which depend on y only and run interleaved ({@link Field51#pow22523x2}), then the
 * quartic character.
 *
 * <p>Variable time: this runs on public points only (commitments, public keys, signatures).
 */
final class Ed25519Decoding {

  private Ed25519Decoding() {}

  private static final long[] ONE = {1, 0, 0, 0, 0};
  private static final long[] ONE_PLUS_D = Field51.fromX25519(Ed25519Subgroup.ONE_PLUS_D);
  private static final long[] C = Field51.fromX25519(Ed25519Subgroup.C);
  private static final long[] IC_PLUS_2 = Field51.fromX25519(Ed25519Subgroup.IC_PLUS_2);

  /**
   * Decodes a 32-byte encoding whose y (sign bit cleared) is already known to be canonical:
   * decompression, then not the identity, then in the prime-order subgroup. The reasons and their
   * order are those of decompression followed by {@link Ed25519Group#inPrimeOrderSubgroup}.
   */
  static Ed25519Point decode(byte[] b) throws InvalidEncodingException {
    int sign = (b[31] & 0x80) >>> 7;
    long[] y = Field51.decode(b); // drops the sign bit
    long[] y2 = new long[5];
    long[] u = new long[5];
    long[] v = new long[5];
    Field51.sqr(y, y2);
    Field51.sub(y2, ONE, u); // u = y^2 - 1
    Field51.mul(y2, EdMath.D, v);
    Field51.add(v, ONE, v); // v = d*y^2 + 1 (never 0: -1/d is not a square)
    long[] v3 = new long[5];
    long[] v7 = new long[5];
    Field51.sqr(v, v3);
    Field51.mul(v3, v, v3);
    Field51.sqr(v3, v7);
    Field51.mul(v7, v, v7);

    // x = sqrt(u/v) (decompression) and w = sqrt((1+d)/v) (P is in 2E iff it exists): both
    // depend on y only, so their exponentiations run interleaved
    long[] x = new long[5];
    long[] w = new long[5];
    int roots = sqrtRatio2(u, ONE_PLUS_D, v, v3, v7, x, w);
    if ((roots & 1) == 0) {
      throw new InvalidEncodingException(Reason.NOT_ON_CURVE);
    }
    boolean xIsZero = Field51.isZero(x);
    if (sign == 1 && xIsZero) {
      throw new InvalidEncodingException(Reason.NON_CANONICAL);
    }
    if (Field51.lowBit(x) != sign) {
      Field51.negate(x, x);
    }
    if (xIsZero) {
      // (0, 1) or (0, -1), of order 2
      throw new InvalidEncodingException(
          Field51.isOne(y) ? Reason.IDENTITY : Reason.NOT_IN_SUBGROUP);
    }
    Ed25519Subgroup.Verdict verdict = subgroupVerdict(x, y, y2, (roots & 2) != 0 ? w : null);
    if (verdict == Ed25519Subgroup.Verdict.NOT_IN_SUBGROUP) {
      throw new InvalidEncodingException(Reason.NOT_IN_SUBGROUP);
    }
    Ed25519Point p = point(x, y, b);
    // UNDECIDED is unreachable for curve points (see Ed25519Subgroup): a multiplication by L
    // decides
    if (verdict == Ed25519Subgroup.Verdict.UNDECIDED
        && !Ed25519Group.INSTANCE.isIdentity(Ed25519Group.multiplyByOrder(p))) {
      throw new InvalidEncodingException(Reason.NOT_IN_SUBGROUP);
    }
    return p;
  }

  /**
   * A square root of n/v as RFC 8032 computes it, n*v^3*(n*v^7)^((p-5)/8), times sqrt(-1) if
   * needed; null if n/v is not a square. v3 = v^3, v7 = v^7.
   */
  static long[] sqrtRatio(long[] n, long[] v, long[] v3, long[] v7) {
    long[] t = new long[5];
    Field51.mul(n, v7, t);
    Field51.pow22523(t, t);
    long[] r = new long[5];
    Field51.mul(t, n, r);
    Field51.mul(r, v3, r);
    return fixRoot(r, n, v) ? r : null;
  }

  /**
   * {@link #sqrtRatio} of n1/v into r1 and of n2/v into r2, with the two exponentiations
   * interleaved; bit 0 of the result is set if n1/v is a square (r1 is then its root), bit 1 if
   * n2/v is.
   */
  static int sqrtRatio2(
      long[] n1, long[] n2, long[] v, long[] v3, long[] v7, long[] r1, long[] r2) {
    long[] t1 = new long[5];
    long[] t2 = new long[5];
    Field51.mul(n1, v7, t1);
    Field51.mul(n2, v7, t2);
    Field51.pow22523x2(t1, t2, t1, t2);
    Field51.mul(t1, n1, r1);
    Field51.mul(r1, v3, r1);
    Field51.mul(t2, n2, r2);
    Field51.mul(r2, v3, r2);
    return (fixRoot(r1, n1, v) ? 1 : 0) | (fixRoot(r2, n2, v) ? 2 : 0);
  }

  /** r is a candidate root of n/v: keeps it, multiplies it by sqrt(-1), or reports no root. */
  private static boolean fixRoot(long[] r, long[] n, long[] v) {
    long[] vr2 = new long[5];
    Field51.sqr(r, vr2);
    Field51.mul(vr2, v, vr2);
    if (Field51.equal(vr2, n)) {
      return true;
    }
    Field51.add(vr2, n, vr2);
    if (Field51.isZero(vr2)) {
      Field51.mul(r, Field51.SQRT_M1, r);
      return true;
    }
    return false;
  }

  /**
   * {@link Ed25519Subgroup#check} on Field51 for a curve point with x != 0, given w = sqrt((1+d)/v)
   * (null if there is none).
   */
  private static Ed25519Subgroup.Verdict subgroupVerdict(long[] x, long[] y, long[] y2, long[] w) {
    if (Field51.isZero(y)) {
      return Ed25519Subgroup.Verdict.NOT_IN_SUBGROUP; // (+-i, 0), order 4
    }
    long[] a = new long[5];
    long[] e = new long[5];
    Field51.sqr(x, a);
    Field51.add(a, y2, e);
    if (Field51.isZero(e)) {
      return Ed25519Subgroup.Verdict.NOT_IN_SUBGROUP; // x = +-i*y: the four points of order 8
    }
    // P is in 2E iff w exists
    if (w == null) {
      return Ed25519Subgroup.Verdict.NOT_IN_SUBGROUP;
    }
    long[] s = new long[5];
    Field51.add(w, ONE, s); // S = 1 + w

    long[] zs = new long[5];
    Field51.mul(x, EdMath.D, zs); // Zs = d*x
    long[] z2 = new long[5];
    Field51.sqr(zs, z2);
    long[] ds2 = new long[5];
    Field51.sqr(s, ds2);
    Field51.mul(ds2, EdMath.D, ds2);

    long[] yp = new long[5];
    Field51.add(y, ONE, yp); // 1 + y
    long[] ym = new long[5];
    Field51.sub(ONE, y, ym); // 1 - y

    long[] b = new long[5];
    // Ny = (1+y)*Zs^2 + (1-y)*d*S^2
    long[] ny = new long[5];
    Field51.mul(yp, z2, a);
    Field51.mul(ym, ds2, b);
    Field51.add(a, b, ny);
    // Dm = (1-y)*(Zs^2 - d*S^2)
    long[] dm = new long[5];
    Field51.sub(z2, ds2, e);
    Field51.mul(ym, e, dm);
    // N*S = (c*Zs + (i*c+2)*S) * S
    long[] ns = new long[5];
    Field51.mul(zs, C, a);
    Field51.mul(s, IC_PLUS_2, b);
    Field51.add(a, b, e);
    Field51.mul(e, s, ns);

    // G = 4 * Ny * Dm^3 * (N*S)^2
    long[] g = new long[5];
    Field51.sqr(dm, a);
    Field51.mul(a, dm, a);
    Field51.mul(ny, a, g);
    Field51.sqr(ns, b);
    Field51.mul(g, b, g);
    Field51.mulSmall(g, 4, g);
    if (Field51.isZero(g)) {
      return Ed25519Subgroup.Verdict.UNDECIDED;
    }
    // chi_4(G) = G^((p-1)/4) = G^(2^253 - 5)
    Field51.pow22523(g, a); // 2^252 - 3
    Field51.sqr(a, a); // 2^253 - 6
    Field51.mul(a, g, a); // 2^253 - 5
    return Field51.isOne(a)
        ? Ed25519Subgroup.Verdict.IN_SUBGROUP
        : Ed25519Subgroup.Verdict.NOT_IN_SUBGROUP;
  }

  /** The extended point (x, y, 1, x*y). */
  private static Ed25519Point point(long[] x, long[] y, byte[] b) {
    long[] t = new long[5];
    Field51.mul(x, y, t);
    // canonical y and the sign bit checked: b is this point's encoding
    return new Ed25519Point(x, y, Field51.one(), t, b);
  }
}
