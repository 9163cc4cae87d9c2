package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.testing.RelayContract;
import dev.frostsandbox.testing.StoreMode;
import org.bouncycastle.math.ec.ECPoint;

/** signer-ecdsa-schnorr, FROST-secp256k1-POSEIDON-v1, the embedded store: the relay end to end over HTTP. */
class EcdsaSchnorrPoseidonMemoryRelayTest extends RelayContract<ECPoint> {
  EcdsaSchnorrPoseidonMemoryRelayTest() {
    super(EcdsaSchnorrSuites.POSEIDON, StoreMode.MEMORY, EcdsaSchnorrSuites::ethereumAddress);
  }
}
