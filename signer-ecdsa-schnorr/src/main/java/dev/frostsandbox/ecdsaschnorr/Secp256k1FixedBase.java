package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.ecdsaschnorr.Secp256k1Jacobian52.Scratch;
import java.math.BigInteger;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.raw.Nat;
import org.bouncycastle.math.raw.Nat256;

/**
 * {@code k * G} on secp256k1 with a signed radix-64 table: 43 windows of the odd multiples {@code
 * 1, 3, ..., 63} times {@code 64^i * G} (1376 affine points, 86 KiB), so a multiplication is 42
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
  private static final int STRIDE = 8; // longs per table entry

  private final ECCurve curve;
  private final int[] orderLimbs;

  /**
   * Per entry, x then y, each as four 64-bit words (little-endian), normalized: 8 words to scan per
   * entry instead of the 10 of two {@code long[5]}, unpacked to 52-bit limbs after the selection.
   */
  private final long[] table = new long[WINDOWS * ENTRIES * STRIDE];

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
      BigInteger x = points[i].getAffineXCoord().toBigInteger();
      BigInteger y = points[i].getAffineYCoord().toBigInteger();
      for (int w = 0; w < 4; w++) {
        table[i * STRIDE + w] = x.shiftRight(64 * w).longValue();
        table[i * STRIDE + 4 + w] = y.shiftRight(64 * w).longValue();
      }
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
    Scratch s = new Scratch();
    long[] x = new long[5];
    long[] y = new long[5];
    long[] z = new long[5];
    int even = walk(k, x, y, z, s);
    if (even < 0) {
      return null;
    }
    Secp256k1Jacobian52.normalize(x, y, z, s);
    return affinePoint(x, y, even, s);
  }

  /**
   * {@code k_i * G} for every {@code k_i} in [1, n), normalized (affine), the Jacobian results
   * brought to affine with one constant-time inversion for all (Montgomery's trick) instead of one
   * each: the two nonce commitments of a signer.
   */
  ECPoint[] multiplyAll(BigInteger[] ks) {
    int m = ks.length;
    ECPoint[] out = new ECPoint[m];
    if (m == 0) {
      return out;
    }
    Scratch s = new Scratch();
    long[][] x = new long[m][5];
    long[][] y = new long[m][5];
    long[][] z = new long[m][5];
    int[] even = new int[m];
    for (int i = 0; i < m; i++) {
      even[i] = walk(ks[i], x[i], y[i], z[i], s);
      if (even[i] < 0) {
        // a case the additions do not cover (a scalar within about 2^-250 of a handful of
        // values): that one through the comb, its Z set to 1 so the shared inversion holds
        out[i] = Secp256k1Group.combMultiply(ks[i]);
        java.util.Arrays.fill(z[i], 0);
        z[i][0] = 1;
      }
    }
    // prefix[i] = z_0 ... z_i; one inversion of the whole product, then back down
    long[][] prefix = new long[m][];
    prefix[0] = z[0].clone();
    for (int i = 1; i < m; i++) {
      prefix[i] = new long[5];
      Secp256k1Field52.mul(prefix[i - 1], z[i], prefix[i]);
    }
    long[] inv = new long[5];
    Secp256k1Field52.inv(prefix[m - 1], inv, s.i8a, s.i8b);
    long[] zInv = new long[5];
    for (int i = m - 1; i >= 0; i--) {
      if (i > 0) {
        Secp256k1Field52.mul(inv, prefix[i - 1], zInv); // 1 / z_i
        Secp256k1Field52.mul(inv, z[i], inv); // 1 / (z_0 ... z_{i-1})
      } else {
        System.arraycopy(inv, 0, zInv, 0, 5);
      }
      if (out[i] == null) {
        Secp256k1Jacobian52.toAffine(x[i], y[i], zInv, s);
        out[i] = affinePoint(x[i], y[i], even[i], s);
      }
    }
    return out;
  }

  /**
   * The walk for {@code k} in [1, n) into the Jacobian (x, y, z), of the odd one of k and n - k:
   * returns 1 when that was n - k (the result is to be negated), 0 when k, and -1 when an addition
   * met a case it does not cover (the result is then meaningless).
   */
  private int walk(BigInteger k, long[] x, long[] y, long[] z, Scratch s) {
    int[] scalar = Nat256.fromBigInteger(k);
    // The recoding needs an odd scalar: for even k use n - k (odd, as n is odd), negate at the end.
    int even = (scalar[0] & 1) ^ 1;
    int[] negated = new int[8];
    Nat256.sub(orderLimbs, scalar, negated);
    Nat.cmov(8, even, negated, 0, scalar, 0);
    short[] digits = recode(scalar);
    java.util.Arrays.fill(scalar, 0);
    java.util.Arrays.fill(negated, 0);

    select(0, digits[0], x, y, s);
    java.util.Arrays.fill(z, 0);
    z[0] = 1;
    int exceptional = 0;
    for (int w = 1; w < WINDOWS; w++) {
      select(w, digits[w], s.ax, s.ay, s);
      exceptional |= addAffine(x, y, z, s);
    }
    java.util.Arrays.fill(digits, (short) 0);
    // exceptional is 1 with probability about 2^-250: the branch on it is the comb fallback's
    return exceptional != 0 ? -1 : even;
  }

  /** Bouncy Castle's point for normalized (x, y), y negated (in constant time) when negate is 1. */
  private ECPoint affinePoint(long[] x, long[] y, int negate, Scratch s) {
    long[] negY = s.n;
    Secp256k1Field52.negate(y, 1, negY);
    Secp256k1Field52.normalize(negY, negY);
    Secp256k1Field52.cmov(negY, negate, y);
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
    long y0 = 0;
    long y1 = 0;
    long y2 = 0;
    long y3 = 0;
    long[] tb = table;
    int start = window * ENTRIES * STRIDE;
    int end = start + ENTRIES * STRIDE;
    int j = 0;
    for (int i = start; i < end; i += STRIDE, j++) {
      long mask = ((j ^ index) - 1L) >> 63; // -1 when j == index
      x0 |= tb[i] & mask;
      x1 |= tb[i + 1] & mask;
      x2 |= tb[i + 2] & mask;
      x3 |= tb[i + 3] & mask;
      y0 |= tb[i + 4] & mask;
      y1 |= tb[i + 5] & mask;
      y2 |= tb[i + 6] & mask;
      y3 |= tb[i + 7] & mask;
    }
    unpack(x0, x1, x2, x3, ax);
    unpack(y0, y1, y2, y3, ay);
    // conditional negation of y, 2p - y (magnitude 1 still, as y is normalized)
    Secp256k1Field52.negate(ay, 0, s.n);
    Secp256k1Field52.cmov(s.n, -sign, ay);
  }

  /** The 52-bit limbs of the 256-bit value w0 + w1 2^64 + w2 2^128 + w3 2^192. */
  private static void unpack(long w0, long w1, long w2, long w3, long[] r) {
    r[0] = w0 & Secp256k1Field52.M;
    r[1] = ((w0 >>> 52) | (w1 << 12)) & Secp256k1Field52.M;
    r[2] = ((w1 >>> 40) | (w2 << 24)) & Secp256k1Field52.M;
    r[3] = ((w2 >>> 28) | (w3 << 36)) & Secp256k1Field52.M;
    r[4] = w3 >>> 16;
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
