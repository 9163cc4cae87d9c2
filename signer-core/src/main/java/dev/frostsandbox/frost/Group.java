package dev.frostsandbox.frost;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A prime-order group as RFC 9591 §3.1 describes it, with its scalar field. Elements are immutable
 * values of type {@code E}; scalars are {@link BigInteger}s in [0, order). Implementations supply
 * only the curve; everything protocol-shaped lives in {@link Frost}.
 */
public interface Group<E> {

  /** The prime order of the group (and modulus of the scalar field). */
  BigInteger order();

  /** The cofactor of the curve (1 for secp256k1, 8 for Ed25519); verification clears it. */
  int cofactor();

  E identity();

  E generator();

  E add(E a, E b);

  E negate(E a);

  default E subtract(E a, E b) {
    return add(a, negate(b));
  }

  /** Variable-base scalar multiplication {@code k * p}. */
  E multiply(E p, BigInteger k);

  /** Fixed-base scalar multiplication {@code k * G}; implementations use precomputed tables. */
  E multiplyBase(BigInteger k);

  /**
   * {@code sum(scalars[i] * points[i])}: multi-scalar multiplication. The default is naive; groups
   * override it with an interleaved (Straus/Shamir) algorithm.
   */
  default E multiplyAll(List<E> points, List<BigInteger> scalars) {
    E acc = identity();
    for (int i = 0; i < points.size(); i++) {
      acc = add(acc, multiply(points.get(i), scalars.get(i)));
    }
    return acc;
  }

  /**
   * {@code [k * G for k in scalars]}: the default multiplies one at a time; groups that pay an
   * inversion per affine result override it to share one among all (the two nonce commitments of a
   * signer). The scalars are secret: implementations stay constant time.
   */
  default List<E> multiplyBaseAll(List<BigInteger> scalars) {
    List<E> out = new ArrayList<>(scalars.size());
    for (BigInteger k : scalars) {
      out.add(multiplyBase(k));
    }
    return out;
  }

  /**
   * {@code sum(addends) + sum(scalars[i] * points[i])}: the group commitment's hiding commitments
   * plus its MSM. The default adds the addends to {@link #multiplyAll}'s result; groups override it
   * to add them inside the MSM, before its final normalization. Public values only.
   */
  default E addAllPlusMultiplyAll(List<E> addends, List<E> points, List<BigInteger> scalars) {
    E acc = identity();
    for (E a : addends) {
      acc = add(acc, a);
    }
    return add(acc, multiplyAll(points, scalars));
  }

  boolean isIdentity(E a);

  /** Group equality (independent of the internal representation). */
  boolean equal(E a, E b);

  int elementLength();

  int scalarLength();

  /** RFC 9591 SerializeElement; the identity cannot be serialized. */
  byte[] serializeElement(E e);

  /**
   * RFC 9591 DeserializeElement: rejects wrong lengths, non-canonical encodings, points off the
   * curve, the identity and (where the cofactor is not 1) points outside the prime-order subgroup.
   */
  E deserializeElement(byte[] bytes) throws InvalidEncodingException;

  /**
   * One encoding of each kind this group has that {@link #deserializeElement} must reject, each of
   * {@link #elementLength()} bytes (fresh arrays on every call). A group without small-order points
   * (cofactor 1) has no {@link InvalidElementKind#SMALL_ORDER} entry. The {@code invalid-element}
   * fault puts these in answers; tests check that the group rejects every one.
   */
  java.util.Map<InvalidElementKind, byte[]> invalidElementEncodings();

  /** RFC 9591 SerializeScalar. */
  byte[] serializeScalar(BigInteger s);

  /** RFC 9591 DeserializeScalar: rejects wrong lengths and values not below {@link #order()}. */
  BigInteger deserializeScalar(byte[] bytes) throws InvalidEncodingException;

  /**
   * A uniformly random scalar in [1, order): 16 bytes more than a scalar, reduced in constant time
   * (the result is a secret: a nonce, a coefficient), so the bias is below 2^-128.
   */
  default BigInteger randomNonZeroScalar(java.security.SecureRandom random) {
    byte[] buf = new byte[scalarLength() + 16];
    ScalarField field = ScalarField.of(order());
    try {
      while (true) {
        random.nextBytes(buf);
        int[] k = field.reduce(buf);
        BigInteger v = field.toBigInteger(k);
        ScalarField.clear(k);
        if (v.signum() != 0) {
          return v;
        }
      }
    } finally {
      java.util.Arrays.fill(buf, (byte) 0);
    }
  }
}
