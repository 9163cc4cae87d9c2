package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.testing.KeyLifecycleContract;
import org.bouncycastle.math.ec.ECPoint;

/**
 * FROST(secp256k1, SHA-256): refresh, repair (with frost-core's known answers) and every culprit
 * named.
 */
class Secp256k1KeyLifecycleTest extends KeyLifecycleContract<ECPoint> {

  @Override
  protected Frost<ECPoint> frost() {
    return new Frost<>(Secp256k1Sha256.INSTANCE);
  }

  @Override
  protected String repairShareVector() {
    return "frost-secp256k1-sha256-repair-share.json";
  }
}
