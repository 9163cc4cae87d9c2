package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.signer.ServiceDefinition;
import dev.frostsandbox.signer.SuiteBinding;
import java.util.List;

/**
 * signer-ecdsa-schnorr: FROST over secp256k1 with SHA-256, the Poseidon-challenge variant, and the
 * Taproot variant (BIP-340 signatures, BIP-341 tweaks); the keys of the first two can be relayed
 * (their accounts are Ethereum addresses), Taproot keys cannot (a Bitcoin output is no account).
 */
public final class EcdsaSchnorrService {
  private EcdsaSchnorrService() {}

  public static final ServiceDefinition DEFINITION =
      new ServiceDefinition(
          "ecdsa-schnorr",
          "/signers/ecdsa-schnorr",
          "ecdsa",
          List.of(
              new SuiteBinding<>(
                  new Frost<>(Secp256k1Sha256.INSTANCE),
                  Catalogue.FROST_INTERNAL_ERROR,
                  EthereumAccounts.INSTANCE),
              new SuiteBinding<>(
                  new Frost<>(Secp256k1Poseidon.INSTANCE),
                  Catalogue.FROST_POSEIDON_INTERNAL_ERROR,
                  EthereumAccounts.INSTANCE),
              new SuiteBinding<>(
                  new Frost<>(Secp256k1Taproot.INSTANCE), Catalogue.FROST_INTERNAL_ERROR)),
          8081);
}
