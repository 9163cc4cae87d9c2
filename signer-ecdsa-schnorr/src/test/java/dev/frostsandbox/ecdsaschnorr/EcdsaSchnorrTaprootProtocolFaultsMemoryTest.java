package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.signer.fault.ProtocolFaultsContract;
import dev.frostsandbox.testing.StoreMode;
import org.bouncycastle.math.ec.ECPoint;

/** signer-ecdsa-schnorr, FROST-secp256k1-SHA256-TR-v1, embedded store: the FROST-level faults. */
class EcdsaSchnorrTaprootProtocolFaultsMemoryTest extends ProtocolFaultsContract<ECPoint> {
  EcdsaSchnorrTaprootProtocolFaultsMemoryTest() {
    super(EcdsaSchnorrSuites.TAPROOT, StoreMode.MEMORY);
  }
}
