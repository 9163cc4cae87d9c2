package dev.frostsandbox.signer.service;

import dev.frostsandbox.signer.http.Call;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Where the random values the protocol draws come from: DKG polynomial coefficients and proof
 * nonces, signing-nonce randomness. Normally the shared {@link SecureRandom}; with
 * SIGNER_DETERMINISTIC_SEED a keyed derivation (HMAC-SHA256) of the seed, the service, the tenant,
 * the keyid, the operation and the request's own inputs, so the same requests give byte-identical
 * answers on any instance and after restarts. Deterministic keys are test keys: anyone with the
 * seed derives their shares.
 */
public abstract class ProtocolRandom {

  /** The randomness of one operation; {@code inputs} are what the request asks for, encoded. */
  public abstract SecureRandom of(Call call, String operation, byte[]... inputs);

  public abstract boolean deterministic();

  public static ProtocolRandom secure(SecureRandom random) {
    return new ProtocolRandom() {
      @Override
      public SecureRandom of(Call call, String operation, byte[]... inputs) {
        return random;
      }

      @Override
      public boolean deterministic() {
        return false;
      }
    };
  }

  public static ProtocolRandom derived(String seed, String service) {
    byte[] key =
        sha256(("frost-sandbox deterministic v1\0" + seed).getBytes(StandardCharsets.UTF_8));
    return new ProtocolRandom() {
      @Override
      public SecureRandom of(Call call, String operation, byte[]... inputs) {
        Mac mac = hmac(key);
        // every field length-prefixed: ("ab", "c") and ("a", "bc") derive different streams
        field(mac, service.getBytes(StandardCharsets.UTF_8));
        field(mac, call.tenant().getBytes(StandardCharsets.UTF_8));
        field(mac, call.keyid().getBytes(StandardCharsets.UTF_8));
        field(mac, operation.getBytes(StandardCharsets.UTF_8));
        for (byte[] input : inputs) {
          field(mac, input);
        }
        return new Derived(mac.doFinal());
      }

      @Override
      public boolean deterministic() {
        return true;
      }
    };
  }

  private static void field(Mac mac, byte[] value) {
    int n = value.length;
    mac.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
    mac.update(value);
  }

  private static Mac hmac(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** HMAC-SHA256(key, counter) blocks, in order: one stream per operation, never reseeded. */
  private static final class Derived extends SecureRandom {
    private static final long serialVersionUID = 1L;

    Derived(byte[] key) {
      super(new Stream(key), null);
    }
  }

  private static final class Stream extends SecureRandomSpi {
    private static final long serialVersionUID = 1L;
    private final transient Mac mac;
    private long counter;

    Stream(byte[] key) {
      this.mac = hmac(key);
    }

    @Override
    protected void engineSetSeed(byte[] seed) {
      // the stream is a function of the derivation alone: a caller's seed must not change it
    }

    @Override
    protected synchronized void engineNextBytes(byte[] bytes) {
      int off = 0;
      while (off < bytes.length) {
        long c = counter++;
        mac.update(
            new byte[] {
              (byte) (c >>> 56),
              (byte) (c >>> 48),
              (byte) (c >>> 40),
              (byte) (c >>> 32),
              (byte) (c >>> 24),
              (byte) (c >>> 16),
              (byte) (c >>> 8),
              (byte) c
            });
        byte[] block = mac.doFinal();
        int n = Math.min(block.length, bytes.length - off);
        System.arraycopy(block, 0, bytes, off, n);
        off += n;
      }
    }

    @Override
    protected byte[] engineGenerateSeed(int numBytes) {
      byte[] b = new byte[numBytes];
      engineNextBytes(b);
      return b;
    }
  }
}
