package dev.frostsandbox.signer.state;

import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.dkg.Round1Package;
import dev.frostsandbox.frost.dkg.Round2SecretPackage;
import dev.frostsandbox.signer.SuiteBinding;
import java.util.SortedMap;

/**
 * Share refresh state kept between refresh rounds 1 and 2: the server's refresh part-2 secret
 * (commitment without its constant term), the peers' refresh round-1 packages, and the generation
 * of the key it refreshes (round 2 applies only to that key). Stored under its own store key, not
 * as a DKG round: the shapes are alike, the meaning is not.
 */
public record RefreshRound<E>(
    SuiteBinding<E> suite,
    Round2SecretPackage<E> secretPackage,
    SortedMap<Identifier, Round1Package<E>> peers,
    long keyGeneration) {}
