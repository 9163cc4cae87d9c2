package dev.frostsandbox.frost;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;

/** Byte-string helpers for building hash inputs. */
public final class Bytes {
  private Bytes() {}

  public static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int off = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, off, p.length);
      off += p.length;
    }
    return out;
  }

  private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

  /**
   * The 32-byte big-endian encoding of 0 <= v < 2^256 (secrets included). Not {@code
   * v.toByteArray()}, whose length depends on the value: v + 2^256 always encodes in 33 bytes, 0x01
   * and then v, so only the BigInteger addition sees v's own length (docs/reliability.md).
   */
  public static byte[] unsigned32(BigInteger v) {
    if (v.signum() < 0 || v.bitLength() > 256) {
      throw new IllegalArgumentException("not in [0, 2^256)");
    }
    byte[] b = TWO_256.add(v).toByteArray();
    byte[] out = Arrays.copyOfRange(b, 1, 33);
    Arrays.fill(b, (byte) 0);
    return out;
  }

  /** A growable buffer for hash inputs assembled in a loop. */
  public static final class Builder {
    private final ByteArrayOutputStream out;

    public Builder(int expected) {
      out = new ByteArrayOutputStream(expected);
    }

    public Builder add(byte[] b) {
      out.writeBytes(b);
      return this;
    }

    public byte[] build() {
      return out.toByteArray();
    }
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  public static String toHex(byte[] b) {
    char[] c = new char[b.length * 2];
    for (int i = 0; i < b.length; i++) {
      c[2 * i] = HEX[(b[i] >> 4) & 0xf];
      c[2 * i + 1] = HEX[b[i] & 0xf];
    }
    return new String(c);
  }

  /** Decodes hex (either case, as the frost-core hex decoder); null if not hex. */
  public static byte[] fromHex(String s) {
    if ((s.length() & 1) != 0) {
      return null;
    }
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = hexDigit(s.charAt(2 * i));
      int lo = hexDigit(s.charAt(2 * i + 1));
      if (hi < 0 || lo < 0) {
        return null;
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }

  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
