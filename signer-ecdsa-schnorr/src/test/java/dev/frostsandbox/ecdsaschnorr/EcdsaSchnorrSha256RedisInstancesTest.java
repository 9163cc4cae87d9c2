package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.signer.ServiceDefinition;
import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.testing.SignerInstancesContract;
import org.bouncycastle.math.ec.ECPoint;

/** signer-ecdsa-schnorr, FROST-secp256k1-SHA256-v1: two instances on one Redis, single use under concurrency, restart, outage. */
class EcdsaSchnorrSha256RedisInstancesTest extends SignerInstancesContract<ECPoint> {

  @Override
  protected ServiceDefinition definition() {
    return EcdsaSchnorrService.DEFINITION;
  }

  @SuppressWarnings("unchecked")
  @Override
  protected SuiteBinding<ECPoint> suite() {
    return (SuiteBinding<ECPoint>) EcdsaSchnorrService.DEFINITION.suite("FROST-secp256k1-SHA256-v1").orElseThrow();
  }
}
