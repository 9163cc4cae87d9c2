package dev.frostsandbox.signer.state;

import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.dkg.Round1Package;
import dev.frostsandbox.frost.dkg.Round2SecretPackage;
import dev.frostsandbox.signer.SuiteBinding;
import java.util.SortedMap;

/**
 * DKG state kept between rounds 1 and 2: the server's part-2 secret and the peers' round-1
 * packages.
 */
public record DkgRound<E>(
    SuiteBinding<E> suite,
    Round2SecretPackage<E> secretPackage,
    SortedMap<Identifier, Round1Package<E>> peers) {}
