package dev.frostsandbox.eddsa;

import dev.frostsandbox.testing.HostileInputContract;

/**
 * signer-eddsa under hostile input: fuzz per endpoint and Ed25519's invalid points in every field.
 */
class EddsaHostileInputTest extends HostileInputContract<Ed25519Point> {
  EddsaHostileInputTest() {
    super(EddsaSuites.ED25519);
  }
}
