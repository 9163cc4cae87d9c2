package dev.frostsandbox.eddsa;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable point of edwards25519 in extended coordinates (X:Y:Z:T), x = X/Z, y = Y/Z, xy = T/Z.
 * Limb arrays are owned by the instance and never mutated after construction. Equality is group
 * equality, independent of the projective representative.
 */
public final class Ed25519Point {

  // Field51 limbs, carried
  final long[] x;
  final long[] y;
  final long[] z;
  final long[] t;

  /**
   * The encoding, computed at most once (it costs a field inversion and the engine serializes the
   * same commitments and keys several times per signature); set at decoding time for decoded
   * points. Concurrent first calls compute the same bytes; volatile so that a thread seeing the
   * reference also sees the array's contents.
   */
  private volatile byte[] encoding;

  /** Takes the arrays as they are: fresh copies, or another point's (never mutated). */
  Ed25519Point(long[] x, long[] y, long[] z, long[] t) {
    this.x = x;
    this.y = y;
    this.z = z;
    this.t = t;
  }

  /** A point decoded from {@code encoding} (which must be its canonical encoding). */
  Ed25519Point(long[] x, long[] y, long[] z, long[] t, byte[] encoding) {
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
    long[] ax = new long[5];
    long[] ay = new long[5];
    // constant time: the commitments and verifying shares encoded here are secret multiples
    EdMath.affine(x, y, z, ax, ay);
    byte[] out = Field51.encode(ay);
    out[31] |= (byte) (Field51.lowBit(ax) << 7);
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
