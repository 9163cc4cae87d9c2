package dev.frostsandbox.eddsa;

import dev.frostsandbox.signer.ServiceDefinition;
import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.testing.SignerServiceContract;
import java.util.Map;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** signer-eddsa, FROST-ED25519-SHA512-v1, embedded store: the end-to-end contract; signatures verify as plain RFC 8032 Ed25519. */
class EddsaMemoryTest extends SignerServiceContract<Ed25519Point> {

  @Override
  protected ServiceDefinition definition() {
    return EddsaService.DEFINITION;
  }

  @SuppressWarnings("unchecked")
  @Override
  protected SuiteBinding<Ed25519Point> suite() {
    return (SuiteBinding<Ed25519Point>) EddsaService.DEFINITION.suites().get(0);
  }

  @Override
  protected Map<String, String> storeEnv() {
    return Map.of();
  }

  @Override
  protected boolean plainVerify(byte[] message, byte[] signature, byte[] verifyingKey) {
    return Ed25519.verify(signature, 0, verifyingKey, 0, message, 0, message.length);
  }
}
