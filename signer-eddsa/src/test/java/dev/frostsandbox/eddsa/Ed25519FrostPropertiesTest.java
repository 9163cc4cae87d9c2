package dev.frostsandbox.eddsa;

import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.testing.FrostPropertiesContract;
import dev.frostsandbox.frost.testing.FrostPropertyChecks;
import dev.frostsandbox.frost.testing.FrostVectorChecks;
import java.util.function.Predicate;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;

/**
 * FROST(Ed25519, SHA-512): the generic property checks; signatures also verify with Bouncy Castle's
 * plain RFC 8032 Ed25519.verify.
 */
class Ed25519FrostPropertiesTest extends FrostPropertiesContract<Ed25519Point> {

  @Override
  protected Frost<Ed25519Point> frost() {
    return new Frost<>(Ed25519Sha512.INSTANCE);
  }

  @Override
  protected Predicate<FrostPropertyChecks.PlainVerification> plainVerifier() {
    return v ->
        Ed25519.verify(v.signature(), 0, v.verifyingKey(), 0, v.message(), 0, v.message().length);
  }

  @Test
  void identifierDerivation() {
    checks()
        .checkIdentifierDerivation(
            FrostVectorChecks.load(getClass(), "/vectors/identifier-derive.json"));
  }
}
