package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.signer.fault.FaultInjectionContract;
import org.bouncycastle.math.ec.ECPoint;

/** signer-ecdsa-schnorr, FROST-secp256k1-SHA256-TR-v1, the fault injection contract. */
class EcdsaSchnorrTaprootFaultTest extends FaultInjectionContract<ECPoint> {
  EcdsaSchnorrTaprootFaultTest() {
    super(EcdsaSchnorrSuites.TAPROOT);
  }
}
