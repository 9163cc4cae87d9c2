package dev.frostsandbox.frost;

import java.math.BigInteger;

/** A Schnorr signature (R, z); also the DKG proof of knowledge (R, mu). */
public record Signature<E>(E r, BigInteger z) {

  /** SerializeElement(R) || SerializeScalar(z). */
  public byte[] serialize(Group<E> group) {
    byte[] rb = group.serializeElement(r);
    byte[] zb = group.serializeScalar(z);
    byte[] out = new byte[rb.length + zb.length];
    System.arraycopy(rb, 0, out, 0, rb.length);
    System.arraycopy(zb, 0, out, rb.length, zb.length);
    return out;
  }

  public static <E> Signature<E> deserialize(Group<E> group, byte[] bytes)
      throws InvalidEncodingException {
    int el = group.elementLength();
    if (bytes.length != el + group.scalarLength()) {
      throw new InvalidEncodingException(InvalidEncodingException.Reason.WRONG_LENGTH);
    }
    E r = group.deserializeElement(java.util.Arrays.copyOfRange(bytes, 0, el));
    BigInteger z = group.deserializeScalar(java.util.Arrays.copyOfRange(bytes, el, bytes.length));
    return new Signature<>(r, z);
  }
}
