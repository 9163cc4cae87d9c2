package dev.frostsandbox.eddsa;

import dev.frostsandbox.signer.fault.ProtocolFaultsContract;
import dev.frostsandbox.testing.StoreMode;

/** signer-eddsa, embedded store: the FROST-level faults (misbehaving cosigner, answers lost after commit). */
class EddsaProtocolFaultsMemoryTest extends ProtocolFaultsContract<Ed25519Point> {
  EddsaProtocolFaultsMemoryTest() {
    super(EddsaSuites.ED25519, StoreMode.MEMORY);
  }
}
