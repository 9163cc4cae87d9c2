package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.testing.SignerErrorsContract;
import dev.frostsandbox.testing.StoreMode;
import org.bouncycastle.math.ec.ECPoint;

/** signer-ecdsa-schnorr, FROST-secp256k1-POSEIDON-v1, Redis: every documented error through the real request path. */
class EcdsaSchnorrPoseidonRedisErrorsTest extends SignerErrorsContract<ECPoint> {
  EcdsaSchnorrPoseidonRedisErrorsTest() {
    super(EcdsaSchnorrSuites.POSEIDON, StoreMode.REDIS);
  }
}
