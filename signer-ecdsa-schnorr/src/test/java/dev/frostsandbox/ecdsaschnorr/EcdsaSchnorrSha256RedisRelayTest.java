package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.testing.RelayContract;
import dev.frostsandbox.testing.StoreMode;
import org.bouncycastle.math.ec.ECPoint;

/** signer-ecdsa-schnorr, FROST-secp256k1-SHA256-v1, Redis: the relay end to end over HTTP. */
class EcdsaSchnorrSha256RedisRelayTest extends RelayContract<ECPoint> {
  EcdsaSchnorrSha256RedisRelayTest() {
    super(EcdsaSchnorrSuites.SHA256, StoreMode.REDIS, EcdsaSchnorrSuites::ethereumAddress);
  }
}
