package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.testing.FrostVectorsContract;
import org.bouncycastle.math.ec.ECPoint;

/** FROST(secp256k1, SHA-256) against RFC 9591 Appendix E and the frost-core vector sets. */
class Secp256k1FrostVectorsTest extends FrostVectorsContract<ECPoint> {

  @Override
  protected Frost<ECPoint> frost() {
    return new Frost<>(Secp256k1Sha256.INSTANCE);
  }

  @Override
  protected String vectorStem() {
    return "frost-secp256k1-sha256";
  }

  @Override
  protected String serdeExamples() {
    return "frost-secp256k1-serde-examples.json";
  }
}
