package dev.frostsandbox.eddsa;

import dev.frostsandbox.testing.SignerInstancesContract;

/** signer-eddsa: two instances on one Redis, single use under concurrency, restart, outage. */
class EddsaRedisInstancesTest extends SignerInstancesContract<Ed25519Point> {
  EddsaRedisInstancesTest() {
    super(EddsaSuites.ED25519);
  }
}
