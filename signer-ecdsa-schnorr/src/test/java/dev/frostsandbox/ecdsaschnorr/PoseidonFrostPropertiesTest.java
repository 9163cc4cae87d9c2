package dev.frostsandbox.ecdsaschnorr;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.testing.FrostPropertyChecks;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/** FROST(secp256k1, Poseidon): the generic property checks; every signature also verifies with {@link PoseidonDefinitionVerifier}, written from docs/poseidon.md alone. */
class PoseidonFrostPropertiesTest {

  private final FrostPropertyChecks<ECPoint> checks =
      new FrostPropertyChecks<>(
          new Frost<>(Secp256k1Poseidon.INSTANCE),
          v -> PoseidonDefinitionVerifier.verify(v.message(), v.signature(), v.verifyingKey()));

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
}
