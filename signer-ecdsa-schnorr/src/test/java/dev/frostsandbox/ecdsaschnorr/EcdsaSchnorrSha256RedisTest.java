package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.testing.SignerServiceContract;
import dev.frostsandbox.testing.StoreMode;
import org.bouncycastle.math.ec.ECPoint;

/** signer-ecdsa-schnorr, FROST-secp256k1-SHA256-v1, Redis: the end-to-end contract over HTTP. */
class EcdsaSchnorrSha256RedisTest extends SignerServiceContract<ECPoint> {
  EcdsaSchnorrSha256RedisTest() {
    super(EcdsaSchnorrSuites.SHA256, StoreMode.REDIS);
  }
}
