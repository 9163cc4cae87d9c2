package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.frost.Ciphersuite;
import dev.frostsandbox.frost.Group;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.math.ec.ECPoint;

/**
 * FROST(secp256k1, SHA-256), RFC 9591 §6.5, plus frost-core's HDKG and HID. Non-final so sibling
 * suites (FROST-secp256k1-POSEIDON-v1) reuse it with their own context string and H2.
 */
public class Secp256k1Sha256 implements Ciphersuite<ECPoint> {

  public static final String CONTEXT_STRING = "FROST-secp256k1-SHA256-v1";

  public static final Secp256k1Sha256 INSTANCE = new Secp256k1Sha256();

  private final String contextString;
  // DSTs and prefixes are built once: hashing happens on every request.
  private final byte[] dstRho;
  private final byte[] dstChal;
  private final byte[] dstNonce;
  private final byte[] dstDkg;
  private final byte[] dstId;
  private final byte[] prefixMsg;
  private final byte[] prefixCom;

  protected Secp256k1Sha256() {
    this(CONTEXT_STRING);
  }

  /** For sibling suites: every context-string-dependent hash uses {@code contextString}. */
  protected Secp256k1Sha256(String contextString) {
    this.contextString = contextString;
    this.dstRho = tagged("rho");
    this.dstChal = tagged("chal");
    this.dstNonce = tagged("nonce");
    this.dstDkg = tagged("dkg");
    this.dstId = tagged("id");
    this.prefixMsg = tagged("msg");
    this.prefixCom = tagged("com");
  }

  /** contextString || tag, as bytes. */
  protected final byte[] tagged(String tag) {
    return (contextString + tag).getBytes(StandardCharsets.US_ASCII);
  }

  /** hash_to_field(m, DST) reduced modulo the group order. */
  protected final BigInteger hashToScalar(byte[] m, byte[] dst) {
    return HashToField.hashToField(m, dst, Secp256k1Group.INSTANCE.order());
  }

  @Override
  public String contextString() {
    return contextString;
  }

  @Override
  public Group<ECPoint> group() {
    return Secp256k1Group.INSTANCE;
  }

  @Override
  public BigInteger h1(byte[] m) {
    return hashToScalar(m, dstRho);
  }

  @Override
  public BigInteger h2(byte[] m) {
    return hashToScalar(m, dstChal);
  }

  /**
   * The input holds the signing share: reduced in constant time ({@link
   * HashToField#hashToFieldSecret}).
   */
  @Override
  public BigInteger h3(byte[] m) {
    return HashToField.hashToFieldSecret(m, dstNonce, Secp256k1Group.INSTANCE.order());
  }

  @Override
  public byte[] h4(byte[] m) {
    return HashToField.sha256(prefixMsg, m);
  }

  @Override
  public byte[] h5(byte[] m) {
    return HashToField.sha256(prefixCom, m);
  }

  @Override
  public BigInteger hdkg(byte[] m) {
    return hashToScalar(m, dstDkg);
  }

  @Override
  public BigInteger hid(byte[] m) {
    return hashToScalar(m, dstId);
  }
}
