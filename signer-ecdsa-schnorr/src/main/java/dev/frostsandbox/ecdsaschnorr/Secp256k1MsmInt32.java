package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.ecdsaschnorr.Secp256k1Jacobian.Scratch;
import java.math.BigInteger;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.WNafUtil;
import org.bouncycastle.math.ec.custom.sec.SecP256K1Field;
import org.bouncycastle.math.ec.endo.GLVEndomorphism;
import org.bouncycastle.math.raw.Nat256;

/**
 * {@code sum(k_i * P_i)} on secp256k1: each scalar split in two halves of about 128 bits by the GLV
 * endomorphism (Bouncy Castle's decomposition, {@code k = a + b lambda}, {@code lambda P = (beta x,
 * y)}), each half in width-5 NAF, all halves walked together over one chain of doublings (Straus),
 * adding affine odd multiples {@code P, 3P, ..., 15P} made once per point and normalized with a
 * single inversion. The operation count is that of Bouncy Castle's {@code sumOfMultiplies}; the
 * difference is that the field arithmetic runs on {@code int[8]} limbs in place instead of
 * allocating an {@code ECFieldElement} per operation (about 100 KB of garbage per 2-point MSM).
 *
 * <p>Variable time, like Bouncy Castle's: every use in the engine combines public values (binding
 * factors with commitments, the challenge with verifying keys, signature shares with G).
 */
final class Secp256k1MsmInt32 {

  private static final int WIDTH = 5;
  private static final int ENTRIES = 1 << (WIDTH - 2); // odd multiples 1, 3, ..., 2^(WIDTH-1) - 1

  private final ECCurve curve;
  private final GLVEndomorphism glv;
  private final BigInteger order;

  /** beta: lambda (x, y) = (beta x, y). */
  private final int[] beta;

  Secp256k1MsmInt32(ECCurve curve, ECPoint generator, BigInteger order) {
    this.curve = curve;
    this.glv = (GLVEndomorphism) curve.getEndomorphism();
    this.order = order;
    ECPoint mapped = glv.getPointMap().map(generator).normalize();
    BigInteger p = curve.getField().getCharacteristic();
    BigInteger x = generator.normalize().getAffineXCoord().toBigInteger();
    this.beta =
        Nat256.fromBigInteger(
            mapped.getAffineXCoord().toBigInteger().multiply(x.modInverse(p)).mod(p));
  }

  /** The sum; scalars are reduced mod n, zero scalars and points at infinity contribute nothing. */
  ECPoint sumOfMultiplies(ECPoint[] points, BigInteger[] scalars) {
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
    if (n == 0) {
      return curve.getInfinity();
    }
    Scratch s = new Scratch();
    // tables: per point, ENTRIES odd multiples (x, y); the lambda halves scale x by beta
    int[][] tx = new int[2 * n * ENTRIES][];
    int[][] ty = new int[2 * n * ENTRIES][];
    oddMultiples(ps, n, tx, ty, s);
    for (int i = 0; i < n * ENTRIES; i++) {
      int[] bx = new int[8];
      SecP256K1Field.multiply(tx[i], beta, bx, s.ext);
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
    int[] x = new int[8];
    int[] y = new int[8];
    int[] z = new int[8];
    int[] negY = new int[8];
    boolean infinity = true;
    for (int bit = length - 1; bit >= 0; bit--) {
      if (!infinity) {
        Secp256k1Jacobian.twice(x, y, z, s);
      }
      for (int c = 0; c < 2 * n; c++) {
        byte[] d = digits[c];
        int digit = bit < d.length ? d[bit] : 0;
        if (digit == 0) {
          continue;
        }
        int entry = c * ENTRIES + ((Math.abs(digit) - 1) >>> 1);
        int[] ax = tx[entry];
        int[] ay = ty[entry];
        if ((digit < 0) != negative[c]) {
          SecP256K1Field.negate(ay, negY);
          ay = negY;
        }
        if (infinity) {
          System.arraycopy(ax, 0, x, 0, 8);
          System.arraycopy(ay, 0, y, 0, 8);
          java.util.Arrays.fill(z, 0);
          z[0] = 1;
          infinity = false;
          continue;
        }
        Secp256k1Jacobian.startAddAffine(x, y, z, ax, ay, s);
        if (SecP256K1Field.isZero(s.h) == 0) {
          Secp256k1Jacobian.finishAddAffine(x, y, z, s);
        } else if (SecP256K1Field.isZero(s.r) != 0) {
          Secp256k1Jacobian.twice(x, y, z, s); // the addend is the point itself
        } else {
          infinity = true; // the addend is its negation
        }
      }
    }
    if (infinity) {
      return curve.getInfinity();
    }
    Secp256k1Jacobian.normalize(x, y, z, s);
    return Secp256k1Jacobian.point(curve, x, y);
  }

  /**
   * {@code (2j + 1) P} for j < ENTRIES and each affine P, affine: 2P is made affine first (one
   * inversion for all points), the multiples are built by mixed additions of 2P and normalized
   * together (one more inversion). The additions never meet equal x coordinates: (2j - 1) P = +-2P
   * would need 2j - 1 = +-2 mod n.
   */
  private static void oddMultiples(ECPoint[] ps, int n, int[][] tx, int[][] ty, Scratch s) {
    int[][] dx = new int[n][];
    int[][] dy = new int[n][];
    int[][] dz = new int[n][];
    for (int i = 0; i < n; i++) {
      dx[i] = Nat256.fromBigInteger(ps[i].getAffineXCoord().toBigInteger());
      dy[i] = Nat256.fromBigInteger(ps[i].getAffineYCoord().toBigInteger());
      dz[i] = new int[8];
      dz[i][0] = 1;
      tx[i * ENTRIES] = dx[i].clone();
      ty[i * ENTRIES] = dy[i].clone();
      Secp256k1Jacobian.twice(dx[i], dy[i], dz[i], s);
    }
    normalizeAll(dx, dy, dz, n, s);
    int[][] jz = new int[n * ENTRIES][];
    for (int i = 0; i < n; i++) {
      int base = i * ENTRIES;
      jz[base] = new int[8];
      jz[base][0] = 1;
      for (int j = 1; j < ENTRIES; j++) {
        int[] x = tx[base + j - 1].clone();
        int[] y = ty[base + j - 1].clone();
        int[] z = jz[base + j - 1].clone();
        Secp256k1Jacobian.startAddAffine(x, y, z, dx[i], dy[i], s);
        Secp256k1Jacobian.finishAddAffine(x, y, z, s);
        tx[base + j] = x;
        ty[base + j] = y;
        jz[base + j] = z;
      }
    }
    normalizeAll(tx, ty, jz, n * ENTRIES, s);
  }

  /** Jacobian to affine for {@code count} points with one inversion (Montgomery's trick). */
  private static void normalizeAll(int[][] x, int[][] y, int[][] z, int count, Scratch s) {
    int[][] prefix = new int[count][];
    prefix[0] = z[0].clone();
    for (int i = 1; i < count; i++) {
      prefix[i] = new int[8];
      SecP256K1Field.multiply(prefix[i - 1], z[i], prefix[i], s.ext);
    }
    int[] inv = new int[8];
    SecP256K1Field.inv(prefix[count - 1], inv); // 1 / (z_0 ... z_{count-1})
    int[] zInv = new int[8];
    int[] zInv2 = new int[8];
    for (int i = count - 1; i >= 0; i--) {
      if (i > 0) {
        SecP256K1Field.multiply(inv, prefix[i - 1], zInv, s.ext); // 1 / z_i
        SecP256K1Field.multiply(inv, z[i], inv, s.ext); // 1 / (z_0 ... z_{i-1})
      } else {
        System.arraycopy(inv, 0, zInv, 0, 8);
      }
      SecP256K1Field.square(zInv, zInv2, s.ext);
      SecP256K1Field.multiply(x[i], zInv2, x[i], s.ext);
      SecP256K1Field.multiply(zInv2, zInv, zInv2, s.ext);
      SecP256K1Field.multiply(y[i], zInv2, y[i], s.ext);
    }
  }
}
