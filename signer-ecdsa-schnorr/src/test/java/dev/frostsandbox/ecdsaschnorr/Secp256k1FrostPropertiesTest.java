package dev.frostsandbox.ecdsaschnorr;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.testing.FrostPropertyChecks;
import dev.frostsandbox.frost.testing.FrostVectorChecks;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/** FROST(secp256k1, SHA-256): the generic property checks (DKG, signing, cheaters, dealer, JSON). */
class Secp256k1FrostPropertiesTest {

  private final FrostPropertyChecks<ECPoint> checks =
      new FrostPropertyChecks<>(new Frost<>(Secp256k1Sha256.INSTANCE));

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
        FrostVectorChecks.load(Secp256k1FrostPropertiesTest.class, "/vectors/identifier-derive.json"));
  }
}
