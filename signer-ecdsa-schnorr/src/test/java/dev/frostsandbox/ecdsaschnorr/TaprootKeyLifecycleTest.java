package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.testing.KeyLifecycleContract;
import org.bouncycastle.math.ec.ECPoint;

/**
 * FROST(secp256k1, SHA-256, Taproot): refresh, repair (with {@code frost-secp256k1-tr}'s
 * repair-share known answers) and every culprit named.
 */
class TaprootKeyLifecycleTest extends KeyLifecycleContract<ECPoint> {

  @Override
  protected Frost<ECPoint> frost() {
    return new Frost<>(Secp256k1Taproot.INSTANCE);
  }

  @Override
  protected String repairShareVector() {
    return "frost-secp256k1-tr-repair-share.json";
  }
}
