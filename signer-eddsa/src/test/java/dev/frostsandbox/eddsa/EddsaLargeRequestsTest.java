package dev.frostsandbox.eddsa;

import dev.frostsandbox.testing.LargeRequestsContract;

/**
 * signer-eddsa at the participant cap: Ed25519, where decoding an element costs most (subgroup
 * check).
 */
class EddsaLargeRequestsTest extends LargeRequestsContract<Ed25519Point> {
  EddsaLargeRequestsTest() {
    super(EddsaSuites.ED25519);
  }
}
