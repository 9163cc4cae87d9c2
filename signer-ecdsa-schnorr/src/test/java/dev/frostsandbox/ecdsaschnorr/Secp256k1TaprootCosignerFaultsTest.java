package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.signer.fault.cosigner.CosignerFaultsContract;
import org.bouncycastle.math.ec.ECPoint;

/** The misbehaving-cosigner faults on FROST-secp256k1-SHA256-TR-v1. */
class Secp256k1TaprootCosignerFaultsTest extends CosignerFaultsContract<ECPoint> {
  @Override
  protected Frost<ECPoint> frost() {
    return new Frost<>(Secp256k1Taproot.INSTANCE);
  }
}
