package dev.frostsandbox.ecdsaschnorr;

import static dev.frostsandbox.ecdsaschnorr.Secp256k1Field52.add;
import static dev.frostsandbox.ecdsaschnorr.Secp256k1Field52.mul;
import static dev.frostsandbox.ecdsaschnorr.Secp256k1Field52.mulInt;
import static dev.frostsandbox.ecdsaschnorr.Secp256k1Field52.sqr;
import static dev.frostsandbox.ecdsaschnorr.Secp256k1Field52.sub;
import static dev.frostsandbox.ecdsaschnorr.Secp256k1Field52.weak;

import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Jacobian point arithmetic on secp256k1 (y^2 = x^3 + 7, so a = 0) over {@link Secp256k1Field52}:
 * the formulas of {@link Secp256k1Jacobian} on {@code long[5]} limbs. A point is (X, Y, Z) with x =
 * X / Z^2, y = Y / Z^3, each coordinate of magnitude 1 between operations (the formulas end with a
 * weak normalization where a result would exceed it); every temporary lives in a {@link Scratch}.
 */
final class Secp256k1Jacobian52 {
  private Secp256k1Jacobian52() {}

  /** Field temporaries of one multiplication. */
  static final class Scratch {
    final long[] ax = new long[5];
    final long[] ay = new long[5];
    final long[] z2 = new long[5];
    final long[] z3 = new long[5];
    final long[] u2 = new long[5];
    final long[] s2 = new long[5];
    final long[] h = new long[5];
    final long[] r = new long[5];
    final long[] h2 = new long[5];
    final long[] h3 = new long[5];
    final long[] v = new long[5];
    final long[] t = new long[5];
    final long[] n = new long[5];
    final int[] i8a = new int[8];
    final int[] i8b = new int[8];
  }

  /**
   * First half of (x, y, z) += (ax, ay) (ax, ay of magnitude 1): H = ax Z^2 - X and R = ay Z^3 - Y
   * into {@code s.h} and {@code s.r} (magnitude 3), nothing written to the point yet. H = 0 mod p
   * means the same x, which {@link #finishAddAffine} does not cover.
   */
  static void startAddAffine(long[] x, long[] y, long[] z, long[] ax, long[] ay, Scratch s) {
    sqr(z, s.z2); // Z1^2
    mul(ax, s.z2, s.u2); // U2 = x2 Z1^2
    mul(s.z2, z, s.z3); // Z1^3
    mul(ay, s.z3, s.s2); // S2 = y2 Z1^3
    sub(s.u2, x, 1, s.h); // H = U2 - X1
    sub(s.s2, y, 1, s.r); // R = S2 - Y1
  }

  /** Second half of the mixed addition (8M + 3S in all), valid when H != 0. */
  static void finishAddAffine(long[] x, long[] y, long[] z, Scratch s) {
    sqr(s.h, s.h2); // H^2
    mul(s.h2, s.h, s.h3); // H^3
    mul(x, s.h2, s.v); // V = X1 H^2
    sqr(s.r, x); // X3 = R^2 - (H^3 + 2V)
    add(s.v, s.v, s.t);
    add(s.t, s.h3, s.t); // magnitude 3
    sub(x, s.t, 3, x); // magnitude 5
    weak(x);
    sub(s.v, x, 1, s.t); // Y3 = R (V - X3) - Y1 H^3
    mul(s.r, s.t, s.t);
    mul(y, s.h3, y);
    sub(s.t, y, 1, y);
    weak(y);
    mul(z, s.h, z); // Z3 = Z1 H
  }

  /** (x, y, z) = 2 (x, y, z), dbl-2009-l for a = 0 (2M + 5S); secp256k1 has no point with y = 0. */
  static void twice(long[] x, long[] y, long[] z, Scratch s) {
    long[] a = s.z2;
    long[] b = s.z3;
    long[] c = s.u2;
    long[] d = s.s2;
    long[] e = s.h;
    long[] t = s.t;
    sqr(x, a); // A = X^2
    sqr(y, b); // B = Y^2
    sqr(b, c); // C = B^2
    add(x, b, t); // D = 2 ((X + B)^2 - (A + C))
    sqr(t, t);
    add(a, c, d);
    sub(t, d, 2, t); // magnitude 4
    mulInt(t, 2, d); // magnitude 8
    weak(d);
    mulInt(a, 3, e); // E = 3A, magnitude 3
    mul(y, z, z); // Z3 = 2 Y Z, before Y changes
    add(z, z, z);
    weak(z);
    sqr(e, x); // X3 = E^2 - 2D
    add(d, d, t);
    sub(x, t, 2, x); // magnitude 4
    weak(x);
    sub(d, x, 1, t); // Y3 = E (D - X3) - 8C
    mul(e, t, y);
    mulInt(c, 8, c);
    sub(y, c, 8, y); // magnitude 10
    weak(y);
  }

  /** (x, y) = (X / Z^2, Y / Z^3) in place with one inversion, both normalized to [0, p). */
  static void normalize(long[] x, long[] y, long[] z, Scratch s) {
    Secp256k1Field52.inv(z, s.v, s.i8a, s.i8b);
    toAffine(x, y, s.v, s);
  }

  /** {@link #normalize} with a variable-time inversion, for public points only. */
  static void normalizeVar(long[] x, long[] y, long[] z, Scratch s) {
    Secp256k1Field52.invVar(z, s.v, s.i8a, s.i8b);
    toAffine(x, y, s.v, s);
  }

  /** (x, y) = (X zInv^2, Y zInv^3), both normalized to [0, p). */
  static void toAffine(long[] x, long[] y, long[] zInv, Scratch s) {
    long[] zInv2 = s.t;
    sqr(zInv, zInv2);
    mul(x, zInv2, x);
    mul(zInv2, zInv, zInv2);
    mul(y, zInv2, y);
    Secp256k1Field52.normalize(x, x);
    Secp256k1Field52.normalize(y, y);
  }

  /** Bouncy Castle's affine point for normalized coordinates. */
  static ECPoint point(ECCurve curve, long[] x, long[] y) {
    return curve.createPoint(Secp256k1Field52.toBigInteger(x), Secp256k1Field52.toBigInteger(y));
  }
}
