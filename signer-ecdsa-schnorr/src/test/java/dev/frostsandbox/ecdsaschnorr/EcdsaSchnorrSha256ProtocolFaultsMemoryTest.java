package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.signer.fault.ProtocolFaultsContract;
import dev.frostsandbox.testing.StoreMode;
import org.bouncycastle.math.ec.ECPoint;

/** signer-ecdsa-schnorr, FROST-secp256k1-SHA256-v1, embedded store: the FROST-level faults. */
class EcdsaSchnorrSha256ProtocolFaultsMemoryTest extends ProtocolFaultsContract<ECPoint> {
  EcdsaSchnorrSha256ProtocolFaultsMemoryTest() {
    super(EcdsaSchnorrSuites.SHA256, StoreMode.MEMORY);
  }
}
