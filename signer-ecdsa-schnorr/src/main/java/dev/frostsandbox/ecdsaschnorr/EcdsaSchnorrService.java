package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.signer.ServiceDefinition;
import dev.frostsandbox.signer.SuiteBinding;
import java.util.List;

/**
 * signer-ecdsa-schnorr: FROST over secp256k1 with SHA-256, and the Poseidon-challenge variant; the
 * keys of both can be relayed (their accounts are Ethereum addresses).
 */
public final class EcdsaSchnorrService {
  private EcdsaSchnorrService() {}

  public static final ServiceDefinition DEFINITION =
      new ServiceDefinition(
          "ecdsa-schnorr",
          "/signers/ecdsa-schnorr",
          "ecdsa",
          List.of(
              new SuiteBinding<>(new Frost<>(Secp256k1Sha256.INSTANCE), Catalogue.FROST_INTERNAL_ERROR,
                  EthereumAccounts.INSTANCE),
              new SuiteBinding<>(new Frost<>(Secp256k1Poseidon.INSTANCE), Catalogue.FROST_POSEIDON_INTERNAL_ERROR,
                  EthereumAccounts.INSTANCE)),
          8081);
}
