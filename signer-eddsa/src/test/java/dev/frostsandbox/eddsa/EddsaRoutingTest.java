package dev.frostsandbox.eddsa;

import dev.frostsandbox.testing.RoutingContract;

/** signer-eddsa: 404, 405 (with Allow) and 415 from the root router, and the metrics labels. */
class EddsaRoutingTest extends RoutingContract<Ed25519Point> {
  EddsaRoutingTest() {
    super(EddsaSuites.ED25519);
  }
}
