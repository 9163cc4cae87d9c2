package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.testing.FrostPropertiesContract;
import dev.frostsandbox.frost.testing.FrostPropertyChecks;
import dev.frostsandbox.frost.testing.FrostVectorChecks;
import java.util.function.Predicate;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/**
 * FROST(secp256k1, SHA-256): the generic property checks, also verified with a plain Schnorr
 * verifier.
 */
class Secp256k1FrostPropertiesTest extends FrostPropertiesContract<ECPoint> {

  @Override
  protected Frost<ECPoint> frost() {
    return new Frost<>(Secp256k1Sha256.INSTANCE);
  }

  @Override
  protected Predicate<FrostPropertyChecks.PlainVerification> plainVerifier() {
    return v -> Secp256k1SchnorrVerifier.verify(v.message(), v.signature(), v.verifyingKey());
  }

  @Test
  void identifierDerivation() {
    checks()
        .checkIdentifierDerivation(
            FrostVectorChecks.load(getClass(), "/vectors/identifier-derive.json"));
  }
}
