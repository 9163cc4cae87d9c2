package dev.frostsandbox.frost.signing;

import dev.frostsandbox.frost.Bytes;
import dev.frostsandbox.frost.Ciphersuite;
import dev.frostsandbox.frost.FrostException;
import dev.frostsandbox.frost.FrostException.Kind;
import dev.frostsandbox.frost.Group;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.Polynomial;
import dev.frostsandbox.frost.ScalarField;
import dev.frostsandbox.frost.Signature;
import dev.frostsandbox.frost.keys.KeyPackage;
import dev.frostsandbox.frost.keys.PublicKeyPackage;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * FROST signing for participants and the coordinator, RFC 9591 §4 and §5, written once for any
 * {@link Ciphersuite}. Checks follow frost-core's {@code round1}, {@code round2} and {@code
 * aggregate}.
 */
public final class Signing<E> {

  private final Ciphersuite<E> suite;
  private final Group<E> group;
  private final BigInteger order;

  /** Constant-time arithmetic for the secrets (nonces, signing share) in {@link #sign}. */
  private final ScalarField field;

  public Signing(Ciphersuite<E> suite) {
    this.suite = suite;
    this.group = suite.group();
    this.order = group.order();
    this.field = ScalarField.of(order);
  }

  // ---- Round one (RFC 9591 §5.1) ----

  /** nonce_generate(secret) with the given 32 random bytes (§4.1). */
  public BigInteger nonceGenerate(BigInteger secret, byte[] randomBytes) {
    byte[] secretBytes = group.serializeScalar(secret);
    byte[] input = Bytes.concat(randomBytes, secretBytes);
    try {
      return suite.h3(input);
    } finally {
      // the hash input holds the signing share
      Arrays.fill(secretBytes, (byte) 0);
      Arrays.fill(input, (byte) 0);
    }
  }

  /** nonce_generate(secret) with fresh randomness from {@code random}. */
  public BigInteger nonceGenerate(BigInteger secret, SecureRandom random) {
    byte[] r = new byte[32];
    random.nextBytes(r);
    try {
      return nonceGenerate(secret, r);
    } finally {
      Arrays.fill(r, (byte) 0);
    }
  }

  /** commit(sk_i): fresh hiding and binding nonces and their commitments. */
  public SigningNonces<E> commit(BigInteger signingShare, SecureRandom random) {
    return noncesFrom(nonceGenerate(signingShare, random), nonceGenerate(signingShare, random));
  }

  /** Nonces with their commitments (D = d*G, E = e*G). */
  public SigningNonces<E> noncesFrom(BigInteger hidingNonce, BigInteger bindingNonce) {
    // both at once: a group may share one inversion between the two affine commitments
    List<E> commitments = group.multiplyBaseAll(List.of(hidingNonce, bindingNonce));
    return new SigningNonces<>(
        hidingNonce,
        bindingNonce,
        new SigningCommitments<>(commitments.get(0), commitments.get(1)));
  }

  // ---- Shared computations (RFC 9591 §4.3 - §4.6) ----

  /** encode_group_commitment_list: id || D || E for every signer, in identifier order. */
  public byte[] encodeGroupCommitmentList(
      SortedMap<Identifier, SigningCommitments<E>> commitments) {
    Bytes.Builder b =
        new Bytes.Builder(commitments.size() * (group.scalarLength() + 2 * group.elementLength()));
    for (Map.Entry<Identifier, SigningCommitments<E>> c : commitments.entrySet()) {
      b.add(group.serializeScalar(c.getKey().value()))
          .add(group.serializeElement(c.getValue().hiding()))
          .add(group.serializeElement(c.getValue().binding()));
    }
    return b.build();
  }

  /** compute_binding_factors: rho_i = H1(PK || H4(msg) || H5(commitment list) || id_i). */
  public BindingFactors bindingFactors(E verifyingKey, SigningPackage<E> signingPackage) {
    byte[] prefix =
        Bytes.concat(
            group.serializeElement(verifyingKey),
            suite.h4(signingPackage.message()),
            suite.h5(encodeGroupCommitmentList(signingPackage.signingCommitments())));
    SortedMap<Identifier, BigInteger> factors = new TreeMap<>();
    SortedMap<Identifier, byte[]> inputs = new TreeMap<>();
    for (Identifier id : signingPackage.signingCommitments().keySet()) {
      byte[] input = Bytes.concat(prefix, group.serializeScalar(id.value()));
      inputs.put(id, input);
      factors.put(id, suite.h1(input));
    }
    return new BindingFactors(factors, inputs);
  }

  /** compute_group_commitment: R = sum(D_i + rho_i * E_i), as one multi-scalar multiplication. */
  public E groupCommitment(SigningPackage<E> signingPackage, BindingFactors bindingFactors) {
    int n = signingPackage.signingCommitments().size();
    List<E> points = new ArrayList<>(n);
    List<BigInteger> scalars = new ArrayList<>(n);
    List<E> hiding = new ArrayList<>(n);
    for (Map.Entry<Identifier, SigningCommitments<E>> c :
        signingPackage.signingCommitments().entrySet()) {
      SigningCommitments<E> sc = c.getValue();
      if (group.isIdentity(sc.hiding()) || group.isIdentity(sc.binding())) {
        throw new FrostException(
            Kind.IDENTITY_COMMITMENT, c.getKey(), "commitment is the identity");
      }
      hiding.add(sc.hiding());
      points.add(sc.binding());
      scalars.add(bindingFactors.of(c.getKey()));
    }
    return group.addAllPlusMultiplyAll(hiding, points, scalars);
  }

  /**
   * compute_challenge: c = H2(R || PK || msg), or the suite's own ({@link Ciphersuite#challenge}).
   */
  public BigInteger challenge(E groupCommitment, E verifyingKey, byte[] message) {
    return suite.challenge(groupCommitment, verifyingKey, message);
  }

  // ---- Round two (RFC 9591 §5.2) ----

  /**
   * sign: z_i = d_i + e_i * rho_i + lambda_i * s_i * c, with the suite's {@code pre_sign} applied
   * to the key package and (d_i, e_i) negated where the suite wants it for the group commitment.
   */
  public SignatureShare sign(
      SigningPackage<E> signingPackage, SigningNonces<E> nonces, KeyPackage<E> signerKey) {
    KeyPackage<E> keyPackage = suite.preSign(signerKey);
    SortedMap<Identifier, SigningCommitments<E>> commitments = signingPackage.signingCommitments();
    if (commitments.size() < keyPackage.minSigners()) {
      throw new FrostException(
          Kind.INCORRECT_NUMBER_OF_COMMITMENTS,
          "the signing package has "
              + commitments.size()
              + " commitments, at least "
              + keyPackage.minSigners()
              + " are needed");
    }
    Identifier self = keyPackage.identifier();
    SigningCommitments<E> mine = commitments.get(self);
    if (mine == null) {
      throw new FrostException(
          Kind.MISSING_COMMITMENT,
          self,
          "the signing package has no commitment of participant " + self);
    }
    if (!group.equal(mine.hiding(), nonces.commitments().hiding())
        || !group.equal(mine.binding(), nonces.commitments().binding())) {
      throw new FrostException(
          Kind.INCORRECT_COMMITMENT,
          self,
          "the signing package does not hold this participant's commitments");
    }
    BindingFactors rho = bindingFactors(keyPackage.verifyingKey(), signingPackage);
    E r = groupCommitment(signingPackage, rho);
    BigInteger lambda = Polynomial.lagrangeAtZero(commitments.keySet(), self, order);
    BigInteger c = challenge(r, keyPackage.verifyingKey(), signingPackage.message());
    // d, e and s are secret: constant-time field arithmetic, not BigInteger
    int[] d = field.fromBigInteger(nonces.hidingNonce());
    int[] e = field.fromBigInteger(nonces.bindingNonce());
    int[] s = field.fromBigInteger(keyPackage.signingShare());
    int[] eRho = field.mul(e, field.fromBigInteger(rho.of(self)));
    // lambda * c is public: computed once in BigInteger, one multiplication by the secret
    int[] sLambdaC = field.mul(s, field.fromBigInteger(lambda.multiply(c).mod(order)));
    int[] dERho = field.add(d, eRho);
    if (suite.negatesNonces(r)) {
      // -(d + e*rho), as a multiplication by n - 1: no data-dependent branch on the secret
      int[] negated = field.mul(dERho, field.fromBigInteger(order.subtract(BigInteger.ONE)));
      ScalarField.clear(dERho);
      dERho = negated;
    }
    int[] z = field.add(dERho, sLambdaC);
    BigInteger share = field.toBigInteger(z);
    ScalarField.clear(d, e, s, eRho, dERho, sLambdaC, z);
    return new SignatureShare(share);
  }

  // ---- Coordinator (RFC 9591 §5.3, §5.4) ----

  /**
   * verify_signature_share: z_i * G == D_i + rho_i * E_i + (c * lambda_i) * PK_i, after the suite's
   * {@code pre_aggregate} (as frost-core does, through a one-share public key package).
   */
  public void verifySignatureShare(
      Identifier id,
      E verifyingShare,
      SignatureShare share,
      SigningPackage<E> signingPackage,
      E verifyingKey) {
    PublicKeyPackage<E> keys =
        suite.preAggregate(
            new PublicKeyPackage<>(new TreeMap<>(Map.of(id, verifyingShare)), verifyingKey, null));
    E vk = keys.verifyingKey();
    BindingFactors rho = bindingFactors(vk, signingPackage);
    E r = groupCommitment(signingPackage, rho);
    BigInteger c = challenge(r, vk, signingPackage.message());
    verifyShare(id, keys.verifyingShares().get(id), share, signingPackage, rho, r, c);
  }

  private void verifyShare(
      Identifier id,
      E verifyingShare,
      SignatureShare share,
      SigningPackage<E> signingPackage,
      BindingFactors rho,
      E groupCommitment,
      BigInteger c) {
    SigningCommitments<E> comm = signingPackage.signingCommitments().get(id);
    if (comm == null) {
      throw new FrostException(
          Kind.UNKNOWN_IDENTIFIER, id, "participant " + id + " is not a signer");
    }
    BigInteger lambda =
        Polynomial.lagrangeAtZero(signingPackage.signingCommitments().keySet(), id, order);
    // z*G - rho*E - (c*lambda)*PK must equal D; where the suite negates the nonces (odd group
    // commitment), z*G + rho*E - (c*lambda)*PK must equal -D
    boolean negated = suite.negatesNonces(groupCommitment);
    BigInteger rhoTerm = negated ? rho.of(id) : order.subtract(rho.of(id)).mod(order);
    E lhs =
        group.multiplyAll(
            List.of(group.generator(), comm.binding(), verifyingShare),
            List.of(
                share.share(), rhoTerm, order.subtract(c.multiply(lambda).mod(order)).mod(order)));
    E expected = negated ? group.negate(comm.hiding()) : comm.hiding();
    if (!group.equal(lhs, expected)) {
      throw new FrostException(
          Kind.INVALID_SIGNATURE_SHARE, id, "invalid signature share from participant " + id);
    }
  }

  /**
   * aggregate: z = sum z_i, signature (R, z), verified against the group key; when it does not
   * verify, every share is checked and every invalid one is named (frost-core 3.0's {@code
   * CheaterDetection::AllCheaters}: {@link FrostException#culprits()}).
   */
  public Signature<E> aggregate(
      SigningPackage<E> signingPackage,
      Map<Identifier, SignatureShare> signatureShares,
      PublicKeyPackage<E> groupKeys) {
    PublicKeyPackage<E> publicKeyPackage = suite.preAggregate(groupKeys);
    SortedMap<Identifier, SigningCommitments<E>> commitments = signingPackage.signingCommitments();
    if (commitments.size() != signatureShares.size()
        || !commitments.keySet().containsAll(signatureShares.keySet())) {
      throw new FrostException(
          Kind.UNKNOWN_IDENTIFIER,
          "the signature shares do not match the signers of the signing package");
    }
    if (publicKeyPackage.minSigners() != null
        && commitments.size() < publicKeyPackage.minSigners()) {
      throw new FrostException(
          Kind.INCORRECT_NUMBER_OF_SHARES,
          "at least " + publicKeyPackage.minSigners() + " signature shares are needed");
    }
    E vk = publicKeyPackage.verifyingKey();
    BindingFactors rho = bindingFactors(vk, signingPackage);
    E r = groupCommitment(signingPackage, rho);
    BigInteger z = BigInteger.ZERO;
    for (SignatureShare s : signatureShares.values()) {
      z = z.add(s.share());
    }
    Signature<E> signature = new Signature<>(r, z.mod(order));
    if (verify(signingPackage.message(), signature, vk)) {
      return signature;
    }
    BigInteger c = challenge(r, vk, signingPackage.message());
    SortedMap<Identifier, SignatureShare> sorted = new TreeMap<>(signatureShares);
    for (Identifier id : sorted.keySet()) {
      if (publicKeyPackage.verifyingShares().get(id) == null) {
        throw new FrostException(
            Kind.UNKNOWN_IDENTIFIER, id, "no verifying share for participant " + id);
      }
    }
    // frost-core 3.0 CheaterDetection::AllCheaters: every invalid share is named, not the first
    FrostException.Culprits cheaters = new FrostException.Culprits();
    for (Map.Entry<Identifier, SignatureShare> s : sorted.entrySet()) {
      try {
        verifyShare(
            s.getKey(),
            publicKeyPackage.verifyingShares().get(s.getKey()),
            s.getValue(),
            signingPackage,
            rho,
            r,
            c);
      } catch (FrostException e) {
        cheaters.add(e, s.getKey());
      }
    }
    cheaters.throwIfAny();
    throw new FrostException(Kind.INVALID_SIGNATURE, "the aggregate signature does not verify");
  }

  /**
   * Schnorr verification with the cofactor cleared: [h](z*G - c*PK - R) == identity, after the
   * suite's {@code pre_verify}.
   */
  public boolean verify(byte[] message, Signature<E> sig, E key) {
    Signature<E> signature = suite.preVerifySignature(sig);
    E verifyingKey = suite.preVerifyKey(key);
    BigInteger c = challenge(signature.r(), verifyingKey, message);
    E check =
        group.subtract(
            group.multiplyAll(
                List.of(group.generator(), verifyingKey),
                List.of(signature.z(), order.subtract(c).mod(order))),
            signature.r());
    if (group.cofactor() != 1) {
      check = group.multiply(check, BigInteger.valueOf(group.cofactor()));
    }
    return group.isIdentity(check);
  }
}
