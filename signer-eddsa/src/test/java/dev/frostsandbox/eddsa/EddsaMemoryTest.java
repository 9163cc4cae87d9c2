package dev.frostsandbox.eddsa;

import dev.frostsandbox.testing.SignerServiceContract;
import dev.frostsandbox.testing.StoreMode;

/** signer-eddsa, embedded store: the end-to-end contract; signatures verify as plain RFC 8032 Ed25519. */
class EddsaMemoryTest extends SignerServiceContract<Ed25519Point> {
  EddsaMemoryTest() {
    super(EddsaSuites.ED25519, StoreMode.MEMORY);
  }
}
