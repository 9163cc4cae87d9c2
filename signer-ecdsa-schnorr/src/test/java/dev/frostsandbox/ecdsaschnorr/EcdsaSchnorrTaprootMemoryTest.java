package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.testing.SignerServiceContract;
import dev.frostsandbox.testing.StoreMode;
import org.bouncycastle.math.ec.ECPoint;

/** signer-ecdsa-schnorr, FROST-secp256k1-SHA256-TR-v1, embedded store: the end-to-end contract over HTTP. */
class EcdsaSchnorrTaprootMemoryTest extends SignerServiceContract<ECPoint> {
  EcdsaSchnorrTaprootMemoryTest() {
    super(EcdsaSchnorrSuites.TAPROOT, StoreMode.MEMORY);
  }
}
