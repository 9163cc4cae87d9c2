package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.testing.RoutingContract;
import org.bouncycastle.math.ec.ECPoint;

/**
 * signer-ecdsa-schnorr: 404, 405 (with Allow) and 415 from the root router, the relay's two paths.
 */
class EcdsaSchnorrRoutingTest extends RoutingContract<ECPoint> {
  EcdsaSchnorrRoutingTest() {
    super(EcdsaSchnorrSuites.SHA256);
  }
}
