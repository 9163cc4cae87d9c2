package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.testing.HostileInputContract;
import org.bouncycastle.math.ec.ECPoint;

/**
 * signer-ecdsa-schnorr (FROST-secp256k1-SHA256-v1) under hostile input: fuzz per endpoint, invalid
 * points in every field.
 */
class EcdsaSchnorrHostileInputTest extends HostileInputContract<ECPoint> {
  EcdsaSchnorrHostileInputTest() {
    super(EcdsaSchnorrSuites.SHA256);
  }
}
