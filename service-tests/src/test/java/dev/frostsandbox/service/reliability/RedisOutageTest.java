package dev.frostsandbox.service.reliability;

import static dev.frostsandbox.testing.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.client.HttpAnswer;
import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.problem.ProblemType;
import dev.frostsandbox.signer.ServiceDefinition;
import dev.frostsandbox.signer.SuiteBinding;
import dev.frostsandbox.testing.Eventually;
import dev.frostsandbox.testing.Problems;
import dev.frostsandbox.testing.RedisHarness;
import dev.frostsandbox.testing.TestSigner;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A Redis the test owns (AOF on) stops, or hangs, while clients keep sending: every answer is a
 * success or 500 redis-error, readiness turns 503, and when Redis is back the same service recovers
 * by itself with every key intact. Each phase waits for what it needs to see (answers before,
 * during and after the outage), not for time. That a hung Redis is bounded by
 * SIGNER_REDIS_TIMEOUT_MS is shown by redis-error answers arriving while Redis is still paused
 * (without the timeout they would wait for the resume, which comes only after them); the latency
 * ceiling only catches a hang. Run for every suite of every service.
 */
@ParameterizedClass(name = "{0} {1}")
@MethodSource("dev.frostsandbox.service.Services#suites")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisOutageTest {

  private static final long REDIS_TIMEOUT_MS = 500;

  /**
   * Far above the timeout, so a stalled host does not cross it; a request waiting on a hung Redis
   * would.
   */
  private static final long CEILING_MS = 20 * REDIS_TIMEOUT_MS;

  private static final Duration PHASE = Duration.ofSeconds(30);

  @Parameter(0)
  private ServiceDefinition service;

  @Parameter(1)
  private String ciphersuite;

  /** The suite's element type does not matter here: keys and packages only travel. */
  private SuiteBinding<Object> suite;

  private String prefix;
  private FrostClient<Object> client;
  private RedisHarness redis;
  private TestSigner signer;
  private SignerHttp http;
  private final List<FrostClient.Keys<Object>> keys = new ArrayList<>();

  @SuppressWarnings("unchecked")
  @BeforeParameterizedClassInvocation
  void start() {
    suite = (SuiteBinding<Object>) service.suite(ciphersuite).orElseThrow();
    prefix = service.prefix();
    client = new FrostClient<>(suite.frost(), prefix, new SecureRandom());
    keys.clear();
    redis = RedisHarness.owned();
    signer =
        TestSigner.start(
            service,
            Map.of(
                "SIGNER_REDIS_URL", redis.url(),
                "SIGNER_REDIS_TIMEOUT_MS", Long.toString(REDIS_TIMEOUT_MS)));
    http = signer.http();
    for (int i = 0; i < 3; i++) {
      keys.add(client.dkg(http, "outage-" + i));
    }
  }

  @AfterParameterizedClassInvocation
  void stop() {
    if (signer != null) {
      signer.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  private record Answer(int status, String slug, long millis) {}

  /** Clients hammering key reads and signing round 1 until stopped. */
  private final class Load implements AutoCloseable {
    final AtomicBoolean running = new AtomicBoolean(true);
    final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    final AtomicInteger ok = new AtomicInteger();
    final AtomicInteger redisErrors = new AtomicInteger();
    final List<Thread> threads = new ArrayList<>();

    Load(int n) {
      for (int t = 0; t < n; t++) {
        int id = t;
        Thread th =
            new Thread(
                () -> {
                  int i = 0;
                  while (running.get()) {
                    String keyid = keys.get(i++ % keys.size()).keyid();
                    long t0 = System.nanoTime();
                    HttpAnswer a =
                        id % 2 == 0
                            ? http.get(prefix + "/keys/" + keyid)
                            : http.post(prefix + "/sign/round1/" + keyid, (ObjectNode) null);
                    String slug =
                        a.status() < 300
                            ? "ok"
                            : Problems.entryOf(a.status(), a.header("Content-Type"), a.json())
                                .map(ProblemType::slug)
                                .orElse(a.body());
                    answers.add(new Answer(a.status(), slug, (System.nanoTime() - t0) / 1_000_000));
                    (a.status() < 300 ? ok : redisErrors).incrementAndGet();
                  }
                },
                "load-" + t);
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

    /** Waits until the load has had {@code n} more successful answers than now. */
    void awaitSuccesses(int n) throws InterruptedException {
      int target = ok.get() + n;
      Eventually.eventually(
          PHASE, () -> assertTrue(ok.get() >= target, ok.get() + " of " + target + " successes"));
    }

    /** Waits until the load has seen the outage: a redis-error answer. */
    void awaitRedisErrors() throws InterruptedException {
      Eventually.eventually(
          PHASE, () -> assertTrue(redisErrors.get() > 0, "no redis-error answer yet"));
    }

    void check() {
      long failures = 0;
      for (Answer a : answers) {
        assertTrue(a.millis() <= CEILING_MS, "answered after " + a.millis() + " ms: " + a);
        assertTrue(
            a.slug().equals("ok") || (a.status() == 500 && a.slug().equals("redis-error")),
            a.toString());
        failures += a.status() == 500 ? 1 : 0;
      }
      assertTrue(failures > 0, "the outage was seen by the load");
      assertTrue(answers.size() > failures, "the load also ran while Redis was up");
    }
  }

  private void awaitReady() throws InterruptedException {
    Eventually.eventually(
        PHASE, () -> assertEquals(200, http.get("/health/ready").status(), "ready again"));
  }

  private void keysIntactAndSigningWorks() {
    for (FrostClient.Keys<Object> k : keys) {
      HttpAnswer a = http.get(prefix + "/keys/" + k.keyid()).expect(200);
      assertEquals(
          suite.frost().json().element(k.publicKeyPackage().verifyingKey()),
          a.json().get("verifying_key").asText());
      byte[] msg = "after the outage".getBytes(StandardCharsets.UTF_8);
      assertTrue(
          client.verify(
              k, msg, client.signTwoRounds(http, http, k, msg, client.defaultSigners(k))));
    }
  }

  @Test
  @Order(1)
  void redisStopsUnderLoadAndComesBack() throws InterruptedException {
    try (Load load = new Load(4)) {
      load.awaitSuccesses(20);
      redis.stop();
      load.awaitRedisErrors();
      assertProblem(http.get("/health/ready"), Catalogue.SERVICE_UNAVAILABLE);
      assertProblem(http.get(prefix + "/keys/" + keys.get(0).keyid()), Catalogue.REDIS_ERROR);
      redis.start();
      awaitReady();
      load.awaitSuccesses(20);
      load.close();
      load.check();
    }
    keysIntactAndSigningWorks();
  }

  @Test
  @Order(2)
  void aHungRedisIsBoundedByTheRedisTimeout() throws InterruptedException {
    try (Load load = new Load(4)) {
      load.awaitSuccesses(20);
      redis.pause();
      try {
        // answered while Redis is still hung: the timeout, not the resume, ended these requests
        load.awaitRedisErrors();
        long t0 = System.nanoTime();
        assertProblem(http.get(prefix + "/keys/" + keys.get(1).keyid()), Catalogue.REDIS_ERROR);
        assertTrue((System.nanoTime() - t0) / 1_000_000 <= CEILING_MS);
        assertProblem(http.get("/health/ready"), Catalogue.SERVICE_UNAVAILABLE);
      } finally {
        redis.resume();
      }
      awaitReady();
      load.awaitSuccesses(20);
      load.close();
      load.check();
    }
    keysIntactAndSigningWorks();
  }
}
