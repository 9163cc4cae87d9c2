package dev.frostsandbox.frost.keys;

import dev.frostsandbox.frost.Identifier;
import java.util.SortedMap;

/**
 * The group's public keys (frost-core {@code keys::PublicKeyPackage}); {@code minSigners} is null
 * when a package from an older frost-core omitted it.
 */
public record PublicKeyPackage<E>(
    SortedMap<Identifier, E> verifyingShares, E verifyingKey, Integer minSigners) {

  public PublicKeyPackage {
    verifyingShares =
        java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(verifyingShares));
  }
}
