package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.signer.fault.ProtocolFaultsContract;
import dev.frostsandbox.testing.StoreMode;
import org.bouncycastle.math.ec.ECPoint;

/** signer-ecdsa-schnorr, FROST-secp256k1-SHA256-v1, Redis: the FROST-level faults. */
class EcdsaSchnorrSha256ProtocolFaultsRedisTest extends ProtocolFaultsContract<ECPoint> {
  EcdsaSchnorrSha256ProtocolFaultsRedisTest() {
    super(EcdsaSchnorrSuites.SHA256, StoreMode.REDIS);
  }
}
