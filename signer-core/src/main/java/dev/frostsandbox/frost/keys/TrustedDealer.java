package dev.frostsandbox.frost.keys;

import dev.frostsandbox.frost.Ciphersuite;
import dev.frostsandbox.frost.FrostException;
import dev.frostsandbox.frost.FrostException.Kind;
import dev.frostsandbox.frost.Group;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.Polynomial;
import dev.frostsandbox.frost.dkg.Dkg;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** Trusted-dealer key generation (RFC 9591 Appendix C; frost-core {@code keys::split}). */
public final class TrustedDealer<E> {

  /** The shares to hand out and the group's public keys. */
  public record DealerOutput<E>(
      SortedMap<Identifier, SecretShare<E>> shares, PublicKeyPackage<E> publicKeyPackage) {}

  private final Group<E> group;

  public TrustedDealer(Ciphersuite<E> suite) {
    this.group = suite.group();
  }

  /** A fresh random secret shared among identifiers 1..maxSigners. */
  public DealerOutput<E> generate(int maxSigners, int minSigners, SecureRandom random) {
    List<Identifier> ids = new ArrayList<>();
    for (int i = 1; i <= maxSigners; i++) {
      ids.add(Identifier.of(i));
    }
    return split(group.randomNonZeroScalar(random), minSigners, ids, random);
  }

  /** Splits an existing secret (key import) among the given identifiers. */
  public DealerOutput<E> split(
      BigInteger secret, int minSigners, List<Identifier> identifiers, SecureRandom random) {
    List<BigInteger> coefficients = new ArrayList<>();
    coefficients.add(secret);
    for (int i = 1; i < minSigners; i++) {
      coefficients.add(group.randomNonZeroScalar(random));
    }
    return splitWithCoefficients(coefficients, identifiers);
  }

  /** Shares of the polynomial with the given coefficients (deterministic, for vectors). */
  public DealerOutput<E> splitWithCoefficients(
      List<BigInteger> coefficients, List<Identifier> identifiers) {
    Dkg.validateSigners(coefficients.size(), identifiers.size());
    if (new java.util.HashSet<>(identifiers).size() != identifiers.size()) {
      throw new FrostException(Kind.DUPLICATED_IDENTIFIER, "duplicated identifier");
    }
    List<E> commitment = Polynomial.commit(group, coefficients);
    SortedMap<Identifier, SecretShare<E>> shares = new TreeMap<>();
    SortedMap<Identifier, E> verifyingShares = new TreeMap<>();
    for (Identifier id : identifiers) {
      BigInteger s = Polynomial.evaluate(coefficients, id.value(), group.order());
      shares.put(id, new SecretShare<>(id, s, commitment));
      verifyingShares.put(id, group.multiplyBase(s));
    }
    return new DealerOutput<>(
        shares, new PublicKeyPackage<>(verifyingShares, commitment.get(0), coefficients.size()));
  }

  /**
   * frost-core {@code KeyPackage::try_from(SecretShare)}: verifies the share against the
   * commitment.
   */
  public KeyPackage<E> keyPackage(SecretShare<E> share) {
    E verifyingShare = group.multiplyBase(share.signingShare());
    E expected =
        Polynomial.evaluateCommitment(group, share.commitment(), share.identifier().value());
    if (!group.equal(verifyingShare, expected)) {
      throw new FrostException(
          Kind.INVALID_SECRET_SHARE, share.identifier(), "the share does not match the commitment");
    }
    return new KeyPackage<>(
        share.identifier(),
        share.signingShare(),
        verifyingShare,
        share.commitment().get(0),
        share.commitment().size());
  }
}
