package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.signer.fault.ProtocolFaultsContract;
import dev.frostsandbox.testing.StoreMode;
import org.bouncycastle.math.ec.ECPoint;

/** signer-ecdsa-schnorr, FROST-secp256k1-POSEIDON-v1, embedded store: the FROST-level faults. */
class EcdsaSchnorrPoseidonProtocolFaultsMemoryTest extends ProtocolFaultsContract<ECPoint> {
  EcdsaSchnorrPoseidonProtocolFaultsMemoryTest() {
    super(EcdsaSchnorrSuites.POSEIDON, StoreMode.MEMORY);
  }
}
