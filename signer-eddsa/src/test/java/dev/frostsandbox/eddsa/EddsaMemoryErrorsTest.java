package dev.frostsandbox.eddsa;

import dev.frostsandbox.signer.ServiceDefinition;
import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.testing.SignerErrorsContract;
import java.util.Map;

/** signer-eddsa, FROST-ED25519-SHA512-v1, embedded store: every documented error through the real request path. */
class EddsaMemoryErrorsTest extends SignerErrorsContract<Ed25519Point> {

  @Override
  protected ServiceDefinition definition() {
    return EddsaService.DEFINITION;
  }

  @SuppressWarnings("unchecked")
  @Override
  protected SuiteBinding<Ed25519Point> suite() {
    return (SuiteBinding<Ed25519Point>) EddsaService.DEFINITION.suite("FROST-ED25519-SHA512-v1").orElseThrow();
  }

  @Override
  protected Map<String, String> storeEnv() {
    return Map.of();
  }

  @Override
  protected String otherCiphersuite() {
    return "FROST-secp256k1-SHA256-v1";
  }

  @Override
  protected boolean poseidonSuite() {
    return false;
  }

  @Override
  protected String keyKind() {
    return "eddsa";
  }
}
