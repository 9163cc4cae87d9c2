package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.testing.FrostPropertiesContract;
import dev.frostsandbox.frost.testing.FrostPropertyChecks;
import java.util.function.Predicate;
import org.bouncycastle.math.ec.ECPoint;

/**
 * FROST(secp256k1, SHA-256, Taproot): the generic property checks, also verified with the BIP-340
 * verifier.
 */
class TaprootFrostPropertiesTest extends FrostPropertiesContract<ECPoint> {

  @Override
  protected Frost<ECPoint> frost() {
    return new Frost<>(Secp256k1Taproot.INSTANCE);
  }

  @Override
  protected Predicate<FrostPropertyChecks.PlainVerification> plainVerifier() {
    return v -> Bip340Verifier.verifyCompressedKey(v.message(), v.signature(), v.verifyingKey());
  }
}
