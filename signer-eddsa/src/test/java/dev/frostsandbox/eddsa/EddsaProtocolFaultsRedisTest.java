package dev.frostsandbox.eddsa;

import dev.frostsandbox.signer.fault.ProtocolFaultsContract;
import dev.frostsandbox.testing.StoreMode;

/** signer-eddsa, Redis: the FROST-level faults (misbehaving cosigner, answers lost after commit). */
class EddsaProtocolFaultsRedisTest extends ProtocolFaultsContract<Ed25519Point> {
  EddsaProtocolFaultsRedisTest() {
    super(EddsaSuites.ED25519, StoreMode.REDIS);
  }
}
