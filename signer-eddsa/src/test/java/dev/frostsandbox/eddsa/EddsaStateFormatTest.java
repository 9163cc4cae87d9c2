package dev.frostsandbox.eddsa;

import dev.frostsandbox.testing.StateFormatContract;

/** signer-eddsa: golden bytes of its stored state (src/test/resources/golden). */
class EddsaStateFormatTest extends StateFormatContract {
  EddsaStateFormatTest() {
    super(EddsaService.DEFINITION);
  }
}
