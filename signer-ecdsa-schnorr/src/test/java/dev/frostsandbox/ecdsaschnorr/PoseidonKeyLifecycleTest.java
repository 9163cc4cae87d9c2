package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.testing.KeyLifecycleContract;
import org.bouncycastle.math.ec.ECPoint;

/**
 * FROST(secp256k1, Poseidon): refresh, repair and every culprit named. RTS is scalar arithmetic
 * only, so secp256k1's repair-share known answers (same scalar field and encoding) apply.
 */
class PoseidonKeyLifecycleTest extends KeyLifecycleContract<ECPoint> {

  @Override
  protected Frost<ECPoint> frost() {
    return new Frost<>(Secp256k1Poseidon.INSTANCE);
  }

  @Override
  protected String repairShareVector() {
    return "frost-secp256k1-sha256-repair-share.json";
  }
}
