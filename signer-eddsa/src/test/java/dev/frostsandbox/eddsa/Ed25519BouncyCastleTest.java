package dev.frostsandbox.eddsa;

import static dev.frostsandbox.eddsa.TestSupport.G;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.frost.Bytes;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;

/** Cross-checks against Bouncy Castle's independent RFC 8032 implementation. */
class Ed25519BouncyCastleTest {

  private static final BigInteger L = Ed25519Group.L;
  private final Random rnd = new Random(8032);

  /** RFC 8032 §5.1.5: clamped low half of SHA-512(seed), reduced mod L. */
  private static BigInteger secretScalar(byte[] h) {
    byte[] a = Arrays.copyOf(h, 32);
    a[0] &= (byte) 248;
    a[31] &= 127;
    a[31] |= 64;
    return Ed25519Group.fromLe(a).mod(L);
  }

  @Test
  void publicKeysMatch() {
    for (int i = 0; i < 200; i++) {
      byte[] seed = new byte[32];
      rnd.nextBytes(seed);
      byte[] pk = new byte[32];
      Ed25519.generatePublicKey(seed, 0, pk, 0);
      BigInteger a = secretScalar(Ed25519Sha512.sha512(seed));
      assertArrayEquals(pk, G.multiplyBase(a).encode());
      assertArrayEquals(pk, G.multiply(G.generator(), a).encode());
    }
  }

  @Test
  void ownSignaturesVerifyAndMatchDeterministicOnes() {
    for (int i = 0; i < 100; i++) {
      byte[] seed = new byte[32];
      rnd.nextBytes(seed);
      byte[] msg = new byte[rnd.nextInt(100)];
      rnd.nextBytes(msg);
      byte[] h = Ed25519Sha512.sha512(seed);
      BigInteger a = secretScalar(h);
      byte[] pk = G.multiplyBase(a).encode();

      // RFC 8032 deterministic nonce, so the result must equal Bouncy Castle's signature
      BigInteger r =
          Ed25519Sha512.toScalar(Ed25519Sha512.sha512(Arrays.copyOfRange(h, 32, 64), msg));
      byte[] rEnc = G.serializeElement(G.multiplyBase(r));
      BigInteger k = Ed25519Sha512.INSTANCE.h2(Bytes.concat(rEnc, pk, msg));
      BigInteger s = r.add(k.multiply(a)).mod(L);
      byte[] sig = Bytes.concat(rEnc, G.serializeScalar(s));

      assertTrue(Ed25519.verify(sig, 0, pk, 0, msg, 0, msg.length));
      byte[] bcSig = new byte[64];
      Ed25519.sign(seed, 0, msg, 0, msg.length, bcSig, 0);
      assertArrayEquals(bcSig, sig);

      byte[] bad = sig.clone();
      bad[40] ^= 1;
      assertFalse(Ed25519.verify(bad, 0, pk, 0, msg, 0, msg.length));
    }
  }

  @Test
  void randomNonceSignaturesVerify() {
    for (int i = 0; i < 50; i++) {
      BigInteger a = new BigInteger(300, rnd).mod(L);
      BigInteger r = new BigInteger(300, rnd).mod(L);
      byte[] msg = ("message " + i).getBytes(StandardCharsets.UTF_8);
      byte[] pk = G.multiplyBase(a).encode();
      byte[] rEnc = G.multiplyBase(r).encode();
      BigInteger k = Ed25519Sha512.INSTANCE.h2(Bytes.concat(rEnc, pk, msg));
      byte[] sig = Bytes.concat(rEnc, G.serializeScalar(r.add(k.multiply(a)).mod(L)));
      assertTrue(Ed25519.verify(sig, 0, pk, 0, msg, 0, msg.length));
      // and our own verification equation s*B - k*A == R
      Ed25519Point lhs =
          G.multiplyAll(
              java.util.List.of(G.generator(), G.multiplyBase(a)),
              java.util.List.of(r.add(k.multiply(a)).mod(L), k.negate()));
      assertArrayEquals(rEnc, lhs.encode());
    }
  }
}
