package dev.frostsandbox.frost.testing;

import dev.frostsandbox.frost.Frost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The key lifecycle checks (refresh, repair, every culprit) as JUnit tests. A ciphersuite's module
 * extends this with its engine and the name of its copy of frost-core's repair-share vector under
 * {@code /vectors/} (e.g. {@code frost-ed25519-sha512-repair-share.json}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class KeyLifecycleContract<E> {

  private KeyLifecycleChecks<E> checks;

  protected abstract Frost<E> frost();

  /** The file name of the suite's repair-share known answers under /vectors/. */
  protected abstract String repairShareVector();

  protected KeyLifecycleChecks<E> checks() {
    if (checks == null) {
      checks = new KeyLifecycleChecks<>(frost());
    }
    return checks;
  }

  @Test
  void refreshThenSignWithTheNewShares() {
    checks().checkRefreshThenSign();
  }

  @Test
  void oldSharesDoNotCombineWithRefreshedShares() {
    checks().checkOldSharesDoNotCombineWithRefreshed();
  }

  @Test
  void refreshWithFewerThanThresholdOrAnotherThresholdIsRefused() {
    checks().checkRefreshRefusals();
  }

  @Test
  void refreshRoundOnePackageHasFrostCoreShape() throws Exception {
    checks().checkRefreshPackageShape();
  }

  @Test
  void refreshByTrustedDealer() {
    checks().checkDealerRefresh();
  }

  @Test
  void repairThenSign() {
    checks().checkRepairThenSign();
  }

  @Test
  void repairMisuseAndWrongSigmasAreRefused() {
    checks().checkRepairRefusals();
  }

  @Test
  void repairShareVectors() {
    checks()
        .checkRepairShareVector(
            FrostVectorChecks.load(getClass(), "/vectors/" + repairShareVector()));
  }

  @Test
  void repairDeltasAndSigmasJson() throws Exception {
    checks().checkRepairJson();
  }

  @Test
  void twoCheatersNamedInOneAggregate() {
    checks().checkTwoCheatersNamedInAggregate();
  }

  @Test
  void everyCheaterNamedInDkgAndRefresh() {
    checks().checkEveryCheaterNamedInDkgAndRefresh();
  }
}
