package dev.frostsandbox.eddsa.reliability;

import static dev.frostsandbox.testing.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.client.HttpAnswer;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.eddsa.Ed25519Point;
import dev.frostsandbox.eddsa.EddsaService;
import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.problem.ProblemType;
import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.testing.Problems;
import dev.frostsandbox.testing.RedisHarness;
import dev.frostsandbox.testing.TestSigner;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A Redis the test owns (AOF on) stops, or hangs, while clients keep sending: every answer comes
 * within SIGNER_REDIS_TIMEOUT_MS plus a margin and is a success or 500 redis-error, readiness turns
 * 503, and when Redis is back the same service recovers by itself with every key intact.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisOutageTest {

  private static final String P = EddsaService.DEFINITION.prefix();
  private static final long REDIS_TIMEOUT_MS = 500;
  private static final long MARGIN_MS = 1500;

  @SuppressWarnings("unchecked")
  private static final SuiteBinding<Ed25519Point> SUITE =
      (SuiteBinding<Ed25519Point>) EddsaService.DEFINITION.suites().get(0);

  private final FrostClient<Ed25519Point> client = new FrostClient<>(SUITE.frost(), P, new SecureRandom());
  private RedisHarness redis;
  private TestSigner signer;
  private SignerHttp http;
  private final List<FrostClient.Keys<Ed25519Point>> keys = new ArrayList<>();

  @BeforeAll
  void start() {
    redis = RedisHarness.owned();
    signer = TestSigner.start(EddsaService.DEFINITION, Map.of(
        "SIGNER_REDIS_URL", redis.url(),
        "SIGNER_REDIS_TIMEOUT_MS", Long.toString(REDIS_TIMEOUT_MS)));
    http = signer.http();
    for (int i = 0; i < 3; i++) {
      keys.add(client.dkg(http, "outage-" + i));
    }
  }

  @AfterAll
  void stop() {
    signer.close();
    redis.close();
  }

  private record Answer(int status, String slug, long millis) {}

  /** Clients hammering key reads and signing round 1 until stopped. */
  private final class Load implements AutoCloseable {
    final AtomicBoolean running = new AtomicBoolean(true);
    final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    final List<Thread> threads = new ArrayList<>();

    Load(int n) {
      for (int t = 0; t < n; t++) {
        int id = t;
        Thread th = new Thread(() -> {
          int i = 0;
          while (running.get()) {
            String keyid = keys.get(i++ % keys.size()).keyid();
            long t0 = System.nanoTime();
            HttpAnswer a = id % 2 == 0
                ? http.get(P + "/keys/" + keyid)
                : http.post(P + "/sign/round1/" + keyid, (ObjectNode) null);
            String slug = a.status() < 300 ? "ok"
                : Problems.entryOf(a.status(), a.header("Content-Type"), a.json()).map(ProblemType::slug).orElse(a.body());
            answers.add(new Answer(a.status(), slug, (System.nanoTime() - t0) / 1_000_000));
          }
        }, "load-" + t);
        th.start();
        threads.add(th);
      }
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      for (Thread t : threads) {
        t.join(10_000);
      }
    }

    void check() {
      long failures = 0;
      for (Answer a : answers) {
        assertTrue(a.millis() <= REDIS_TIMEOUT_MS + MARGIN_MS, "answered after " + a.millis() + " ms: " + a);
        assertTrue(a.slug().equals("ok") || a.status() == 500 && a.slug().equals("redis-error"), a.toString());
        failures += a.status() == 500 ? 1 : 0;
      }
      assertTrue(failures > 0, "the outage was seen by the load");
      assertTrue(answers.size() > failures, "the load also ran while Redis was up");
    }
  }

  private void awaitReady() throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (http.get("/health/ready").status() != 200) {
      assertTrue(System.nanoTime() < deadline, "not ready again within 20 s");
      Thread.sleep(100);
    }
  }

  private void keysIntactAndSigningWorks() {
    for (FrostClient.Keys<Ed25519Point> k : keys) {
      HttpAnswer a = http.get(P + "/keys/" + k.keyid()).expect(200);
      assertEquals(SUITE.frost().json().element(k.publicKeyPackage().verifyingKey()), a.json().get("verifying_key").asText());
      byte[] msg = "after the outage".getBytes(StandardCharsets.UTF_8);
      assertTrue(client.verify(k, msg, client.signTwoRounds(http, http, k, msg, client.defaultSigners(k))));
    }
  }

  @Test
  @Order(1)
  void redisStopsUnderLoadAndComesBack() throws InterruptedException {
    try (Load load = new Load(4)) {
      Thread.sleep(500);
      redis.stop();
      Thread.sleep(1500);
      assertProblem(http.get("/health/ready"), Catalogue.SERVICE_UNAVAILABLE);
      assertProblem(http.get(P + "/keys/" + keys.get(0).keyid()), Catalogue.REDIS_ERROR);
      redis.start();
      awaitReady();
      Thread.sleep(500);
      load.close();
      load.check();
    }
    keysIntactAndSigningWorks();
  }

  @Test
  @Order(2)
  void aHungRedisIsBoundedByTheRedisTimeout() throws InterruptedException {
    try (Load load = new Load(4)) {
      Thread.sleep(300);
      redis.pause();
      try {
        Thread.sleep(1500);
        long t0 = System.nanoTime();
        assertProblem(http.get(P + "/keys/" + keys.get(1).keyid()), Catalogue.REDIS_ERROR);
        assertTrue((System.nanoTime() - t0) / 1_000_000 <= REDIS_TIMEOUT_MS + MARGIN_MS);
        assertProblem(http.get("/health/ready"), Catalogue.SERVICE_UNAVAILABLE);
      } finally {
        redis.resume();
      }
      awaitReady();
      Thread.sleep(300);
      load.close();
      load.check();
    }
    keysIntactAndSigningWorks();
  }
}
