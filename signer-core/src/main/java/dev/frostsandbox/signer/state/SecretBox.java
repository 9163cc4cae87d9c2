package dev.frostsandbox.signer.state;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals stored state with AES-256-GCM under {@code SIGNER_STORAGE_KEY}, binding each value to where
 * it belongs (service, tenant, keyid, record kind) as associated data: a value copied to another
 * key, or altered, fails to open. Without a key, values are stored in the clear (the sandbox warns
 * at start; the production overlay requires a key).
 *
 * <p>Stored formats (byte 0 tells which; all stay readable):
 *
 * <ul>
 *   <li>{@code 00 | plaintext}: no storage key configured.
 *   <li>{@code 01 | nonce(12) | ciphertext+tag}: sealed v0, written before key rotation existed;
 *       associated data = the binding. Opened by trying the current key, then each old key.
 *   <li>{@code 02 | key id | nonce(12) | ciphertext+tag}: sealed v1, what {@link #seal} writes;
 *       associated data = {@code 02 | key id | binding}. The key id is the first byte of
 *       SHA-256({@value #KEY_ID_LABEL} | key): it picks the key to try, and as two keys can share
 *       an id, every configured key with that id is tried (the current key first).
 * </ul>
 *
 * Rotation: a new {@code SIGNER_STORAGE_KEY} seals, the previous ones in {@code
 * SIGNER_STORAGE_OLD_KEYS} still open; {@link Opened#stale()} says a value should be sealed again
 * under the current key (see {@link StateRepository#findKey}).
 */
public final class SecretBox {

  private static final byte PLAIN = 0;
  private static final byte SEALED_V0 = 1;
  private static final byte SEALED_V1 = 2;
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;
  static final String KEY_ID_LABEL = "frost-sandbox storage key id";

  /** A configured key and its id. */
  private record Key(SecretKeySpec spec, byte id) {}

  /**
   * An opened value: its plaintext, and whether it was not sealed by the current key in the current
   * format.
   */
  @SuppressWarnings(
      "ArrayRecordComponent") // plaintext is secret: never compared by equals or printed
  public record Opened(byte[] plaintext, boolean stale) {}

  private final Key current;

  /** The current key first, then the old keys, without repeats. */
  private final List<Key> keys;

  private final SecureRandom random;

  public SecretBox(byte[] storageKey) {
    this(storageKey, List.of());
  }

  /** {@code oldKeys}: keys that still open values but never seal; requires a current key. */
  public SecretBox(byte[] storageKey, List<byte[]> oldKeys) {
    this(storageKey, oldKeys, new SecureRandom());
  }

  /** For tests: a fixed {@code random} gives fixed nonces, hence golden bytes. */
  SecretBox(byte[] storageKey, List<byte[]> oldKeys, SecureRandom random) {
    this.random = random;
    if (storageKey == null) {
      if (!oldKeys.isEmpty()) {
        throw new IllegalArgumentException("old storage keys need a current storage key");
      }
      this.current = null;
      this.keys = List.of();
      return;
    }
    this.current = key(storageKey);
    List<Key> all = new ArrayList<>();
    all.add(current);
    List<byte[]> seen = new ArrayList<>();
    seen.add(storageKey);
    for (byte[] k : oldKeys) {
      if (seen.stream().noneMatch(s -> MessageDigest.isEqual(s, k))) {
        seen.add(k);
        all.add(key(k));
      }
    }
    this.keys = List.copyOf(all);
  }

  private static Key key(byte[] k) {
    if (k.length != 32) {
      throw new IllegalArgumentException("a storage key is 32 bytes");
    }
    return new Key(new SecretKeySpec(k.clone(), "AES"), keyId(k));
  }

  /** The id written in front of values sealed with {@code key}. */
  public static byte keyId(byte[] key) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(KEY_ID_LABEL.getBytes(StandardCharsets.US_ASCII));
      return md.digest(key)[0];
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public boolean encrypting() {
    return current != null;
  }

  public byte[] seal(byte[] plaintext, String binding) {
    if (current == null) {
      byte[] out = new byte[plaintext.length + 1];
      out[0] = PLAIN;
      System.arraycopy(plaintext, 0, out, 1, plaintext.length);
      return out;
    }
    try {
      byte[] nonce = new byte[NONCE];
      random.nextBytes(nonce);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, current.spec(), new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(new byte[] {SEALED_V1, current.id()});
      c.updateAAD(binding.getBytes(StandardCharsets.UTF_8));
      byte[] ct = c.doFinal(plaintext);
      byte[] out = new byte[2 + NONCE + ct.length];
      out[0] = SEALED_V1;
      out[1] = current.id();
      System.arraycopy(nonce, 0, out, 2, NONCE);
      System.arraycopy(ct, 0, out, 2 + NONCE, ct.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /** Opens a sealed value; tampered, swapped, or (with a key) unsealed values are rejected. */
  public byte[] open(byte[] stored, String binding) throws StateCorruptException {
    return openStale(stored, binding).plaintext();
  }

  /** Like {@link #open}, and says whether the value should be sealed again with the current key. */
  public Opened openStale(byte[] stored, String binding) throws StateCorruptException {
    if (stored == null || stored.length == 0) {
      throw new StateCorruptException("empty stored value");
    }
    if (current == null) {
      if (stored[0] != PLAIN) {
        throw new StateCorruptException(
            "stored value is encrypted but no storage key is configured");
      }
      return new Opened(Arrays.copyOfRange(stored, 1, stored.length), false);
    }
    byte[] aad = binding.getBytes(StandardCharsets.UTF_8);
    if (stored[0] == SEALED_V0 && stored.length >= 1 + NONCE + TAG_BITS / 8) {
      // no key id: the key that sealed it is one of the configured ones, try each
      for (Key k : keys) {
        byte[] p = decrypt(k, stored, 1, null, aad);
        if (p != null) {
          return new Opened(p, true);
        }
      }
      throw new StateCorruptException("stored value failed authentication");
    }
    if (stored[0] == SEALED_V1 && stored.length >= 2 + NONCE + TAG_BITS / 8) {
      boolean known = false;
      for (Key k : keys) {
        if (k.id() != stored[1]) {
          continue;
        }
        known = true;
        byte[] p = decrypt(k, stored, 2, new byte[] {SEALED_V1, stored[1]}, aad);
        if (p != null) {
          return new Opened(p, !k.equals(current));
        }
      }
      throw new StateCorruptException(
          known
              ? "stored value failed authentication"
              : "stored value is sealed with a storage key that is not configured (key id "
                  + String.format("%02x", stored[1] & 0xff)
                  + ")");
    }
    throw new StateCorruptException("stored value is not sealed with the storage key");
  }

  /** The plaintext, or null when this key does not authenticate the value. */
  private static byte[] decrypt(Key k, byte[] stored, int nonceAt, byte[] header, byte[] aad)
      throws StateCorruptException {
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, k.spec(), new GCMParameterSpec(TAG_BITS, stored, nonceAt, NONCE));
      if (header != null) {
        c.updateAAD(header);
      }
      c.updateAAD(aad);
      int at = nonceAt + NONCE;
      return c.doFinal(stored, at, stored.length - at);
    } catch (javax.crypto.AEADBadTagException e) {
      return null;
    } catch (GeneralSecurityException e) {
      throw new StateCorruptException("stored value cannot be opened");
    }
  }
}
