package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.ecdsaschnorr.Secp256k1Jacobian52.Scratch;
import java.math.BigInteger;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.endo.GLVEndomorphism;

/**
 * {@code sum(k_i * P_i)} on secp256k1: each scalar split in two halves of about 128 bits by the GLV
 * endomorphism (Bouncy Castle's decomposition, {@code k = a + b lambda}, {@code lambda P = (beta x,
 * y)}), each half in width-5 NAF, all halves walked together over one chain of doublings (Straus),
 * adding odd multiples {@code P, 3P, ..., 15P} made once per point, affine on one isomorphic curve
 * without an inversion (see {@link #oddMultiples}); the digits are found on 64-bit words, the
 * result is normalized with the walk's only inversion. Bouncy Castle's {@code sumOfMultiplies}
 * makes the same additions and doublings, on field elements allocated per operation (about 100 KB
 * of garbage per 2-point MSM); here the field arithmetic runs on {@link Secp256k1Field52}'s {@code
 * long[5]} limbs in place. {@link Secp256k1MsmInt32}, the same walk on Bouncy Castle's {@code
 * int[8]} field, is kept as its reference.
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
    long[] tableZ = oddMultiples(ps, n, tx, ty, s);
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
        digits[c] = wnaf(ab[h].abs());
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
    if (!infinity) {
      // from the tables' isomorphic curve back to secp256k1
      Secp256k1Field52.mul(z, tableZ, z);
    }
    return infinity;
  }

  /**
   * The width-{@link #WIDTH} NAF of {@code k >= 0} (public), least significant digit first: every
   * digit 0 or odd in (-2^(WIDTH-1), 2^(WIDTH-1)), at most one non-zero in any WIDTH consecutive,
   * {@code k = sum(d_i 2^i)}; the array ends with its highest non-zero digit. The unique such form,
   * so the same digits as Bouncy Castle's {@code WNafUtil.generateWindowNaf}, found on 64-bit words
   * with a carry (libsecp256k1's {@code ecmult_wnaf}) instead of BigInteger arithmetic.
   */
  static byte[] wnaf(BigInteger k) {
    int bits = k.bitLength();
    int len = bits + 2;
    long[] words = new long[(len + WIDTH + 63) / 64 + 1];
    for (int i = 0; i * 64 < bits; i++) {
      words[i] = k.shiftRight(64 * i).longValue();
    }
    byte[] d = new byte[len];
    int carry = 0;
    int top = -1;
    int pos = 0;
    while (pos < len) {
      if ((int) ((words[pos >>> 6] >>> (pos & 63)) & 1) == carry) {
        pos++;
        continue;
      }
      int word = bitsAt(words, pos) + carry;
      carry = (word >>> (WIDTH - 1)) & 1;
      word -= carry << WIDTH;
      d[pos] = (byte) word;
      top = pos;
      pos += WIDTH;
    }
    if (carry != 0) {
      throw new IllegalStateException("wNAF carry left over");
    }
    return java.util.Arrays.copyOf(d, top + 1);
  }

  /** The WIDTH bits of the words from bit pos up. */
  private static int bitsAt(long[] words, int pos) {
    int i = pos >>> 6;
    int shift = pos & 63;
    long v = words[i] >>> shift;
    if (shift != 0) {
      v |= words[i + 1] << (64 - shift);
    }
    return (int) (v & ((1 << WIDTH) - 1));
  }

  /**
   * {@code (2j + 1) P} for j < ENTRIES and each affine P, all of them affine on one curve
   * isomorphic to secp256k1, with no inversion; returns that curve's Z (libsecp256k1's "effective
   * affine" tables). A point (X, Y, Z) of secp256k1 in Jacobian coordinates is the affine point (X,
   * Y) of {@code y^2 = x^3 + 7 Z^6} (the map {@code (x, y) -> (x Z^2, y Z^3)}); the addition and
   * doubling formulas do not involve b, so they run unchanged there, and the walk's result (X', Y',
   * Z') there is (X', Y', Z' Z) on secp256k1.
   *
   * <p>Per point: 2P = (X, Y, D) in Jacobian coordinates is affine on the curve of D, so the odd
   * multiples are built there by mixed additions of (X, Y) to {@code (x D^2, y D^3)}; each is then
   * brought to the Z of the last one by the ratios of the additions' H, so the point's table is
   * affine on the curve of {@code D Z_last}; the tables of the different points, finally, are
   * brought to the product of those. The additions never meet equal x coordinates: (2j - 1) P =
   * +-2P would need 2j - 1 = +-2 mod n. (The first versions normalized the table with an inversion
   * instead.)
   */
  private static long[] oddMultiples(ECPoint[] ps, int n, long[][] tx, long[][] ty, Scratch s) {
    long[] dx = new long[5];
    long[] dy = new long[5];
    long[] dz = new long[5];
    long[] zz = s.ax;
    long[][] pointZ = new long[n][];
    long[][] h = new long[ENTRIES][];
    long[] ratio = new long[5];
    long[] ratio2 = new long[5];
    for (int i = 0; i < n; i++) {
      int base = i * ENTRIES;
      long[] px = Secp256k1Field52.fromBigInteger(ps[i].getAffineXCoord().toBigInteger());
      long[] py = Secp256k1Field52.fromBigInteger(ps[i].getAffineYCoord().toBigInteger());
      System.arraycopy(px, 0, dx, 0, 5);
      System.arraycopy(py, 0, dy, 0, 5);
      java.util.Arrays.fill(dz, 0);
      dz[0] = 1;
      Secp256k1Jacobian52.twice(dx, dy, dz, s);
      // P on the curve of D: (x D^2, y D^3, 1)
      Secp256k1Field52.sqr(dz, zz);
      Secp256k1Field52.mul(px, zz, px);
      Secp256k1Field52.mul(zz, dz, zz);
      Secp256k1Field52.mul(py, zz, py);
      tx[base] = px;
      ty[base] = py;
      long[] z = new long[5];
      z[0] = 1;
      for (int j = 1; j < ENTRIES; j++) {
        long[] x = tx[base + j - 1].clone();
        long[] y = ty[base + j - 1].clone();
        Secp256k1Jacobian52.startAddAffine(x, y, z, dx, dy, s);
        h[j] = s.h.clone(); // Z_j = Z_{j-1} H_j
        Secp256k1Jacobian52.finishAddAffine(x, y, z, s);
        tx[base + j] = x;
        ty[base + j] = y;
      }
      // entry j times Z_last / Z_j = H_{j+1} ... H_last, from the top down
      java.util.Arrays.fill(ratio, 0);
      ratio[0] = 1;
      for (int j = ENTRIES - 2; j >= 0; j--) {
        Secp256k1Field52.mul(ratio, h[j + 1], ratio);
        scale(tx[base + j], ty[base + j], ratio, ratio2);
      }
      Secp256k1Field52.mul(z, dz, z); // D Z_last
      pointZ[i] = z;
    }
    // one Z for all: point i's entries times the product of the other points' Z
    long[] all = pointZ[0].clone();
    for (int i = 1; i < n; i++) {
      Secp256k1Field52.mul(all, pointZ[i], all);
    }
    if (n > 1) {
      long[] before = new long[5];
      before[0] = 1;
      for (int i = 0; i < n; i++) {
        // ratio = (Z_0 ... Z_{i-1}) (Z_{i+1} ... Z_{n-1})
        System.arraycopy(before, 0, ratio, 0, 5);
        for (int k = i + 1; k < n; k++) {
          Secp256k1Field52.mul(ratio, pointZ[k], ratio);
        }
        for (int j = 0; j < ENTRIES; j++) {
          scale(tx[i * ENTRIES + j], ty[i * ENTRIES + j], ratio, ratio2);
        }
        Secp256k1Field52.mul(before, pointZ[i], before);
      }
    }
    return all;
  }

  /** (x, y) = (x r^2, y r^3); {@code tmp} is scratch. */
  private static void scale(long[] x, long[] y, long[] r, long[] tmp) {
    Secp256k1Field52.sqr(r, tmp);
    Secp256k1Field52.mul(x, tmp, x);
    Secp256k1Field52.mul(tmp, r, tmp);
    Secp256k1Field52.mul(y, tmp, y);
  }
}
