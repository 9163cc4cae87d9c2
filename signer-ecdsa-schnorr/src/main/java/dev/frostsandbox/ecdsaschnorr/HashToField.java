package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.frost.ScalarField;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** RFC 9380 §5.3.1 {@code expand_message_xmd} with SHA-256, and §5.2 {@code hash_to_field}. */
public final class HashToField {

  private static final int B_IN_BYTES = 32; // SHA-256 output
  private static final int S_IN_BYTES = 64; // SHA-256 block
  private static final byte[] Z_PAD = new byte[S_IN_BYTES];
  private static final byte[] OVERSIZE_DST_PREFIX =
      "H2C-OVERSIZE-DST-".getBytes(StandardCharsets.US_ASCII);

  /** L = ceil((ceil(log2(p)) + k) / 8) with k = 128 for 256-bit moduli (RFC 9591 secp256k1). */
  public static final int L = 48;

  // MessageDigest is not thread-safe; one per thread avoids getInstance() on every hash.
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(HashToField::newSha256);

  /**
   * Per thread, a SHA-256 that has absorbed Z_pad (one whole block): b_0 of every expansion starts
   * from a copy of it, one compression fewer per hash.
   */
  private static final ThreadLocal<MessageDigest> SHA256_ZPAD =
      ThreadLocal.withInitial(
          () -> {
            MessageDigest md = newSha256();
            md.update(Z_PAD);
            return md;
          });

  private HashToField() {}

  /** A SHA-256 in the state after Z_pad. */
  private static MessageDigest afterZpad() {
    try {
      return (MessageDigest) SHA256_ZPAD.get().clone();
    } catch (CloneNotSupportedException e) {
      MessageDigest md = newSha256(); // a provider whose digest cannot be copied
      md.update(Z_PAD);
      return md;
    }
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
  }

  /** SHA-256 of the concatenation of {@code parts}. */
  public static byte[] sha256(byte[]... parts) {
    MessageDigest md = SHA256.get();
    md.reset();
    for (byte[] p : parts) {
      md.update(p);
    }
    return md.digest();
  }

  /** RFC 9380 expand_message_xmd(msg, DST, len_in_bytes) with H = SHA-256. */
  public static byte[] expandMessageXmd(byte[] msg, byte[] dst, int lenInBytes) {
    int ell = (lenInBytes + B_IN_BYTES - 1) / B_IN_BYTES;
    if (lenInBytes < 0 || ell > 255 || lenInBytes > 65535) {
      throw new IllegalArgumentException("len_in_bytes out of range: " + lenInBytes);
    }
    MessageDigest md = SHA256.get();
    md.reset();
    if (dst.length > 255) {
      md.update(OVERSIZE_DST_PREFIX);
      md.update(dst);
      dst = md.digest();
    }
    byte[] dstPrime = new byte[dst.length + 1];
    System.arraycopy(dst, 0, dstPrime, 0, dst.length);
    dstPrime[dst.length] = (byte) dst.length;

    // b_0 = H(Z_pad || msg || I2OSP(len_in_bytes, 2) || I2OSP(0, 1) || DST_prime)
    MessageDigest zpad = afterZpad();
    zpad.update(msg);
    zpad.update((byte) (lenInBytes >>> 8));
    zpad.update((byte) lenInBytes);
    zpad.update((byte) 0);
    zpad.update(dstPrime);
    byte[] b0 = zpad.digest();

    byte[] out = new byte[lenInBytes];
    byte[] bi = new byte[B_IN_BYTES];
    byte[] xored = new byte[B_IN_BYTES];
    for (int i = 1; i <= ell; i++) {
      // b_1 = H(b_0 || 1 || DST'); b_i = H(strxor(b_0, b_{i-1}) || i || DST')
      if (i == 1) {
        md.update(b0);
      } else {
        for (int j = 0; j < B_IN_BYTES; j++) {
          xored[j] = (byte) (b0[j] ^ bi[j]);
        }
        md.update(xored);
      }
      md.update((byte) i);
      md.update(dstPrime);
      bi = md.digest();
      int off = (i - 1) * B_IN_BYTES;
      System.arraycopy(bi, 0, out, off, Math.min(B_IN_BYTES, lenInBytes - off));
    }
    return out;
  }

  /** RFC 9380 hash_to_field(msg, count = 1) over the prime field of {@code modulus}, L = 48. */
  public static BigInteger hashToField(byte[] msg, byte[] dst, BigInteger modulus) {
    byte[] uniform = expandMessageXmd(msg, dst, L);
    return new BigInteger(1, uniform).mod(modulus);
  }

  /**
   * {@link #hashToField} for a message holding secret material (nonce generation): the 48 uniform
   * bytes are reduced in constant time ({@link ScalarField}, not BigInteger division) and
   * overwritten. Odd moduli below 2^256 (group orders).
   */
  public static BigInteger hashToFieldSecret(byte[] msg, byte[] dst, BigInteger modulus) {
    byte[] uniform = expandMessageXmd(msg, dst, L);
    ScalarField field = ScalarField.of(modulus);
    int[] v = field.reduce(uniform);
    try {
      return field.toBigInteger(v);
    } finally {
      ScalarField.clear(v);
      java.util.Arrays.fill(uniform, (byte) 0);
    }
  }
}
