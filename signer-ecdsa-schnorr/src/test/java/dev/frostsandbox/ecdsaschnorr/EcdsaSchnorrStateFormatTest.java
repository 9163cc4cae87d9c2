package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.testing.StateFormatContract;

/**
 * signer-ecdsa-schnorr, both ciphersuites: golden bytes of its stored state
 * (src/test/resources/golden).
 */
class EcdsaSchnorrStateFormatTest extends StateFormatContract {
  EcdsaSchnorrStateFormatTest() {
    super(EcdsaSchnorrService.DEFINITION);
  }
}
