package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.ecdsaschnorr.poseidon.Poseidon;
import dev.frostsandbox.frost.Bytes;
import java.math.BigInteger;

/**
 * FROST(secp256k1, Poseidon): FROST(secp256k1, SHA-256) with its own context string, except the
 * challenge H2(m) = PoseidonHashMany(E(contextString || "chal" || m)), so a Starknet contract can
 * verify signatures cheaply. Everything the signers compute privately (nonces, binding factors)
 * stays on SHA-256: a Poseidon output is below 2^252 and would bias nonces. See docs/poseidon.md.
 */
public final class Secp256k1Poseidon extends Secp256k1Sha256 {

  public static final String CONTEXT_STRING = "FROST-secp256k1-POSEIDON-v1";

  public static final Secp256k1Poseidon INSTANCE = new Secp256k1Poseidon();

  private final byte[] chalPrefix;

  private Secp256k1Poseidon() {
    super(CONTEXT_STRING);
    this.chalPrefix = tagged("chal");
  }

  /** PoseidonHashMany(E(ctx || "chal" || m)): always below p < n, so already a scalar. */
  @Override
  public BigInteger h2(byte[] m) {
    return Poseidon.hashBytes(Bytes.concat(chalPrefix, m));
  }
}
