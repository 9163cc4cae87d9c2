package dev.frostsandbox.junit.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.frost.Signature;
import java.nio.charset.StandardCharsets;

/**
 * What a client test does with the project's FrostClient: a DKG with the server, then a signature.
 */
final class Flows {
  private Flows() {}

  /**
   * A 2-of-2 DKG under {@code keyid} and a one-round signature that verifies under the group key.
   */
  static <E> void dkgAndSign(FrostClient<E> client, SignerHttp http, String keyid) {
    FrostClient.Keys<E> keys = client.dkg(http, keyid);
    byte[] message = ("signed through the extension: " + keyid).getBytes(StandardCharsets.UTF_8);
    Signature<E> signature = client.signOneRound(http, keys, message, client.defaultSigners(keys));
    assertTrue(
        client.frost().signing().verify(message, signature, keys.publicKeyPackage().verifyingKey()),
        "the aggregate signature verifies under the group key");
    assertEquals(200, http.get(client.prefix() + "/keys/" + keyid).status());
  }
}
