package dev.frostsandbox.frost;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Secret-sharing polynomials, their public commitments and Lagrange coefficients (RFC 9591 §4.4,
 * App. C).
 */
public final class Polynomial {
  private Polynomial() {}

  /**
   * f(x) = sum coefficients[k] * x^k mod order (Horner). The coefficients are secret (a DKG
   * polynomial, a dealer's): constant-time field arithmetic, not BigInteger.
   */
  public static BigInteger evaluate(List<BigInteger> coefficients, BigInteger x, BigInteger order) {
    ScalarField f = ScalarField.of(order);
    int[] xm = f.fromBigInteger(x);
    int[] acc = f.zero();
    for (int k = coefficients.size() - 1; k >= 0; k--) {
      int[] a = f.fromBigInteger(coefficients.get(k));
      int[] ax = f.mul(acc, xm);
      int[] next = f.add(ax, a);
      ScalarField.clear(acc, a, ax);
      acc = next;
    }
    BigInteger out = f.toBigInteger(acc);
    ScalarField.clear(acc);
    return out;
  }

  /** The VSS commitment [a_k * G]. */
  public static <E> List<E> commit(Group<E> group, List<BigInteger> coefficients) {
    List<E> out = new ArrayList<>(coefficients.size());
    for (BigInteger a : coefficients) {
      out.add(group.multiplyBase(a));
    }
    return List.copyOf(out);
  }

  /** sum commitment[k] * x^k: the public image of f(x), one multi-scalar multiplication. */
  public static <E> E evaluateCommitment(Group<E> group, List<E> commitment, BigInteger x) {
    List<BigInteger> powers = new ArrayList<>(commitment.size());
    BigInteger p = BigInteger.ONE;
    for (int k = 0; k < commitment.size(); k++) {
      powers.add(p);
      p = p.multiply(x).mod(group.order());
    }
    return group.multiplyAll(commitment, powers);
  }

  /** lambda_i for x_i among xs, evaluated at 0 (RFC 9591 derive_interpolating_value). */
  public static BigInteger lagrangeAtZero(
      Collection<Identifier> participants, Identifier self, BigInteger order) {
    return lagrangeAt(participants, self, BigInteger.ZERO, order);
  }

  /**
   * lambda_i for x_i among xs evaluated at x (frost-core {@code compute_lagrange_coefficient} with
   * {@code Some(x)}): prod_{j != i} (x - x_j) / (x_i - x_j). The repair's zeta_i.
   */
  public static BigInteger lagrangeAt(
      Collection<Identifier> participants, Identifier self, BigInteger x, BigInteger order) {
    BigInteger num = BigInteger.ONE;
    BigInteger den = BigInteger.ONE;
    boolean found = false;
    for (Identifier j : participants) {
      if (j.equals(self)) {
        found = true;
        continue;
      }
      num = num.multiply(x.subtract(j.value())).mod(order);
      den = den.multiply(self.value().subtract(j.value())).mod(order);
    }
    if (!found) {
      throw new FrostException(
          FrostException.Kind.UNKNOWN_IDENTIFIER, self, "participant not in the set");
    }
    if (den.signum() == 0) {
      throw new FrostException(FrostException.Kind.DUPLICATED_IDENTIFIER, "duplicated identifier");
    }
    return num.multiply(den.modInverse(order)).mod(order);
  }
}
