package dev.frostsandbox.ecdsaschnorr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.testing.FrostVectorChecks;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/** FROST(secp256k1, SHA-256) against RFC 9591 Appendix E and the frost-core vector sets. */
class Secp256k1FrostVectorsTest {

  private final FrostVectorChecks<ECPoint> checks =
      new FrostVectorChecks<>(new Frost<>(Secp256k1Sha256.INSTANCE));

  private static com.fasterxml.jackson.databind.JsonNode vector(String name) {
    return FrostVectorChecks.load(Secp256k1FrostVectorsTest.class, "/vectors/" + name);
  }

  @Test
  void rfc9591AppendixE() {
    checks.checkSigningVector(vector("frost-secp256k1-sha256-rfc9591.json"));
  }

  @Test
  void frostCoreSigningVectors() {
    checks.checkSigningVector(vector("frost-secp256k1-sha256-zf-signing.json"));
  }

  @Test
  void frostCore257ParticipantVectors() {
    checks.checkSigningVector(vector("frost-secp256k1-sha256-big-identifier.json"));
  }

  @Test
  void frostCoreDkgVectors() {
    checks.checkDkgVector(vector("frost-secp256k1-sha256-dkg.json"));
  }

  @Test
  void serdeExamplesRoundTrip() throws Exception {
    assertEquals(9, checks.checkSerdeExamples(vector("frost-secp256k1-serde-examples.json")));
  }
}
