package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.signer.fault.cosigner.CosignerFaultsContract;
import org.bouncycastle.math.ec.ECPoint;

/** The misbehaving-cosigner faults on FROST(secp256k1, Poseidon). */
class Secp256k1PoseidonCosignerFaultsTest extends CosignerFaultsContract<ECPoint> {
  @Override
  protected Frost<ECPoint> frost() {
    return new Frost<>(Secp256k1Poseidon.INSTANCE);
  }
}
