package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.ecdsaschnorr.Secp256k1Jacobian52.Scratch;
import java.math.BigInteger;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.raw.Nat;
import org.bouncycastle.math.raw.Nat256;

/**
 * {@code k * G} on secp256k1 with a signed radix-64 table: 43 windows of the odd multiples {@code
 * 1, 3, ..., 63} times {@code 64^i * G} (1376 affine points, 110 KiB), so a multiplication is 42
 * mixed additions and no doublings, against the 43 doublings and 43 additions of Bouncy Castle's
 * 6-bit comb. Field arithmetic is {@link Secp256k1Field52} (5x52-bit limbs, as libsecp256k1's);
 * {@link Secp256k1FixedBaseInt32}, the same walk on Bouncy Castle's {@code int[8]} field, is kept
 * as its reference. (Windows of 4, 5, 7 and 8 bits were measured too, on the {@code int[8]} field:
 * smaller windows add more, larger ones spend the gain on reading every entry.)
 *
 * <p>The scalars are secret nonces and shares, so the table walk has no secret-dependent branches
 * or memory accesses: every entry of a window is read and masked, the sign is applied by a masked
 * negation, and the regular recoding (Joye-Tunstall: every digit odd and non-zero) needs no skip
 * for zero digits. The additions are incomplete; the cases they miss (adding a point to itself or
 * its negation) are flagged without branching and, in that case, which needs a scalar within about
 * 2^-250 of a handful of values, the result is recomputed with Bouncy Castle's comb.
 */
final class Secp256k1FixedBase {

  private static final int BITS = 6;
  private static final int WINDOWS = (256 + BITS - 1) / BITS;
  private static final int ENTRIES = 1 << (BITS - 1); // odd multiples 1, 3, ..., 2^BITS - 1

  private final ECCurve curve;
  private final int[] orderLimbs;

  /** Per entry, x then y, 5 limbs each, normalized. */
  private final long[] table = new long[WINDOWS * ENTRIES * 10];

  Secp256k1FixedBase(ECCurve curve, ECPoint generator, BigInteger order) {
    this.curve = curve;
    this.orderLimbs = Nat256.fromBigInteger(order);
    ECPoint[] points = new ECPoint[WINDOWS * ENTRIES];
    ECPoint base = generator;
    for (int w = 0; w < WINDOWS; w++) {
      ECPoint twice = base.twice();
      ECPoint multiple = base;
      for (int j = 0; j < ENTRIES; j++) {
        points[w * ENTRIES + j] = multiple;
        multiple = multiple.add(twice);
      }
      base = base.timesPow2(BITS);
    }
    curve.normalizeAll(points);
    for (int i = 0; i < points.length; i++) {
      long[] x = Secp256k1Field52.fromBigInteger(points[i].getAffineXCoord().toBigInteger());
      long[] y = Secp256k1Field52.fromBigInteger(points[i].getAffineYCoord().toBigInteger());
      System.arraycopy(x, 0, table, i * 10, 5);
      System.arraycopy(y, 0, table, i * 10 + 5, 5);
    }
  }

  /** {@code k * G} for {@code k} in [1, n), normalized (affine). */
  ECPoint multiply(BigInteger k) {
    ECPoint p = multiplyIfRegular(k);
    // adding a point to itself or to its negation: the mixed addition does not cover it
    return p != null ? p : Secp256k1Group.combMultiply(k);
  }

  /** {@code k * G}, or null when the walk met a case its additions do not cover. */
  ECPoint multiplyIfRegular(BigInteger k) {
    int[] scalar = Nat256.fromBigInteger(k);
    // The recoding needs an odd scalar: for even k use n - k (odd, as n is odd), negate at the end.
    int even = (scalar[0] & 1) ^ 1;
    int[] negated = new int[8];
    Nat256.sub(orderLimbs, scalar, negated);
    Nat.cmov(8, even, negated, 0, scalar, 0);
    short[] digits = recode(scalar);

    Scratch s = new Scratch();
    long[] x = new long[5];
    long[] y = new long[5];
    long[] z = new long[5];
    select(0, digits[0], x, y, s);
    z[0] = 1;
    int exceptional = 0;
    for (int w = 1; w < WINDOWS; w++) {
      select(w, digits[w], s.ax, s.ay, s);
      exceptional |= addAffine(x, y, z, s);
    }
    if (exceptional != 0) {
      return null;
    }
    // to affine, then the sign of the whole scalar
    Secp256k1Jacobian52.normalize(x, y, z, s);
    long[] negY = s.n;
    Secp256k1Field52.negate(y, 1, negY);
    Secp256k1Field52.normalize(negY, negY);
    Secp256k1Field52.cmov(negY, even, y);
    return Secp256k1Jacobian52.point(curve, x, y);
  }

  /**
   * Regular signed radix-64 recoding of an odd scalar: 43 digits, each odd in [-63, 63], with
   * {@code k = sum(d_i * 64^i)}. Each step takes {@code d = (k mod 128) - 64} and {@code k = (k -
   * d) / 64}, which keeps k odd; the last quotient (k < 2^256) is an odd value at most 15.
   */
  private static short[] recode(int[] k) {
    int[] r = k.clone();
    short[] digits = new short[WINDOWS];
    for (int i = 0; i < WINDOWS - 1; i++) {
      int d = (r[0] & ((2 << BITS) - 1)) - (1 << BITS);
      digits[i] = (short) d;
      // r = (r - d) >> BITS on 8 limbs; r - d is a multiple of 2^BITS and may carry past 2^256
      long carry = -(long) d;
      for (int j = 0; j < 8; j++) {
        carry += r[j] & 0xFFFFFFFFL;
        r[j] = (int) carry;
        carry >>= 32;
      }
      for (int j = 0; j < 7; j++) {
        r[j] = (r[j] >>> BITS) | (r[j + 1] << (32 - BITS));
      }
      r[7] = (r[7] >>> BITS) | ((int) carry << (32 - BITS));
    }
    digits[WINDOWS - 1] = (short) r[0];
    return digits;
  }

  /** (ax, ay) = d * 2^(BITS w) * G for an odd digit d, reading every entry of the window. */
  private void select(int window, int digit, long[] ax, long[] ay, Scratch s) {
    int sign = digit >> 31; // -1 when negative
    int abs = (digit ^ sign) - sign;
    int index = (abs - 1) >>> 1;
    long x0 = 0;
    long x1 = 0;
    long x2 = 0;
    long x3 = 0;
    long x4 = 0;
    long y0 = 0;
    long y1 = 0;
    long y2 = 0;
    long y3 = 0;
    long y4 = 0;
    long[] tb = table;
    int off = window * ENTRIES * 10;
    for (int j = 0; j < ENTRIES; j++, off += 10) {
      long mask = ((j ^ index) - 1L) >> 63; // -1 when j == index
      x0 |= tb[off] & mask;
      x1 |= tb[off + 1] & mask;
      x2 |= tb[off + 2] & mask;
      x3 |= tb[off + 3] & mask;
      x4 |= tb[off + 4] & mask;
      y0 |= tb[off + 5] & mask;
      y1 |= tb[off + 6] & mask;
      y2 |= tb[off + 7] & mask;
      y3 |= tb[off + 8] & mask;
      y4 |= tb[off + 9] & mask;
    }
    ax[0] = x0;
    ax[1] = x1;
    ax[2] = x2;
    ax[3] = x3;
    ax[4] = x4;
    ay[0] = y0;
    ay[1] = y1;
    ay[2] = y2;
    ay[3] = y3;
    ay[4] = y4;
    // conditional negation of y, 2p - y (magnitude 1 still, as y is normalized)
    Secp256k1Field52.negate(ay, 0, s.n);
    Secp256k1Field52.cmov(s.n, -sign, ay);
  }

  /**
   * (x, y, z) += (s.ax, s.ay), always computed in full. Returns 1 when both have the same x
   * coordinate (doubling or a sum at infinity), which the formula does not handle; the caller then
   * discards the result.
   */
  private static int addAffine(long[] x, long[] y, long[] z, Scratch s) {
    Secp256k1Jacobian52.startAddAffine(x, y, z, s.ax, s.ay, s);
    int same = Secp256k1Field52.isZero(s.h, s.n);
    Secp256k1Jacobian52.finishAddAffine(x, y, z, s);
    return same;
  }
}
