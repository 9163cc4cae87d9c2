package dev.frostsandbox.eddsa;

import dev.frostsandbox.signer.fault.FaultCatalogueContract;

/** signer-eddsa: the fault catalogue contract. */
class EddsaFaultCatalogueTest extends FaultCatalogueContract<Ed25519Point> {
  EddsaFaultCatalogueTest() {
    super(EddsaSuites.ED25519);
  }
}
