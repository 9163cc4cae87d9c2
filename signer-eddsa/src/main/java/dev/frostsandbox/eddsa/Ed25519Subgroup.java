package dev.frostsandbox.eddsa;

import java.math.BigInteger;
import org.bouncycastle.math.ec.rfc7748.X25519Field;

/**
 * Prime-order subgroup membership for edwards25519 with one square root and one quartic character
 * (two field exponentiations) instead of a multiplication by L.
 *
 * <p>E(F_p) = Z_8 x Z_L, so P is in the prime-order subgroup iff P is in 8E (the method of
 * halvings, T. Pornin, "Point-Halving and Subgroup Membership in Twisted Edwards Curves", IACR
 * eprint 2022/1164; crrl's {@code is_in_subgroup} halves twice with two square roots each and ends
 * with a Legendre symbol). Here:
 *
 * <ol>
 *   <li>P is in 2E iff 1 - d*x^2 = (1+d)/(1+d*y^2) is a square (the 2-Tate pairing with (0,-1): f =
 *       (y+1)/(y-1), and y^2-1 = x^2(1+d*y^2); 1+d is a square). Its root w gives s = x1*y1 =
 *       (1+w)/(d*x) for a half Q = (x1, y1) of P (from x(2Q) = 2s/(1+d*s^2)), and with it y1^2 =
 *       (y(1-d*s^2) + 1+d*s^2)/2; s and y1^2 are functions on E' = E/{O,(0,-1)}, i.e. of the point
 *       P' = psi(Q) that 2-isogenous curve maps to P. The other root (1-w) gives P' + T', T' the
 *       kernel of E' -> E.
 *   <li>On Montgomery coordinates (u, v), T4 = (1, v_T) and the Miller function f = (v - v_T*u)^2/u
 *       (divisor 4(T4) - 4(O)) gives the 4-Tate pairing chi_4(f(Q)), a character of order 4 with
 *       kernel 4E (mu_4 is in F_p). f = m*g^2 with m = u + 1/u - 2 invariant under Q -> Q + (0,0)
 *       and g -> 1/g, so chi_4(f) = chi_4(m*n^2) with n = g + 1/g + 2 invariant: in Edwards terms m
 *       = 4*y1^2/(1-y1^2) and n = c/s + i*c + 2 (c^2 = -486664, i^2 = -1). m*n^2 is then a function
 *       G on E' with divisor 4*D, D of degree 0: a 4-Tate pairing on E', which is 1 on T' (both
 *       roots give the same value) and on E'[L], of order 4 on the rest. Q is in 4E iff P is in 8E.
 * </ol>
 *
 * So P is in the prime-order subgroup iff w exists and chi_4(G) = 1, with G = 4*Ny*Dm^3*(N*S)^2
 * (denominators cleared with fourth powers: 1/z = z^3 mod fourth powers), S = 1+w, Zs = d*x, Ny =
 * (1+y)Zs^2 + (1-y)d*S^2, Dm = (1-y)(Zs^2 - d*S^2), N = c*Zs + (i*c+2)S. The eight small-order
 * points are recognized first (x = 0, y = 0 or x^2 + y^2 = 0). A zero factor of G (a zero or pole
 * of the pairing's function) happens only for small-order points (S = 0 or Zs = 0: x = 0; Ny = 0:
 * y1 = 0; N = 0: r = 0, P = (+-i, 0); Zs^2 = d*S^2 has no solution, d being a non-square), so it is
 * unreachable after that; should it happen anyway, the multiplication by L decides. Differential
 * tests check every coset of the 8-torsion against the multiplication by L.
 *
 * <p>Variable time (it runs on public points).
 */
final class Ed25519Subgroup {

  private Ed25519Subgroup() {}

  private static final BigInteger P = EdMath.P;

  /** 1 + d. */
  static final int[] ONE_PLUS_D;

  /**
   * c = sqrt(-486664), the root chosen below: the pair (c, i) must be this one or (-c, -i); -c with
   * the same i swaps the verdicts of P and P + (0, -1).
   */
  static final int[] C;

  /** i*c + 2, i = 2^((p-1)/4). */
  static final int[] IC_PLUS_2;

  static {
    BigInteger d =
        BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
    BigInteger i = BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);
    BigInteger minusAPlus2 = P.subtract(BigInteger.valueOf(486664));
    // p = 5 mod 8: a^((p+3)/8) or i times it is the root
    BigInteger c = minusAPlus2.modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
    if (!c.multiply(c).mod(P).equals(minusAPlus2)) {
      c = c.multiply(i).mod(P);
    }
    if (!c.multiply(c).mod(P).equals(minusAPlus2)) {
      throw new IllegalStateException("-486664 has no square root");
    }
    ONE_PLUS_D = EdMath.fromBig(d.add(BigInteger.ONE).mod(P));
    C = EdMath.fromBig(c);
    IC_PLUS_2 = EdMath.fromBig(i.multiply(c).add(BigInteger.TWO).mod(P));
  }

  /** The answer, or UNDECIDED when the fast test hits a zero and the caller must multiply by L. */
  enum Verdict {
    IN_SUBGROUP,
    NOT_IN_SUBGROUP,
    UNDECIDED
  }

  /**
   * For a curve point with affine coordinates x, y in Field51 limbs, converted for the check on
   * X25519Field limbs below (the reference the fused decoding is tested against).
   */
  static Verdict check(long[] x, long[] y) {
    int[] xi = X25519Field.create();
    int[] yi = X25519Field.create();
    Field51.toX25519(x, xi);
    Field51.toX25519(y, yi);
    return check(xi, yi);
  }

  /** For a curve point with affine coordinates x, y (not modified). */
  static Verdict check(int[] xIn, int[] yIn) {
    int[] x = EdMath.copy(xIn);
    int[] y = EdMath.copy(yIn);
    X25519Field.normalize(x);
    X25519Field.normalize(y);
    if (X25519Field.isZeroVar(x)) {
      // (0, 1) or (0, -1)
      return X25519Field.isOneVar(y) ? Verdict.IN_SUBGROUP : Verdict.NOT_IN_SUBGROUP;
    }
    if (X25519Field.isZeroVar(y)) {
      return Verdict.NOT_IN_SUBGROUP; // (+-i, 0), order 4
    }
    int[] a = X25519Field.create();
    int[] b = X25519Field.create();
    int[] e = X25519Field.create();
    X25519Field.sqr(x, a);
    X25519Field.sqr(y, b);
    X25519Field.add(a, b, e);
    X25519Field.carry(e);
    X25519Field.normalize(e);
    if (X25519Field.isZeroVar(e)) {
      return Verdict.NOT_IN_SUBGROUP; // x = +-i*y: the four points of order 8
    }

    // 1 + d*y^2, then w = sqrt((1+d)/(1+d*y^2)) = sqrt(1 - d*x^2): P in 2E iff it exists
    int[] v = X25519Field.create();
    X25519Field.mul(b, EdMath.D_X25519, v);
    X25519Field.addOne(v);
    int[] s = X25519Field.create();
    if (!Field51.sqrtRatioVar(ONE_PLUS_D, v, s)) {
      return Verdict.NOT_IN_SUBGROUP;
    }
    X25519Field.addOne(s); // S = 1 + w

    int[] zs = X25519Field.create();
    X25519Field.mul(x, EdMath.D_X25519, zs); // Zs = d*x
    int[] z2 = X25519Field.create();
    X25519Field.sqr(zs, z2);
    int[] ds2 = X25519Field.create();
    X25519Field.sqr(s, ds2);
    X25519Field.mul(ds2, EdMath.D_X25519, ds2);

    int[] yp = EdMath.copy(y);
    X25519Field.addOne(yp); // 1 + y
    int[] ym = EdMath.one();
    X25519Field.sub(ym, y, ym); // 1 - y

    // Ny = (1+y)*Zs^2 + (1-y)*d*S^2
    int[] ny = X25519Field.create();
    X25519Field.mul(yp, z2, a);
    X25519Field.mul(ym, ds2, b);
    X25519Field.add(a, b, ny);
    // Dm = (1-y)*(Zs^2 - d*S^2)
    int[] dm = X25519Field.create();
    X25519Field.sub(z2, ds2, e);
    X25519Field.mul(ym, e, dm);
    // N*S = (c*Zs + (i*c+2)*S) * S
    int[] ns = X25519Field.create();
    X25519Field.mul(zs, C, a);
    X25519Field.mul(s, IC_PLUS_2, b);
    X25519Field.add(a, b, e);
    X25519Field.mul(e, s, ns);

    // G = 4 * Ny * Dm^3 * (N*S)^2
    int[] g = X25519Field.create();
    X25519Field.sqr(dm, a);
    X25519Field.mul(a, dm, a);
    X25519Field.mul(ny, a, g);
    X25519Field.sqr(ns, b);
    X25519Field.mul(g, b, g);
    X25519Field.mul(g, 4, g);
    X25519Field.normalize(g);
    if (X25519Field.isZeroVar(g)) {
      return Verdict.UNDECIDED;
    }
    return Field51.isFourthPower(g) ? Verdict.IN_SUBGROUP : Verdict.NOT_IN_SUBGROUP;
  }

  /**
   * r = z^((p-1)/4) = z^(2^253 - 5) in X25519Field (the reference for {@link
   * Field51#isFourthPower}).
   */
  static void quarticCharacter(int[] z, int[] r) {
    int[] t0 = X25519Field.create();
    int[] t1 = X25519Field.create();
    int[] t2 = X25519Field.create();
    X25519Field.sqr(z, t0); // 2
    X25519Field.sqr(t0, 2, t1); // 8
    X25519Field.mul(z, t1, t1); // 9
    X25519Field.mul(t0, t1, t0); // 11
    X25519Field.sqr(t0, t0); // 22
    X25519Field.mul(t1, t0, t0); // 31 = 2^5 - 1
    X25519Field.sqr(t0, 5, t1);
    X25519Field.mul(t1, t0, t0); // 2^10 - 1
    X25519Field.sqr(t0, 10, t1);
    X25519Field.mul(t1, t0, t1); // 2^20 - 1
    X25519Field.sqr(t1, 20, t2);
    X25519Field.mul(t2, t1, t1); // 2^40 - 1
    X25519Field.sqr(t1, 10, t1);
    X25519Field.mul(t1, t0, t0); // 2^50 - 1
    X25519Field.sqr(t0, 50, t1);
    X25519Field.mul(t1, t0, t1); // 2^100 - 1
    X25519Field.sqr(t1, 100, t2);
    X25519Field.mul(t2, t1, t1); // 2^200 - 1
    X25519Field.sqr(t1, 50, t1);
    X25519Field.mul(t1, t0, t0); // 2^250 - 1
    X25519Field.sqr(t0, 2, t0); // 2^252 - 4
    X25519Field.mul(t0, z, t0); // 2^252 - 3
    X25519Field.sqr(t0, t0); // 2^253 - 6
    X25519Field.mul(t0, z, r); // 2^253 - 5
  }
}
