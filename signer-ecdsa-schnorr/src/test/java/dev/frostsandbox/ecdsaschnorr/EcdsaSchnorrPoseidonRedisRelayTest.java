package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.testing.RelayContract;
import dev.frostsandbox.testing.StoreMode;
import org.bouncycastle.math.ec.ECPoint;

/** signer-ecdsa-schnorr, FROST-secp256k1-POSEIDON-v1, Redis: the relay end to end over HTTP. */
class EcdsaSchnorrPoseidonRedisRelayTest extends RelayContract<ECPoint> {
  EcdsaSchnorrPoseidonRedisRelayTest() {
    super(EcdsaSchnorrSuites.POSEIDON, StoreMode.REDIS, EcdsaSchnorrSuites::ethereumAddress);
  }
}
