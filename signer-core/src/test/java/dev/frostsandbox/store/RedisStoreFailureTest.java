package dev.frostsandbox.store;

import static dev.frostsandbox.testing.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.testing.EventLoopStore;
import dev.frostsandbox.testing.RedisHarness;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Redis the test owns goes away, hangs and comes back; the same store must cope, called from a
 * plain thread (pooled connections) and from an event loop (its held, pipelined connection).
 */
@ParameterizedClass(name = "on an event loop: {0}")
@ValueSource(booleans = {false, true})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisStoreFailureTest {
  private static final long TIMEOUT_MS = 500;
  private static final long MARGIN_MS = 1500;

  @Parameter boolean onEventLoop;

  private Vertx vertx;
  private RedisHarness redis;
  private RedisStore raw;
  private Store store;

  @BeforeAll
  void setUp() throws InterruptedException {
    vertx = Vertx.vertx();
    redis = RedisHarness.owned();
    RedisStoreConfig cfg =
        RedisStoreConfig.standalone(redis.url()).withTimeout(Duration.ofMillis(TIMEOUT_MS));
    raw = RedisStore.connect(vertx, cfg).await();
    store = onEventLoop ? EventLoopStore.on(vertx, raw) : raw;
    // a cold JVM's first command can take longer than the 500-ms timeout on a busy host
    eventually(Duration.ofSeconds(15), () -> store.ping().await());
  }

  @AfterAll
  void tearDown() {
    if (raw != null) {
      raw.close().await();
    }
    vertx.close().await();
    if (redis != null) {
      redis.close();
    }
  }

  /**
   * Fails with StoreException within the timeout plus margin; the message never holds the value.
   */
  private static StoreException failsInTime(Future<?> f, String secret) {
    long t0 = System.nanoTime();
    try {
      f.await(TIMEOUT_MS + MARGIN_MS + 5000, TimeUnit.MILLISECONDS);
    } catch (Throwable ignored) {
      // checked below
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(f.failed(), "expected a failure");
    assertTrue(ms <= TIMEOUT_MS + MARGIN_MS, "failed after " + ms + " ms");
    StoreException e = assertInstanceOf(StoreException.class, f.cause());
    if (secret != null) {
      assertFalse(String.valueOf(e.getMessage()).contains(secret), e.getMessage());
    }
    return e;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  @Order(1)
  void stoppedRedisFailsFastAndRestartedRedisIsUsedAgain() throws InterruptedException {
    store.put("frost:{t:k}:key", utf8("survives-restart"), null).await();
    store.ping().await();

    redis.stop();
    failsInTime(store.get("frost:{t:k}:key"), null);
    failsInTime(store.put("frost:{t:k}:other", utf8("top-secret-value"), null), "top-secret-value");
    failsInTime(store.ping(), null);
    failsInTime(store.increment("frost:fault:{x}", Duration.ofMinutes(1)), null);

    redis.start();
    // same store object: the pool (or the event loop's pipeline) opens new connections by itself
    eventually(Duration.ofSeconds(15), () -> store.ping().await());
    store.put("frost:{t:k}:after", utf8("v"), null).await();
    assertArrayEquals(utf8("v"), store.get("frost:{t:k}:after").await());
    // written before the stop, kept by the AOF
    assertArrayEquals(utf8("survives-restart"), store.get("frost:{t:k}:key").await());
  }

  @Test
  @Order(2)
  void hungRedisTimesOutAndRecoversWhenItAnswersAgain() throws InterruptedException {
    store.ping().await();
    redis.pause();
    try {
      StoreException e = failsInTime(store.get("frost:{t:k}:key"), null);
      assertTrue(e.getMessage().contains("timed out"), e.getMessage());
      failsInTime(store.take("frost:{t:k}:key"), null);
      failsInTime(store.ping(), null);
    } finally {
      redis.resume();
    }
    eventually(Duration.ofSeconds(15), () -> store.ping().await());
    assertArrayEquals(utf8("v"), store.get("frost:{t:k}:after").await());
  }

  @Test
  @Order(3)
  void harnessFlushAll() {
    store.put("frost:{t:k}:flush", utf8("v"), null).await();
    redis.flushAll();
    assertNull(store.get("frost:{t:k}:flush").await());
  }
}
