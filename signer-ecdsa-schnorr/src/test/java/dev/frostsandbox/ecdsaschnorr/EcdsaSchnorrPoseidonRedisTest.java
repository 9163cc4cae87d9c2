package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.testing.SignerServiceContract;
import dev.frostsandbox.testing.StoreMode;
import org.bouncycastle.math.ec.ECPoint;

/** signer-ecdsa-schnorr, FROST-secp256k1-POSEIDON-v1, Redis: the end-to-end contract over HTTP. */
class EcdsaSchnorrPoseidonRedisTest extends SignerServiceContract<ECPoint> {
  EcdsaSchnorrPoseidonRedisTest() {
    super(EcdsaSchnorrSuites.POSEIDON, StoreMode.REDIS);
  }
}
