package dev.frostsandbox.ecdsaschnorr;

import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.signer.relay.Keccak;
import dev.frostsandbox.signer.relay.RelayScheme;
import java.util.Arrays;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The relay of secp256k1 keys (both suites): the account of a group key is its Ethereum address,
 * the last 20 bytes of Keccak-256 of the uncompressed point without its 0x04 prefix (X || Y). The
 * signed message and its check are the relay's defaults, through the key's own suite (SHA-256 or
 * Poseidon challenge).
 */
final class EthereumAccounts implements RelayScheme<ECPoint> {

  static final EthereumAccounts INSTANCE = new EthereumAccounts();

  private EthereumAccounts() {}

  @Override
  public byte[] account(Frost<ECPoint> frost, ECPoint verifyingKey) {
    byte[] uncompressed = verifyingKey.normalize().getEncoded(false);
    byte[] hash = Keccak.keccak256(Arrays.copyOfRange(uncompressed, 1, uncompressed.length));
    return Arrays.copyOfRange(hash, 12, 32);
  }
}
