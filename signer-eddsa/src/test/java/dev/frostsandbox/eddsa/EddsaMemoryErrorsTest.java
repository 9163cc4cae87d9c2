package dev.frostsandbox.eddsa;

import dev.frostsandbox.testing.SignerErrorsContract;
import dev.frostsandbox.testing.StoreMode;

/** signer-eddsa, embedded store: every documented error through the real request path. */
class EddsaMemoryErrorsTest extends SignerErrorsContract<Ed25519Point> {
  EddsaMemoryErrorsTest() {
    super(EddsaSuites.ED25519, StoreMode.MEMORY);
  }
}
