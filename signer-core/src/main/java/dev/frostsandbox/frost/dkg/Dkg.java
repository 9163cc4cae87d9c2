package dev.frostsandbox.frost.dkg;

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
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Distributed key generation compatible with frost-core's {@code keys::dkg} (Pedersen DKG with
 * proofs of knowledge, RFC 9591 Appendix C's VSS): {@link #part1}, {@link #part2}, {@link #part3}.
 */
public final class Dkg<E> {

  /** Output of part 1: what to keep, and what to broadcast. */
  public record Part1<E>(Round1SecretPackage<E> secretPackage, Round1Package<E> package_) {}

  /** Output of part 2: what to keep, and one package for each other participant. */
  public record Part2<E>(
      Round2SecretPackage<E> secretPackage, SortedMap<Identifier, Round2Package> packages) {}

  /** Output of part 3: the participant's key and the group's public keys. */
  public record Part3<E>(KeyPackage<E> keyPackage, PublicKeyPackage<E> publicKeyPackage) {}

  private final Ciphersuite<E> suite;
  private final Group<E> group;
  private final BigInteger order;

  /** Constant-time arithmetic for the secrets: a_0, the proof nonce, the received shares. */
  private final ScalarField field;

  public Dkg(Ciphersuite<E> suite) {
    this.suite = suite;
    this.group = suite.group();
    this.order = group.order();
    this.field = ScalarField.of(order);
  }

  public static void validateSigners(int minSigners, int maxSigners) {
    if (minSigners < 2) {
      throw new FrostException(Kind.INVALID_MIN_SIGNERS, "min_signers must be at least 2");
    }
    if (maxSigners < minSigners) {
      throw new FrostException(
          Kind.INVALID_MAX_SIGNERS, "max_signers must be at least min_signers");
    }
  }

  /** part1 with a fresh random polynomial of degree min_signers - 1. */
  public Part1<E> part1(
      Identifier identifier, int maxSigners, int minSigners, SecureRandom random) {
    validateSigners(minSigners, maxSigners);
    List<BigInteger> coefficients = new ArrayList<>(minSigners);
    for (int i = 0; i < minSigners; i++) {
      coefficients.add(group.randomNonZeroScalar(random));
    }
    return part1(
        identifier, maxSigners, minSigners, coefficients, group.randomNonZeroScalar(random));
  }

  /** part1 from given coefficients a_0..a_{t-1} and proof nonce k (deterministic, for vectors). */
  public Part1<E> part1(
      Identifier identifier,
      int maxSigners,
      int minSigners,
      List<BigInteger> coefficients,
      BigInteger proofNonce) {
    validateSigners(minSigners, maxSigners);
    if (coefficients.size() != minSigners) {
      throw new IllegalArgumentException("a polynomial of degree min_signers - 1 is needed");
    }
    List<E> commitment = Polynomial.commit(group, coefficients);
    Signature<E> proof =
        proveKnowledge(identifier, coefficients.get(0), commitment.get(0), proofNonce);
    return new Part1<>(
        new Round1SecretPackage<>(identifier, coefficients, commitment, minSigners, maxSigners),
        new Round1Package<>(commitment, proof));
  }

  /** c = HDKG(SerializeScalar(id) || SerializeElement(phi_0) || SerializeElement(R)). */
  public BigInteger proofChallenge(Identifier identifier, E phi0, E r) {
    return suite.hdkg(
        Bytes.concat(
            group.serializeScalar(identifier.value()),
            group.serializeElement(phi0),
            group.serializeElement(r)));
  }

  /**
   * frost-core {@code compute_proof_of_knowledge}: (R, mu) with R = k*G and mu = k + a_0 * HDKG(id,
   * phi_0, R). Public for the refresh, which proves over its commitment exactly as frost-core does.
   */
  public Signature<E> computeProofOfKnowledge(
      Identifier identifier, BigInteger a0, E phi0, BigInteger k) {
    return proveKnowledge(identifier, a0, phi0, k);
  }

  private Signature<E> proveKnowledge(Identifier identifier, BigInteger a0, E phi0, BigInteger k) {
    E r = group.multiplyBase(k);
    int[] km = field.fromBigInteger(k);
    // frost-core generate_nonce: a suite may want R with even Y (BIP-340), then (k, R) -> (-k, -R);
    // R is published, so branching on it leaks nothing, and -k is a multiplication by n - 1
    if (suite.negatesNonces(r)) {
      r = group.negate(r);
      int[] negated = field.mul(km, field.fromBigInteger(order.subtract(BigInteger.ONE)));
      ScalarField.clear(km);
      km = negated;
    }
    BigInteger c = proofChallenge(identifier, phi0, r);
    // mu = k + a_0 * c, with k and a_0 secret
    int[] a0m = field.fromBigInteger(a0);
    int[] a0c = field.mul(a0m, field.fromBigInteger(c));
    int[] mu = field.add(km, a0c);
    BigInteger z = field.toBigInteger(mu);
    ScalarField.clear(km, a0m, a0c, mu);
    return new Signature<>(r, z);
  }

  /** Checks R == mu*G - c*phi_0; names the sender when it does not hold. */
  public void verifyProofOfKnowledge(Identifier sender, Round1Package<E> package_) {
    E phi0 = package_.commitment().get(0);
    Signature<E> proof = package_.proofOfKnowledge();
    BigInteger c = proofChallenge(sender, phi0, proof.r());
    E expected =
        group.multiplyAll(
            List.of(group.generator(), phi0), List.of(proof.z(), order.subtract(c).mod(order)));
    if (!group.equal(expected, proof.r())) {
      throw new FrostException(
          Kind.INVALID_PROOF_OF_KNOWLEDGE,
          sender,
          "invalid proof of knowledge from participant " + sender);
    }
  }

  /**
   * part2: verify every proof of knowledge, then evaluate our polynomial for each other
   * participant. Every sender with a wrong-sized commitment or an invalid proof is named.
   */
  public Part2<E> part2(
      Round1SecretPackage<E> secretPackage, Map<Identifier, Round1Package<E>> round1Packages) {
    checkPeers(secretPackage.identifier(), secretPackage.maxSigners(), round1Packages.keySet());
    FrostException.Culprits culprits = new FrostException.Culprits();
    for (Map.Entry<Identifier, Round1Package<E>> p : new TreeMap<>(round1Packages).entrySet()) {
      Identifier sender = p.getKey();
      if (p.getValue().commitment().size() != secretPackage.minSigners()) {
        culprits.add(
            Kind.INCORRECT_NUMBER_OF_COMMITMENTS,
            sender,
            "participant "
                + sender
                + " committed to "
                + p.getValue().commitment().size()
                + " coefficients, expected "
                + secretPackage.minSigners());
        continue;
      }
      try {
        verifyProofOfKnowledge(sender, p.getValue());
      } catch (FrostException e) {
        culprits.add(e, sender);
      }
    }
    culprits.throwIfAny();
    SortedMap<Identifier, Round2Package> out = new TreeMap<>();
    for (Identifier sender : round1Packages.keySet()) {
      out.put(
          sender,
          new Round2Package(
              Polynomial.evaluate(secretPackage.coefficients(), sender.value(), order)));
    }
    BigInteger own =
        Polynomial.evaluate(
            secretPackage.coefficients(), secretPackage.identifier().value(), order);
    return new Part2<>(
        new Round2SecretPackage<>(
            secretPackage.identifier(),
            secretPackage.commitment(),
            own,
            secretPackage.minSigners(),
            secretPackage.maxSigners()),
        out);
  }

  /** Checks f_sender(self) * G against the sender's commitment; names the sender when it fails. */
  public void verifyShare(
      Identifier self, Identifier sender, BigInteger share, List<E> senderCommitment) {
    E expected = Polynomial.evaluateCommitment(group, senderCommitment, self.value());
    if (!group.equal(group.multiplyBase(share), expected)) {
      throw new FrostException(
          Kind.INVALID_SECRET_SHARE, sender, "invalid secret share from participant " + sender);
    }
  }

  /** part3: verify received shares, sum them into the signing share, derive the public keys. */
  public Part3<E> part3(
      Round2SecretPackage<E> secretPackage,
      Map<Identifier, Round1Package<E>> round1Packages,
      Map<Identifier, Round2Package> round2Packages) {
    Identifier self = secretPackage.identifier();
    checkPeers(self, secretPackage.maxSigners(), round1Packages.keySet());
    checkPeers(self, secretPackage.maxSigners(), round2Packages.keySet());
    if (!round1Packages.keySet().equals(round2Packages.keySet())) {
      throw new FrostException(
          Kind.INCORRECT_PACKAGE, "round 1 and round 2 packages come from different participants");
    }
    SummedShares<E> summed =
        sumShares(
            self,
            secretPackage.secretShare(),
            secretPackage.commitment(),
            round1Packages,
            round2Packages,
            secretPackage.minSigners(),
            this::verifyShare);
    List<E> groupCommitment = summed.groupCommitment();
    BigInteger signingShare = field.toBigInteger(summed.share());
    ScalarField.clear(summed.share());
    SortedMap<Identifier, E> verifyingShares = new TreeMap<>();
    verifyingShares.put(self, group.multiplyBase(signingShare));
    for (Identifier other : round2Packages.keySet()) {
      verifyingShares.put(
          other, Polynomial.evaluateCommitment(group, groupCommitment, other.value()));
    }
    E verifyingKey = groupCommitment.get(0);
    KeyPackage<E> key =
        new KeyPackage<>(
            self,
            signingShare,
            verifyingShares.get(self),
            verifyingKey,
            secretPackage.minSigners());
    // frost-core post_dkg: the suite may transform the output (the Taproot suite tweaks it)
    return new Part3<>(
        suite.postDkg(key),
        suite.postDkg(
            new PublicKeyPackage<>(verifyingShares, verifyingKey, secretPackage.minSigners())));
  }

  /**
   * How part3 checks a sender's share against its commitment (DKG: the full polynomial; a refresh:
   * no constant term).
   */
  @FunctionalInterface
  public interface ShareCheck<E> {
    void verify(Identifier self, Identifier sender, BigInteger share, List<E> commitment);
  }

  /**
   * The own share plus every received one (limbs the caller clears), and the commitments summed.
   */
  // limbs of a secret the caller clears: never compared, so array identity in equals is moot
  @SuppressWarnings("ArrayRecordComponent")
  public record SummedShares<E>(int[] share, List<E> groupCommitment) {}

  /**
   * part3's core, shared with refresh_dkg_shares: each sender's share checked by {@code check}
   * against its round-1 commitment (of {@code commitmentSize} entries; 0: sizes checked by the
   * caller), summed with the own share in constant-time field arithmetic, and the commitments
   * summed coefficient by coefficient. Every sender whose commitment or share is wrong is named.
   */
  public SummedShares<E> sumShares(
      Identifier self,
      BigInteger ownShare,
      List<E> ownCommitment,
      Map<Identifier, Round1Package<E>> round1Packages,
      Map<Identifier, Round2Package> round2Packages,
      int commitmentSize,
      ShareCheck<E> check) {
    int[] sum = field.fromBigInteger(ownShare);
    List<E> groupCommitment = new ArrayList<>(ownCommitment);
    FrostException.Culprits culprits = new FrostException.Culprits();
    for (Map.Entry<Identifier, Round2Package> p : new TreeMap<>(round2Packages).entrySet()) {
      Identifier sender = p.getKey();
      List<E> senderCommitment = round1Packages.get(sender).commitment();
      if (commitmentSize > 0 && senderCommitment.size() != commitmentSize) {
        culprits.add(
            Kind.INCORRECT_NUMBER_OF_COMMITMENTS,
            sender,
            "participant " + sender + " sent a commitment of the wrong size");
        continue;
      }
      try {
        check.verify(self, sender, p.getValue().signingShare(), senderCommitment);
      } catch (FrostException e) {
        culprits.add(e, sender);
        continue;
      }
      int[] received = field.fromBigInteger(p.getValue().signingShare());
      int[] next = field.add(sum, received);
      ScalarField.clear(sum, received);
      sum = next;
      for (int k = 0; k < groupCommitment.size(); k++) {
        groupCommitment.set(k, group.add(groupCommitment.get(k), senderCommitment.get(k)));
      }
    }
    if (!culprits.isEmpty()) {
      ScalarField.clear(sum);
      culprits.throwIfAny();
    }
    return new SummedShares<>(sum, groupCommitment);
  }

  /** The packages come from exactly max_signers - 1 other participants. */
  public static void checkPeers(Identifier self, int maxSigners, java.util.Set<Identifier> peers) {
    if (peers.contains(self)) {
      throw new FrostException(
          Kind.INCORRECT_PACKAGE, self, "a participant cannot send packages to itself");
    }
    if (peers.size() != maxSigners - 1) {
      throw new FrostException(
          Kind.INCORRECT_NUMBER_OF_PACKAGES,
          "expected " + (maxSigners - 1) + " packages, got " + peers.size());
    }
  }
}
