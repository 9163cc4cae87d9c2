package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.testing.SignerErrorsContract;
import dev.frostsandbox.testing.StoreMode;
import org.bouncycastle.math.ec.ECPoint;

/** signer-ecdsa-schnorr, FROST-secp256k1-SHA256-TR-v1, Redis: every documented error through the real request path. */
class EcdsaSchnorrTaprootRedisErrorsTest extends SignerErrorsContract<ECPoint> {
  EcdsaSchnorrTaprootRedisErrorsTest() {
    super(EcdsaSchnorrSuites.TAPROOT, StoreMode.REDIS);
  }
}
