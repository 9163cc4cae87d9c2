package dev.frostsandbox.sandbox;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.frost.Signature;
import dev.frostsandbox.signer.ServiceDefinition;
import dev.frostsandbox.signer.SuiteBinding;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.UUID;

/** The protocol runs the process tests make through a service, with FrostClient. */
final class Flows {
  private Flows() {}

  static String newKeyId() {
    return "sbx-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  /** DKG 2-of-2, then a one-round and a two-round signature, each verified; returns the keys. */
  static <E> FrostClient.Keys<E> dkgAndSign(
      SignerHttp http, ServiceDefinition service, SuiteBinding<E> suite, String keyid) {
    FrostClient<E> client = new FrostClient<>(suite.frost(), service.prefix(), new SecureRandom());
    FrostClient.Keys<E> keys = client.dkg(http, keyid);
    sign(http, service, suite, keys);
    return keys;
  }

  static <E> void sign(
      SignerHttp http, ServiceDefinition service, SuiteBinding<E> suite, FrostClient.Keys<E> keys) {
    FrostClient<E> client = new FrostClient<>(suite.frost(), service.prefix(), new SecureRandom());
    byte[] message = ("sandbox " + keys.keyid()).getBytes(StandardCharsets.UTF_8);
    Signature<E> one = client.signOneRound(http, keys, message, client.defaultSigners(keys));
    assertTrue(
        client.verify(keys, message, one), suite.ciphersuite() + " one-round signature verifies");
    Signature<E> two = client.signTwoRounds(http, http, keys, message, client.defaultSigners(keys));
    assertTrue(
        client.verify(keys, message, two), suite.ciphersuite() + " two-round signature verifies");
  }
}
