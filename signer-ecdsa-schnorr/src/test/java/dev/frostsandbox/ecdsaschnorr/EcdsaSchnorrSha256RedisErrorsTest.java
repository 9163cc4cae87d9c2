package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.signer.ServiceDefinition;
import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.testing.RedisHarness;
import dev.frostsandbox.testing.SignerErrorsContract;
import java.util.Map;
import org.bouncycastle.math.ec.ECPoint;

/** signer-ecdsa-schnorr, FROST-secp256k1-SHA256-v1, Redis store: every documented error through the real request path. */
class EcdsaSchnorrSha256RedisErrorsTest extends SignerErrorsContract<ECPoint> {

  @Override
  protected ServiceDefinition definition() {
    return EcdsaSchnorrService.DEFINITION;
  }

  @SuppressWarnings("unchecked")
  @Override
  protected SuiteBinding<ECPoint> suite() {
    return (SuiteBinding<ECPoint>) EcdsaSchnorrService.DEFINITION.suite("FROST-secp256k1-SHA256-v1").orElseThrow();
  }

  @Override
  protected Map<String, String> storeEnv() {
    return Map.of("SIGNER_REDIS_URL", RedisHarness.shared().url());
  }

  @Override
  protected String otherCiphersuite() {
    return "FROST-secp256k1-POSEIDON-v1";
  }

  @Override
  protected boolean poseidonSuite() {
    return false;
  }

  @Override
  protected String keyKind() {
    return "ecdsa";
  }
}
