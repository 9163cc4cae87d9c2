package dev.frostsandbox.signer.state;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals stored state with AES-256-GCM under {@code SIGNER_STORAGE_KEY}, binding each value to
 * where it belongs (service, tenant, keyid, record kind) as associated data: a value copied to
 * another key, or altered, fails to open. Without a key, values are stored in the clear (the
 * sandbox warns at start; the production overlay requires a key).
 */
public final class SecretBox {

  private static final byte PLAIN = 0;
  private static final byte SEALED = 1;
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  public SecretBox(byte[] storageKey) {
    this.key = storageKey == null ? null : new SecretKeySpec(storageKey.clone(), "AES");
  }

  public boolean encrypting() {
    return key != null;
  }

  public byte[] seal(byte[] plaintext, String binding) {
    if (key == null) {
      byte[] out = new byte[plaintext.length + 1];
      out[0] = PLAIN;
      System.arraycopy(plaintext, 0, out, 1, plaintext.length);
      return out;
    }
    try {
      byte[] nonce = new byte[NONCE];
      random.nextBytes(nonce);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(binding.getBytes(StandardCharsets.UTF_8));
      byte[] ct = c.doFinal(plaintext);
      byte[] out = new byte[1 + NONCE + ct.length];
      out[0] = SEALED;
      System.arraycopy(nonce, 0, out, 1, NONCE);
      System.arraycopy(ct, 0, out, 1 + NONCE, ct.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /** Opens a sealed value; tampered, swapped, or (with a key) unsealed values are rejected. */
  public byte[] open(byte[] stored, String binding) throws StateCorruptException {
    if (stored == null || stored.length == 0) {
      throw new StateCorruptException("empty stored value");
    }
    if (key == null) {
      if (stored[0] != PLAIN) {
        throw new StateCorruptException("stored value is encrypted but no storage key is configured");
      }
      return java.util.Arrays.copyOfRange(stored, 1, stored.length);
    }
    if (stored[0] != SEALED || stored.length < 1 + NONCE + TAG_BITS / 8) {
      throw new StateCorruptException("stored value is not sealed with the storage key");
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 1, NONCE));
      c.updateAAD(binding.getBytes(StandardCharsets.UTF_8));
      return c.doFinal(stored, 1 + NONCE, stored.length - 1 - NONCE);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new StateCorruptException("stored value failed authentication");
    } catch (GeneralSecurityException e) {
      throw new StateCorruptException("stored value cannot be opened");
    }
  }
}
