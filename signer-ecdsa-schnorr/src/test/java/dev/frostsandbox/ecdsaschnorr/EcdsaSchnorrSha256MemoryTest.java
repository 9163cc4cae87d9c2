package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.signer.ServiceDefinition;
import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.testing.SignerServiceContract;
import java.util.Map;
import org.bouncycastle.math.ec.ECPoint;

/** signer-ecdsa-schnorr, FROST-secp256k1-SHA256-v1, embedded store: the end-to-end contract over HTTP. */
class EcdsaSchnorrSha256MemoryTest extends SignerServiceContract<ECPoint> {

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
    return Map.of();
  }

  @Override
  protected boolean plainVerify(byte[] message, byte[] signature, byte[] verifyingKey) {
    return Secp256k1SchnorrVerifier.verify(message, signature, verifyingKey);
  }
}
