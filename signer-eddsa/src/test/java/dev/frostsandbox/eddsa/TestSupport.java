package dev.frostsandbox.eddsa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.HexFormat;

/** Shared helpers: hex, vector files, and a naive reference scalar multiplication. */
final class TestSupport {

  static final Ed25519Group G = Ed25519Group.INSTANCE;
  static final HexFormat HEX = HexFormat.of();

  private TestSupport() {}

  static byte[] hex(String s) {
    return HEX.parseHex(s);
  }

  static String hex(byte[] b) {
    return HEX.formatHex(b);
  }

  static JsonNode vectors(String name) {
    try (InputStream in = TestSupport.class.getResourceAsStream("/vectors/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Plain double-and-add with the complete addition only (k >= 0, not reduced). */
  static Ed25519Point naive(Ed25519Point p, BigInteger k) {
    Ed25519Point acc = G.identity();
    for (int i = k.bitLength() - 1; i >= 0; i--) {
      acc = G.add(acc, acc);
      if (k.testBit(i)) {
        acc = G.add(acc, p);
      }
    }
    return acc;
  }
}
