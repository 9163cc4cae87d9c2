package dev.frostsandbox.eddsa;

import dev.frostsandbox.testing.SignerServiceContract;
import dev.frostsandbox.testing.StoreMode;

/** signer-eddsa, Redis: the end-to-end contract; signatures verify as plain RFC 8032 Ed25519. */
class EddsaRedisTest extends SignerServiceContract<Ed25519Point> {
  EddsaRedisTest() {
    super(EddsaSuites.ED25519, StoreMode.REDIS);
  }
}
