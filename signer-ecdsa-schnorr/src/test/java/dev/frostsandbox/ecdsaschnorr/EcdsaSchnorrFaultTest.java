package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.signer.ServiceDefinition;
import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.signer.fault.FaultInjectionContract;
import org.bouncycastle.math.ec.ECPoint;

/** signer-ecdsa-schnorr, FROST-secp256k1-SHA256-v1: the fault injection contract. */
class EcdsaSchnorrFaultTest extends FaultInjectionContract<ECPoint> {

  @Override
  protected ServiceDefinition definition() {
    return EcdsaSchnorrService.DEFINITION;
  }

  @SuppressWarnings("unchecked")
  @Override
  protected SuiteBinding<ECPoint> suite() {
    return (SuiteBinding<ECPoint>) EcdsaSchnorrService.DEFINITION.suite("FROST-secp256k1-SHA256-v1").orElseThrow();
  }
}
