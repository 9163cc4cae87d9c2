package dev.frostsandbox.eddsa;

import dev.frostsandbox.testing.QuotaContract;
import dev.frostsandbox.testing.StoreMode;

/** signer-eddsa, embedded store: the per-tenant quotas on keys, DKG rounds and nonces. */
class EddsaMemoryQuotaTest extends QuotaContract<Ed25519Point> {
  EddsaMemoryQuotaTest() {
    super(EddsaSuites.ED25519, StoreMode.MEMORY);
  }
}
