package dev.frostsandbox.testing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Keccak-256 (Ethereum's: the original Keccak padding) written from the Keccak reference (FIPS 202
 * Keccak-f[1600], rate 1088 bits, pad10*1 with the domain byte 0x01), sharing no code with the
 * service. {@code TestKeccakTest} checks it against published values before the relay tests trust
 * it.
 */
public final class TestKeccak {
  private TestKeccak() {}

  private static final long[] RC = {
    0x0000000000000001L, 0x0000000000008082L, 0x800000000000808AL, 0x8000000080008000L,
    0x000000000000808BL, 0x0000000080000001L, 0x8000000080008081L, 0x8000000000008009L,
    0x000000000000008AL, 0x0000000000000088L, 0x0000000080008009L, 0x000000008000000AL,
    0x000000008000808BL, 0x800000000000008BL, 0x8000000000008089L, 0x8000000000008003L,
    0x8000000000008002L, 0x8000000000000080L, 0x000000000000800AL, 0x800000008000000AL,
    0x8000000080008081L, 0x8000000000008080L, 0x0000000080000001L, 0x8000000080008008L
  };

  /** Rotation offsets r[x][y]. */
  private static final int[][] R = {
    {0, 36, 3, 41, 18},
    {1, 44, 10, 45, 2},
    {62, 6, 43, 15, 61},
    {28, 55, 25, 21, 56},
    {27, 20, 39, 8, 14}
  };

  private static final int RATE = 136;

  public static byte[] keccak256(byte[] input) {
    int blocks = input.length / RATE + 1;
    byte[] padded = Arrays.copyOf(input, blocks * RATE);
    padded[input.length] ^= 0x01;
    padded[padded.length - 1] ^= (byte) 0x80;
    long[] a = new long[25];
    for (int b = 0; b < blocks; b++) {
      for (int i = 0; i < RATE / 8; i++) {
        a[i] ^= littleEndian(padded, b * RATE + 8 * i);
      }
      permute(a);
    }
    byte[] out = new byte[32];
    for (int i = 0; i < 32; i++) {
      out[i] = (byte) (a[i / 8] >>> (8 * (i % 8)));
    }
    return out;
  }

  /** The first 4 bytes of Keccak-256 of an ABI signature. */
  public static byte[] selector(String signature) {
    return Arrays.copyOf(keccak256(signature.getBytes(StandardCharsets.US_ASCII)), 4);
  }

  private static long littleEndian(byte[] b, int off) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (b[off + i] & 0xff);
    }
    return v;
  }

  /** Keccak-f[1600]: theta, rho and pi, chi, iota; lane (x, y) is a[x + 5y]. */
  private static void permute(long[] a) {
    long[] c = new long[5];
    long[] b = new long[25];
    for (long rc : RC) {
      for (int x = 0; x < 5; x++) {
        c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
      }
      for (int x = 0; x < 5; x++) {
        long d = c[(x + 4) % 5] ^ Long.rotateLeft(c[(x + 1) % 5], 1);
        for (int y = 0; y < 5; y++) {
          a[x + 5 * y] ^= d;
        }
      }
      for (int x = 0; x < 5; x++) {
        for (int y = 0; y < 5; y++) {
          b[y + 5 * ((2 * x + 3 * y) % 5)] = Long.rotateLeft(a[x + 5 * y], R[x][y]);
        }
      }
      for (int x = 0; x < 5; x++) {
        for (int y = 0; y < 5; y++) {
          a[x + 5 * y] = b[x + 5 * y] ^ (~b[(x + 1) % 5 + 5 * y] & b[(x + 2) % 5 + 5 * y]);
        }
      }
      a[0] ^= rc;
    }
  }
}
