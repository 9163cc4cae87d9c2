package dev.frostsandbox.frost.keys;

import dev.frostsandbox.frost.Ciphersuite;
import dev.frostsandbox.frost.FrostException;
import dev.frostsandbox.frost.FrostException.Kind;
import dev.frostsandbox.frost.Group;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.Polynomial;
import dev.frostsandbox.frost.ScalarField;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Repairable Threshold Scheme (frost-core 3.0 {@code keys::repairable}, eprint 2017/1155): a
 * set of helpers rebuilds a participant's lost share without revealing their own.
 *
 * <ol>
 *   <li>each helper runs {@link #repairSharePart1} and sends one {@link Delta} to each helper
 *       (itself included);
 *   <li>each helper sums the deltas it received with {@link #repairSharePart2} and sends the {@link
 *       Sigma} to the participant being repaired;
 *   <li>that participant sums the sigmas with {@link #repairSharePart3}, which also checks the
 *       result against its verifying share in the group's public key package.
 * </ol>
 *
 * Stricter than frost-core where frost-core would return a wrong share silently: part 1 refuses
 * fewer helpers than min_signers and a participant that is also a helper; part 3 refuses fewer
 * sigmas than min_signers and a share that does not match the participant's verifying share.
 */
public final class Repair<E> {

  private final Group<E> group;
  private final BigInteger order;
  private final ScalarField field;

  public Repair(Ciphersuite<E> suite) {
    this.group = suite.group();
    this.order = group.order();
    this.field = ScalarField.of(order);
  }

  /**
   * Part 1, run by the helper holding {@code keyPackage}: deltas for every helper in {@code
   * helpers} (which includes this helper) to help {@code participant} recover its share. The deltas
   * sum to zeta_i * s_i, zeta_i being this helper's Lagrange coefficient at the participant's
   * identifier.
   */
  public SortedMap<Identifier, Delta> repairSharePart1(
      Collection<Identifier> helpers,
      KeyPackage<E> keyPackage,
      SecureRandom random,
      Identifier participant) {
    List<BigInteger> randomValues = new ArrayList<>();
    for (int i = 0; i < helpers.size() - 1; i++) {
      randomValues.add(group.randomNonZeroScalar(random));
    }
    return repairSharePart1(helpers, keyPackage, randomValues, participant);
  }

  /**
   * Part 1 with the given random deltas (deterministic, for tests): {@code randomValues} go to the
   * helpers in identifier order, all but the last; the last helper gets the remainder.
   */
  public SortedMap<Identifier, Delta> repairSharePart1(
      Collection<Identifier> helpers,
      KeyPackage<E> keyPackage,
      List<BigInteger> randomValues,
      Identifier participant) {
    SortedSet<Identifier> set = checkHelpers(helpers, keyPackage, participant);
    if (randomValues.size() != set.size() - 1) {
      throw new IllegalArgumentException("one random value for each helper but the last is needed");
    }
    BigInteger zeta =
        Polynomial.lagrangeAt(set, keyPackage.identifier(), participant.value(), order);
    // zeta_i * s_i - sum(random values): s_i is secret, constant-time field arithmetic
    int[] s = field.fromBigInteger(keyPackage.signingShare());
    int[] lhs = field.mul(s, field.fromBigInteger(zeta));
    int[] sum = field.zero();
    SortedMap<Identifier, Delta> out = new TreeMap<>();
    List<Identifier> ordered = new ArrayList<>(set);
    for (int i = 0; i < randomValues.size(); i++) {
      BigInteger r = randomValues.get(i).mod(order);
      out.put(ordered.get(i), new Delta(r));
      int[] rm = field.fromBigInteger(r);
      int[] next = field.add(sum, rm);
      ScalarField.clear(sum, rm);
      sum = next;
    }
    int[] negSum = field.mul(sum, field.fromBigInteger(order.subtract(BigInteger.ONE)));
    int[] last = field.add(lhs, negSum);
    out.put(ordered.get(ordered.size() - 1), new Delta(field.toBigInteger(last)));
    ScalarField.clear(s, lhs, sum, negSum, last);
    return out;
  }

  private SortedSet<Identifier> checkHelpers(
      Collection<Identifier> helpers, KeyPackage<E> keyPackage, Identifier participant) {
    if (helpers.size() < 2) {
      throw new FrostException(
          Kind.INCORRECT_NUMBER_OF_IDENTIFIERS, "at least two helpers are needed");
    }
    SortedSet<Identifier> set = new TreeSet<>(helpers);
    if (set.size() != helpers.size()) {
      throw new FrostException(Kind.DUPLICATED_IDENTIFIER, "duplicated helper identifier");
    }
    if (!set.contains(keyPackage.identifier())) {
      throw new FrostException(
          Kind.UNKNOWN_IDENTIFIER,
          keyPackage.identifier(),
          "the helpers do not include this helper (" + keyPackage.identifier() + ")");
    }
    if (set.contains(participant)) {
      throw new FrostException(
          Kind.DUPLICATED_IDENTIFIER,
          participant,
          "the participant being repaired cannot be one of its helpers");
    }
    if (set.size() < keyPackage.minSigners()) {
      throw new FrostException(
          Kind.INCORRECT_NUMBER_OF_IDENTIFIERS,
          "at least min_signers ("
              + keyPackage.minSigners()
              + ") helpers are needed, got "
              + set.size());
    }
    return set;
  }

  /** Part 2, run by each helper: sigma = the sum of the deltas it received (its own included). */
  public Sigma repairSharePart2(Collection<Delta> deltas) {
    int[] sum = field.zero();
    for (Delta d : deltas) {
      int[] dm = field.fromBigInteger(d.value());
      int[] next = field.add(sum, dm);
      ScalarField.clear(sum, dm);
      sum = next;
    }
    Sigma out = new Sigma(field.toBigInteger(sum));
    ScalarField.clear(sum);
    return out;
  }

  /**
   * Part 3, run by the participant being repaired: its share is the sum of the helpers' sigmas; the
   * key package is returned only when that share matches the participant's verifying share in
   * {@code publicKeyPackage} (which any helper can send). A package without min_signers (from
   * before frost-core 3.0) is refused, as frost-core does.
   */
  public KeyPackage<E> repairSharePart3(
      Collection<Sigma> sigmas, Identifier identifier, PublicKeyPackage<E> publicKeyPackage) {
    Integer min = publicKeyPackage.minSigners();
    if (min == null) {
      throw new FrostException(
          Kind.INVALID_MIN_SIGNERS, "the public key package has no min_signers");
    }
    E expected = publicKeyPackage.verifyingShares().get(identifier);
    if (expected == null) {
      throw new FrostException(
          Kind.UNKNOWN_IDENTIFIER,
          identifier,
          "participant " + identifier + " has no verifying share in the public key package");
    }
    if (sigmas.size() < min) {
      throw new FrostException(
          Kind.INCORRECT_NUMBER_OF_SHARES,
          "at least min_signers (" + min + ") sigmas are needed, got " + sigmas.size());
    }
    int[] sum = field.zero();
    for (Sigma s : sigmas) {
      int[] sm = field.fromBigInteger(s.value());
      int[] next = field.add(sum, sm);
      ScalarField.clear(sum, sm);
      sum = next;
    }
    BigInteger share = field.toBigInteger(sum);
    ScalarField.clear(sum);
    E verifyingShare = group.multiplyBase(share);
    if (!group.equal(verifyingShare, expected)) {
      // which helper sent a wrong sigma cannot be told from the sum: no culprit
      throw new FrostException(
          Kind.INVALID_SECRET_SHARE,
          "the repaired share does not match the verifying share of participant " + identifier);
    }
    return new KeyPackage<>(
        identifier, share, verifyingShare, publicKeyPackage.verifyingKey(), min);
  }
}
