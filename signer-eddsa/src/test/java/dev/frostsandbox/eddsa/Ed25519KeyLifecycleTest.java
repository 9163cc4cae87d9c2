package dev.frostsandbox.eddsa;

import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.testing.KeyLifecycleContract;

/**
 * FROST(Ed25519, SHA-512): refresh, repair (with frost-core's known answers) and every culprit
 * named.
 */
class Ed25519KeyLifecycleTest extends KeyLifecycleContract<Ed25519Point> {

  @Override
  protected Frost<Ed25519Point> frost() {
    return new Frost<>(Ed25519Sha512.INSTANCE);
  }

  @Override
  protected String repairShareVector() {
    return "frost-ed25519-sha512-repair-share.json";
  }
}
