package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.ecdsaschnorr.Secp256k1Jacobian52.Scratch;
import java.math.BigInteger;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.WNafUtil;
import org.bouncycastle.math.ec.endo.GLVEndomorphism;

/**
 * {@code sum(k_i * P_i)} on secp256k1: each scalar split in two halves of about 128 bits by the GLV
 * endomorphism (Bouncy Castle's decomposition, {@code k = a + b lambda}, {@code lambda P = (beta x,
 * y)}), each half in width-5 NAF, all halves walked together over one chain of doublings (Straus),
 * adding affine odd multiples {@code P, 3P, ..., 15P} made once per point and normalized with a
 * single inversion. The operation count is that of Bouncy Castle's {@code sumOfMultiplies}; the
 * difference is that the field arithmetic runs on {@link Secp256k1Field52}'s {@code long[5]} limbs
 * in place instead of allocating an {@code ECFieldElement} per operation (about 100 KB of garbage
 * per 2-point MSM). {@link Secp256k1MsmInt32}, the same walk on Bouncy Castle's {@code int[8]}
 * field, is kept as its reference.
 *
 * <p>Variable time, like Bouncy Castle's: every use in the engine combines public values (binding
 * factors with commitments, the challenge with verifying keys, signature shares with G).
 */
final class Secp256k1Msm {

  private static final int WIDTH = 5;
  private static final int ENTRIES = 1 << (WIDTH - 2); // odd multiples 1, 3, ..., 2^(WIDTH-1) - 1

  private final ECCurve curve;
  private final GLVEndomorphism glv;
  private final BigInteger order;

  /** beta: lambda (x, y) = (beta x, y). */
  private final long[] beta;

  Secp256k1Msm(ECCurve curve, ECPoint generator, BigInteger order) {
    this.curve = curve;
    this.glv = (GLVEndomorphism) curve.getEndomorphism();
    this.order = order;
    ECPoint mapped = glv.getPointMap().map(generator).normalize();
    BigInteger p = curve.getField().getCharacteristic();
    BigInteger x = generator.normalize().getAffineXCoord().toBigInteger();
    this.beta =
        Secp256k1Field52.fromBigInteger(
            mapped.getAffineXCoord().toBigInteger().multiply(x.modInverse(p)).mod(p));
  }

  /** The sum; scalars are reduced mod n, zero scalars and points at infinity contribute nothing. */
  ECPoint sumOfMultiplies(ECPoint[] points, BigInteger[] scalars) {
    return sumOfMultiplies(NONE, points, scalars);
  }

  private static final ECPoint[] NONE = new ECPoint[0];

  /**
   * {@code sum(addends) + sum(scalars[i] * points[i])}: the addends (the group commitment's hiding
   * commitments) are added by mixed additions after the walk, before its one normalization, instead
   * of by Bouncy Castle's additions and a second inversion.
   */
  ECPoint sumOfMultiplies(ECPoint[] addends, ECPoint[] points, BigInteger[] scalars) {
    int n = 0;
    ECPoint[] ps = new ECPoint[points.length];
    BigInteger[] ks = new BigInteger[points.length];
    for (int i = 0; i < points.length; i++) {
      BigInteger k = scalars[i].mod(order);
      if (k.signum() != 0 && !points[i].isInfinity()) {
        ps[n] = points[i].normalize();
        ks[n++] = k;
      }
    }
    Scratch s = new Scratch();
    long[] x = new long[5];
    long[] y = new long[5];
    long[] z = new long[5];
    boolean infinity = true;
    if (n > 0) {
      infinity = walk(ps, ks, n, x, y, z, s);
    }
    for (ECPoint a : addends) {
      if (a.isInfinity()) {
        continue;
      }
      ECPoint an = a.normalize();
      long[] ax = Secp256k1Field52.fromBigInteger(an.getAffineXCoord().toBigInteger());
      long[] ay = Secp256k1Field52.fromBigInteger(an.getAffineYCoord().toBigInteger());
      infinity = addVar(x, y, z, infinity, ax, ay, s);
    }
    if (infinity) {
      return curve.getInfinity();
    }
    Secp256k1Jacobian52.normalizeVar(x, y, z, s);
    return Secp256k1Jacobian52.point(curve, x, y);
  }

  /**
   * (x, y, z) += (ax, ay) (affine, magnitude 1), where {@code infinity} says the accumulator is the
   * point at infinity; returns whether the sum is. Variable time: public points only.
   */
  private static boolean addVar(
      long[] x, long[] y, long[] z, boolean infinity, long[] ax, long[] ay, Scratch s) {
    if (infinity) {
      System.arraycopy(ax, 0, x, 0, 5);
      System.arraycopy(ay, 0, y, 0, 5);
      java.util.Arrays.fill(z, 0);
      z[0] = 1;
      return false;
    }
    Secp256k1Jacobian52.startAddAffine(x, y, z, ax, ay, s);
    if (Secp256k1Field52.isZero(s.h, s.n) == 0) {
      Secp256k1Jacobian52.finishAddAffine(x, y, z, s);
      return false;
    } else if (Secp256k1Field52.isZero(s.r, s.n) != 0) {
      Secp256k1Jacobian52.twice(x, y, z, s); // the addend is the point itself
      return false;
    }
    return true; // the addend is its negation
  }

  /**
   * The Straus walk over n > 0 points with non-zero scalars; returns whether the sum is infinity.
   */
  private boolean walk(
      ECPoint[] ps, BigInteger[] ks, int n, long[] x, long[] y, long[] z, Scratch s) {
    // tables: per point, ENTRIES odd multiples (x, y); the lambda halves scale x by beta
    long[][] tx = new long[2 * n * ENTRIES][];
    long[][] ty = new long[2 * n * ENTRIES][];
    oddMultiples(ps, n, tx, ty, s);
    for (int i = 0; i < n * ENTRIES; i++) {
      long[] bx = new long[5];
      Secp256k1Field52.mul(tx[i], beta, bx);
      tx[n * ENTRIES + i] = bx;
      ty[n * ENTRIES + i] = ty[i];
    }
    // digits of the 2n halves; a negative half uses the negated table (y -> -y)
    byte[][] digits = new byte[2 * n][];
    boolean[] negative = new boolean[2 * n];
    int length = 0;
    for (int i = 0; i < n; i++) {
      BigInteger[] ab = glv.decomposeScalar(ks[i]);
      for (int h = 0; h < 2; h++) {
        int c = h * n + i;
        negative[c] = ab[h].signum() < 0;
        digits[c] = WNafUtil.generateWindowNaf(WIDTH, ab[h].abs());
        length = Math.max(length, digits[c].length);
      }
    }
    long[] negY = new long[5];
    boolean infinity = true;
    for (int bit = length - 1; bit >= 0; bit--) {
      if (!infinity) {
        Secp256k1Jacobian52.twice(x, y, z, s);
      }
      for (int c = 0; c < 2 * n; c++) {
        byte[] d = digits[c];
        int digit = bit < d.length ? d[bit] : 0;
        if (digit == 0) {
          continue;
        }
        int entry = c * ENTRIES + ((Math.abs(digit) - 1) >>> 1);
        long[] ax = tx[entry];
        long[] ay = ty[entry];
        if ((digit < 0) != negative[c]) {
          Secp256k1Field52.negate(ay, 1, negY);
          Secp256k1Field52.weak(negY);
          ay = negY;
        }
        infinity = addVar(x, y, z, infinity, ax, ay, s);
      }
    }
    return infinity;
  }

  /**
   * {@code (2j + 1) P} for j < ENTRIES and each affine P, affine, with one inversion for all. 2P =
   * (X, Y, Z) stays Jacobian: on the isomorphic curve {@code y^2 = x^3 + 7 Z^6} (the map {@code (x,
   * y) -> (x Z^2, y Z^3)}; the addition formulas do not involve b) it is the affine point (X, Y),
   * so the multiples are built there by mixed additions of (X, Y) to {@code (x Z^2, y Z^3)}, and a
   * result (X', Y', Z') there is (X', Y', Z' Z) on secp256k1 (libsecp256k1's trick; the first
   * version spent an inversion on making 2P affine). The additions never meet equal x coordinates:
   * (2j - 1) P = +-2P would need 2j - 1 = +-2 mod n.
   */
  private static void oddMultiples(ECPoint[] ps, int n, long[][] tx, long[][] ty, Scratch s) {
    long[] dx = new long[5];
    long[] dy = new long[5];
    long[] dz = new long[5];
    long[] zz = s.ax;
    long[][] jz = new long[n * ENTRIES][];
    for (int i = 0; i < n; i++) {
      int base = i * ENTRIES;
      long[] px = Secp256k1Field52.fromBigInteger(ps[i].getAffineXCoord().toBigInteger());
      long[] py = Secp256k1Field52.fromBigInteger(ps[i].getAffineYCoord().toBigInteger());
      System.arraycopy(px, 0, dx, 0, 5);
      System.arraycopy(py, 0, dy, 0, 5);
      java.util.Arrays.fill(dz, 0);
      dz[0] = 1;
      Secp256k1Jacobian52.twice(dx, dy, dz, s);
      // P on the isomorphic curve: (x Z^2, y Z^3, 1)
      Secp256k1Field52.sqr(dz, zz);
      Secp256k1Field52.mul(px, zz, px);
      Secp256k1Field52.mul(zz, dz, zz);
      Secp256k1Field52.mul(py, zz, py);
      tx[base] = px;
      ty[base] = py;
      jz[base] = new long[5];
      jz[base][0] = 1;
      for (int j = 1; j < ENTRIES; j++) {
        long[] x = tx[base + j - 1].clone();
        long[] y = ty[base + j - 1].clone();
        long[] z = jz[base + j - 1].clone();
        Secp256k1Jacobian52.startAddAffine(x, y, z, dx, dy, s);
        Secp256k1Jacobian52.finishAddAffine(x, y, z, s);
        tx[base + j] = x;
        ty[base + j] = y;
        jz[base + j] = z;
      }
      // back on secp256k1: Z' Z
      for (int j = 0; j < ENTRIES; j++) {
        Secp256k1Field52.mul(jz[base + j], dz, jz[base + j]);
      }
    }
    normalizeAll(tx, ty, jz, n * ENTRIES, s);
  }

  /**
   * Jacobian to affine for {@code count} points with one variable-time inversion (Montgomery's
   * trick).
   */
  private static void normalizeAll(long[][] x, long[][] y, long[][] z, int count, Scratch s) {
    long[][] prefix = new long[count][];
    prefix[0] = z[0].clone();
    for (int i = 1; i < count; i++) {
      prefix[i] = new long[5];
      Secp256k1Field52.mul(prefix[i - 1], z[i], prefix[i]);
    }
    long[] inv = new long[5];
    // 1 / (z_0 ... z_{count-1})
    Secp256k1Field52.invVar(prefix[count - 1], inv, s.i8a, s.i8b);
    long[] zInv = new long[5];
    long[] zInv2 = new long[5];
    for (int i = count - 1; i >= 0; i--) {
      if (i > 0) {
        Secp256k1Field52.mul(inv, prefix[i - 1], zInv); // 1 / z_i
        Secp256k1Field52.mul(inv, z[i], inv); // 1 / (z_0 ... z_{i-1})
      } else {
        System.arraycopy(inv, 0, zInv, 0, 5);
      }
      Secp256k1Field52.sqr(zInv, zInv2);
      Secp256k1Field52.mul(x[i], zInv2, x[i]);
      Secp256k1Field52.mul(zInv2, zInv, zInv2);
      Secp256k1Field52.mul(y[i], zInv2, y[i]);
    }
  }
}
