package dev.frostsandbox.frost;

import dev.frostsandbox.frost.keys.KeyPackage;
import dev.frostsandbox.frost.keys.PublicKeyPackage;
import java.math.BigInteger;

/**
 * An RFC 9591 ciphersuite: a group plus the hash functions H1..H5 and the frost-core additions HDKG
 * and HID. The engine ({@link Frost}) is written once against this interface; per-curve modules
 * implement only this (compare frost-core's {@code Ciphersuite} trait).
 *
 * <p>The default methods below are frost-core's overridable hooks ({@code pre_sign}, {@code
 * pre_aggregate}, {@code pre_verify}, {@code challenge}, {@code post_dkg}, ...): their defaults are
 * plain RFC 9591, so only a suite that needs them (FROST-secp256k1-SHA256-TR-v1: BIP-340 even Y,
 * BIP-341 tweaks) overrides them.
 */
public interface Ciphersuite<E> {

  /** The context string, also the {@code header.ciphersuite} of every serialized package. */
  String contextString();

  Group<E> group();

  /** H1: binding factors. */
  BigInteger h1(byte[] m);

  /** H2: the signature challenge. */
  BigInteger h2(byte[] m);

  /** H3: nonce generation. */
  BigInteger h3(byte[] m);

  /** H4: message hash inside the binding factor input. */
  byte[] h4(byte[] m);

  /** H5: commitment-list hash inside the binding factor input. */
  byte[] h5(byte[] m);

  /** HDKG: the DKG proof-of-knowledge challenge (frost-core). */
  BigInteger hdkg(byte[] m);

  /** HID: identifier derivation from arbitrary bytes (frost-core {@code Identifier::derive}). */
  BigInteger hid(byte[] m);

  // ---- hooks (frost-core's overridable Ciphersuite methods); defaults are RFC 9591 ----

  /** compute_challenge: c = H2(SerializeElement(R) || SerializeElement(PK) || msg). */
  default BigInteger challenge(E groupCommitment, E verifyingKey, byte[] message) {
    Group<E> g = group();
    return h2(
        Bytes.concat(
            g.serializeElement(groupCommitment), g.serializeElement(verifyingKey), message));
  }

  /** The key package a signer signs with (frost-core {@code pre_sign}). */
  default KeyPackage<E> preSign(KeyPackage<E> keyPackage) {
    return keyPackage;
  }

  /**
   * The public key package a coordinator aggregates and checks shares with ({@code pre_aggregate}).
   */
  default PublicKeyPackage<E> preAggregate(PublicKeyPackage<E> publicKeyPackage) {
    return publicKeyPackage;
  }

  /** The verifying key a signature is checked against ({@code pre_verify}). */
  default E preVerifyKey(E verifyingKey) {
    return verifyingKey;
  }

  /** The signature as checked ({@code pre_verify}). */
  default Signature<E> preVerifySignature(Signature<E> signature) {
    return signature;
  }

  /**
   * Whether the nonces behind this commitment (a group commitment when signing, R of a DKG proof of
   * knowledge) must be negated before use: never in RFC 9591; BIP-340 wants R with even Y.
   */
  default boolean negatesNonces(E commitment) {
    return false;
  }

  /** The DKG output as the participant keeps it (frost-core {@code post_dkg}). */
  default KeyPackage<E> postDkg(KeyPackage<E> keyPackage) {
    return keyPackage;
  }

  /** {@link #postDkg(KeyPackage)} for the group's public keys. */
  default PublicKeyPackage<E> postDkg(PublicKeyPackage<E> publicKeyPackage) {
    return publicKeyPackage;
  }

  /** Signature serialization: SerializeElement(R) || SerializeScalar(z) by default. */
  default byte[] serializeSignature(Signature<E> signature) {
    return signature.serialize(group());
  }

  default Signature<E> deserializeSignature(byte[] bytes) throws InvalidEncodingException {
    return Signature.deserialize(group(), bytes);
  }

  /**
   * Whether signing may name a BIP-341 script tree ({@code taproot_merkle_root}) through {@link
   * #tweak(KeyPackage, byte[])}; a suite without it refuses the field.
   */
  default boolean tweaks() {
    return false;
  }

  /**
   * The key package for the output key committing to {@code merkleRoot} (BIP-341). Only for suites
   * that {@link #tweaks()}: the service refuses {@code taproot_merkle_root} for the others before
   * it gets here, so a call on them is a caller's error.
   */
  default KeyPackage<E> tweak(KeyPackage<E> keyPackage, byte[] merkleRoot) {
    throw new IllegalArgumentException(contextString() + " has no BIP-341 key tweak");
  }

  /** {@link #tweak(KeyPackage, byte[])} for the group's public keys. */
  default PublicKeyPackage<E> tweak(PublicKeyPackage<E> publicKeyPackage, byte[] merkleRoot) {
    throw new IllegalArgumentException(contextString() + " has no BIP-341 key tweak");
  }

  /**
   * The output key as a wallet encodes it (BIP-340 x-only, 32 bytes), for suites that {@link
   * #tweaks()}.
   */
  default byte[] outputKey(E verifyingKey) {
    throw new IllegalArgumentException(contextString() + " has no x-only output key");
  }
}
