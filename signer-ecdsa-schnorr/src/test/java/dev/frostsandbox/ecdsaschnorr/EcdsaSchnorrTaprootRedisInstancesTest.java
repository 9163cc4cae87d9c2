package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.testing.SignerInstancesContract;
import org.bouncycastle.math.ec.ECPoint;

/** signer-ecdsa-schnorr, FROST-secp256k1-SHA256-TR-v1, two instances on one Redis, single use under concurrency, restart, outage. */
class EcdsaSchnorrTaprootRedisInstancesTest extends SignerInstancesContract<ECPoint> {
  EcdsaSchnorrTaprootRedisInstancesTest() {
    super(EcdsaSchnorrSuites.TAPROOT);
  }
}
