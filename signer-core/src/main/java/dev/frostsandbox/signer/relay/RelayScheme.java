package dev.frostsandbox.signer.relay;

import dev.frostsandbox.frost.Frost;
import dev.frostsandbox.frost.InvalidEncodingException;
import dev.frostsandbox.frost.Signature;
import java.nio.charset.StandardCharsets;

/**
 * How the keys of one ciphersuite are relayed: the account a group key controls, the bytes a client
 * signs for a payload, and the check of that signature. A suite offers the relay by carrying a
 * scheme in its {@link dev.frostsandbox.signer.SuiteBinding}; a new suite (Taproot, say) brings its
 * own scheme there and the relay does not change.
 */
public interface RelayScheme<E> {

  /** Domain separation of relay messages from anything else the key signs. */
  String DOMAIN = "frost-sandbox-relay-v1";

  /** The 20-byte address of the account controlled by a group verifying key. */
  byte[] account(Frost<E> frost, E verifyingKey);

  /**
   * The message the client signs for {@code payload}: {@code "frost-sandbox-relay-v1" ||
   * uint16_be(len(keyid)) || keyid (ASCII) || payload} (docs/api.md, "Relay").
   */
  default byte[] message(String keyid, byte[] payload) {
    return defaultMessage(keyid, payload);
  }

  /**
   * Whether {@code signature} (the suite's serialization) is valid for {@code message} under the
   * key.
   */
  default boolean verify(Frost<E> frost, byte[] message, byte[] signature, E verifyingKey) {
    Signature<E> s;
    try {
      s = frost.suite().deserializeSignature(signature);
    } catch (InvalidEncodingException e) {
      return false;
    }
    return frost.signing().verify(message, s, verifyingKey);
  }

  static byte[] defaultMessage(String keyid, byte[] payload) {
    byte[] domain = DOMAIN.getBytes(StandardCharsets.US_ASCII);
    byte[] id = keyid.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[domain.length + 2 + id.length + payload.length];
    System.arraycopy(domain, 0, out, 0, domain.length);
    out[domain.length] = (byte) (id.length >>> 8);
    out[domain.length + 1] = (byte) id.length;
    System.arraycopy(id, 0, out, domain.length + 2, id.length);
    System.arraycopy(payload, 0, out, domain.length + 2 + id.length, payload.length);
    return out;
  }
}
