package dev.frostsandbox.eddsa;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.testing.FrostPropertyChecks;
import dev.frostsandbox.frost.testing.FrostVectorChecks;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;

/** FROST(Ed25519, SHA-512): the generic property checks; signatures also verify with Bouncy Castle's plain RFC 8032 Ed25519.verify. */
class Ed25519FrostPropertiesTest {

  private final FrostPropertyChecks<Ed25519Point> checks =
      new FrostPropertyChecks<>(
          new Frost<>(Ed25519Sha512.INSTANCE),
          v -> Ed25519.verify(v.signature(), 0, v.verifyingKey(), 0, v.message(), 0, v.message().length));

  @Test
  void dkgParticipantsAgreeOnKeys() {
    checks.checkDkgAgreement();
  }

  @Test
  void everySignerSubsetSigns() {
    checks.checkSigningAllSubsets();
  }

  @Test
  void tamperedSignatureShareNamesCulprit() {
    checks.checkTamperedSignatureShare();
  }

  @Test
  void tamperedRound2ShareNamesSender() {
    checks.checkTamperedRound2Share();
  }

  @Test
  void tamperedProofOfKnowledgeNamesSender() {
    checks.checkTamperedProofOfKnowledge();
  }

  @Test
  void tamperedCommitmentNamesSender() {
    checks.checkTamperedCommitment();
  }

  @Test
  void misuseIsRejectedWithTheRightKind() {
    checks.checkMisuse();
  }

  @Test
  void trustedDealer() {
    checks.checkTrustedDealer();
  }

  @Test
  void jsonRoundTrip() throws Exception {
    assertTrue(checks.checkJsonRoundTrip() > 50);
  }

  @Test
  void jsonRejectionsNameTheField() {
    checks.checkJsonRejections();
  }

  @Test
  void identifierDerivation() {
    checks.checkIdentifierDerivation(
        FrostVectorChecks.load(Ed25519FrostPropertiesTest.class, "/vectors/identifier-derive.json"));
  }
}
