package dev.frostsandbox.signer.fault.cosigner;

import dev.frostsandbox.frost.Group;
import dev.frostsandbox.frost.Signature;
import dev.frostsandbox.frost.dkg.Round1Package;
import java.math.BigInteger;

/**
 * {@code bad-dkg-proof}: the round-1 package with the proof of knowledge's response mu + 1. The
 * commitment is untouched (the server's DKG goes on with it); the client's part2 finds R != mu * G
 * - c * phi_0 and names the server.
 */
public final class BadDkgProof {
  private BadDkgProof() {}

  public static <E> Round1Package<E> corrupt(Group<E> group, Round1Package<E> package_) {
    Signature<E> proof = package_.proofOfKnowledge();
    return new Round1Package<>(
        package_.commitment(),
        new Signature<>(proof.r(), proof.z().add(BigInteger.ONE).mod(group.order())));
  }
}
