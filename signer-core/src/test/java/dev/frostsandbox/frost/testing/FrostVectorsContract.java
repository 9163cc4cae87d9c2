package dev.frostsandbox.frost.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostsandbox.frost.Frost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * RFC 9591 Appendix E and the frost-core vector sets as JUnit tests. A ciphersuite's module extends
 * this with its engine and the file-name stem of its copies of the vectors under {@code /vectors/}
 * (e.g. {@code frost-secp256k1-sha256}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class FrostVectorsContract<E> {

  protected abstract Frost<E> frost();

  /**
   * e.g. "frost-secp256k1-sha256": the vectors are {stem}-rfc9591.json, -zf-signing,
   * -big-identifier, -dkg.
   */
  protected abstract String vectorStem();

  /** e.g. "frost-secp256k1-serde-examples.json". */
  protected abstract String serdeExamples();

  private FrostVectorChecks<E> checks() {
    return new FrostVectorChecks<>(frost());
  }

  private JsonNode vector(String name) {
    return FrostVectorChecks.load(getClass(), "/vectors/" + name);
  }

  @Test
  void rfc9591AppendixE() {
    checks().checkSigningVector(vector(vectorStem() + "-rfc9591.json"));
  }

  @Test
  void frostCoreSigningVectors() {
    checks().checkSigningVector(vector(vectorStem() + "-zf-signing.json"));
  }

  @Test
  void frostCore257ParticipantVectors() {
    checks().checkSigningVector(vector(vectorStem() + "-big-identifier.json"));
  }

  @Test
  void frostCoreDkgVectors() {
    checks().checkDkgVector(vector(vectorStem() + "-dkg.json"));
  }

  @Test
  void serdeExamplesRoundTrip() throws Exception {
    assertEquals(9, checks().checkSerdeExamples(vector(serdeExamples())));
  }
}
