package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.signer.fault.ProtocolFaultsContract;
import dev.frostsandbox.testing.StoreMode;
import org.bouncycastle.math.ec.ECPoint;

/** signer-ecdsa-schnorr, FROST-secp256k1-POSEIDON-v1, Redis: the FROST-level faults. */
class EcdsaSchnorrPoseidonProtocolFaultsRedisTest extends ProtocolFaultsContract<ECPoint> {
  EcdsaSchnorrPoseidonProtocolFaultsRedisTest() {
    super(EcdsaSchnorrSuites.POSEIDON, StoreMode.REDIS);
  }
}
