package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.testing.SignerErrorsContract;
import dev.frostsandbox.testing.StoreMode;
import org.bouncycastle.math.ec.ECPoint;

/** signer-ecdsa-schnorr, FROST-secp256k1-POSEIDON-v1, embedded store: every documented error through the real request path. */
class EcdsaSchnorrPoseidonMemoryErrorsTest extends SignerErrorsContract<ECPoint> {
  EcdsaSchnorrPoseidonMemoryErrorsTest() {
    super(EcdsaSchnorrSuites.POSEIDON, StoreMode.MEMORY);
  }
}
