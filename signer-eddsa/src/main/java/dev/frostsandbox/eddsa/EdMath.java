package dev.frostsandbox.eddsa;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X25519Field;

/**
 * Mutable internals for edwards25519 (a = -1) over {@link Field51} limbs. Limb bounds: every stored
 * coordinate is carried (a product or a carried sum); a multiplication operand is a carried value,
 * the sum of two ({@link Field51#addNoCarry}) or the difference of two with 2p added ({@link
 * Field51#subNoCarry}); anything else is carried first ({@link Field51#add}, {@link Field51#sub}:
 * the doubling's h - e^2 and f = c + g, the mixed addition's 2z).
 */
final class EdMath {

  private EdMath() {}

  static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));

  private static final BigInteger D_BIG =
      BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);

  /** d = -121665/121666 mod p. */
  static final long[] D = Field51.fromBig(D_BIG);

  static final long[] D2 = Field51.fromBig(D_BIG.shiftLeft(1).mod(P));

  /** d in X25519Field limbs, for the reference code kept on Bouncy Castle's field. */
  static final int[] D_X25519 = fromBig(D_BIG);

  /** An X25519Field element (the reference code and its tests). */
  static int[] fromBig(BigInteger v) {
    byte[] be = v.toByteArray();
    byte[] le = new byte[32];
    for (int i = 0; i < 32 && i < be.length; i++) {
      le[i] = be[be.length - 1 - i];
    }
    int[] r = X25519Field.create();
    X25519Field.decode(le, 0, r);
    return r;
  }

  static int[] copy(int[] a) {
    return a.clone();
  }

  static int[] one() {
    int[] r = X25519Field.create();
    X25519Field.one(r);
    return r;
  }

  /**
   * ax = x/z and ay = y/z, in constant time (points that are multiples of secret nonces and shares
   * go through here, and their z would show through a variable-time inversion).
   */
  static void affine(long[] x, long[] y, long[] z, long[] ax, long[] ay) {
    long[] zi = new long[5];
    Field51.inv(z, zi);
    Field51.mul(x, zi, ax);
    Field51.mul(y, zi, ay);
  }

  /** (y+x, y-x, 2z, 2d*t): an extended point ready for repeated addition. */
  static final class Cached {
    final long[] ypx = new long[5];
    final long[] ymx = new long[5];
    final long[] z2 = new long[5];
    final long[] t2d = new long[5];

    Cached(long[] x, long[] y, long[] z, long[] t) {
      Field51.addNoCarry(y, x, ypx);
      Field51.subNoCarry(y, x, ymx);
      Field51.addNoCarry(z, z, z2);
      Field51.mul(t, D2, t2d);
    }
  }

  /** Affine (y+x, y-x, 2d*x*y), carried: a point with z = 1 (ref10 "niels" form). */
  static final class Niels {
    final long[] ypx = new long[5];
    final long[] ymx = new long[5];
    final long[] xy2d = new long[5];

    Niels() {
      setIdentity();
    }

    /** From an extended point (one inversion; table construction only). */
    Niels(long[] x, long[] y, long[] z) {
      long[] ax = new long[5];
      long[] ay = new long[5];
      affine(x, y, z, ax, ay);
      Field51.add(ay, ax, ypx);
      Field51.sub(ay, ax, ymx);
      Field51.mul(ax, ay, xy2d);
      Field51.mul(xy2d, D2, xy2d);
    }

    void setIdentity() {
      // y = 1, x = 0
      Arrays.fill(ypx, 0);
      Arrays.fill(ymx, 0);
      Arrays.fill(xy2d, 0);
      ypx[0] = 1;
      ymx[0] = 1;
    }
  }

  /** A mutable accumulator in extended coordinates with its own scratch space. */
  static final class Acc {
    final long[] x = new long[5];
    final long[] y = new long[5];
    final long[] z = new long[5];
    final long[] t = new long[5];
    private final long[] a = new long[5];
    private final long[] b = new long[5];
    private final long[] c = new long[5];
    private final long[] d = new long[5];
    private final long[] e = new long[5];
    private final long[] f = new long[5];
    private final long[] g = new long[5];
    private final long[] h = new long[5];
    // set when the last doubling skipped T; e and h still hold what T needs
    private boolean tStale;

    Acc() {
      setIdentity();
    }

    void setIdentity() {
      Arrays.fill(x, 0);
      Arrays.fill(y, 0);
      Arrays.fill(z, 0);
      Arrays.fill(t, 0);
      y[0] = 1;
      z[0] = 1;
      tStale = false;
    }

    void set(Ed25519Point p) {
      Field51.copy(p.x, x);
      Field51.copy(p.y, y);
      Field51.copy(p.z, z);
      Field51.copy(p.t, t);
      tStale = false;
    }

    private void completeT() {
      if (tStale) {
        Field51.mul(e, h, t);
        tStale = false;
      }
    }

    Ed25519Point toPoint() {
      completeT();
      return new Ed25519Point(x.clone(), y.clone(), z.clone(), t.clone());
    }

    Cached toCached() {
      completeT();
      return new Cached(x, y, z, t);
    }

    /** dbl-2008-hwcd with every output negated (signs cancel); t only when an add follows. */
    void dbl(boolean withT) {
      Field51.addNoCarry(x, y, e);
      Field51.sqr(x, a);
      Field51.sqr(y, b);
      Field51.sqr(z, c);
      Field51.addNoCarry(c, c, c);
      Field51.addNoCarry(a, b, h);
      Field51.subNoCarry(a, b, g);
      Field51.sqr(e, e);
      Field51.sub(h, e, e); // h is a sum: carried
      Field51.add(c, g, f); // a sum and a difference: carried
      Field51.mul(f, g, z);
      Field51.mul(f, e, x);
      Field51.mul(g, h, y);
      if (withT) {
        Field51.mul(e, h, t);
      }
      tStale = !withT;
    }

    /** add-2008-hwcd-3 (complete, a = -1); neg adds -q instead (swap y+x/y-x, negate t). */
    void add(Cached q, boolean neg) {
      Field51.addNoCarry(y, x, b);
      Field51.subNoCarry(y, x, a);
      Field51.mul(a, neg ? q.ypx : q.ymx, a);
      Field51.mul(b, neg ? q.ymx : q.ypx, b);
      Field51.mul(t, q.t2d, c);
      Field51.mul(z, q.z2, d);
      finish(neg);
    }

    /** Mixed addition with an affine niels point (z2 = 1). */
    void add(Niels q, boolean neg) {
      Field51.addNoCarry(y, x, b);
      Field51.subNoCarry(y, x, a);
      Field51.mul(a, neg ? q.ypx : q.ymx, a);
      Field51.mul(b, neg ? q.ymx : q.ypx, b);
      Field51.mul(t, q.xy2d, c);
      // carried: finish's d - c + 2p would exceed mul's operand bound with an uncarried 2z
      Field51.add(z, z, d);
      finish(neg);
    }

    /** a, b, c, d carried. */
    private void finish(boolean neg) {
      Field51.addNoCarry(b, a, h);
      Field51.subNoCarry(b, a, e);
      if (neg) {
        Field51.addNoCarry(d, c, f);
        Field51.subNoCarry(d, c, g);
      } else {
        Field51.addNoCarry(d, c, g);
        Field51.subNoCarry(d, c, f);
      }
      Field51.mul(e, f, x);
      Field51.mul(g, h, y);
      Field51.mul(f, g, z);
      Field51.mul(e, h, t);
      tStale = false;
    }
  }

  /** Little-endian 32 bytes to 8 little-endian words. */
  static int[] words(byte[] le32) {
    int[] w = new int[8];
    for (int i = 0; i < 32; i++) {
      w[i >> 2] |= (le32[i] & 0xff) << ((i & 3) << 3);
    }
    return w;
  }

  /**
   * Width-w NAF of a scalar below 2^255 (as 8 LE words): odd digits in (-2^(w-1), 2^(w-1)), at most
   * one non-zero in any w consecutive positions. 256 positions.
   */
  static byte[] wnaf(int[] k, int w) {
    byte[] naf = new byte[256];
    int width = 1 << w;
    int mask = width - 1;
    int carry = 0;
    int pos = 0;
    while (pos < 256) {
      int idx = pos >>> 5;
      int bit = pos & 31;
      long buf = (k[idx] & 0xffffffffL) >>> bit;
      if (idx + 1 < 8) {
        buf |= (k[idx + 1] & 0xffffffffL) << (32 - bit);
      }
      int window = carry + (int) (buf & mask);
      if ((window & 1) == 0) {
        pos++;
        continue;
      }
      if (window < width / 2) {
        carry = 0;
        naf[pos] = (byte) window;
      } else {
        carry = 1;
        naf[pos] = (byte) (window - width);
      }
      pos += w;
    }
    return naf;
  }

  /** Cached odd multiples P, 3P, ..., (2n-1)P. */
  static Cached[] oddMultiples(Ed25519Point p, int n) {
    Cached[] table = new Cached[n];
    Acc acc = new Acc();
    acc.set(p);
    table[0] = acc.toCached();
    if (n == 1) {
      return table;
    }
    acc.dbl(true);
    Cached twice = acc.toCached();
    acc.set(p);
    for (int i = 1; i < n; i++) {
      acc.add(twice, false);
      table[i] = acc.toCached();
    }
    return table;
  }
}
