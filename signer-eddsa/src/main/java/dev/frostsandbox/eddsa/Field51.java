package dev.frostsandbox.eddsa;

import org.bouncycastle.math.ec.rfc7748.X25519Field;

/**
 * GF(2^255 - 19) in five 51-bit limbs (long[5], each below 2^52), for the long exponentiation
 * chains (square roots, the quartic character): a squaring here is about a fifth cheaper than
 * {@link X25519Field}'s ten-limb one. A 128-bit product a*b is split as (a*b mod 2^51) and
 * floor(a*b / 2^51) from {@link Math#multiplyHigh}, so column sums need no carry detection. Only
 * multiplication, squaring and the chain are here; everything else stays in X25519Field, with
 * conversions through the 32-byte encoding.
 */
final class Field51 {

  private Field51() {}

  static final long M = (1L << 51) - 1;

  /** From an X25519Field element (any representative). */
  static long[] fromX25519(int[] x) {
    int[] n = EdMath.copy(x);
    X25519Field.normalize(n);
    byte[] b = new byte[32];
    X25519Field.encode(n, b, 0);
    return decode(b);
  }

  /** Into an X25519Field element. */
  static void toX25519(long[] a, int[] z) {
    X25519Field.decode(encode(a), 0, z);
  }

  /** 32 little-endian bytes (the top bit ignored) to limbs. */
  static long[] decode(byte[] b) {
    long[] r = new long[5];
    for (int i = 0; i < 5; i++) {
      int bit = 51 * i;
      long v = 0;
      for (int k = 7; k >= 0; k--) {
        int idx = (bit >> 3) + k;
        v = (v << 8) | (idx < 32 ? b[idx] & 0xff : 0);
      }
      r[i] = (v >>> (bit & 7)) & M;
    }
    r[4] &= (1L << 51) - 1;
    return r;
  }

  /** The canonical (fully reduced) 32-byte little-endian encoding. */
  static byte[] encode(long[] a) {
    long r0 = a[0];
    long r1 = a[1];
    long r2 = a[2];
    long r3 = a[3];
    long r4 = a[4];
    for (int pass = 0; pass < 2; pass++) {
      r1 += r0 >>> 51;
      r0 &= M;
      r2 += r1 >>> 51;
      r1 &= M;
      r3 += r2 >>> 51;
      r2 &= M;
      r4 += r3 >>> 51;
      r3 &= M;
      r0 += 19 * (r4 >>> 51);
      r4 &= M;
    }
    // now below 2^255 + small; subtract p once if the value is >= p
    long q = (r0 + 19) >>> 51;
    q = (r1 + q) >>> 51;
    q = (r2 + q) >>> 51;
    q = (r3 + q) >>> 51;
    q = (r4 + q) >>> 51;
    r0 += 19 * q;
    r1 += r0 >>> 51;
    r0 &= M;
    r2 += r1 >>> 51;
    r1 &= M;
    r3 += r2 >>> 51;
    r2 &= M;
    r4 += r3 >>> 51;
    r3 &= M;
    r4 &= M;
    long[] limbs = {r0, r1, r2, r3, r4};
    byte[] out = new byte[32];
    for (int i = 0; i < 5; i++) {
      int bit = 51 * i;
      long v = limbs[i];
      for (int k = 0; k < 8 && (bit >> 3) + k < 32; k++) {
        out[(bit >> 3) + k] |= (byte) (k == 0 ? v << (bit & 7) : v >>> (8 * k - (bit & 7)));
      }
    }
    return out;
  }

  /** sqrt(-1) = 2^((p-1)/4). */
  private static final int[] SQRT_M1 =
      EdMath.fromBig(
          java.math.BigInteger.TWO.modPow(
              EdMath.P.subtract(java.math.BigInteger.ONE).shiftRight(2), EdMath.P));

  /**
   * z = a square root of u/v (v non-zero) as RFC 8032 §5.1.3 computes it, x =
   * u*v^3*(u*v^7)^((p-5)/8) times sqrt(-1) if needed; false if u/v is not a square. Variable time.
   * The X25519Field equivalent of {@code X25519Field.sqrtRatioVar} with the exponentiation in
   * 51-bit limbs.
   */
  static boolean sqrtRatioVar(int[] u, int[] v, int[] z) {
    int[] v3 = X25519Field.create();
    int[] uv3 = X25519Field.create();
    int[] uv7 = X25519Field.create();
    X25519Field.sqr(v, v3);
    X25519Field.mul(v3, v, v3);
    X25519Field.mul(u, v3, uv3);
    X25519Field.mul(uv3, v3, uv7);
    X25519Field.mul(uv7, v, uv7); // u*v^7
    long[] t = fromX25519(uv7);
    pow22523(t, t);
    int[] x = X25519Field.create();
    toX25519(t, x);
    X25519Field.mul(x, uv3, x);
    // v*x^2 = u: x; = -u: x*sqrt(-1); else no root
    int[] vx2 = X25519Field.create();
    int[] e = X25519Field.create();
    X25519Field.sqr(x, vx2);
    X25519Field.mul(vx2, v, vx2);
    X25519Field.sub(vx2, u, e);
    X25519Field.carry(e);
    X25519Field.normalize(e);
    if (X25519Field.isZeroVar(e)) {
      X25519Field.copy(x, 0, z, 0);
      return true;
    }
    X25519Field.add(vx2, u, e);
    X25519Field.carry(e);
    X25519Field.normalize(e);
    if (X25519Field.isZeroVar(e)) {
      X25519Field.mul(x, SQRT_M1, z);
      return true;
    }
    return false;
  }

  /** Whether z^((p-1)/4) = z^(2^253 - 5) is 1, i.e. z is a non-zero fourth power. */
  static boolean isFourthPower(int[] z) {
    long[] a = fromX25519(z);
    long[] t = new long[5];
    pow22523(a, t);
    sqr(t, t); // 2^253 - 6
    mul(t, a, t); // 2^253 - 5
    byte[] b = encode(t);
    if (b[0] != 1) {
      return false;
    }
    for (int i = 1; i < 32; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** r = a^(2^252 - 3) (ref10's pow22523 chain: 250 + 2 squarings, 11 multiplications). */
  static void pow22523(long[] z, long[] r) {
    long[] t0 = new long[5];
    long[] t1 = new long[5];
    long[] t2 = new long[5];
    sqr(z, t0); // 2
    sqr(t0, 2, t1); // 8
    mul(z, t1, t1); // 9
    mul(t0, t1, t0); // 11
    sqr(t0, t0); // 22
    mul(t1, t0, t0); // 2^5 - 1
    sqr(t0, 5, t1);
    mul(t1, t0, t0); // 2^10 - 1
    sqr(t0, 10, t1);
    mul(t1, t0, t1); // 2^20 - 1
    sqr(t1, 20, t2);
    mul(t2, t1, t1); // 2^40 - 1
    sqr(t1, 10, t1);
    mul(t1, t0, t0); // 2^50 - 1
    sqr(t0, 50, t1);
    mul(t1, t0, t1); // 2^100 - 1
    sqr(t1, 100, t2);
    mul(t2, t1, t1); // 2^200 - 1
    sqr(t1, 50, t1);
    mul(t1, t0, t0); // 2^250 - 1
    sqr(t0, 2, t0); // 2^252 - 4
    mul(t0, z, r); // 2^252 - 3
  }

  /** r = a^2 (r may be a). */
  static void sqr(long[] a, long[] r) {
    long a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4];
    long d0 = 2 * a0, d1 = 2 * a1, d3 = 2 * a3;
    long a3_19 = 19 * a3, a4_19 = 19 * a4;
    long lo, hi, l0, h0, l1, h1, l2, h2, l3, h3, l4, h4;
    // c0 = a0*a0 + d1*a4_19 + 2*a2*a3_19
    lo = a0 * a0;
    hi = Math.multiplyHigh(a0, a0);
    l0 = lo & M;
    h0 = (hi << 13) | (lo >>> 51);
    lo = d1 * a4_19;
    hi = Math.multiplyHigh(d1, a4_19);
    l0 += lo & M;
    h0 += (hi << 13) | (lo >>> 51);
    long d2 = 2 * a2;
    lo = d2 * a3_19;
    hi = Math.multiplyHigh(d2, a3_19);
    l0 += lo & M;
    h0 += (hi << 13) | (lo >>> 51);
    // c1 = d0*a1 + d2*a4_19 + a3*a3_19
    lo = d0 * a1;
    hi = Math.multiplyHigh(d0, a1);
    l1 = lo & M;
    h1 = (hi << 13) | (lo >>> 51);
    lo = d2 * a4_19;
    hi = Math.multiplyHigh(d2, a4_19);
    l1 += lo & M;
    h1 += (hi << 13) | (lo >>> 51);
    lo = a3 * a3_19;
    hi = Math.multiplyHigh(a3, a3_19);
    l1 += lo & M;
    h1 += (hi << 13) | (lo >>> 51);
    // c2 = d0*a2 + a1*a1 + d3*a4_19
    lo = d0 * a2;
    hi = Math.multiplyHigh(d0, a2);
    l2 = lo & M;
    h2 = (hi << 13) | (lo >>> 51);
    lo = a1 * a1;
    hi = Math.multiplyHigh(a1, a1);
    l2 += lo & M;
    h2 += (hi << 13) | (lo >>> 51);
    lo = d3 * a4_19;
    hi = Math.multiplyHigh(d3, a4_19);
    l2 += lo & M;
    h2 += (hi << 13) | (lo >>> 51);
    // c3 = d0*a3 + d1*a2 + a4*a4_19
    lo = d0 * a3;
    hi = Math.multiplyHigh(d0, a3);
    l3 = lo & M;
    h3 = (hi << 13) | (lo >>> 51);
    lo = d1 * a2;
    hi = Math.multiplyHigh(d1, a2);
    l3 += lo & M;
    h3 += (hi << 13) | (lo >>> 51);
    lo = a4 * a4_19;
    hi = Math.multiplyHigh(a4, a4_19);
    l3 += lo & M;
    h3 += (hi << 13) | (lo >>> 51);
    // c4 = d0*a4 + d1*a3 + a2*a2
    lo = d0 * a4;
    hi = Math.multiplyHigh(d0, a4);
    l4 = lo & M;
    h4 = (hi << 13) | (lo >>> 51);
    lo = d1 * a3;
    hi = Math.multiplyHigh(d1, a3);
    l4 += lo & M;
    h4 += (hi << 13) | (lo >>> 51);
    lo = a2 * a2;
    hi = Math.multiplyHigh(a2, a2);
    l4 += lo & M;
    h4 += (hi << 13) | (lo >>> 51);
    carry(l0, h0, l1, h1, l2, h2, l3, h3, l4, h4, r);
  }

  private static void carry(
      long l0,
      long h0,
      long l1,
      long h1,
      long l2,
      long h2,
      long l3,
      long h3,
      long l4,
      long h4,
      long[] r) {
    long c = (l0 >>> 51) + h0;
    long r0 = l0 & M;
    long t = l1 + c;
    long r1 = t & M;
    c = (t >>> 51) + h1;
    t = l2 + c;
    long r2 = t & M;
    c = (t >>> 51) + h2;
    t = l3 + c;
    long r3 = t & M;
    c = (t >>> 51) + h3;
    t = l4 + c;
    long r4 = t & M;
    c = (t >>> 51) + h4;
    r0 += 19 * (c & M);
    r1 += 19 * (c >>> 51) + (r0 >>> 51);
    r0 &= M;
    r[0] = r0;
    r[1] = r1;
    r[2] = r2;
    r[3] = r3;
    r[4] = r4;
  }

  /** r = a^(2^n), n >= 1. */
  static void sqr(long[] a, int n, long[] r) {
    sqr(a, r);
    for (int i = 1; i < n; i++) {
      sqr(r, r);
    }
  }

  /** r = a*b (r may be a or b). */
  static void mul(long[] a, long[] b, long[] r) {
    long a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3], a4 = a[4];
    long b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3], b4 = b[4];
    long e1 = 19 * b1, e2 = 19 * b2, e3 = 19 * b3, e4 = 19 * b4;
    long lo, hi, l0, h0, l1, h1, l2, h2, l3, h3, l4, h4;
    lo = a0 * b0;
    hi = Math.multiplyHigh(a0, b0);
    l0 = lo & M;
    h0 = (hi << 13) | (lo >>> 51);
    lo = a1 * e4;
    hi = Math.multiplyHigh(a1, e4);
    l0 += lo & M;
    h0 += (hi << 13) | (lo >>> 51);
    lo = a2 * e3;
    hi = Math.multiplyHigh(a2, e3);
    l0 += lo & M;
    h0 += (hi << 13) | (lo >>> 51);
    lo = a3 * e2;
    hi = Math.multiplyHigh(a3, e2);
    l0 += lo & M;
    h0 += (hi << 13) | (lo >>> 51);
    lo = a4 * e1;
    hi = Math.multiplyHigh(a4, e1);
    l0 += lo & M;
    h0 += (hi << 13) | (lo >>> 51);

    lo = a0 * b1;
    hi = Math.multiplyHigh(a0, b1);
    l1 = lo & M;
    h1 = (hi << 13) | (lo >>> 51);
    lo = a1 * b0;
    hi = Math.multiplyHigh(a1, b0);
    l1 += lo & M;
    h1 += (hi << 13) | (lo >>> 51);
    lo = a2 * e4;
    hi = Math.multiplyHigh(a2, e4);
    l1 += lo & M;
    h1 += (hi << 13) | (lo >>> 51);
    lo = a3 * e3;
    hi = Math.multiplyHigh(a3, e3);
    l1 += lo & M;
    h1 += (hi << 13) | (lo >>> 51);
    lo = a4 * e2;
    hi = Math.multiplyHigh(a4, e2);
    l1 += lo & M;
    h1 += (hi << 13) | (lo >>> 51);

    lo = a0 * b2;
    hi = Math.multiplyHigh(a0, b2);
    l2 = lo & M;
    h2 = (hi << 13) | (lo >>> 51);
    lo = a1 * b1;
    hi = Math.multiplyHigh(a1, b1);
    l2 += lo & M;
    h2 += (hi << 13) | (lo >>> 51);
    lo = a2 * b0;
    hi = Math.multiplyHigh(a2, b0);
    l2 += lo & M;
    h2 += (hi << 13) | (lo >>> 51);
    lo = a3 * e4;
    hi = Math.multiplyHigh(a3, e4);
    l2 += lo & M;
    h2 += (hi << 13) | (lo >>> 51);
    lo = a4 * e3;
    hi = Math.multiplyHigh(a4, e3);
    l2 += lo & M;
    h2 += (hi << 13) | (lo >>> 51);

    lo = a0 * b3;
    hi = Math.multiplyHigh(a0, b3);
    l3 = lo & M;
    h3 = (hi << 13) | (lo >>> 51);
    lo = a1 * b2;
    hi = Math.multiplyHigh(a1, b2);
    l3 += lo & M;
    h3 += (hi << 13) | (lo >>> 51);
    lo = a2 * b1;
    hi = Math.multiplyHigh(a2, b1);
    l3 += lo & M;
    h3 += (hi << 13) | (lo >>> 51);
    lo = a3 * b0;
    hi = Math.multiplyHigh(a3, b0);
    l3 += lo & M;
    h3 += (hi << 13) | (lo >>> 51);
    lo = a4 * e4;
    hi = Math.multiplyHigh(a4, e4);
    l3 += lo & M;
    h3 += (hi << 13) | (lo >>> 51);

    lo = a0 * b4;
    hi = Math.multiplyHigh(a0, b4);
    l4 = lo & M;
    h4 = (hi << 13) | (lo >>> 51);
    lo = a1 * b3;
    hi = Math.multiplyHigh(a1, b3);
    l4 += lo & M;
    h4 += (hi << 13) | (lo >>> 51);
    lo = a2 * b2;
    hi = Math.multiplyHigh(a2, b2);
    l4 += lo & M;
    h4 += (hi << 13) | (lo >>> 51);
    lo = a3 * b1;
    hi = Math.multiplyHigh(a3, b1);
    l4 += lo & M;
    h4 += (hi << 13) | (lo >>> 51);
    lo = a4 * b0;
    hi = Math.multiplyHigh(a4, b0);
    l4 += lo & M;
    h4 += (hi << 13) | (lo >>> 51);
    carry(l0, h0, l1, h1, l2, h2, l3, h3, l4, h4, r);
  }
}
