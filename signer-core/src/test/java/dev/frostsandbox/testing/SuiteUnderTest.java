package dev.frostsandbox.testing;

import dev.frostsandbox.signer.ServiceDefinition;
import dev.frostsandbox.signer.SuiteBinding;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One ciphersuite of one service as the HTTP contracts test it, with the facts a test states
 * independently of the code under test: the key kind in "Cannot find an ... key", a ciphersuite its
 * packages must not carry, a verifier sharing no code with the engine, and invalid encodings of an
 * element.
 */
public record SuiteUnderTest<E>(
    ServiceDefinition definition,
    SuiteBinding<E> suite,
    String keyKind,
    String otherCiphersuite,
    PlainVerifier plainVerifier,
    Supplier<Map<String, String>> invalidElements) {

  /** Verifies a serialized signature for a serialized verifying key. */
  @FunctionalInterface
  public interface PlainVerifier {
    boolean verify(byte[] message, byte[] signature, byte[] verifyingKey);
  }

  @SuppressWarnings("unchecked")
  public static <E> SuiteBinding<E> binding(ServiceDefinition definition, String ciphersuite) {
    return (SuiteBinding<E>) definition.suite(ciphersuite).orElseThrow();
  }

  /** Protocol failures of the Poseidon suite have their own catalogue entry. */
  public boolean poseidon() {
    return suite.ciphersuite().equals("FROST-secp256k1-POSEIDON-v1");
  }

  @Override
  public String toString() {
    return definition.name() + " " + suite.ciphersuite();
  }
}
