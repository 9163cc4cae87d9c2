package dev.frostsandbox.eddsa;

import dev.frostsandbox.signer.fault.FaultLimitsContract;

/**
 * signer-eddsa: linear-time fault rule patterns and the per-tenant caps on rules and X-Fault-Id
 * counters.
 */
class EddsaFaultLimitsTest extends FaultLimitsContract<Ed25519Point> {
  EddsaFaultLimitsTest() {
    super(EddsaSuites.ED25519);
  }
}
