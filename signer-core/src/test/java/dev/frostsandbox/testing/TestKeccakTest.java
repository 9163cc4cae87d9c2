package dev.frostsandbox.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The relay tests' own Keccak-256 against published values, before they trust it for selectors. */
class TestKeccakTest {

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  @Test
  void publishedDigests() {
    assertEquals(
        "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
        hex(TestKeccak.keccak256(new byte[0])));
    assertEquals(
        "4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15",
        hex(
            TestKeccak.keccak256(
                "The quick brown fox jumps over the lazy dog"
                    .getBytes(StandardCharsets.US_ASCII))));
  }

  @Test
  void publishedSelectors() {
    // Solidity's revert-with-reason and panic, and ERC-20's functions, as every EVM tool prints
    // them
    assertEquals("08c379a0", hex(TestKeccak.selector("Error(string)")));
    assertEquals("4e487b71", hex(TestKeccak.selector("Panic(uint256)")));
    assertEquals("a9059cbb", hex(TestKeccak.selector("transfer(address,uint256)")));
    assertEquals("095ea7b3", hex(TestKeccak.selector("approve(address,uint256)")));
    assertEquals("70a08231", hex(TestKeccak.selector("balanceOf(address)")));
  }

  @Test
  void inputsAcrossTheRateBoundaryAgreeWithBouncyCastle() {
    // 135, 136 and 137 bytes: the padding in the last byte of a block, a full block, two blocks
    for (int n : new int[] {135, 136, 137, 272, 500}) {
      byte[] in = new byte[n];
      for (int i = 0; i < n; i++) {
        in[i] = (byte) (i * 31 + 7);
      }
      org.bouncycastle.crypto.digests.KeccakDigest d =
          new org.bouncycastle.crypto.digests.KeccakDigest(256);
      d.update(in, 0, n);
      byte[] expected = new byte[32];
      d.doFinal(expected, 0);
      assertEquals(hex(expected), hex(TestKeccak.keccak256(in)), n + " bytes");
    }
  }
}
