package dev.frostsandbox.eddsa;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.frostsandbox.signer.ops.Warmup;
import org.junit.jupiter.api.Test;

/**
 * The start-up warm-up (SIGNER_WARMUP) of signer-eddsa's suite completes: a failure would only be
 * logged.
 */
class EddsaWarmupTest {

  @Test
  void warmUpRoundsOfEd25519Complete() {
    assertFalse(EddsaService.DEFINITION.suites().isEmpty());
    assertDoesNotThrow(() -> Warmup.run(EddsaService.DEFINITION.suites(), 2));
  }
}
