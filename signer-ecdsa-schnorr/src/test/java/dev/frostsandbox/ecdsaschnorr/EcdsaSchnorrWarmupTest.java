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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
    assertFalse(Warmup.enabled(Map.of("SIGNER_WARMUP", " ")));
    assertTrue(Warmup.enabled(Map.of("SIGNER_WARMUP", "true")));
    assertFalse(Warmup.enabled(Map.of("SIGNER_WARMUP", "false")));
    // the words every boolean SIGNER_* variable accepts
    assertTrue(Warmup.enabled(Map.of("SIGNER_WARMUP", "Yes")));
    assertTrue(Warmup.enabled(Map.of("SIGNER_WARMUP", "1")));
    assertFalse(Warmup.enabled(Map.of("SIGNER_WARMUP", "off")));
    assertThrows(
        IllegalArgumentException.class, () -> Warmup.enabled(Map.of("SIGNER_WARMUP", "maybe")));
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
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger rounds = new AtomicInteger();
      CountDownLatch running = new CountDownLatch(1);
      // warm-up rounds until told to stop: it surely runs during every request below (a fixed
      // number of rounds could finish before the first answer once the JIT is warm)
      Thread warm =
          new Thread(
              () -> {
                try {
                  while (!stop.get()) {
                    Warmup.run(EcdsaSchnorrService.DEFINITION.suites(), 1);
                    rounds.incrementAndGet();
                    running.countDown();
                  }
                } catch (RuntimeException e) {
                  failed.set(e);
                  running.countDown();
                }
              });
      warm.start();
      assertTrue(running.await(2, TimeUnit.MINUTES), "no warm-up round within 120 s");
      SignerHttp http = signer.http();
      int keys = 0;
      for (SuiteBinding<?> suite : EcdsaSchnorrService.DEFINITION.suites()) {
        keys++;
        assertTrue(warm.isAlive(), "the warm-up stopped before the requests: " + failed.get());
        assertTrue(session(http, suite, "warm-" + keys));
        assertTrue(warm.isAlive(), "the warm-up stopped during the requests: " + failed.get());
      }
      stop.set(true);
      warm.join(Duration.ofMinutes(3).toMillis());
      assertFalse(warm.isAlive(), "the warm-up did not stop within 180 s");
      assertEquals(null, failed.get());
      assertTrue(rounds.get() > 0);
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
