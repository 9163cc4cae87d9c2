package dev.frostsandbox.ecdsaschnorr.poseidon;

import java.math.BigInteger;

/**
 * Arithmetic in the Stark field p = 2^251 + 17*2^192 + 1, in Montgomery form with R = 2^260, on
 * five 52-bit limbs (little-endian) held in {@code long}s. Elements live in {@code long[]} arrays
 * at an offset so the hot path never allocates.
 *
 * <p>Why 52-bit limbs: with 12 spare bits per word, products can be summed column-wise and field
 * additions done limb-wise without any carry handling; a 4x64-bit version spent most of its time in
 * serial carry chains. Why this p is cheap: p = 1 (mod 2^52), so the Montgomery factor is just m =
 * -t mod 2^52, and m*p = m + (17m)*2^192 + m*2^251 needs only shifts and one small multiply.
 *
 * <p>Representation is <em>relaxed</em>: a normalized element has limbs 0..3 in [0, 2^52), limb 4
 * non-negative, and value below 2p, not necessarily canonical. {@link #mul} accepts limbs below
 * 2^53 and values below 16p (e.g. the limb-wise sum of two normalized elements) and returns a
 * normalized element below 2p. {@link #canonicalize} and {@link #toBigInteger} give [0, p).
 */
public final class StarkField {

  /** The field modulus. */
  public static final BigInteger P =
      BigInteger.ONE.shiftLeft(251).add(BigInteger.valueOf(17).shiftLeft(192)).add(BigInteger.ONE);

  /** Limbs per element. */
  static final int N = 5;

  static final long M = (1L << 52) - 1;

  /** p's non-zero limbs: 1 at limb 0, 17*2^36 at limb 3 (2^192 = 2^(3*52+36)), 2^43 at limb 4. */
  private static final long P_L3 = 17L << 36;

  private static final long P_L4 = 1L << 43;

  private static final BigInteger R = BigInteger.ONE.shiftLeft(260);

  /** R^2 mod p in standard form: a Montgomery mul by it converts into Montgomery form. */
  static final long[] R2 = limbsOf(R.multiply(R).mod(P));

  /** Plain 1: a Montgomery mul by it converts out of Montgomery form. */
  private static final long[] RAW_ONE = {1, 0, 0, 0, 0};

  /** 1 in Montgomery form (R mod p). */
  static final long[] MONT_ONE = limbsOf(R.mod(P));

  /** 2p and 4p, added to differences so that their value stays non-negative. */
  static final long[] TWO_P = limbsOf(P.shiftLeft(1));

  static final long[] FOUR_P = limbsOf(P.shiftLeft(2));

  private StarkField() {}

  /**
   * r = x * y * R^-1 mod p. Inputs: limbs in [0, 2^53), values below 16p. Output normalized, below
   * 2p (x*y/R < 256p^2/2^260 < p/2, plus less than p from the reduction). r may alias x or y.
   *
   * <p>Products are split at bit 52 and summed into ten columns (each stays below 2^58), then five
   * Montgomery steps clear the low columns.
   */
  static void mul(long[] r, int ro, long[] x, int xo, long[] y, int yo) {
    final long a0 = x[xo] << 6,
        a1 = x[xo + 1] << 6,
        a2 = x[xo + 2] << 6,
        a3 = x[xo + 3] << 6,
        a4 = x[xo + 4] << 6;
    final long b0 = y[yo] << 6,
        b1 = y[yo + 1] << 6,
        b2 = y[yo + 2] << 6,
        b3 = y[yo + 3] << 6,
        b4 = y[yo + 4] << 6;
    // with both factors pre-shifted by 6, the 128-bit product is a*b*2^12: its high word is
    // a*b >> 52 and its low word, shifted down 12, is a*b mod 2^52
    long c0 = 0;
    long c1 = 0;
    long c2 = 0;
    long c3 = 0;
    long c4 = 0;
    long c5 = 0;
    long c6 = 0;
    long c7 = 0;
    long c8 = 0;
    long c9 = 0;
    c0 += (a0 * b0) >>> 12;
    c1 += Math.multiplyHigh(a0, b0);
    c1 += (a0 * b1) >>> 12;
    c2 += Math.multiplyHigh(a0, b1);
    c1 += (a1 * b0) >>> 12;
    c2 += Math.multiplyHigh(a1, b0);
    c2 += (a0 * b2) >>> 12;
    c3 += Math.multiplyHigh(a0, b2);
    c2 += (a1 * b1) >>> 12;
    c3 += Math.multiplyHigh(a1, b1);
    c2 += (a2 * b0) >>> 12;
    c3 += Math.multiplyHigh(a2, b0);
    c3 += (a0 * b3) >>> 12;
    c4 += Math.multiplyHigh(a0, b3);
    c3 += (a1 * b2) >>> 12;
    c4 += Math.multiplyHigh(a1, b2);
    c3 += (a2 * b1) >>> 12;
    c4 += Math.multiplyHigh(a2, b1);
    c3 += (a3 * b0) >>> 12;
    c4 += Math.multiplyHigh(a3, b0);
    c4 += (a0 * b4) >>> 12;
    c5 += Math.multiplyHigh(a0, b4);
    c4 += (a1 * b3) >>> 12;
    c5 += Math.multiplyHigh(a1, b3);
    c4 += (a2 * b2) >>> 12;
    c5 += Math.multiplyHigh(a2, b2);
    c4 += (a3 * b1) >>> 12;
    c5 += Math.multiplyHigh(a3, b1);
    c4 += (a4 * b0) >>> 12;
    c5 += Math.multiplyHigh(a4, b0);
    c5 += (a1 * b4) >>> 12;
    c6 += Math.multiplyHigh(a1, b4);
    c5 += (a2 * b3) >>> 12;
    c6 += Math.multiplyHigh(a2, b3);
    c5 += (a3 * b2) >>> 12;
    c6 += Math.multiplyHigh(a3, b2);
    c5 += (a4 * b1) >>> 12;
    c6 += Math.multiplyHigh(a4, b1);
    c6 += (a2 * b4) >>> 12;
    c7 += Math.multiplyHigh(a2, b4);
    c6 += (a3 * b3) >>> 12;
    c7 += Math.multiplyHigh(a3, b3);
    c6 += (a4 * b2) >>> 12;
    c7 += Math.multiplyHigh(a4, b2);
    c7 += (a3 * b4) >>> 12;
    c8 += Math.multiplyHigh(a3, b4);
    c7 += (a4 * b3) >>> 12;
    c8 += Math.multiplyHigh(a4, b3);
    c8 += (a4 * b4) >>> 12;
    c9 += Math.multiplyHigh(a4, b4);
    long m, mm;
    m = -c0 & M;
    c1 += (c0 + m) >>> 52;
    mm = m * 17;
    c3 += (mm << 36) & M;
    c4 += (mm >>> 16) + ((m << 43) & M);
    c5 += m >>> 9;
    m = -c1 & M;
    c2 += (c1 + m) >>> 52;
    mm = m * 17;
    c4 += (mm << 36) & M;
    c5 += (mm >>> 16) + ((m << 43) & M);
    c6 += m >>> 9;
    m = -c2 & M;
    c3 += (c2 + m) >>> 52;
    mm = m * 17;
    c5 += (mm << 36) & M;
    c6 += (mm >>> 16) + ((m << 43) & M);
    c7 += m >>> 9;
    m = -c3 & M;
    c4 += (c3 + m) >>> 52;
    mm = m * 17;
    c6 += (mm << 36) & M;
    c7 += (mm >>> 16) + ((m << 43) & M);
    c8 += m >>> 9;
    m = -c4 & M;
    c5 += (c4 + m) >>> 52;
    mm = m * 17;
    c7 += (mm << 36) & M;
    c8 += (mm >>> 16) + ((m << 43) & M);
    c9 += m >>> 9;
    c6 += c5 >>> 52;
    c7 += c6 >>> 52;
    c8 += c7 >>> 52;
    c9 += c8 >>> 52;
    r[ro] = c5 & M;
    r[ro + 1] = c6 & M;
    r[ro + 2] = c7 & M;
    r[ro + 3] = c8 & M;
    r[ro + 4] = c9;
  }

  /** r = x^2, same contract as {@link #mul}; 15 products instead of 25. */
  static void square(long[] r, int ro, long[] x, int xo) {
    final long a0 = x[xo] << 6,
        a1 = x[xo + 1] << 6,
        a2 = x[xo + 2] << 6,
        a3 = x[xo + 3] << 6,
        a4 = x[xo + 4] << 6;
    // cross terms a_i*a_j (i<j) appear twice: multiply by 2*a_j instead
    final long d1 = a1 << 1, d2 = a2 << 1, d3 = a3 << 1, d4 = a4 << 1;
    long c0 = 0;
    long c1 = 0;
    long c2 = 0;
    long c3 = 0;
    long c4 = 0;
    long c5 = 0;
    long c6 = 0;
    long c7 = 0;
    long c8 = 0;
    long c9 = 0;
    c0 += (a0 * a0) >>> 12;
    c1 += Math.multiplyHigh(a0, a0);
    c1 += (a0 * d1) >>> 12;
    c2 += Math.multiplyHigh(a0, d1);
    c2 += (a0 * d2) >>> 12;
    c3 += Math.multiplyHigh(a0, d2);
    c2 += (a1 * a1) >>> 12;
    c3 += Math.multiplyHigh(a1, a1);
    c3 += (a0 * d3) >>> 12;
    c4 += Math.multiplyHigh(a0, d3);
    c3 += (a1 * d2) >>> 12;
    c4 += Math.multiplyHigh(a1, d2);
    c4 += (a0 * d4) >>> 12;
    c5 += Math.multiplyHigh(a0, d4);
    c4 += (a1 * d3) >>> 12;
    c5 += Math.multiplyHigh(a1, d3);
    c4 += (a2 * a2) >>> 12;
    c5 += Math.multiplyHigh(a2, a2);
    c5 += (a1 * d4) >>> 12;
    c6 += Math.multiplyHigh(a1, d4);
    c5 += (a2 * d3) >>> 12;
    c6 += Math.multiplyHigh(a2, d3);
    c6 += (a2 * d4) >>> 12;
    c7 += Math.multiplyHigh(a2, d4);
    c6 += (a3 * a3) >>> 12;
    c7 += Math.multiplyHigh(a3, a3);
    c7 += (a3 * d4) >>> 12;
    c8 += Math.multiplyHigh(a3, d4);
    c8 += (a4 * a4) >>> 12;
    c9 += Math.multiplyHigh(a4, a4);
    long m, mm;
    m = -c0 & M;
    c1 += (c0 + m) >>> 52;
    mm = m * 17;
    c3 += (mm << 36) & M;
    c4 += (mm >>> 16) + ((m << 43) & M);
    c5 += m >>> 9;
    m = -c1 & M;
    c2 += (c1 + m) >>> 52;
    mm = m * 17;
    c4 += (mm << 36) & M;
    c5 += (mm >>> 16) + ((m << 43) & M);
    c6 += m >>> 9;
    m = -c2 & M;
    c3 += (c2 + m) >>> 52;
    mm = m * 17;
    c5 += (mm << 36) & M;
    c6 += (mm >>> 16) + ((m << 43) & M);
    c7 += m >>> 9;
    m = -c3 & M;
    c4 += (c3 + m) >>> 52;
    mm = m * 17;
    c6 += (mm << 36) & M;
    c7 += (mm >>> 16) + ((m << 43) & M);
    c8 += m >>> 9;
    m = -c4 & M;
    c5 += (c4 + m) >>> 52;
    mm = m * 17;
    c7 += (mm << 36) & M;
    c8 += (mm >>> 16) + ((m << 43) & M);
    c9 += m >>> 9;
    c6 += c5 >>> 52;
    c7 += c6 >>> 52;
    c8 += c7 >>> 52;
    c9 += c8 >>> 52;
    r[ro] = c5 & M;
    r[ro + 1] = c6 & M;
    r[ro + 2] = c7 & M;
    r[ro + 3] = c8 & M;
    r[ro + 4] = c9;
  }

  /** r = x^3; tmp[to..to+4] is scratch and must not overlap x or r. */
  static void cube(long[] r, int ro, long[] x, int xo, long[] tmp, int to) {
    square(tmp, to, x, xo);
    mul(r, ro, tmp, to, x, xo);
  }

  /** r = a + b limb-wise, unnormalized: a valid {@link #mul} input when a and b are normalized. */
  static void addRaw(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
    r[ro] = a[ao] + b[bo];
    r[ro + 1] = a[ao + 1] + b[bo + 1];
    r[ro + 2] = a[ao + 2] + b[bo + 2];
    r[ro + 3] = a[ao + 3] + b[bo + 3];
    r[ro + 4] = a[ao + 4] + b[bo + 4];
  }

  /**
   * Normalizes limbs that may be negative or exceed 52 bits (whole value non-negative and below
   * 2^260), then brings the value below 2p: with q = floor(x / 2^251), x - (q-1)p lies in [0,
   * 2^252) since (q-1)(p - 2^251) is far below 2^251.
   */
  static void reduce(long[] x, int xo) {
    long x0 = x[xo], x1 = x[xo + 1], x2 = x[xo + 2], x3 = x[xo + 3], x4 = x[xo + 4];
    x1 += x0 >> 52;
    x0 &= M;
    x2 += x1 >> 52;
    x1 &= M;
    x3 += x2 >> 52;
    x2 &= M;
    x4 += x3 >> 52;
    x3 &= M;
    long q = (x4 >>> 43) - 1;
    q &= ~(q >> 63); // 0 when x < 2^251, which is already below p
    x0 -= q;
    x3 -= (q * 17) << 36;
    x4 -= q << 43;
    x1 += x0 >> 52;
    x0 &= M;
    x2 += x1 >> 52;
    x1 &= M;
    x3 += x2 >> 52;
    x2 &= M;
    x4 += x3 >> 52;
    x3 &= M;
    x[xo] = x0;
    x[xo + 1] = x1;
    x[xo + 2] = x2;
    x[xo + 3] = x3;
    x[xo + 4] = x4;
  }

  /** Brings a normalized x below 2p into [0, p) in place, branch-free. */
  static void canonicalize(long[] x, int xo) {
    final long x0 = x[xo], x1 = x[xo + 1], x2 = x[xo + 2], x3 = x[xo + 3], x4 = x[xo + 4];
    long d0 = x0 - 1, d1 = x1, d2 = x2, d3 = x3 - P_L3, d4 = x4 - P_L4;
    d1 += d0 >> 52;
    d0 &= M;
    d2 += d1 >> 52;
    d1 &= M;
    d3 += d2 >> 52;
    d2 &= M;
    d4 += d3 >> 52;
    d3 &= M;
    final long keep = d4 >> 63; // all ones when x - p < 0
    x[xo] = (x0 & keep) | (d0 & ~keep);
    x[xo + 1] = (x1 & keep) | (d1 & ~keep);
    x[xo + 2] = (x2 & keep) | (d2 & ~keep);
    x[xo + 3] = (x3 & keep) | (d3 & ~keep);
    x[xo + 4] = (x4 & keep) | (d4 & ~keep);
  }

  /** r = a + b; normalized inputs below 2p, output likewise. */
  static void add(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
    addRaw(r, ro, a, ao, b, bo);
    reduce(r, ro);
  }

  /** r = a - b, computed as a + 2p - b (positive); normalized inputs below 2p, output likewise. */
  static void sub(long[] r, int ro, long[] a, int ao, long[] b, int bo) {
    for (int i = 0; i < N; i++) {
      r[ro + i] = a[ao + i] + TWO_P[i] - b[bo + i];
    }
    reduce(r, ro);
  }

  // ---------------------------------------------------------------- conversions

  /** Standard-form (non-Montgomery) limbs of 0 <= v < 2^256. */
  static long[] limbsOf(BigInteger v) {
    long[] r = new long[N];
    setLimbs(v, r, 0);
    return r;
  }

  /** Writes standard-form limbs of 0 <= v < 2^256. */
  static void setLimbs(BigInteger v, long[] r, int ro) {
    if (v.signum() < 0 || v.bitLength() > 256) {
      throw new IllegalArgumentException("not a 256-bit unsigned value");
    }
    byte[] be = v.toByteArray(); // big-endian, maybe with a leading sign byte
    long[] w = new long[4];
    for (int i = 0; i < be.length; i++) {
      int bit = 8 * (be.length - 1 - i);
      if (bit < 256) {
        w[bit >>> 6] |= (be[i] & 0xFFL) << (bit & 63);
      }
    }
    setFrom64(w[0], w[1], w[2], w[3], r, ro);
  }

  /** Writes the 52-bit limbs of the 256-bit value with 64-bit words w0 (low) .. w3. */
  static void setFrom64(long w0, long w1, long w2, long w3, long[] r, int ro) {
    r[ro] = w0 & M;
    r[ro + 1] = ((w0 >>> 52) | (w1 << 12)) & M;
    r[ro + 2] = ((w1 >>> 40) | (w2 << 24)) & M;
    r[ro + 3] = ((w2 >>> 28) | (w3 << 36)) & M;
    r[ro + 4] = w3 >>> 16;
  }

  /** Converts standard-form limbs (value below 16p) to Montgomery form in place. */
  static void toMontgomeryInPlace(long[] x, int xo) {
    mul(x, xo, x, xo, R2, 0);
  }

  /** Montgomery form, canonical, of a field element 0 <= v < p. */
  static long[] fromBigInteger(BigInteger v) {
    if (v.signum() < 0 || v.compareTo(P) >= 0) {
      throw new IllegalArgumentException("not a field element: " + v);
    }
    long[] r = limbsOf(v);
    toMontgomeryInPlace(r, 0);
    canonicalize(r, 0);
    return r;
  }

  /** The canonical integer in [0, p) of a Montgomery element (any valid {@link #mul} input). */
  static BigInteger toBigInteger(long[] x, int xo) {
    long[] t = new long[N];
    mul(t, 0, x, xo, RAW_ONE, 0);
    canonicalize(t, 0);
    return bigOfLimbs(t, 0);
  }

  /** The integer of normalized standard-form limbs (value below 2^256). */
  static BigInteger bigOfLimbs(long[] t, int to) {
    final long r0 = t[to], r1 = t[to + 1], r2 = t[to + 2], r3 = t[to + 3], r4 = t[to + 4];
    final long[] w = {
      r0 | (r1 << 52), (r1 >>> 12) | (r2 << 40), (r2 >>> 24) | (r3 << 28), (r3 >>> 36) | (r4 << 16)
    };
    byte[] be = new byte[32];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 8; j++) {
        be[31 - 8 * i - j] = (byte) (w[i] >>> (8 * j));
      }
    }
    return new BigInteger(1, be);
  }
}
