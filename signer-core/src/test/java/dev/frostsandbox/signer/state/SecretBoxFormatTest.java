package dev.frostsandbox.signer.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes of every {@link SecretBox} format (plain, sealed v0 as written before key ids,
 * sealed v1 with a key id) and key rotation: the current key seals, old keys still open, a value
 * not sealed by the current key says so (stale), key id collisions are handled.
 */
class SecretBoxFormatTest {

  private static final byte[] PLAINTEXT = "golden plaintext".getBytes(StandardCharsets.UTF_8);
  private static final String BINDING = "frost-eddsa|default|golden-key|key|";

  /** Key K: bytes 00..1f. */
  private static final byte[] K = key(0);

  /** Another key: bytes 40..5f. */
  private static final byte[] K2 = key(0x40);

  /** {@code 00 | plaintext}: no storage key. */
  private static final String PLAIN = "00676f6c64656e20706c61696e74657874";

  /**
   * Sealed v0 under K with nonce a0..ab, written by the SecretBox of commit b1e5408 (before key
   * ids): {@code 01 | nonce | AES-GCM(K, nonce, aad = binding)}.
   */
  private static final String SEALED_V0 =
      "01a0a1a2a3a4a5a6a7a8a9aaab8177104920a522cf0e04eebd731fb8aa11650852373b5dde91a34ac25a03e10b";

  /**
   * Sealed v1 under K with nonce a0..ab: {@code 02 | key id | nonce | AES-GCM(K, nonce, aad = 02 |
   * key id | binding)}.
   */
  private static final String SEALED_V1 =
      "0261a0a1a2a3a4a5a6a7a8a9aaab8177104920a522cf0e04eebd731fb8aaa1fac805be7ae22c7800276b3482cf12";

  private static byte[] key(int first) {
    byte[] k = new byte[32];
    for (int i = 0; i < 32; i++) {
      k[i] = (byte) (first + i);
    }
    return k;
  }

  /** Nonces a0, a1, ...: fixed, so sealing is deterministic. */
  private static SecureRandom fixedRandom() {
    return new SecureRandom() {
      @Override
      public void nextBytes(byte[] b) {
        for (int i = 0; i < b.length; i++) {
          b[i] = (byte) (0xa0 + i);
        }
      }
    };
  }

  private static byte[] hex(String h) {
    return HexFormat.of().parseHex(h);
  }

  @Test
  void plainFormatIsPinned() throws Exception {
    SecretBox box = new SecretBox(null);
    assertEquals(PLAIN, HexFormat.of().formatHex(box.seal(PLAINTEXT, BINDING)));
    assertArrayEquals(PLAINTEXT, box.open(hex(PLAIN), BINDING));
    // with a key, a value in the clear is refused
    assertThrows(StateCorruptException.class, () -> new SecretBox(K).open(hex(PLAIN), BINDING));
  }

  @Test
  void sealedV0FromBeforeKeyIdsStillOpensAndIsStale() throws Exception {
    SecretBox.Opened o = new SecretBox(K).openStale(hex(SEALED_V0), BINDING);
    assertArrayEquals(PLAINTEXT, o.plaintext());
    assertTrue(o.stale(), "a v0 value is sealed again in the current format");
    // after a rotation, K is an old key: the v0 value still opens
    SecretBox.Opened rotated = new SecretBox(K2, List.of(K)).openStale(hex(SEALED_V0), BINDING);
    assertArrayEquals(PLAINTEXT, rotated.plaintext());
    assertTrue(rotated.stale());
    // without K it does not, and another binding does not either
    assertThrows(
        StateCorruptException.class, () -> new SecretBox(K2).open(hex(SEALED_V0), BINDING));
    assertThrows(
        StateCorruptException.class, () -> new SecretBox(K).open(hex(SEALED_V0), BINDING + "x"));
  }

  @Test
  void sealedV1IsPinnedAndCarriesTheKeyId() throws Exception {
    byte[] sealed = new SecretBox(K, List.of(), fixedRandom()).seal(PLAINTEXT, BINDING);
    assertEquals(SEALED_V1, HexFormat.of().formatHex(sealed));
    assertEquals(SecretBox.keyId(K), sealed[1]);
    // the documented layout, opened with the JDK alone
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(
        Cipher.DECRYPT_MODE, new SecretKeySpec(K, "AES"), new GCMParameterSpec(128, sealed, 2, 12));
    c.updateAAD(new byte[] {2, sealed[1]});
    c.updateAAD(BINDING.getBytes(StandardCharsets.UTF_8));
    assertArrayEquals(PLAINTEXT, c.doFinal(sealed, 14, sealed.length - 14));
    // the key id is the first byte of SHA-256(label | key)
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    md.update("frost-sandbox storage key id".getBytes(StandardCharsets.US_ASCII));
    assertEquals(md.digest(K)[0], SecretBox.keyId(K));

    SecretBox.Opened o = new SecretBox(K).openStale(hex(SEALED_V1), BINDING);
    assertArrayEquals(PLAINTEXT, o.plaintext());
    assertFalse(o.stale());
  }

  @Test
  void rotationNewKeySealsOldKeysOpenUnknownKeysAreNamed() throws Exception {
    SecretBox rotated = new SecretBox(K2, List.of(K));
    byte[] fresh = rotated.seal(PLAINTEXT, BINDING);
    assertEquals(SecretBox.keyId(K2), fresh[1]);
    assertFalse(rotated.openStale(fresh, BINDING).stale());
    SecretBox.Opened old = rotated.openStale(hex(SEALED_V1), BINDING);
    assertArrayEquals(PLAINTEXT, old.plaintext());
    assertTrue(old.stale(), "sealed with an old key: to be sealed again");

    StateCorruptException e =
        assertThrows(
            StateCorruptException.class, () -> new SecretBox(K2).open(hex(SEALED_V1), BINDING));
    assertTrue(e.getMessage().contains("not configured"), e.getMessage());
    // the key id and the format byte are authenticated
    byte[] flipped = hex(SEALED_V1);
    flipped[0] = 1;
    assertThrows(StateCorruptException.class, () -> new SecretBox(K).open(flipped, BINDING));
    assertThrows(IllegalArgumentException.class, () -> new SecretBox(null, List.of(K)));
  }

  @Test
  void keysSharingAnIdAreEachTried() throws Exception {
    // two keys whose ids collide (one in 256 pairs: found by counting)
    Map<Byte, byte[]> seen = new HashMap<>();
    byte[] a = null;
    byte[] b = null;
    for (int i = 0; a == null; i++) {
      byte[] k = Arrays.copyOf(new byte[] {(byte) i, (byte) (i >> 8)}, 32);
      byte[] other = seen.putIfAbsent(SecretBox.keyId(k), k);
      if (other != null) {
        a = other;
        b = k;
      }
    }
    assertEquals(SecretBox.keyId(a), SecretBox.keyId(b));
    assertNotEquals(HexFormat.of().formatHex(a), HexFormat.of().formatHex(b));
    byte[] byOld = new SecretBox(b).seal(PLAINTEXT, BINDING);
    byte[] byCurrent = new SecretBox(a).seal(PLAINTEXT, BINDING);
    SecretBox box = new SecretBox(a, List.of(b));
    SecretBox.Opened o1 = box.openStale(byOld, BINDING);
    assertArrayEquals(PLAINTEXT, o1.plaintext());
    assertTrue(o1.stale());
    SecretBox.Opened o2 = box.openStale(byCurrent, BINDING);
    assertArrayEquals(PLAINTEXT, o2.plaintext());
    assertFalse(o2.stale());
  }
}
