package dev.frostsandbox.eddsa;

import org.bouncycastle.math.ec.rfc7748.X25519Field;

/**
 * GF(2^255 - 19) in five 51-bit limbs (long[5]; operands below 1.6 * 2^52, results carried below
 * 2^51 + 2^15), for the point arithmetic ({@link EdMath}), the long exponentiation chains (square
 * roots, the quartic character) and the fused point decoding ({@link Ed25519Decoding}). A 128-bit
 * product is taken from pre-shifted operands with {@link Math#multiplyHigh} so that its two words
 * are directly floor(a*b / 2^51) and (a*b mod 2^51) << 13 (see {@link #sqr(long[], int, long[])});
 * column sums need no carry detection. The JFR profile of the decoding is almost all squarings and
 * multiplications, which are bound by the two integer multiplications per limb product.
 * Variable-time helpers ({@link #isZero}, {@link #equal}, ...) are for public values only.
 */
final class Field51 {

  private Field51() {}

  static final long M = (1L << 51) - 1;

  /** From an X25519Field element (any representative). */
  static long[] fromX25519(int[] x) {
    int[] n = x.clone();
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
    long[] limbs = new long[5];
    canonical(a, limbs);
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

  /**
   * sqrt(-1) = 2^((p-1)/4). Computed without {@link EdMath}, whose initialisation needs this class:
   * the two classes' static initialisers form no cycle.
   */
  static final long[] SQRT_M1 = sqrtM1();

  /** sqrt(-1) in X25519Field limbs, for {@link #sqrtRatioVar}. */
  private static final int[] SQRT_M1_X25519 = X25519Field.create();

  static {
    toX25519(SQRT_M1, SQRT_M1_X25519);
  }

  private static long[] sqrtM1() {
    java.math.BigInteger p =
        java.math.BigInteger.ONE.shiftLeft(255).subtract(java.math.BigInteger.valueOf(19));
    return fromBig(
        java.math.BigInteger.TWO.modPow(p.subtract(java.math.BigInteger.ONE).shiftRight(2), p));
  }

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
      X25519Field.mul(x, SQRT_M1_X25519, z);
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

  /*
   * Products. Operand limbs below 1.6 * 2^52 (the hard limit is about 2^52.75, where (19*a) << 6
   * reaches 2^63): a carried value, a sum of two ({@link #addNoCarry}) or a difference of two with
   * 2p added ({@link #subNoCarry}, below 1.5 * 2^52 + 2^15); every result here is below 2^51 +
   * 2^15. A 128-bit product p = x*y is taken as (x << s)*(y << t) with s + t = 13: the
   * high word is then floor(p / 2^51) and the low word (p mod 2^51) << 13, so each product costs
   * two multiplications, one shift and two additions (no masking or recombination). Shifts are
   * chosen so that both shifted operands stay below 2^63 (multiplyHigh is signed).
   */

  /** r = a^2 (r may be a). */
  static void sqr(long[] a, long[] r) {
    sqr(a, 1, r);
  }

  /** r = a^(2^n), n >= 1; the limbs stay in locals between squarings. */
  static void sqr(long[] a, int n, long[] r) {
    long a0 = a[0];
    long a1 = a[1];
    long a2 = a[2];
    long a3 = a[3];
    long a4 = a[4];
    for (int k = 0; k < n; k++) {
      long a0s6 = a0 << 6;
      long a0s7 = a0 << 7;
      long a0s8 = a0 << 8; // (2*a0) << 7
      long a1s6 = a1 << 6;
      long a1s7 = a1 << 7;
      long a1s8 = a1 << 8;
      long a2s6 = a2 << 6;
      long a2s7 = a2 << 7;
      long a2s8 = a2 << 8;
      long a3s6 = a3 << 6;
      long a3s7 = a3 << 7;
      long a3s8 = a3 << 8;
      long a4s6 = a4 << 6;
      long a4s7 = a4 << 7;
      long a319s6 = (19 * a3) << 6;
      long a419s6 = (19 * a4) << 6;
      long lo;
      long c0;
      long c1;
      long c2;
      long c3;
      long c4;
      long h0;
      long h1;
      long h2;
      long h3;
      long h4;
      // c0 = a0*a0 + 2*a1*19*a4 + 2*a2*19*a3
      lo = a0s6 * a0s7;
      h0 = Math.multiplyHigh(a0s6, a0s7);
      c0 = lo >>> 13;
      lo = a1s8 * a419s6;
      h0 += Math.multiplyHigh(a1s8, a419s6);
      c0 += lo >>> 13;
      lo = a2s8 * a319s6;
      h0 += Math.multiplyHigh(a2s8, a319s6);
      c0 += lo >>> 13;
      // c1 = 2*a0*a1 + 2*a2*19*a4 + a3*19*a3
      lo = a0s8 * a1s6;
      h1 = Math.multiplyHigh(a0s8, a1s6);
      c1 = lo >>> 13;
      lo = a2s8 * a419s6;
      h1 += Math.multiplyHigh(a2s8, a419s6);
      c1 += lo >>> 13;
      lo = a3s7 * a319s6;
      h1 += Math.multiplyHigh(a3s7, a319s6);
      c1 += lo >>> 13;
      // c2 = 2*a0*a2 + a1*a1 + 2*a3*19*a4
      lo = a0s8 * a2s6;
      h2 = Math.multiplyHigh(a0s8, a2s6);
      c2 = lo >>> 13;
      lo = a1s6 * a1s7;
      h2 += Math.multiplyHigh(a1s6, a1s7);
      c2 += lo >>> 13;
      lo = a3s8 * a419s6;
      h2 += Math.multiplyHigh(a3s8, a419s6);
      c2 += lo >>> 13;
      // c3 = 2*a0*a3 + 2*a1*a2 + a4*19*a4
      lo = a0s8 * a3s6;
      h3 = Math.multiplyHigh(a0s8, a3s6);
      c3 = lo >>> 13;
      lo = a1s8 * a2s6;
      h3 += Math.multiplyHigh(a1s8, a2s6);
      c3 += lo >>> 13;
      lo = a4s7 * a419s6;
      h3 += Math.multiplyHigh(a4s7, a419s6);
      c3 += lo >>> 13;
      // c4 = 2*a0*a4 + 2*a1*a3 + a2*a2
      lo = a0s8 * a4s6;
      h4 = Math.multiplyHigh(a0s8, a4s6);
      c4 = lo >>> 13;
      lo = a1s8 * a3s6;
      h4 += Math.multiplyHigh(a1s8, a3s6);
      c4 += lo >>> 13;
      lo = a2s6 * a2s7;
      h4 += Math.multiplyHigh(a2s6, a2s7);
      c4 += lo >>> 13;
      // limb i = c_i + h_(i-1), and 19*h4 into limb 0 (2^255 = 19), carried all at once
      long e0 = c0 + 19 * h4;
      long e1 = c1 + h0;
      long e2 = c2 + h1;
      long e3 = c3 + h2;
      long e4 = c4 + h3;
      a0 = (e0 & M) + 19 * (e4 >>> 51);
      a1 = (e1 & M) + (e0 >>> 51);
      a2 = (e2 & M) + (e1 >>> 51);
      a3 = (e3 & M) + (e2 >>> 51);
      a4 = (e4 & M) + (e3 >>> 51);
    }
    r[0] = a0;
    r[1] = a1;
    r[2] = a2;
    r[3] = a3;
    r[4] = a4;
  }

  /**
   * ra = a^(2^n) and rb = b^(2^n), n >= 1: two independent squaring chains interleaved column by
   * column, which the CPU overlaps (a single chain is latency-bound); the same products as {@link
   * #sqr(long[], int, long[])}, computing column 4 first so that the carry runs while the other
   * columns are produced (the carries chained, where sqr takes them at once: the same value mod p,
   * the limbs may differ).
   */
  static void sqr2(long[] a, long[] b, int n, long[] ra, long[] rb) {
    long a0 = a[0];
    long a1 = a[1];
    long a2 = a[2];
    long a3 = a[3];
    long a4 = a[4];
    long a0b = b[0];
    long a1b = b[1];
    long a2b = b[2];
    long a3b = b[3];
    long a4b = b[4];
    for (int k = 0; k < n; k++) {
      long x;
      long y;
      long lo;
      long c;
      long h;
      long c4;
      long h4;
      long t;
      long r0;
      long r1;
      long r2;
      long r3;
      long carry;
      long a419;
      long a319;
      long xb;
      long yb;
      long lob;
      long cb;
      long hb;
      long c4b;
      long h4b;
      long tb;
      long r0b;
      long r1b;
      long r2b;
      long r3b;
      long carryb;
      long a419b;
      long a319b;
      // column 4 = 2*a0*a4 + 2*a1*a3 + a2*a2
      x = a0 << 8;
      y = a4 << 6;
      lo = x * y;
      h = Math.multiplyHigh(x, y);
      c = lo >>> 13;
      x = a1 << 8;
      y = a3 << 6;
      lo = x * y;
      h += Math.multiplyHigh(x, y);
      c += lo >>> 13;
      x = a2 << 6;
      y = a2 << 7;
      lo = x * y;
      h += Math.multiplyHigh(x, y);
      c += lo >>> 13;
      c4 = c;
      h4 = h;
      xb = a0b << 8;
      yb = a4b << 6;
      lob = xb * yb;
      hb = Math.multiplyHigh(xb, yb);
      cb = lob >>> 13;
      xb = a1b << 8;
      yb = a3b << 6;
      lob = xb * yb;
      hb += Math.multiplyHigh(xb, yb);
      cb += lob >>> 13;
      xb = a2b << 6;
      yb = a2b << 7;
      lob = xb * yb;
      hb += Math.multiplyHigh(xb, yb);
      cb += lob >>> 13;
      c4b = cb;
      h4b = hb;
      // column 0 = a0*a0 + 2*a1*19*a4 + 2*a2*19*a3
      a419 = (19 * a4) << 6;
      a319 = (19 * a3) << 6;
      x = a0 << 6;
      y = a0 << 7;
      lo = x * y;
      h = Math.multiplyHigh(x, y);
      c = lo >>> 13;
      x = a1 << 8;
      lo = x * a419;
      h += Math.multiplyHigh(x, a419);
      c += lo >>> 13;
      x = a2 << 8;
      lo = x * a319;
      h += Math.multiplyHigh(x, a319);
      c += lo >>> 13;
      t = c + 19 * h4;
      r0 = t & M;
      carry = (t >>> 51) + h;
      a419b = (19 * a4b) << 6;
      a319b = (19 * a3b) << 6;
      xb = a0b << 6;
      yb = a0b << 7;
      lob = xb * yb;
      hb = Math.multiplyHigh(xb, yb);
      cb = lob >>> 13;
      xb = a1b << 8;
      lob = xb * a419b;
      hb += Math.multiplyHigh(xb, a419b);
      cb += lob >>> 13;
      xb = a2b << 8;
      lob = xb * a319b;
      hb += Math.multiplyHigh(xb, a319b);
      cb += lob >>> 13;
      tb = cb + 19 * h4b;
      r0b = tb & M;
      carryb = (tb >>> 51) + hb;
      // column 1 = 2*a0*a1 + 2*a2*19*a4 + a3*19*a3
      x = a0 << 8;
      y = a1 << 6;
      lo = x * y;
      h = Math.multiplyHigh(x, y);
      c = lo >>> 13;
      x = a2 << 8;
      lo = x * a419;
      h += Math.multiplyHigh(x, a419);
      c += lo >>> 13;
      x = a3 << 7;
      lo = x * a319;
      h += Math.multiplyHigh(x, a319);
      c += lo >>> 13;
      t = c + carry;
      r1 = t & M;
      carry = (t >>> 51) + h;
      xb = a0b << 8;
      yb = a1b << 6;
      lob = xb * yb;
      hb = Math.multiplyHigh(xb, yb);
      cb = lob >>> 13;
      xb = a2b << 8;
      lob = xb * a419b;
      hb += Math.multiplyHigh(xb, a419b);
      cb += lob >>> 13;
      xb = a3b << 7;
      lob = xb * a319b;
      hb += Math.multiplyHigh(xb, a319b);
      cb += lob >>> 13;
      tb = cb + carryb;
      r1b = tb & M;
      carryb = (tb >>> 51) + hb;
      // column 2 = 2*a0*a2 + a1*a1 + 2*a3*19*a4
      x = a0 << 8;
      y = a2 << 6;
      lo = x * y;
      h = Math.multiplyHigh(x, y);
      c = lo >>> 13;
      x = a1 << 6;
      y = a1 << 7;
      lo = x * y;
      h += Math.multiplyHigh(x, y);
      c += lo >>> 13;
      x = a3 << 8;
      lo = x * a419;
      h += Math.multiplyHigh(x, a419);
      c += lo >>> 13;
      t = c + carry;
      r2 = t & M;
      carry = (t >>> 51) + h;
      xb = a0b << 8;
      yb = a2b << 6;
      lob = xb * yb;
      hb = Math.multiplyHigh(xb, yb);
      cb = lob >>> 13;
      xb = a1b << 6;
      yb = a1b << 7;
      lob = xb * yb;
      hb += Math.multiplyHigh(xb, yb);
      cb += lob >>> 13;
      xb = a3b << 8;
      lob = xb * a419b;
      hb += Math.multiplyHigh(xb, a419b);
      cb += lob >>> 13;
      tb = cb + carryb;
      r2b = tb & M;
      carryb = (tb >>> 51) + hb;
      // column 3 = 2*a0*a3 + 2*a1*a2 + a4*19*a4
      x = a0 << 8;
      y = a3 << 6;
      lo = x * y;
      h = Math.multiplyHigh(x, y);
      c = lo >>> 13;
      x = a1 << 8;
      y = a2 << 6;
      lo = x * y;
      h += Math.multiplyHigh(x, y);
      c += lo >>> 13;
      x = a4 << 7;
      lo = x * a419;
      h += Math.multiplyHigh(x, a419);
      c += lo >>> 13;
      t = c + carry;
      r3 = t & M;
      carry = (t >>> 51) + h;
      xb = a0b << 8;
      yb = a3b << 6;
      lob = xb * yb;
      hb = Math.multiplyHigh(xb, yb);
      cb = lob >>> 13;
      xb = a1b << 8;
      yb = a2b << 6;
      lob = xb * yb;
      hb += Math.multiplyHigh(xb, yb);
      cb += lob >>> 13;
      xb = a4b << 7;
      lob = xb * a419b;
      hb += Math.multiplyHigh(xb, a419b);
      cb += lob >>> 13;
      tb = cb + carryb;
      r3b = tb & M;
      carryb = (tb >>> 51) + hb;
      t = c4 + carry;
      a4 = t & M;
      a0 = r0 + 19 * (t >>> 51);
      a1 = r1;
      a2 = r2;
      a3 = r3;
      tb = c4b + carryb;
      a4b = tb & M;
      a0b = r0b + 19 * (tb >>> 51);
      a1b = r1b;
      a2b = r2b;
      a3b = r3b;
    }
    ra[0] = a0;
    ra[1] = a1;
    ra[2] = a2;
    ra[3] = a3;
    ra[4] = a4;
    rb[0] = a0b;
    rb[1] = a1b;
    rb[2] = a2b;
    rb[3] = a3b;
    rb[4] = a4b;
  }

  /** ra = a^(2^252 - 3) and rb = b^(2^252 - 3), the chains of {@link #pow22523} interleaved. */
  static void pow22523x2(long[] z, long[] zb, long[] r, long[] rb) {
    long[] t0 = new long[5];
    long[] t1 = new long[5];
    long[] t2 = new long[5];
    long[] u0 = new long[5];
    long[] u1 = new long[5];
    long[] u2 = new long[5];
    sqr2(z, zb, 1, t0, u0); // 2
    sqr2(t0, u0, 2, t1, u1); // 8
    mul(z, t1, t1); // 9
    mul(zb, u1, u1);
    mul(t0, t1, t0); // 11
    mul(u0, u1, u0);
    sqr2(t0, u0, 1, t0, u0); // 22
    mul(t1, t0, t0); // 2^5 - 1
    mul(u1, u0, u0);
    sqr2(t0, u0, 5, t1, u1);
    mul(t1, t0, t0); // 2^10 - 1
    mul(u1, u0, u0);
    sqr2(t0, u0, 10, t1, u1);
    mul(t1, t0, t1); // 2^20 - 1
    mul(u1, u0, u1);
    sqr2(t1, u1, 20, t2, u2);
    mul(t2, t1, t1); // 2^40 - 1
    mul(u2, u1, u1);
    sqr2(t1, u1, 10, t1, u1);
    mul(t1, t0, t0); // 2^50 - 1
    mul(u1, u0, u0);
    sqr2(t0, u0, 50, t1, u1);
    mul(t1, t0, t1); // 2^100 - 1
    mul(u1, u0, u1);
    sqr2(t1, u1, 100, t2, u2);
    mul(t2, t1, t1); // 2^200 - 1
    mul(u2, u1, u1);
    sqr2(t1, u1, 50, t1, u1);
    mul(t1, t0, t0); // 2^250 - 1
    mul(u1, u0, u0);
    sqr2(t0, u0, 2, t0, u0); // 2^252 - 4
    mul(t0, z, r); // 2^252 - 3
    mul(u0, zb, rb);
  }

  /** r = a*b (r may be a or b). */
  static void mul(long[] a, long[] b, long[] r) {
    long a0 = a[0] << 7;
    long a1 = a[1] << 7;
    long a2 = a[2] << 7;
    long a3 = a[3] << 7;
    long a4 = a[4] << 7;
    long b0 = b[0] << 6;
    long b1 = b[1] << 6;
    long b2 = b[2] << 6;
    long b3 = b[3] << 6;
    long b4 = b[4] << 6;
    long e1 = (19 * b[1]) << 6;
    long e2 = (19 * b[2]) << 6;
    long e3 = (19 * b[3]) << 6;
    long e4 = (19 * b[4]) << 6;
    long lo;
    long c0;
    long c1;
    long c2;
    long c3;
    long c4;
    long h0;
    long h1;
    long h2;
    long h3;
    long h4;
    lo = a0 * b0;
    h0 = Math.multiplyHigh(a0, b0);
    c0 = lo >>> 13;
    lo = a1 * e4;
    h0 += Math.multiplyHigh(a1, e4);
    c0 += lo >>> 13;
    lo = a2 * e3;
    h0 += Math.multiplyHigh(a2, e3);
    c0 += lo >>> 13;
    lo = a3 * e2;
    h0 += Math.multiplyHigh(a3, e2);
    c0 += lo >>> 13;
    lo = a4 * e1;
    h0 += Math.multiplyHigh(a4, e1);
    c0 += lo >>> 13;

    lo = a0 * b1;
    h1 = Math.multiplyHigh(a0, b1);
    c1 = lo >>> 13;
    lo = a1 * b0;
    h1 += Math.multiplyHigh(a1, b0);
    c1 += lo >>> 13;
    lo = a2 * e4;
    h1 += Math.multiplyHigh(a2, e4);
    c1 += lo >>> 13;
    lo = a3 * e3;
    h1 += Math.multiplyHigh(a3, e3);
    c1 += lo >>> 13;
    lo = a4 * e2;
    h1 += Math.multiplyHigh(a4, e2);
    c1 += lo >>> 13;

    lo = a0 * b2;
    h2 = Math.multiplyHigh(a0, b2);
    c2 = lo >>> 13;
    lo = a1 * b1;
    h2 += Math.multiplyHigh(a1, b1);
    c2 += lo >>> 13;
    lo = a2 * b0;
    h2 += Math.multiplyHigh(a2, b0);
    c2 += lo >>> 13;
    lo = a3 * e4;
    h2 += Math.multiplyHigh(a3, e4);
    c2 += lo >>> 13;
    lo = a4 * e3;
    h2 += Math.multiplyHigh(a4, e3);
    c2 += lo >>> 13;

    lo = a0 * b3;
    h3 = Math.multiplyHigh(a0, b3);
    c3 = lo >>> 13;
    lo = a1 * b2;
    h3 += Math.multiplyHigh(a1, b2);
    c3 += lo >>> 13;
    lo = a2 * b1;
    h3 += Math.multiplyHigh(a2, b1);
    c3 += lo >>> 13;
    lo = a3 * b0;
    h3 += Math.multiplyHigh(a3, b0);
    c3 += lo >>> 13;
    lo = a4 * e4;
    h3 += Math.multiplyHigh(a4, e4);
    c3 += lo >>> 13;

    lo = a0 * b4;
    h4 = Math.multiplyHigh(a0, b4);
    c4 = lo >>> 13;
    lo = a1 * b3;
    h4 += Math.multiplyHigh(a1, b3);
    c4 += lo >>> 13;
    lo = a2 * b2;
    h4 += Math.multiplyHigh(a2, b2);
    c4 += lo >>> 13;
    lo = a3 * b1;
    h4 += Math.multiplyHigh(a3, b1);
    c4 += lo >>> 13;
    lo = a4 * b0;
    h4 += Math.multiplyHigh(a4, b0);
    c4 += lo >>> 13;

    // limb i = c_i + h_(i-1) (19*h4 into limb 0), carried once, all limbs at the same time
    long u0 = c0 + 19 * h4;
    long u1 = c1 + h0;
    long u2 = c2 + h1;
    long u3 = c3 + h2;
    long u4 = c4 + h3;
    r[0] = (u0 & M) + 19 * (u4 >>> 51);
    r[1] = (u1 & M) + (u0 >>> 51);
    r[2] = (u2 & M) + (u1 >>> 51);
    r[3] = (u3 & M) + (u2 >>> 51);
    r[4] = (u4 & M) + (u3 >>> 51);
  }

  /** r = a + b, carried (r may be a or b). */
  static void add(long[] a, long[] b, long[] r) {
    long r0 = a[0] + b[0];
    long r1 = a[1] + b[1];
    long r2 = a[2] + b[2];
    long r3 = a[3] + b[3];
    long r4 = a[4] + b[4];
    weakCarry(r0, r1, r2, r3, r4, r);
  }

  /** r = a - b + 4p, carried (r may be a or b). */
  static void sub(long[] a, long[] b, long[] r) {
    long r0 = a[0] - b[0] + FOUR_P0;
    long r1 = a[1] - b[1] + FOUR_PI;
    long r2 = a[2] - b[2] + FOUR_PI;
    long r3 = a[3] - b[3] + FOUR_PI;
    long r4 = a[4] - b[4] + FOUR_PI;
    weakCarry(r0, r1, r2, r3, r4, r);
  }

  /** 4p in limbs: every limb above any input limb (below 2^52.5). */
  private static final long FOUR_P0 = 4 * ((1L << 51) - 19);

  private static final long FOUR_PI = 4 * ((1L << 51) - 1);

  /**
   * r = a + b, not carried: for point formulas whose operands are carried (limbs below 2^51 +
   * 2^15), the result (below 2^52 + 2^16) is a valid operand of {@link #mul} and {@link #sqr}.
   */
  static void addNoCarry(long[] a, long[] b, long[] r) {
    r[0] = a[0] + b[0];
    r[1] = a[1] + b[1];
    r[2] = a[2] + b[2];
    r[3] = a[3] + b[3];
    r[4] = a[4] + b[4];
  }

  /**
   * r = a - b + 2p, not carried: for carried a and b (limbs below 2^51 + 2^15, so that no limb goes
   * negative), the result (below 2^52 + 2^51 + 2^15) is a valid operand of {@link #mul} and {@link
   * #sqr}.
   */
  static void subNoCarry(long[] a, long[] b, long[] r) {
    r[0] = a[0] - b[0] + TWO_P0;
    r[1] = a[1] - b[1] + TWO_PI;
    r[2] = a[2] - b[2] + TWO_PI;
    r[3] = a[3] - b[3] + TWO_PI;
    r[4] = a[4] - b[4] + TWO_PI;
  }

  private static final long TWO_P0 = 2 * ((1L << 51) - 19);

  private static final long TWO_PI = 2 * ((1L << 51) - 1);

  /** r = -a, carried. */
  static void negate(long[] a, long[] r) {
    sub(ZERO, a, r);
  }

  private static final long[] ZERO = new long[5];

  /** r = a if mask is all ones, unchanged if it is 0 (constant time). */
  static void cmov(long mask, long[] a, long[] r) {
    for (int i = 0; i < 5; i++) {
      r[i] ^= (r[i] ^ a[i]) & mask;
    }
  }

  /** Swaps a and b if mask is all ones (constant time). */
  static void cswap(long mask, long[] a, long[] b) {
    for (int i = 0; i < 5; i++) {
      long d = (a[i] ^ b[i]) & mask;
      a[i] ^= d;
      b[i] ^= d;
    }
  }

  /**
   * r = 1/a (0 for 0) in constant time (encodings of secret multiples go through here): Bouncy
   * Castle's constant-time inversion (safegcd) on X25519Field limbs, about half the time of the
   * exponentiation a^(p-2) on these limbs.
   */
  static void inv(long[] a, long[] r) {
    int[] x = X25519Field.create();
    toX25519(a, x);
    X25519Field.inv(x, x);
    copy(fromX25519(x), r);
  }

  static long[] one() {
    return new long[] {1, 0, 0, 0, 0};
  }

  static void copy(long[] a, long[] r) {
    System.arraycopy(a, 0, r, 0, 5);
  }

  /** 0 <= v < 2^255 to limbs (constants). */
  static long[] fromBig(java.math.BigInteger v) {
    long[] r = new long[5];
    for (int i = 0; i < 5; i++) {
      r[i] = v.shiftRight(51 * i).longValue() & M;
    }
    return r;
  }

  /** r = a * k for a small non-negative k (below 2^10). */
  static void mulSmall(long[] a, int k, long[] r) {
    weakCarry(a[0] * k, a[1] * k, a[2] * k, a[3] * k, a[4] * k, r);
  }

  private static void weakCarry(long r0, long r1, long r2, long r3, long r4, long[] r) {
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
    r[0] = r0;
    r[1] = r1;
    r[2] = r2;
    r[3] = r3;
    r[4] = r4;
  }

  /** r = the canonical (fully reduced) limbs of a (r may be a). */
  static void canonical(long[] a, long[] r) {
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
    r[0] = r0;
    r[1] = r1;
    r[2] = r2;
    r[3] = r3;
    r[4] = r4;
  }

  /** Whether a = 0 mod p. */
  static boolean isZero(long[] a) {
    long[] c = new long[5];
    canonical(a, c);
    return (c[0] | c[1] | c[2] | c[3] | c[4]) == 0;
  }

  /** Whether a = 1 mod p. */
  static boolean isOne(long[] a) {
    long[] c = new long[5];
    canonical(a, c);
    return ((c[0] ^ 1) | c[1] | c[2] | c[3] | c[4]) == 0;
  }

  /** Whether a = b mod p. */
  static boolean equal(long[] a, long[] b) {
    long[] d = new long[5];
    sub(a, b, d);
    return isZero(d);
  }

  /** The least significant bit of the canonical value (the RFC 8032 sign of x). */
  static int lowBit(long[] a) {
    long[] c = new long[5];
    canonical(a, c);
    return (int) (c[0] & 1);
  }
}
