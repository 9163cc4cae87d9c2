package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.testing.FrostPropertiesContract;
import dev.frostsandbox.frost.testing.FrostPropertyChecks;
import java.util.function.Predicate;
import org.bouncycastle.math.ec.ECPoint;

/**
 * FROST(secp256k1, Poseidon): the generic property checks; every signature also verifies with
 * {@link PoseidonDefinitionVerifier}, written from docs/poseidon.md alone.
 */
class PoseidonFrostPropertiesTest extends FrostPropertiesContract<ECPoint> {

  @Override
  protected Frost<ECPoint> frost() {
    return new Frost<>(Secp256k1Poseidon.INSTANCE);
  }

  @Override
  protected Predicate<FrostPropertyChecks.PlainVerification> plainVerifier() {
    return v -> PoseidonDefinitionVerifier.verify(v.message(), v.signature(), v.verifyingKey());
  }
}
