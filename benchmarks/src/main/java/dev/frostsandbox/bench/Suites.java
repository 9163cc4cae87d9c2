package dev.frostsandbox.bench;

import dev.frostsandbox.ecdsaschnorr.Secp256k1Poseidon;
import dev.frostsandbox.ecdsaschnorr.Secp256k1Sha256;
import dev.frostsandbox.ecdsaschnorr.Secp256k1Taproot;
import dev.frostsandbox.eddsa.Ed25519Sha512;
import dev.frostsandbox.frost.Ciphersuite;
import dev.frostsandbox.frost.Frost;

/** The ciphersuites under benchmark, by the short names used in {@code @Param}. */
final class Suites {
  private Suites() {}

  static final String SECP256K1 = "secp256k1";
  static final String POSEIDON = "poseidon";
  static final String TAPROOT = "taproot";
  static final String ED25519 = "ed25519";

  static Ciphersuite<?> suite(String name) {
    return switch (name) {
      case SECP256K1 -> Secp256k1Sha256.INSTANCE;
      case POSEIDON -> Secp256k1Poseidon.INSTANCE;
      case TAPROOT -> Secp256k1Taproot.INSTANCE;
      case ED25519 -> Ed25519Sha512.INSTANCE;
      default ->
          throw new IllegalArgumentException(
              "unknown suite " + name + " (secp256k1, poseidon, taproot, ed25519)");
    };
  }

  static Fixture<?> fixture(String name, int signers) {
    return new Fixture<>(new Frost<>(suite(name)), signers);
  }
}
