package dev.frostsandbox.ecdsaschnorr.poseidon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Known answers from design/poseidon.md, encoding edge cases, and a textbook BigInteger reference.
 */
class PoseidonTest {

  private static final BigInteger P = StarkField.P;

  private static BigInteger h(String hex) {
    return new BigInteger(hex, 16);
  }

  private static BigInteger[] felts(long... v) {
    return Arrays.stream(v).mapToObj(BigInteger::valueOf).toArray(BigInteger[]::new);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  // ---------------------------------------------------------------- known answers

  @Test
  void permuteZeroKnownAnswer() {
    assertArrayEquals(
        new BigInteger[] {
          h("79e8d1e78258000a28fc9d49e233bc6852357968577b1e386550ed6a9086133"),
          h("3840d003d0f3f96dbb796ff6aa6a63be5b5404b91ccaabca256154cbb6fb984"),
          h("1eb39da3f7d3b04142d0ac83d9da00c9325a61fb2ef326e50b70eaa8a3c7cc7")
        },
        Poseidon.permute(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO));
  }

  @Test
  void permuteOneTwoTwoKnownAnswer() {
    // Starknet poseidon_hash(1, 2)
    assertEquals(
        h("5d44a3decb2b2e0cc71071f7b802f45dd792d064f0fc7316c46514f70f9891a"),
        Poseidon.permute(BigInteger.ONE, BigInteger.TWO, BigInteger.TWO)[0]);
  }

  @Test
  void hashManyKnownAnswers() {
    assertEquals(
        h("2272be0f580fd156823304800919530eaa97430e972d7213ee13f4fbf7a5dbc"), Poseidon.hashMany());
    assertEquals(
        h("579e8877c7755365d5ec1ec7d3a94a457eff5d1f40482bbe9729c064cdead2"),
        Poseidon.hashMany(felts(1)));
    assertEquals(
        h("371cb6995ea5e7effcd2e174de264b5b407027a75a231a70c2c8d196107f0e7"),
        Poseidon.hashMany(felts(1, 2)));
    assertEquals(
        h("2f0d8840bcf3bc629598d8a6cc80cb7c0d9e52d93dab244bbf9cd0dca0ad082"),
        Poseidon.hashMany(felts(1, 2, 3)));
  }

  @Test
  void hashBytesKnownAnswers() {
    assertEquals(
        h("545d6f7d28a8a398e543948be5a026af60c4dea482867a6eeb2525b35d1e1e1"),
        Poseidon.hashBytes(new byte[0]));
    assertEquals(
        h("22022f08c5fc8b22c44384acb681fb8f1dcfe46fe1160fe6e6f20d6f2294a38"),
        Poseidon.hashBytes(ascii("abc")));
    assertEquals(
        h("4baed76b3e0a978c5ffce2842726be8fb39e2b264e92936eb76c27802dca8d"),
        Poseidon.hashBytes(ascii("FROST-secp256k1-POSEIDON-v1chal")));
    assertEquals(
        h("5499f9a9d41634d53b6209031808e06a6be342970a48b3220d1e700f326ea6f"),
        Poseidon.hashBytes(ascii("x".repeat(62))));
    assertEquals(
        h("2e4c844458a8d9aa8e24e49459005d05b37e78da80f6d13ed67a2bfefcf832f"),
        Poseidon.hashBytes(ascii("x".repeat(63))));
  }

  // ---------------------------------------------------------------- encoding

  @Test
  void encodeBytesEdgeCases() {
    assertArrayEquals(felts(0), Poseidon.encodeBytes(new byte[0]));
    for (int n : new int[] {1, 30, 31, 32, 62, 63}) {
      byte[] b = new byte[n];
      for (int i = 0; i < n; i++) {
        b[i] = (byte) (0xA0 + i); // high bit set: slices must still be unsigned
      }
      BigInteger[] e = Poseidon.encodeBytes(b);
      assertEquals(1 + (n + 30) / 31, e.length, "felts for " + n + " bytes");
      assertEquals(BigInteger.valueOf(n), e[0]);
      for (int i = 1; i < e.length; i++) {
        int off = 31 * (i - 1);
        byte[] slice = Arrays.copyOfRange(b, off, Math.min(n, off + 31));
        assertEquals(new BigInteger(1, slice), e[i], "slice " + i + " of " + n);
      }
    }
    // explicit sizes: 30 -> 2, 31 -> 2, 32 -> 3, 62 -> 3, 63 -> 4
    assertEquals(2, Poseidon.encodeBytes(new byte[30]).length);
    assertEquals(2, Poseidon.encodeBytes(new byte[31]).length);
    assertEquals(3, Poseidon.encodeBytes(new byte[32]).length);
    assertEquals(3, Poseidon.encodeBytes(new byte[62]).length);
    assertEquals(4, Poseidon.encodeBytes(new byte[63]).length);
    // 32 bytes: the second slice is the single last byte
    byte[] b32 = new byte[32];
    b32[31] = (byte) 0xFF;
    b32[30] = 0x01;
    assertArrayEquals(
        new BigInteger[] {BigInteger.valueOf(32), BigInteger.ONE, BigInteger.valueOf(255)},
        Poseidon.encodeBytes(b32));
    assertArrayEquals(felts(3, 0x616263), Poseidon.encodeBytes(ascii("abc")));
  }

  @Test
  void hashBytesEqualsHashManyOfEncoding() {
    Random rnd = new Random(11);
    for (int n = 0; n < 130; n++) {
      byte[] b = new byte[n];
      rnd.nextBytes(b);
      assertEquals(Poseidon.hashMany(Poseidon.encodeBytes(b)), Poseidon.hashBytes(b), "n=" + n);
    }
    byte[] ff = new byte[93];
    Arrays.fill(ff, (byte) 0xFF);
    assertEquals(Poseidon.hashMany(Poseidon.encodeBytes(ff)), Poseidon.hashBytes(ff));
  }

  @Test
  void hashManyRejectsNonElements() {
    assertThrows(IllegalArgumentException.class, () -> Poseidon.hashMany(P));
    assertThrows(
        IllegalArgumentException.class,
        () -> Poseidon.hashMany(BigInteger.ONE, BigInteger.ONE.negate()));
    assertThrows(
        IllegalArgumentException.class, () -> Poseidon.hashMany(BigInteger.ONE.shiftLeft(256)));
    assertThrows(
        IllegalArgumentException.class,
        () -> Poseidon.permute(P, BigInteger.ZERO, BigInteger.ZERO));
    // p - 1 is fine
    assertEquals(
        Ref.hashMany(P.subtract(BigInteger.ONE)), Poseidon.hashMany(P.subtract(BigInteger.ONE)));
  }

  // ---------------------------------------------------------------- reference implementation

  @Test
  void roundConstantSpotChecks() throws Exception {
    // independent derivation: hex of SHA-256 over the ASCII string, reduced mod p
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (int k : new int[] {0, 1, 2, 3, 11, 12, 100, 137, 260, 272}) {
      String hex = HexFormat.of().formatHex(sha.digest(ascii("Hades" + k)));
      assertEquals(new BigInteger(hex, 16).mod(P), Poseidon.roundConstant(k), "k=" + k);
    }
    assertEquals(273, Poseidon.roundConstants().length);
    assertEquals(Ref.C[0], Poseidon.roundConstants()[0]);
  }

  @Test
  void fastPermutationMatchesReference() {
    Random rnd = new Random(12);
    BigInteger pm1 = P.subtract(BigInteger.ONE);
    BigInteger[][] edge = {
      {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO}, {pm1, pm1, pm1},
      {BigInteger.ONE, pm1, BigInteger.ZERO}, {pm1, BigInteger.ZERO, BigInteger.ONE}
    };
    for (BigInteger[] s : edge) {
      assertArrayEquals(Ref.permute(s.clone()), Poseidon.permute(s[0], s[1], s[2]));
    }
    for (int i = 0; i < 100; i++) {
      BigInteger a = rand(rnd), b = rand(rnd), c = rand(rnd);
      assertArrayEquals(Ref.permute(new BigInteger[] {a, b, c}), Poseidon.permute(a, b, c));
    }
  }

  @Test
  void fastHashManyMatchesReference() {
    Random rnd = new Random(13);
    for (int n = 0; n < 12; n++) {
      BigInteger[] in = new BigInteger[n];
      for (int i = 0; i < n; i++) {
        in[i] = rand(rnd);
      }
      assertEquals(Ref.hashMany(in), Poseidon.hashMany(in), "n=" + n);
    }
  }

  @Test
  void referenceMatchesKnownAnswers() {
    // guards the reference itself, so that agreement above means something
    assertEquals(
        h("5d44a3decb2b2e0cc71071f7b802f45dd792d064f0fc7316c46514f70f9891a"),
        Ref.permute(new BigInteger[] {BigInteger.ONE, BigInteger.TWO, BigInteger.TWO})[0]);
    assertEquals(
        h("2f0d8840bcf3bc629598d8a6cc80cb7c0d9e52d93dab244bbf9cd0dca0ad082"),
        Ref.hashMany(felts(1, 2, 3)));
  }

  private static BigInteger rand(Random rnd) {
    while (true) {
      BigInteger v = new BigInteger(252, rnd);
      if (v.compareTo(P) < 0) {
        return v;
      }
    }
  }

  /** Hades and PoseidonHashMany written directly from the spec with BigInteger. */
  static final class Ref {
    static final int ROUNDS = 91;
    static final BigInteger[] C = new BigInteger[3 * ROUNDS];

    static {
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (int k = 0; k < C.length; k++) {
          byte[] d = sha.digest(("Hades" + k).getBytes(StandardCharsets.US_ASCII));
          C[k] = new BigInteger(1, d).mod(P);
        }
      } catch (Exception e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    static BigInteger[] permute(BigInteger[] s) {
      for (int r = 0; r < ROUNDS; r++) {
        boolean full = r < 4 || r >= 4 + 83;
        for (int i = 0; i < 3; i++) {
          s[i] = s[i].add(C[3 * r + i]).mod(P);
        }
        for (int i = full ? 0 : 2; i < 3; i++) {
          s[i] = s[i].modPow(BigInteger.valueOf(3), P);
        }
        BigInteger a = s[0], b = s[1], c = s[2];
        s[0] = a.multiply(BigInteger.valueOf(3)).add(b).add(c).mod(P);
        s[1] = a.subtract(b).add(c).mod(P);
        s[2] = a.add(b).subtract(c.shiftLeft(1)).mod(P);
      }
      return s;
    }

    static BigInteger hashMany(BigInteger... in) {
      int len = in.length + 1;
      if (len % 2 == 1) {
        len++;
      }
      BigInteger[] padded = new BigInteger[len];
      Arrays.fill(padded, BigInteger.ZERO);
      System.arraycopy(in, 0, padded, 0, in.length);
      padded[in.length] = BigInteger.ONE;
      BigInteger[] s = {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO};
      for (int i = 0; i < len; i += 2) {
        s[0] = s[0].add(padded[i]).mod(P);
        s[1] = s[1].add(padded[i + 1]).mod(P);
        s = permute(s);
      }
      return s[0];
    }
  }
}
