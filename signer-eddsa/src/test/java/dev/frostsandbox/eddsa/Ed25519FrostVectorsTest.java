package dev.frostsandbox.eddsa;

import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.testing.FrostVectorsContract;

/** FROST(Ed25519, SHA-512) against RFC 9591 Appendix E and the frost-core vector sets. */
class Ed25519FrostVectorsTest extends FrostVectorsContract<Ed25519Point> {

  @Override
  protected Frost<Ed25519Point> frost() {
    return new Frost<>(Ed25519Sha512.INSTANCE);
  }

  @Override
  protected String vectorStem() {
    return "frost-ed25519-sha512";
  }

  @Override
  protected String serdeExamples() {
    return "frost-ed25519-serde-examples.json";
  }
}
