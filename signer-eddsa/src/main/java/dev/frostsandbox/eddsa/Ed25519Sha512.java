package dev.frostsandbox.eddsa;

import dev.frostsandbox.frost.Ciphersuite;
import dev.frostsandbox.frost.Group;
import dev.frostsandbox.frost.ScalarField;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** FROST(Ed25519, SHA-512), RFC 9591 §6.1, plus frost-core's HDKG and HID. */
public final class Ed25519Sha512 implements Ciphersuite<Ed25519Point> {

  public static final Ed25519Sha512 INSTANCE = new Ed25519Sha512();

  public static final String CONTEXT_STRING = "FROST-ED25519-SHA512-v1";

  private static final byte[] CONTEXT = CONTEXT_STRING.getBytes(StandardCharsets.US_ASCII);
  // contextString || tag, built once: hashing happens on every request
  private static final byte[] RHO = tagged("rho");
  private static final byte[] NONCE = tagged("nonce");
  private static final byte[] MSG = tagged("msg");
  private static final byte[] COM = tagged("com");
  private static final byte[] DKG = tagged("dkg");
  private static final byte[] ID = tagged("id");
  // MessageDigest is not thread-safe; one per thread avoids getInstance() on every hash
  private static final ThreadLocal<MessageDigest> SHA512 =
      ThreadLocal.withInitial(Ed25519Sha512::newSha512);

  private Ed25519Sha512() {}

  @Override
  public String contextString() {
    return CONTEXT_STRING;
  }

  @Override
  public Group<Ed25519Point> group() {
    return Ed25519Group.INSTANCE;
  }

  @Override
  public BigInteger h1(byte[] m) {
    return toScalar(sha512(RHO, m));
  }

  /** No prefix, so aggregate signatures verify as plain RFC 8032 Ed25519. */
  @Override
  public BigInteger h2(byte[] m) {
    return toScalar(sha512(m));
  }

  /** The input holds the signing share: reduced in constant time ({@link #toSecretScalar}). */
  @Override
  public BigInteger h3(byte[] m) {
    return toSecretScalar(sha512(NONCE, m));
  }

  @Override
  public byte[] h4(byte[] m) {
    return sha512(MSG, m);
  }

  @Override
  public byte[] h5(byte[] m) {
    return sha512(COM, m);
  }

  @Override
  public BigInteger hdkg(byte[] m) {
    return toScalar(sha512(DKG, m));
  }

  @Override
  public BigInteger hid(byte[] m) {
    return toScalar(sha512(ID, m));
  }

  /** A 64-byte digest read little-endian, reduced mod L. */
  static BigInteger toScalar(byte[] digest) {
    return Ed25519Group.fromLe(digest).mod(Ed25519Group.L);
  }

  private static final ScalarField FIELD = ScalarField.of(Ed25519Group.L);

  /**
   * {@link #toScalar} for a digest of secret material, in constant time ({@link ScalarField}, not
   * BigInteger division); overwrites the digest.
   */
  static BigInteger toSecretScalar(byte[] digest) {
    byte[] be = new byte[digest.length];
    for (int i = 0; i < digest.length; i++) {
      be[i] = digest[digest.length - 1 - i];
    }
    int[] v = FIELD.reduce(be);
    try {
      return FIELD.toBigInteger(v);
    } finally {
      ScalarField.clear(v);
      Arrays.fill(be, (byte) 0);
      Arrays.fill(digest, (byte) 0);
    }
  }

  static byte[] sha512(byte[]... parts) {
    MessageDigest md = SHA512.get();
    md.reset();
    for (byte[] part : parts) {
      md.update(part);
    }
    return md.digest();
  }

  private static MessageDigest newSha512() {
    try {
      return MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-512 is required of every JDK", e);
    }
  }

  private static byte[] tagged(String tag) {
    byte[] t = ascii(tag);
    byte[] out = new byte[CONTEXT.length + t.length];
    System.arraycopy(CONTEXT, 0, out, 0, CONTEXT.length);
    System.arraycopy(t, 0, out, CONTEXT.length, t.length);
    return out;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
