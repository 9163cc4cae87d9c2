package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.signer.fault.FaultCatalogueContract;
import org.bouncycastle.math.ec.ECPoint;

/** signer-ecdsa-schnorr: the fault catalogue contract (a service with a relay). */
class EcdsaSchnorrFaultCatalogueTest extends FaultCatalogueContract<ECPoint> {
  EcdsaSchnorrFaultCatalogueTest() {
    super(EcdsaSchnorrSuites.SHA256);
  }
}
