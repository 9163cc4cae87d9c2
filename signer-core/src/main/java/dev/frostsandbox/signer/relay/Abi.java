package dev.frostsandbox.signer.relay;

import dev.frostsandbox.frost.Bytes;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The Solidity ABI pieces a revert needs: selectors and 32-byte argument words. */
final class Abi {
  private Abi() {}

  /** The first 4 bytes of Keccak-256 of a canonical signature such as {@code Error(string)}. */
  static byte[] selector(String signature) {
    return Arrays.copyOf(Keccak.keccak256(signature.getBytes(StandardCharsets.US_ASCII)), 4);
  }

  /** A 20-byte address, left-padded to a word. */
  static byte[] address(byte[] address) {
    if (address.length != 20) {
      throw new IllegalArgumentException("an address is 20 bytes");
    }
    byte[] w = new byte[32];
    System.arraycopy(address, 0, w, 12, 20);
    return w;
  }

  /** A uint256 word, big-endian. */
  static byte[] uint256(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("a uint256 is not negative");
    }
    byte[] v = BigInteger.valueOf(value).toByteArray();
    byte[] w = new byte[32];
    int n = Math.min(v.length, 32);
    System.arraycopy(v, v.length - n, w, 32 - n, n);
    return w;
  }

  /**
   * A lone dynamic {@code string} argument: its head (the offset 0x20), then its length and its
   * UTF-8 bytes zero-padded to a whole number of words.
   */
  static byte[] string(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    byte[] data = new byte[(utf8.length + 31) / 32 * 32];
    System.arraycopy(utf8, 0, data, 0, utf8.length);
    return Bytes.concat(uint256(32), uint256(utf8.length), data);
  }

  static String hex(byte[] b) {
    return "0x" + Bytes.toHex(b);
  }
}
