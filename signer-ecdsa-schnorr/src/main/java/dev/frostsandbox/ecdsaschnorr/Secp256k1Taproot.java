package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.frost.Bytes;
import dev.frostsandbox.frost.InvalidEncodingException;
import dev.frostsandbox.frost.ScalarField;
import dev.frostsandbox.frost.Signature;
import dev.frostsandbox.frost.keys.KeyPackage;
import dev.frostsandbox.frost.keys.PublicKeyPackage;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bouncycastle.math.ec.ECPoint;

/**
 * FROST(secp256k1, SHA-256, Taproot), compatible with the Zcash Foundation's frost-secp256k1-tr:
 * FROST(secp256k1, SHA-256) with its own context string, except that signatures are BIP-340 Schnorr
 * signatures (challenge = tagged hash "BIP0340/challenge" over x-only R, x-only group key and
 * message; 64-byte signatures x(R) || z; keys and group commitments taken with even Y), and the DKG
 * output is tweaked as BIP-341 says for a key without script path.
 */
public final class Secp256k1Taproot extends Secp256k1Sha256 {

  public static final String CONTEXT_STRING = "FROST-secp256k1-SHA256-TR-v1";

  public static final Secp256k1Taproot INSTANCE = new Secp256k1Taproot();

  private static final Secp256k1Group GROUP = Secp256k1Group.INSTANCE;
  private static final BigInteger N = GROUP.order();
  private static final ScalarField FIELD = ScalarField.of(N);
  private static final byte[] NO_SCRIPT_PATH = new byte[0];

  private final byte[] challengeTag = tagHash("BIP0340/challenge");
  private final byte[] tapTweakTag = tagHash("TapTweak");

  private Secp256k1Taproot() {
    super(CONTEXT_STRING);
  }

  // ---- BIP-340 primitives ----

  private static byte[] tagHash(String tag) {
    return HashToField.sha256(tag.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * SHA256(SHA256(tag) || SHA256(tag) || parts...), reduced modulo n as frost-secp256k1-tr does.
   */
  private static BigInteger taggedScalar(byte[] tagHash, byte[]... parts) {
    MessageDigest md = HashToField.newSha256();
    md.update(tagHash);
    md.update(tagHash);
    for (byte[] p : parts) {
      md.update(p);
    }
    return new BigInteger(1, md.digest()).mod(N);
  }

  static boolean hasEvenY(ECPoint p) {
    return !p.normalize().getAffineYCoord().testBitZero();
  }

  /** The 32-byte x-only encoding of BIP-340. */
  static byte[] xOnly(ECPoint p) {
    return p.normalize().getAffineXCoord().getEncoded();
  }

  private static ECPoint evenY(ECPoint p) {
    return hasEvenY(p) ? p : p.negate();
  }

  private static BigInteger negateSecret(BigInteger s) {
    int[] m = FIELD.fromBigInteger(s);
    int[] neg = FIELD.mul(m, FIELD.fromBigInteger(N.subtract(BigInteger.ONE)));
    BigInteger out = FIELD.toBigInteger(neg);
    ScalarField.clear(m, neg);
    return out;
  }

  private static BigInteger addSecret(BigInteger s, BigInteger t) {
    int[] m = FIELD.fromBigInteger(s);
    int[] sum = FIELD.add(m, FIELD.fromBigInteger(t));
    BigInteger out = FIELD.toBigInteger(sum);
    ScalarField.clear(m, sum);
    return out;
  }

  // ---- hashes ----

  /**
   * H2 = the BIP-340 challenge hash; everything else is FROST(secp256k1, SHA-256) with the TR
   * context.
   */
  @Override
  public BigInteger h2(byte[] m) {
    return taggedScalar(challengeTag, m);
  }

  /** BIP-340: only the x coordinates of R and of the group key are hashed. */
  @Override
  public BigInteger challenge(ECPoint groupCommitment, ECPoint verifyingKey, byte[] message) {
    return h2(Bytes.concat(xOnly(groupCommitment), xOnly(verifyingKey), message));
  }

  // ---- even Y (frost-secp256k1-tr's EvenY) ----

  /** The key package with the group key negated to even Y, with the shares negated alike. */
  static KeyPackage<ECPoint> intoEvenY(KeyPackage<ECPoint> k) {
    if (hasEvenY(k.verifyingKey())) {
      return k;
    }
    return new KeyPackage<>(
        k.identifier(),
        negateSecret(k.signingShare()),
        k.verifyingShare().negate(),
        k.verifyingKey().negate(),
        k.minSigners());
  }

  static PublicKeyPackage<ECPoint> intoEvenY(PublicKeyPackage<ECPoint> p) {
    if (hasEvenY(p.verifyingKey())) {
      return p;
    }
    SortedMap<dev.frostsandbox.frost.Identifier, ECPoint> shares = new TreeMap<>();
    p.verifyingShares().forEach((id, vs) -> shares.put(id, vs.negate()));
    return new PublicKeyPackage<>(shares, p.verifyingKey().negate(), p.minSigners());
  }

  @Override
  public KeyPackage<ECPoint> preSign(KeyPackage<ECPoint> keyPackage) {
    return intoEvenY(keyPackage);
  }

  @Override
  public PublicKeyPackage<ECPoint> preAggregate(PublicKeyPackage<ECPoint> publicKeyPackage) {
    return intoEvenY(publicKeyPackage);
  }

  @Override
  public ECPoint preVerifyKey(ECPoint verifyingKey) {
    return evenY(verifyingKey);
  }

  @Override
  public Signature<ECPoint> preVerifySignature(Signature<ECPoint> signature) {
    return new Signature<>(evenY(signature.r()), signature.z());
  }

  /** BIP-340 R has even Y: a signer's nonces are negated when the group commitment's Y is odd. */
  @Override
  public boolean negatesNonces(ECPoint commitment) {
    return !hasEvenY(commitment);
  }

  // ---- BIP-341 tweak ----

  /** t = int(hashTapTweak(x(P) || merkle_root)) mod n (an empty root: no script path). */
  BigInteger tapTweak(ECPoint internalKey, byte[] merkleRoot) {
    return taggedScalar(tapTweakTag, xOnly(internalKey), merkleRoot);
  }

  /** Q = even(P) + tG with the shares moved alike (frost-secp256k1-tr's Tweak for KeyPackage). */
  @Override
  public KeyPackage<ECPoint> tweak(KeyPackage<ECPoint> keyPackage, byte[] merkleRoot) {
    BigInteger t = tapTweak(keyPackage.verifyingKey(), merkleRoot);
    ECPoint tG = GROUP.multiplyBase(t);
    KeyPackage<ECPoint> even = intoEvenY(keyPackage);
    return new KeyPackage<>(
        even.identifier(),
        addSecret(even.signingShare(), t),
        even.verifyingShare().add(tG).normalize(),
        even.verifyingKey().add(tG).normalize(),
        even.minSigners());
  }

  @Override
  public PublicKeyPackage<ECPoint> tweak(
      PublicKeyPackage<ECPoint> publicKeyPackage, byte[] merkleRoot) {
    BigInteger t = tapTweak(publicKeyPackage.verifyingKey(), merkleRoot);
    ECPoint tG = GROUP.multiplyBase(t);
    PublicKeyPackage<ECPoint> even = intoEvenY(publicKeyPackage);
    SortedMap<dev.frostsandbox.frost.Identifier, ECPoint> shares = new TreeMap<>();
    even.verifyingShares().forEach((id, vs) -> shares.put(id, vs.add(tG).normalize()));
    return new PublicKeyPackage<>(
        shares, even.verifyingKey().add(tG).normalize(), even.minSigners());
  }

  @Override
  public boolean tweaks() {
    return true;
  }

  /**
   * post_dkg: the group key commits to an unspendable script path, Q = P + int(hashTapTweak(x(P)))G
   * (BIP-341), so no participant can slip a script tree into the joint key.
   */
  @Override
  public KeyPackage<ECPoint> postDkg(KeyPackage<ECPoint> keyPackage) {
    return tweak(keyPackage, NO_SCRIPT_PATH);
  }

  @Override
  public PublicKeyPackage<ECPoint> postDkg(PublicKeyPackage<ECPoint> publicKeyPackage) {
    return tweak(publicKeyPackage, NO_SCRIPT_PATH);
  }

  @Override
  public byte[] outputKey(ECPoint verifyingKey) {
    return xOnly(verifyingKey);
  }

  // ---- BIP-340 signatures: x(R) || z ----

  @Override
  public byte[] serializeSignature(Signature<ECPoint> signature) {
    return Bytes.concat(xOnly(signature.r()), GROUP.serializeScalar(signature.z()));
  }

  /** 64 bytes; R is the point with that x and even Y. */
  @Override
  public Signature<ECPoint> deserializeSignature(byte[] bytes) throws InvalidEncodingException {
    if (bytes.length != 64) {
      throw new InvalidEncodingException(InvalidEncodingException.Reason.WRONG_LENGTH);
    }
    byte[] r = new byte[33];
    r[0] = 0x02;
    System.arraycopy(bytes, 0, r, 1, 32);
    ECPoint point = GROUP.deserializeElement(r);
    BigInteger z = GROUP.deserializeScalar(java.util.Arrays.copyOfRange(bytes, 32, 64));
    return new Signature<>(point, z);
  }
}
