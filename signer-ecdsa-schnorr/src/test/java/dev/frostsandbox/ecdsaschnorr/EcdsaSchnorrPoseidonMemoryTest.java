package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.testing.SignerServiceContract;
import dev.frostsandbox.testing.StoreMode;
import org.bouncycastle.math.ec.ECPoint;

/** signer-ecdsa-schnorr, FROST-secp256k1-POSEIDON-v1, embedded store: the end-to-end contract over HTTP. */
class EcdsaSchnorrPoseidonMemoryTest extends SignerServiceContract<ECPoint> {
  EcdsaSchnorrPoseidonMemoryTest() {
    super(EcdsaSchnorrSuites.POSEIDON, StoreMode.MEMORY);
  }
}
