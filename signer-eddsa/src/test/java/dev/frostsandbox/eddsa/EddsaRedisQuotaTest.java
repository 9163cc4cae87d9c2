package dev.frostsandbox.eddsa;

import dev.frostsandbox.testing.QuotaContract;
import dev.frostsandbox.testing.StoreMode;

/** signer-eddsa, Redis: the per-tenant quotas on keys, DKG rounds and nonces. */
class EddsaRedisQuotaTest extends QuotaContract<Ed25519Point> {
  EddsaRedisQuotaTest() {
    super(EddsaSuites.ED25519, StoreMode.REDIS);
  }
}
