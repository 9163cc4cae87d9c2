package dev.frostsandbox.eddsa;

import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.signer.fault.cosigner.CosignerFaultsContract;

/** The misbehaving-cosigner faults on FROST(Ed25519, SHA-512), with its small-order variant. */
class Ed25519CosignerFaultsTest extends CosignerFaultsContract<Ed25519Point> {
  @Override
  protected Frost<Ed25519Point> frost() {
    return new Frost<>(Ed25519Sha512.INSTANCE);
  }
}
