package dev.frostsandbox.signer.fault.cosigner;

import dev.frostsandbox.frost.Group;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.signing.SigningCommitments;
import dev.frostsandbox.frost.signing.SigningPackage;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code bad-signing-commitment}: (D + G, E + G) instead of (D, E). Valid points, but not the
 * commitments of the nonces the server signs with, so its share does not verify against them and
 * the client's aggregate names the server.
 *
 * <p>The shift is invertible without state ({@link #restore}): a sign/round2 request that carries
 * the corrupted commitments of a sign/round1 answer finds the stored nonces under {@code
 * restore(presented)} and signs {@link #restore(Group, SigningPackage, Identifier)}, that is with
 * the server's real commitments, as a cosigner that lied about them would. (D + G is the identity
 * only when d = -1, with probability about 2^-252.)
 */
public final class BadSigningCommitment {
  private BadSigningCommitment() {}

  /** What the answer carries instead of the real commitments. */
  public static <E> SigningCommitments<E> corrupt(Group<E> group, SigningCommitments<E> real) {
    return new SigningCommitments<>(
        group.add(real.hiding(), group.generator()), group.add(real.binding(), group.generator()));
  }

  /** The inverse of {@link #corrupt}: the real commitments behind corrupted ones. */
  public static <E> SigningCommitments<E> restore(Group<E> group, SigningCommitments<E> corrupted) {
    return new SigningCommitments<>(
        group.subtract(corrupted.hiding(), group.generator()),
        group.subtract(corrupted.binding(), group.generator()));
  }

  /**
   * The package the server signs when the client's package holds its corrupted commitments: the
   * same package with the server's entry restored. Unchanged when the server is not a signer; null
   * when a restored commitment is the identity (presented G: never a commitment the server made,
   * and not serializable, so no nonce id).
   */
  public static <E> SigningPackage<E> restore(
      Group<E> group, SigningPackage<E> pkg, Identifier server) {
    SigningCommitments<E> presented = pkg.signingCommitments().get(server);
    if (presented == null) {
      return pkg;
    }
    SigningCommitments<E> restored = restore(group, presented);
    if (group.isIdentity(restored.hiding()) || group.isIdentity(restored.binding())) {
      return null;
    }
    SortedMap<Identifier, SigningCommitments<E>> all = new TreeMap<>(pkg.signingCommitments());
    all.put(server, restored);
    return new SigningPackage<>(all, pkg.message());
  }
}
