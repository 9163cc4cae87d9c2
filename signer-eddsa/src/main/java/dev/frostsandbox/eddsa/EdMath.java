package dev.frostsandbox.eddsa;

import java.math.BigInteger;
import org.bouncycastle.math.ec.rfc7748.X25519Field;

/**
 * Mutable internals for edwards25519 (a = -1) over {@link X25519Field} limbs. Limb bounds follow
 * Bouncy Castle's own Ed25519: a multiplication operand is a carried value or the sum/difference of
 * at most two carried values.
 */
final class EdMath {

  private EdMath() {}

  static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));

  /** d = -121665/121666 mod p. */
  static final int[] D;

  static final int[] D2;

  static {
    BigInteger d =
        BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
    D = fromBig(d);
    D2 = fromBig(d.shiftLeft(1).mod(P));
  }

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

  /** (y+x, y-x, 2z, 2d*t): an extended point ready for repeated addition. */
  static final class Cached {
    final int[] ypx = X25519Field.create();
    final int[] ymx = X25519Field.create();
    final int[] z2 = X25519Field.create();
    final int[] t2d = X25519Field.create();

    Cached(int[] x, int[] y, int[] z, int[] t) {
      X25519Field.apm(y, x, ypx, ymx);
      X25519Field.add(z, z, z2);
      X25519Field.mul(t, D2, t2d);
    }
  }

  /** Affine (y+x, y-x, 2d*x*y), normalized: a point with z = 1 (ref10 "niels" form). */
  static final class Niels {
    final int[] ypx = X25519Field.create();
    final int[] ymx = X25519Field.create();
    final int[] xy2d = X25519Field.create();

    Niels() {
      // the identity: y = 1, x = 0
      ypx[0] = 1;
      ymx[0] = 1;
    }

    /** From an extended point (one inversion; table construction only). */
    Niels(int[] x, int[] y, int[] z) {
      int[] zi = X25519Field.create();
      int[] ax = X25519Field.create();
      int[] ay = X25519Field.create();
      X25519Field.invVar(z, zi);
      X25519Field.mul(x, zi, ax);
      X25519Field.mul(y, zi, ay);
      X25519Field.apm(ay, ax, ypx, ymx);
      X25519Field.mul(ax, ay, xy2d);
      X25519Field.mul(xy2d, D2, xy2d);
      X25519Field.normalize(ypx);
      X25519Field.normalize(ymx);
      X25519Field.normalize(xy2d);
    }

    void setIdentity() {
      X25519Field.one(ypx);
      X25519Field.one(ymx);
      X25519Field.zero(xy2d);
    }
  }

  /** A mutable accumulator in extended coordinates with its own scratch space. */
  static final class Acc {
    final int[] x = X25519Field.create();
    final int[] y = X25519Field.create();
    final int[] z = X25519Field.create();
    final int[] t = X25519Field.create();
    private final int[] a = X25519Field.create();
    private final int[] b = X25519Field.create();
    private final int[] c = X25519Field.create();
    private final int[] d = X25519Field.create();
    private final int[] e = X25519Field.create();
    private final int[] f = X25519Field.create();
    private final int[] g = X25519Field.create();
    private final int[] h = X25519Field.create();
    // set when the last doubling skipped T; e and h still hold what T needs
    private boolean tStale;

    Acc() {
      setIdentity();
    }

    void setIdentity() {
      X25519Field.zero(x);
      X25519Field.one(y);
      X25519Field.one(z);
      X25519Field.zero(t);
      tStale = false;
    }

    void set(Ed25519Point p) {
      X25519Field.copy(p.x, 0, x, 0);
      X25519Field.copy(p.y, 0, y, 0);
      X25519Field.copy(p.z, 0, z, 0);
      X25519Field.copy(p.t, 0, t, 0);
      tStale = false;
    }

    private void completeT() {
      if (tStale) {
        X25519Field.mul(e, h, t);
        tStale = false;
      }
    }

    Ed25519Point toPoint() {
      completeT();
      return new Ed25519Point(copy(x), copy(y), copy(z), copy(t));
    }

    Cached toCached() {
      completeT();
      return new Cached(x, y, z, t);
    }

    /** dbl-2008-hwcd with every output negated (signs cancel); t only when an add follows. */
    void dbl(boolean withT) {
      X25519Field.add(x, y, e);
      X25519Field.sqr(x, a);
      X25519Field.sqr(y, b);
      X25519Field.sqr(z, c);
      X25519Field.add(c, c, c);
      X25519Field.apm(a, b, h, g);
      X25519Field.sqr(e, e);
      X25519Field.sub(h, e, e);
      X25519Field.add(c, g, f);
      X25519Field.carry(f);
      X25519Field.mul(f, g, z);
      X25519Field.mul(f, e, x);
      X25519Field.mul(g, h, y);
      if (withT) {
        X25519Field.mul(e, h, t);
      }
      tStale = !withT;
    }

    /** add-2008-hwcd-3 (complete, a = -1); neg adds -q instead (swap y+x/y-x, negate t). */
    void add(Cached q, boolean neg) {
      X25519Field.apm(y, x, b, a);
      X25519Field.mul(a, neg ? q.ypx : q.ymx, a);
      X25519Field.mul(b, neg ? q.ymx : q.ypx, b);
      X25519Field.mul(t, q.t2d, c);
      X25519Field.mul(z, q.z2, d);
      finish(neg);
    }

    /** Mixed addition with an affine niels point (z2 = 1). */
    void add(Niels q, boolean neg) {
      X25519Field.apm(y, x, b, a);
      X25519Field.mul(a, neg ? q.ypx : q.ymx, a);
      X25519Field.mul(b, neg ? q.ymx : q.ypx, b);
      X25519Field.mul(t, q.xy2d, c);
      X25519Field.add(z, z, d);
      X25519Field.carry(d);
      finish(neg);
    }

    private void finish(boolean neg) {
      X25519Field.apm(b, a, h, e);
      if (neg) {
        X25519Field.apm(d, c, f, g);
      } else {
        X25519Field.apm(d, c, g, f);
      }
      X25519Field.mul(e, f, x);
      X25519Field.mul(g, h, y);
      X25519Field.mul(f, g, z);
      X25519Field.mul(e, h, t);
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
