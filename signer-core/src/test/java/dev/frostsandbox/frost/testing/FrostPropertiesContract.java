package dev.frostsandbox.frost.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.frost.Frost;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The generic property checks as JUnit tests (one per check, so failures read well). Each
 * ciphersuite's module extends this once with its engine and, where one exists, a plain verifier
 * that shares no code with the engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class FrostPropertiesContract<E> {

  private FrostPropertyChecks<E> checks;

  protected abstract Frost<E> frost();

  /** An independent verifier, or null. */
  protected abstract Predicate<FrostPropertyChecks.PlainVerification> plainVerifier();

  protected FrostPropertyChecks<E> checks() {
    if (checks == null) {
      checks = new FrostPropertyChecks<>(frost(), plainVerifier());
    }
    return checks;
  }

  @Test
  void dkgParticipantsAgreeOnKeys() {
    checks().checkDkgAgreement();
  }

  @Test
  void everySignerSubsetSigns() {
    checks().checkSigningAllSubsets();
  }

  @Test
  void tamperedSignatureShareNamesCulprit() {
    checks().checkTamperedSignatureShare();
  }

  @Test
  void tamperedRound2ShareNamesSender() {
    checks().checkTamperedRound2Share();
  }

  @Test
  void tamperedProofOfKnowledgeNamesSender() {
    checks().checkTamperedProofOfKnowledge();
  }

  @Test
  void tamperedCommitmentNamesSender() {
    checks().checkTamperedCommitment();
  }

  @Test
  void misuseIsRejectedWithTheRightKind() {
    checks().checkMisuse();
  }

  @Test
  void trustedDealer() {
    checks().checkTrustedDealer();
  }

  @Test
  void jsonRoundTrip() throws Exception {
    assertTrue(checks().checkJsonRoundTrip() > 50);
  }

  @Test
  void jsonRejectionsNameTheField() {
    checks().checkJsonRejections();
  }
}
