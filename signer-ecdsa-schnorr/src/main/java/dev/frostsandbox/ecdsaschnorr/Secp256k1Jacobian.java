package dev.frostsandbox.ecdsaschnorr;

import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.custom.sec.SecP256K1Field;
import org.bouncycastle.math.raw.Nat256;

/**
 * Jacobian point arithmetic on secp256k1 (y^2 = x^3 + 7, so a = 0) over Bouncy Castle's {@link
 * SecP256K1Field} on {@code int[8]} limbs: the fixed-base table and the multi-scalar multiplication
 * share it. A point is (X, Y, Z) with x = X / Z^2, y = Y / Z^3; every temporary lives in a {@link
 * Scratch}, so no operation allocates.
 */
final class Secp256k1Jacobian {
  private Secp256k1Jacobian() {}

  /** Field temporaries of one multiplication. */
  static final class Scratch {
    final int[] ext = new int[16];
    final int[] ax = new int[8];
    final int[] ay = new int[8];
    final int[] z2 = new int[8];
    final int[] z3 = new int[8];
    final int[] u2 = new int[8];
    final int[] s2 = new int[8];
    final int[] h = new int[8];
    final int[] r = new int[8];
    final int[] h2 = new int[8];
    final int[] h3 = new int[8];
    final int[] v = new int[8];
    final int[] t = new int[8];
  }

  /**
   * First half of (x, y, z) += (ax, ay): H = ax Z^2 - X and R = ay Z^3 - Y into {@code s.h} and
   * {@code s.r}, nothing written to the point yet. H = 0 means the same x: then the addend is the
   * point itself (R = 0, a doubling) or its negation (the sum is at infinity), which {@link
   * #finishAddAffine} does not cover.
   */
  static void startAddAffine(int[] x, int[] y, int[] z, int[] ax, int[] ay, Scratch s) {
    int[] tt = s.ext;
    SecP256K1Field.square(z, s.z2, tt); // Z1^2
    SecP256K1Field.multiply(ax, s.z2, s.u2, tt); // U2 = x2 Z1^2
    SecP256K1Field.multiply(s.z2, z, s.z3, tt); // Z1^3
    SecP256K1Field.multiply(ay, s.z3, s.s2, tt); // S2 = y2 Z1^3
    SecP256K1Field.subtract(s.u2, x, s.h); // H = U2 - X1
    SecP256K1Field.subtract(s.s2, y, s.r); // R = S2 - Y1
  }

  /** Second half of the mixed addition (8M + 3S in all), valid when H != 0. */
  static void finishAddAffine(int[] x, int[] y, int[] z, Scratch s) {
    int[] tt = s.ext;
    SecP256K1Field.square(s.h, s.h2, tt); // H^2
    SecP256K1Field.multiply(s.h2, s.h, s.h3, tt); // H^3
    SecP256K1Field.multiply(x, s.h2, s.v, tt); // V = X1 H^2
    SecP256K1Field.square(s.r, x, tt); // X3 = R^2 - H^3 - 2V
    SecP256K1Field.subtract(x, s.h3, x);
    SecP256K1Field.twice(s.v, s.t);
    SecP256K1Field.subtract(x, s.t, x);
    SecP256K1Field.subtract(s.v, x, s.t); // Y3 = R (V - X3) - Y1 H^3
    SecP256K1Field.multiply(s.r, s.t, s.t, tt);
    SecP256K1Field.multiply(y, s.h3, y, tt);
    SecP256K1Field.subtract(s.t, y, y);
    SecP256K1Field.multiply(z, s.h, z, tt); // Z3 = Z1 H
  }

  /** (x, y, z) = 2 (x, y, z), dbl-2009-l for a = 0 (2M + 5S); secp256k1 has no point with y = 0. */
  static void twice(int[] x, int[] y, int[] z, Scratch s) {
    int[] tt = s.ext;
    int[] a = s.z2;
    int[] b = s.z3;
    int[] c = s.u2;
    int[] d = s.s2;
    int[] e = s.h;
    int[] t = s.t;
    SecP256K1Field.square(x, a, tt); // A = X^2
    SecP256K1Field.square(y, b, tt); // B = Y^2
    SecP256K1Field.square(b, c, tt); // C = B^2
    SecP256K1Field.add(x, b, t); // D = 2 ((X + B)^2 - A - C)
    SecP256K1Field.square(t, t, tt);
    SecP256K1Field.subtract(t, a, t);
    SecP256K1Field.subtract(t, c, t);
    SecP256K1Field.twice(t, d);
    SecP256K1Field.twice(a, e); // E = 3A
    SecP256K1Field.add(e, a, e);
    SecP256K1Field.multiply(y, z, z, tt); // Z3 = 2 Y Z, before Y changes
    SecP256K1Field.twice(z, z);
    SecP256K1Field.square(e, x, tt); // X3 = E^2 - 2D
    SecP256K1Field.twice(d, t);
    SecP256K1Field.subtract(x, t, x);
    SecP256K1Field.subtract(d, x, t); // Y3 = E (D - X3) - 8C
    SecP256K1Field.multiply(e, t, y, tt);
    SecP256K1Field.twice(c, c);
    SecP256K1Field.twice(c, c);
    SecP256K1Field.twice(c, c);
    SecP256K1Field.subtract(y, c, y);
  }

  /** (x, y) = (X / Z^2, Y / Z^3) in place, with one inversion. */
  static void normalize(int[] x, int[] y, int[] z, Scratch s) {
    int[] zInv = s.v;
    int[] zInv2 = s.t;
    SecP256K1Field.inv(z, zInv);
    SecP256K1Field.square(zInv, zInv2, s.ext);
    SecP256K1Field.multiply(x, zInv2, x, s.ext);
    SecP256K1Field.multiply(zInv2, zInv, zInv2, s.ext);
    SecP256K1Field.multiply(y, zInv2, y, s.ext);
  }

  /** Bouncy Castle's affine point for normalized coordinates. */
  static ECPoint point(ECCurve curve, int[] x, int[] y) {
    return curve.createPoint(Nat256.toBigInteger(x), Nat256.toBigInteger(y));
  }
}
