package dev.frostsandbox.frost.dkg;

import dev.frostsandbox.frost.Signature;
import java.util.List;

/** Broadcast in DKG round 1: the VSS commitment and the proof of knowledge of its constant term. */
public record Round1Package<E>(List<E> commitment, Signature<E> proofOfKnowledge) {
  public Round1Package {
    commitment = List.copyOf(commitment);
  }
}
