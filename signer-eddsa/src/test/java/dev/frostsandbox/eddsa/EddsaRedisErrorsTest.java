package dev.frostsandbox.eddsa;

import dev.frostsandbox.testing.SignerErrorsContract;
import dev.frostsandbox.testing.StoreMode;

/** signer-eddsa, Redis: every documented error through the real request path. */
class EddsaRedisErrorsTest extends SignerErrorsContract<Ed25519Point> {
  EddsaRedisErrorsTest() {
    super(EddsaSuites.ED25519, StoreMode.REDIS);
  }
}
