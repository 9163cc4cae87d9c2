package dev.frostsandbox.eddsa;

import dev.frostsandbox.signer.fault.FaultInjectionContract;

/** signer-eddsa: the fault injection contract. */
class EddsaFaultTest extends FaultInjectionContract<Ed25519Point> {
  EddsaFaultTest() {
    super(EddsaSuites.ED25519);
  }
}
