package dev.frostsandbox.ecdsaschnorr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.frost.Signature;
import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.signer.ops.Warmup;
import dev.frostsandbox.store.MemoryStore;
import dev.frostsandbox.testing.TestSigner;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The start-up warm-up (SIGNER_WARMUP) of every suite of signer-ecdsa-schnorr: it completes (the
 * Taproot tweak path included), writes nothing to the store, and the service answers correctly
 * while it runs.
 */
class EcdsaSchnorrWarmupTest {

  @Test
  void theVariableIsTrueOrFalseAndOffByDefault() {
    assertFalse(Warmup.enabled(Map.of()));
    assertTrue(Warmup.enabled(Map.of("SIGNER_WARMUP", "true")));
    assertFalse(Warmup.enabled(Map.of("SIGNER_WARMUP", "false")));
    assertThrows(
        IllegalArgumentException.class, () -> Warmup.enabled(Map.of("SIGNER_WARMUP", "yes")));
  }

  @Test
  void warmUpLeavesTheStoreEmpty() throws Exception {
    try (TestSigner signer = TestSigner.memory(EcdsaSchnorrService.DEFINITION)) {
      MemoryStore store = (MemoryStore) signer.server().store();
      int before = store.size();
      Thread warm = Warmup.start("test", EcdsaSchnorrService.DEFINITION.suites());
      warm.join(Duration.ofMinutes(2).toMillis());
      assertFalse(warm.isAlive(), "the warm-up did not finish within 120 s");
      assertEquals(before, store.size(), "the warm-up wrote to the store");
    }
  }

  @Test
  void theServiceAnswersWhileItWarmsUp() throws Exception {
    try (TestSigner signer = TestSigner.memory(EcdsaSchnorrService.DEFINITION)) {
      AtomicReference<Throwable> failed = new AtomicReference<>();
      // more rounds than the default, so the warm-up surely overlaps the requests below
      Thread warm =
          new Thread(
              () -> {
                try {
                  Warmup.run(EcdsaSchnorrService.DEFINITION.suites(), 40);
                } catch (RuntimeException e) {
                  failed.set(e);
                }
              });
      warm.start();
      SignerHttp http = signer.http();
      boolean overlapped = false;
      int keys = 0;
      for (SuiteBinding<?> suite : EcdsaSchnorrService.DEFINITION.suites()) {
        keys++;
        overlapped |= session(http, suite, "warm-" + keys) && warm.isAlive();
      }
      warm.join(Duration.ofMinutes(3).toMillis());
      assertFalse(warm.isAlive(), "the warm-up did not finish within 180 s");
      assertEquals(null, failed.get());
      assertTrue(overlapped, "no request was answered while the warm-up ran");
      for (int i = 1; i <= keys; i++) {
        http.get(EcdsaSchnorrService.DEFINITION.prefix() + "/keys/warm-" + i).expect(200);
      }
    }
  }

  /** A DKG and a one- and a two-round signature, each verified; true when all verified. */
  private static <E> boolean session(SignerHttp http, SuiteBinding<E> suite, String keyid) {
    FrostClient<E> client =
        new FrostClient<>(
            suite.frost(), EcdsaSchnorrService.DEFINITION.prefix(), new SecureRandom());
    FrostClient.Keys<E> keys = client.dkg(http, keyid);
    byte[] message = "while warming up".getBytes(StandardCharsets.UTF_8);
    Signature<E> one = client.signOneRound(http, keys, message, client.defaultSigners(keys));
    Signature<E> two = client.signTwoRounds(http, http, keys, message, client.defaultSigners(keys));
    assertTrue(client.verify(keys, message, one));
    assertTrue(client.verify(keys, message, two));
    return true;
  }
}
