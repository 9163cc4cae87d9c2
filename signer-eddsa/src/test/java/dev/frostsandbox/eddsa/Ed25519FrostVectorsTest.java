package dev.frostsandbox.eddsa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.testing.FrostVectorChecks;
import org.junit.jupiter.api.Test;

/** FROST(Ed25519, SHA-512) against RFC 9591 Appendix E and the frost-core vector sets. */
class Ed25519FrostVectorsTest {

  private final FrostVectorChecks<Ed25519Point> checks =
      new FrostVectorChecks<>(new Frost<>(Ed25519Sha512.INSTANCE));

  private static com.fasterxml.jackson.databind.JsonNode vector(String name) {
    return FrostVectorChecks.load(Ed25519FrostVectorsTest.class, "/vectors/" + name);
  }

  @Test
  void rfc9591AppendixE() {
    checks.checkSigningVector(vector("frost-ed25519-sha512-rfc9591.json"));
  }

  @Test
  void frostCoreSigningVectors() {
    checks.checkSigningVector(vector("frost-ed25519-sha512-zf-signing.json"));
  }

  @Test
  void frostCore257ParticipantVectors() {
    checks.checkSigningVector(vector("frost-ed25519-sha512-big-identifier.json"));
  }

  @Test
  void frostCoreDkgVectors() {
    checks.checkDkgVector(vector("frost-ed25519-sha512-dkg.json"));
  }

  @Test
  void serdeExamplesRoundTrip() throws Exception {
    assertEquals(9, checks.checkSerdeExamples(vector("frost-ed25519-serde-examples.json")));
  }
}
