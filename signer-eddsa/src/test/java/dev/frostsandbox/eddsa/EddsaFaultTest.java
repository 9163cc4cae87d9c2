package dev.frostsandbox.eddsa;

import dev.frostsandbox.signer.ServiceDefinition;
import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.signer.fault.FaultInjectionContract;

/** signer-eddsa: the fault injection contract (frost-poseidon-internal-error is answered directly here). */
class EddsaFaultTest extends FaultInjectionContract<Ed25519Point> {

  @Override
  protected ServiceDefinition definition() {
    return EddsaService.DEFINITION;
  }

  @SuppressWarnings("unchecked")
  @Override
  protected SuiteBinding<Ed25519Point> suite() {
    return (SuiteBinding<Ed25519Point>) EddsaService.DEFINITION.suites().get(0);
  }
}
