package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.testing.SignerServiceContract;
import dev.frostsandbox.testing.StoreMode;
import org.bouncycastle.math.ec.ECPoint;

/** signer-ecdsa-schnorr, FROST-secp256k1-SHA256-TR-v1, Redis: the end-to-end contract over HTTP. */
class EcdsaSchnorrTaprootRedisTest extends SignerServiceContract<ECPoint> {
  EcdsaSchnorrTaprootRedisTest() {
    super(EcdsaSchnorrSuites.TAPROOT, StoreMode.REDIS);
  }
}
