package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.testing.SignerInstancesContract;
import org.bouncycastle.math.ec.ECPoint;

/** signer-ecdsa-schnorr, FROST-secp256k1-POSEIDON-v1: two instances on one Redis, single use under concurrency, restart, outage. */
class EcdsaSchnorrPoseidonRedisInstancesTest extends SignerInstancesContract<ECPoint> {
  EcdsaSchnorrPoseidonRedisInstancesTest() {
    super(EcdsaSchnorrSuites.POSEIDON);
  }
}
