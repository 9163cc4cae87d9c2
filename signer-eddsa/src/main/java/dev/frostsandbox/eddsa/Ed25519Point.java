package dev.frostsandbox.eddsa;

import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.math.ec.rfc7748.X25519Field;

/**
 * An immutable point of edwards25519 in extended coordinates (X:Y:Z:T), x = X/Z, y = Y/Z, xy = T/Z.
 * Limb arrays are owned by the instance and never mutated after construction. Equality is group
 * equality, independent of the projective representative.
 */
public final class Ed25519Point {

  final int[] x;
  final int[] y;
  final int[] z;
  final int[] t;

  /**
   * The encoding, computed at most once (it costs a field inversion and the engine serializes the
   * same commitments and keys several times per signature); set at decoding time for decoded
   * points. Concurrent first calls compute the same bytes; volatile so that a thread seeing the
   * reference also sees the array's contents.
   */
  private volatile byte[] encoding;

  /** Takes ownership of the arrays (callers pass fresh copies). */
  Ed25519Point(int[] x, int[] y, int[] z, int[] t) {
    this.x = x;
    this.y = y;
    this.z = z;
    this.t = t;
  }

  /** A point decoded from {@code encoding} (which must be its canonical encoding). */
  Ed25519Point(int[] x, int[] y, int[] z, int[] t, byte[] encoding) {
    this(x, y, z, t);
    this.encoding = encoding.clone();
  }

  /** The 32-byte RFC 8032 encoding (also defined for the identity and small-order points). */
  public byte[] encode() {
    byte[] e = encoding;
    if (e == null) {
      e = computeEncoding();
      encoding = e;
    }
    return e.clone();
  }

  private byte[] computeEncoding() {
    int[] zi = X25519Field.create();
    int[] ax = X25519Field.create();
    int[] ay = X25519Field.create();
    // constant time: the commitments and verifying shares encoded here are multiples of secret
    // nonces and shares, whose Z would show through a variable-time inversion
    X25519Field.inv(z, zi);
    X25519Field.mul(x, zi, ax);
    X25519Field.mul(y, zi, ay);
    X25519Field.normalize(ax);
    X25519Field.normalize(ay);
    byte[] out = new byte[32];
    X25519Field.encode(ay, out, 0);
    out[31] |= (byte) ((ax[0] & 1) << 7);
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ed25519Point p && Ed25519Group.INSTANCE.equal(this, p);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encode());
  }

  @Override
  public String toString() {
    return "Ed25519Point(" + HexFormat.of().formatHex(encode()) + ")";
  }
}
