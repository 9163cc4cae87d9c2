package dev.frostsandbox.frost.keys;

import dev.frostsandbox.frost.Ciphersuite;
import dev.frostsandbox.frost.FrostException;
import dev.frostsandbox.frost.FrostException.Kind;
import dev.frostsandbox.frost.Group;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.Polynomial;
import dev.frostsandbox.frost.ScalarField;
import dev.frostsandbox.frost.Signature;
import dev.frostsandbox.frost.dkg.Dkg;
import dev.frostsandbox.frost.dkg.Round1Package;
import dev.frostsandbox.frost.dkg.Round1SecretPackage;
import dev.frostsandbox.frost.dkg.Round2Package;
import dev.frostsandbox.frost.dkg.Round2SecretPackage;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Share refresh (frost-core 3.0 {@code keys::refresh}): every refreshing participant adds shares of
 * a polynomial whose constant term is zero, so the shares change and the group key does not.
 * Participants left out of a refresh are removed from the group (their old shares no longer combine
 * with the new ones); the threshold cannot change and at least min_signers must take part.
 *
 * <p>By DKG: {@link #refreshDkgPart1}, {@link #refreshDkgPart2}, {@link #refreshDkgShares}, with
 * DKG's package types. As in frost-core, a refresh commitment leaves out its constant term (the
 * identity, which cannot be serialized): round 1 packages, and the secret packages kept between
 * rounds, carry min_signers - 1 coefficient commitments, and the engine puts the identity back
 * where it checks shares. The proof of knowledge is computed as frost-core computes it (over the
 * zero constant term, with the first sent commitment as phi_0) and, as in frost-core, not checked:
 * it proves nothing here, the zero constant term is enforced by the commitment's shape.
 *
 * <p>By a trusted dealer: {@link #computeRefreshingShares} and {@link #refreshShare}.
 */
public final class Refresh<E> {

  /**
   * The dealer's refreshing shares (commitments without their constant term) and the new public
   * keys.
   */
  public record RefreshingShares<E>(
      SortedMap<Identifier, SecretShare<E>> shares, PublicKeyPackage<E> publicKeyPackage) {}

  private final Group<E> group;
  private final BigInteger order;
  private final ScalarField field;
  private final Dkg<E> dkg;

  public Refresh(Ciphersuite<E> suite) {
    this.group = suite.group();
    this.order = group.order();
    this.field = ScalarField.of(order);
    this.dkg = new Dkg<>(suite);
  }

  // ---- by DKG ----

  /**
   * refresh_dkg_part1: a random polynomial of degree min_signers - 1 with a zero constant term.
   * {@code maxSigners} is the number of participants refreshing (at least min_signers, at most the
   * group's), {@code minSigners} the group's threshold.
   */
  public Dkg.Part1<E> refreshDkgPart1(
      Identifier identifier, int maxSigners, int minSigners, SecureRandom random) {
    Dkg.validateSigners(minSigners, maxSigners);
    List<BigInteger> coefficients = new ArrayList<>(minSigners - 1);
    for (int i = 1; i < minSigners; i++) {
      coefficients.add(group.randomNonZeroScalar(random));
    }
    return refreshDkgPart1(
        identifier, maxSigners, minSigners, coefficients, group.randomNonZeroScalar(random));
  }

  /**
   * refresh_dkg_part1 from the coefficients a_1..a_{t-1} (a_0 is zero) and the proof nonce
   * (deterministic, for tests).
   */
  public Dkg.Part1<E> refreshDkgPart1(
      Identifier identifier,
      int maxSigners,
      int minSigners,
      List<BigInteger> coefficients,
      BigInteger proofNonce) {
    Dkg.validateSigners(minSigners, maxSigners);
    if (coefficients.size() != minSigners - 1) {
      throw new IllegalArgumentException(
          "a refresh polynomial has min_signers - 1 non-constant coefficients");
    }
    List<BigInteger> all = new ArrayList<>(minSigners);
    all.add(BigInteger.ZERO);
    all.addAll(coefficients);
    // the commitment sent leaves out a_0 * G, the identity
    List<E> commitment = Polynomial.commit(group, coefficients);
    Signature<E> proof =
        dkg.computeProofOfKnowledge(identifier, BigInteger.ZERO, commitment.get(0), proofNonce);
    return new Dkg.Part1<>(
        new Round1SecretPackage<>(identifier, all, commitment, minSigners, maxSigners),
        new Round1Package<>(commitment, proof));
  }

  /**
   * refresh_dkg_part2: the refreshing share for each other participant. Every sender whose
   * commitment has the wrong size is named. The returned secret package keeps the commitment
   * without its constant term, like the round 1 packages.
   */
  public Dkg.Part2<E> refreshDkgPart2(
      Round1SecretPackage<E> secretPackage, Map<Identifier, Round1Package<E>> round1Packages) {
    checkRefreshSecret(
        secretPackage.coefficients().get(0),
        secretPackage.commitment(),
        secretPackage.minSigners());
    Dkg.checkPeers(secretPackage.identifier(), secretPackage.maxSigners(), round1Packages.keySet());
    checkCommitmentSizes(round1Packages, secretPackage.minSigners());
    SortedMap<Identifier, Round2Package> out = new TreeMap<>();
    for (Identifier receiver : round1Packages.keySet()) {
      out.put(
          receiver,
          new Round2Package(
              Polynomial.evaluate(secretPackage.coefficients(), receiver.value(), order)));
    }
    BigInteger own =
        Polynomial.evaluate(
            secretPackage.coefficients(), secretPackage.identifier().value(), order);
    return new Dkg.Part2<>(
        new Round2SecretPackage<>(
            secretPackage.identifier(),
            secretPackage.commitment(),
            own,
            secretPackage.minSigners(),
            secretPackage.maxSigners()),
        out);
  }

  private static void checkRefreshSecret(BigInteger a0, List<?> commitment, int minSigners) {
    if ((a0 != null && a0.signum() != 0) || commitment.size() != minSigners - 1) {
      throw new IllegalArgumentException("not a refresh secret package: use the DKG's own parts");
    }
  }

  private static <E> void checkCommitmentSizes(
      Map<Identifier, Round1Package<E>> packages, int minSigners) {
    FrostException.Culprits culprits = new FrostException.Culprits();
    for (Map.Entry<Identifier, Round1Package<E>> p : new TreeMap<>(packages).entrySet()) {
      int size = p.getValue().commitment().size();
      if (size != minSigners - 1) {
        culprits.add(
            Kind.INCORRECT_NUMBER_OF_COMMITMENTS,
            p.getKey(),
            "participant "
                + p.getKey()
                + " committed to "
                + size
                + " coefficients, expected "
                + (minSigners - 1)
                + " (a refresh leaves out the constant term)");
      }
    }
    culprits.throwIfAny();
  }

  /**
   * sum_{k>=1} C_k * x^k: the public image of a refresh polynomial, whose constant term is zero.
   */
  private E evaluateRefreshCommitment(List<E> commitment, BigInteger x) {
    List<BigInteger> powers = new ArrayList<>(commitment.size());
    BigInteger p = x.mod(order);
    for (int k = 0; k < commitment.size(); k++) {
      powers.add(p);
      p = p.multiply(x).mod(order);
    }
    return group.multiplyAll(commitment, powers);
  }

  private void verifyRefreshingShare(
      Identifier self, Identifier sender, BigInteger share, List<E> commitment) {
    if (!group.equal(
        group.multiplyBase(share), evaluateRefreshCommitment(commitment, self.value()))) {
      throw new FrostException(
          Kind.INVALID_SECRET_SHARE, sender, "invalid secret share from participant " + sender);
    }
  }

  /**
   * refresh_dkg_shares: checks every refreshing share received (naming every sender whose share or
   * commitment is wrong), then new share = old share + the refreshing shares; the new public key
   * package holds the refreshing participants only, with their verifying shares moved by the
   * refresh and the same group verifying key (checked by interpolation before it is returned).
   */
  public Dkg.Part3<E> refreshDkgShares(
      Round2SecretPackage<E> secretPackage,
      Map<Identifier, Round1Package<E>> round1Packages,
      Map<Identifier, Round2Package> round2Packages,
      PublicKeyPackage<E> oldPublicKeyPackage,
      KeyPackage<E> oldKeyPackage) {
    Identifier self = secretPackage.identifier();
    int min = secretPackage.minSigners();
    if (min != oldKeyPackage.minSigners()
        || (oldPublicKeyPackage.minSigners() != null && oldPublicKeyPackage.minSigners() != min)) {
      throw new FrostException(
          Kind.INVALID_MIN_SIGNERS,
          "a refresh cannot change min_signers (" + oldKeyPackage.minSigners() + ")");
    }
    checkRefreshSecret(null, secretPackage.commitment(), min);
    if (!self.equals(oldKeyPackage.identifier())) {
      throw new FrostException(
          Kind.INCORRECT_PACKAGE, "the old key package belongs to another participant");
    }
    if (!group.equal(oldKeyPackage.verifyingKey(), oldPublicKeyPackage.verifyingKey())) {
      throw new FrostException(
          Kind.INCORRECT_PACKAGE,
          "the old key package and public key package have different group keys");
    }
    Dkg.checkPeers(self, secretPackage.maxSigners(), round1Packages.keySet());
    Dkg.checkPeers(self, secretPackage.maxSigners(), round2Packages.keySet());
    if (!round1Packages.keySet().equals(round2Packages.keySet())) {
      throw new FrostException(
          Kind.INCORRECT_PACKAGE, "round 1 and round 2 packages come from different participants");
    }
    TreeSet<Identifier> participants = new TreeSet<>(round1Packages.keySet());
    participants.add(self);
    List<Identifier> unknown = new ArrayList<>();
    for (Identifier id : participants) {
      if (!oldPublicKeyPackage.verifyingShares().containsKey(id)) {
        unknown.add(id);
      }
    }
    if (!unknown.isEmpty()) {
      throw new FrostException(
          Kind.UNKNOWN_IDENTIFIER,
          unknown,
          "participants " + unknown + " are not in the group being refreshed");
    }
    checkCommitmentSizes(round1Packages, min);

    // sizes were checked above (min - 1 entries: no constant term)
    Dkg.SummedShares<E> summed =
        dkg.sumShares(
            self,
            secretPackage.secretShare(),
            secretPackage.commitment(),
            round1Packages,
            round2Packages,
            0,
            this::verifyRefreshingShare);
    int[] sum = summed.share();
    List<E> groupCommitment = summed.groupCommitment();
    int[] old = field.fromBigInteger(oldKeyPackage.signingShare());
    int[] total = field.add(sum, old);
    BigInteger signingShare = field.toBigInteger(total);
    ScalarField.clear(sum, old, total);

    SortedMap<Identifier, E> verifyingShares = new TreeMap<>();
    for (Identifier id : participants) {
      verifyingShares.put(
          id,
          group.add(
              oldPublicKeyPackage.verifyingShares().get(id),
              evaluateRefreshCommitment(groupCommitment, id.value())));
    }
    E verifyingShare = group.multiplyBase(signingShare);
    if (!group.equal(verifyingShare, verifyingShares.get(self))) {
      // the shares checked out one by one, so the old key package does not fit the old public keys
      throw new FrostException(
          Kind.INCORRECT_PACKAGE,
          "the old signing share does not match its verifying share in the old public key package");
    }
    E verifyingKey = oldPublicKeyPackage.verifyingKey();
    checkGroupKey(verifyingShares, verifyingKey);
    return new Dkg.Part3<>(
        new KeyPackage<>(self, signingShare, verifyingShare, verifyingKey, min),
        new PublicKeyPackage<>(verifyingShares, verifyingKey, min));
  }

  /** The new verifying shares interpolate to the unchanged group key (sum lambda_i * Y_i == PK). */
  private void checkGroupKey(SortedMap<Identifier, E> verifyingShares, E verifyingKey) {
    List<E> points = new ArrayList<>(verifyingShares.size());
    List<BigInteger> lambdas = new ArrayList<>(verifyingShares.size());
    for (Map.Entry<Identifier, E> v : verifyingShares.entrySet()) {
      points.add(v.getValue());
      lambdas.add(Polynomial.lagrangeAtZero(verifyingShares.keySet(), v.getKey(), order));
    }
    if (!group.equal(group.multiplyAll(points, lambdas), verifyingKey)) {
      throw new FrostException(
          Kind.INCORRECT_PACKAGE,
          "the old verifying shares do not interpolate to the group verifying key");
    }
  }

  // ---- by a trusted dealer ----

  /**
   * compute_refreshing_shares (frost-core 3.0: the threshold comes from the public key package):
   * refreshing shares for {@code identifiers}, at least min_signers of the group's participants,
   * and the refreshed public key package (those participants only, same group key).
   */
  public RefreshingShares<E> computeRefreshingShares(
      PublicKeyPackage<E> publicKeyPackage, List<Identifier> identifiers, SecureRandom random) {
    Integer min = publicKeyPackage.minSigners();
    if (min == null) {
      throw new FrostException(
          Kind.INVALID_MIN_SIGNERS, "the public key package has no min_signers");
    }
    Dkg.validateSigners(min, identifiers.size());
    if (new HashSet<>(identifiers).size() != identifiers.size()) {
      throw new FrostException(Kind.DUPLICATED_IDENTIFIER, "duplicated identifier");
    }
    List<Identifier> unknown =
        identifiers.stream()
            .filter(id -> !publicKeyPackage.verifyingShares().containsKey(id))
            .sorted()
            .toList();
    if (!unknown.isEmpty()) {
      throw new FrostException(
          Kind.UNKNOWN_IDENTIFIER,
          unknown,
          "participants " + unknown + " are not in the group being refreshed");
    }
    List<BigInteger> coefficients = new ArrayList<>(min);
    coefficients.add(BigInteger.ZERO);
    for (int i = 1; i < min; i++) {
      coefficients.add(group.randomNonZeroScalar(random));
    }
    List<E> commitment = Polynomial.commit(group, coefficients.subList(1, min));
    SortedMap<Identifier, SecretShare<E>> shares = new TreeMap<>();
    SortedMap<Identifier, E> verifyingShares = new TreeMap<>();
    for (Identifier id : identifiers) {
      BigInteger s = Polynomial.evaluate(coefficients, id.value(), order);
      shares.put(id, new SecretShare<>(id, s, commitment));
      verifyingShares.put(
          id, group.add(publicKeyPackage.verifyingShares().get(id), group.multiplyBase(s)));
    }
    return new RefreshingShares<>(
        shares, new PublicKeyPackage<>(verifyingShares, publicKeyPackage.verifyingKey(), min));
  }

  /**
   * refresh_share: checks a dealer's refreshing share against its commitment (constant term left
   * out) and adds it to the current share. Unlike frost-core 3.0, which keeps the old verifying
   * share in the returned key package, the verifying share is the new share's.
   */
  public KeyPackage<E> refreshShare(SecretShare<E> refreshingShare, KeyPackage<E> current) {
    if (!refreshingShare.identifier().equals(current.identifier())) {
      throw new FrostException(
          Kind.INCORRECT_PACKAGE,
          refreshingShare.identifier(),
          "the refreshing share is for another participant");
    }
    if (refreshingShare.commitment().size() + 1 != current.minSigners()) {
      throw new FrostException(
          Kind.INVALID_MIN_SIGNERS,
          "a refresh cannot change min_signers (" + current.minSigners() + ")");
    }
    if (!group.equal(
        group.multiplyBase(refreshingShare.signingShare()),
        evaluateRefreshCommitment(refreshingShare.commitment(), current.identifier().value()))) {
      throw new FrostException(
          Kind.INVALID_SECRET_SHARE,
          refreshingShare.identifier(),
          "the refreshing share does not match the commitment");
    }
    int[] a = field.fromBigInteger(refreshingShare.signingShare());
    int[] b = field.fromBigInteger(current.signingShare());
    int[] s = field.add(a, b);
    BigInteger share = field.toBigInteger(s);
    ScalarField.clear(a, b, s);
    return new KeyPackage<>(
        current.identifier(),
        share,
        group.multiplyBase(share),
        current.verifyingKey(),
        current.minSigners());
  }
}
