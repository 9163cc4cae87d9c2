package dev.frostsandbox.eddsa;

import dev.frostsandbox.signer.ServiceDefinition;
import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.testing.SignerInstancesContract;

/** signer-eddsa, FROST-ED25519-SHA512-v1: two instances on one Redis, single use under concurrency, restart, outage. */
class EddsaRedisInstancesTest extends SignerInstancesContract<Ed25519Point> {

  @Override
  protected ServiceDefinition definition() {
    return EddsaService.DEFINITION;
  }

  @SuppressWarnings("unchecked")
  @Override
  protected SuiteBinding<Ed25519Point> suite() {
    return (SuiteBinding<Ed25519Point>) EddsaService.DEFINITION.suite("FROST-ED25519-SHA512-v1").orElseThrow();
  }
}
