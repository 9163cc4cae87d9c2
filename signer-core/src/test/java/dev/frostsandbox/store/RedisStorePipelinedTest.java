package dev.frostsandbox.store;

import static dev.frostsandbox.testing.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.frostsandbox.testing.EventLoopStore;
import dev.frostsandbox.testing.RedisHarness;
import dev.frostsandbox.testing.RedisProbe;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.redis.client.Command;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The store contract with every call made on an event loop, as the service makes them: in
 * standalone mode RedisStore then pipelines the commands on one held connection per event loop
 * instead of borrowing pooled connections (RedisStoreTest covers the pooled path).
 */
class RedisStorePipelinedTest extends StoreContractTest {

  @Override
  protected Store createStore(Vertx vertx) {
    return EventLoopStore.on(vertx, connect(RedisHarness.shared().url(), Duration.ofSeconds(15)));
  }

  /** A RedisStore of its own (closed by the test), called from wherever the test calls it. */
  private RedisStore connect(String url, Duration timeout) {
    return await(RedisStore.connect(vertx, RedisStoreConfig.standalone(url).withTimeout(timeout)));
  }

  /** Something a test does to a Redis of its own through a store on it, called on an event loop. */
  private interface OwnedRedisCase {
    void run(RedisHarness redis, RedisStore raw, Store onLoop) throws InterruptedException;
  }

  /**
   * Runs {@code body} against a Redis of the test's own (pausing or killing clients reaches every
   * client of a server) and a store on it, closed afterwards.
   */
  private void onOwnedRedis(Duration timeout, OwnedRedisCase body) throws InterruptedException {
    try (RedisHarness redis = RedisHarness.owned()) {
      RedisStore raw = connect(redis.url(), timeout);
      try {
        body.run(redis, raw, EventLoopStore.on(vertx, raw));
      } finally {
        await(raw.close());
      }
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void manyCommandsInFlightFromOneEventLoopNeedNoPool() {
    // a pool of one connection queues at most 256 commands (RedisStore.options); the pipeline
    // carries them all at once
    RedisStore raw =
        await(
            RedisStore.connect(
                vertx,
                new RedisStoreConfig(
                    RedisStoreConfig.Mode.STANDALONE,
                    List.of(RedisHarness.shared().url()),
                    RedisStoreConfig.DEFAULT_MASTER_NAME,
                    Duration.ofSeconds(15),
                    1)));
    Store s = EventLoopStore.on(vertx, raw);
    try {
      int n = 1000; // above the pool's 256 waiting, within the pipeline's depth (1024)
      List<Future<Void>> puts = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        puts.add(s.put(key("k" + (i % 50)), utf8("v" + i), Duration.ofMinutes(1)));
      }
      await(Future.all(puts));
      List<Future<byte[]>> gets = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        gets.add(s.get(key("k" + (i % 50))));
      }
      await(Future.all(gets));
      // pipelined in order: the last put of each key is what every later get sees
      for (int i = 0; i < n; i++) {
        assertArrayEquals(utf8("v" + (n - 50 + i % 50)), gets.get(i).result());
      }
    } finally {
      await(raw.close());
    }
  }

  @Test
  void aKilledConnectionIsReplacedEveryTime() throws InterruptedException {
    onOwnedRedis(
        Duration.ofSeconds(15),
        (redis, raw, s) -> {
          await(s.put("k", utf8("v"), Duration.ofMinutes(1)));
          try (RedisProbe probe = new RedisProbe(redis.url())) {
            // more replacements than the held connections' pool has slots: a dropped
            // connection's slot must be freed, or the pool would run out
            for (int i = 0; i < RedisStore.MAX_PIPELINES + 6; i++) {
              assertEquals(1, raw.heldConnections());
              // the held connection (the probe itself is skipped)
              assertEquals(1L, probe.send(Command.CLIENT, "KILL", "TYPE", "normal").toLong());
              // the ended connection is dropped; a command on the same event loop opens another
              eventually(Duration.ofSeconds(15), () -> assertEquals(0, raw.heldConnections()));
              eventually(
                  Duration.ofSeconds(15), () -> assertArrayEquals(utf8("v"), await(s.get("k"))));
            }
          }
          assertEquals(1, raw.heldConnections());
        });
  }

  @Test
  void aCommandThatTimesOutDropsItsConnectionWithoutBackingOff() throws InterruptedException {
    onOwnedRedis(
        Duration.ofMillis(500),
        (redis, raw, s) -> {
          eventually(Duration.ofSeconds(15), () -> await(s.ping()));
          assertEquals(1, raw.heldConnections());
          redis.pause();
          try {
            // several in flight: the first to time out drops the connection, failing the others
            List<Future<byte[]>> inFlight = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
              inFlight.add(s.get("k" + i));
            }
            for (Future<byte[]> f : inFlight) {
              assertInstanceOf(StoreException.class, failure(f));
            }
            // a connection that did not answer in time is not trusted with the next command
            assertEquals(0, raw.heldConnections());
          } finally {
            redis.resume();
          }
          // a slow answer is no outage: the store did not start backing off
          Future<Void> next = s.ping();
          try {
            next.await(30, TimeUnit.SECONDS);
          } catch (Throwable ignored) {
            // inspected below: it may fail if Redis is slow to resume, but not for a backoff
          }
          assertFalse(
              next.failed() && String.valueOf(next.cause().getMessage()).contains("unreachable"),
              "backing off after a timeout: " + next.cause());
          eventually(Duration.ofSeconds(15), () -> await(s.ping()));
          assertEquals(1, raw.heldConnections());
        });
  }

  @Test
  void aConnectionWhoseHandshakeHangsIsGivenUp() throws InterruptedException {
    onOwnedRedis(
        Duration.ofMillis(500),
        (redis, raw, s) -> {
          // the TCP connect succeeds (the kernel accepts it), the handshake is never answered
          redis.pause();
          try {
            assertInstanceOf(StoreException.class, failure(s.get("k")));
            eventually(Duration.ofSeconds(15), () -> assertEquals(0, raw.heldConnections()));
          } finally {
            redis.resume();
          }
          eventually(Duration.ofSeconds(15), () -> await(s.ping()));
          assertEquals(1, raw.heldConnections());
        });
  }

  @Test
  void repliesCompleteOnTheCallersContext() throws Exception {
    RedisStore raw = connect(RedisHarness.shared().url(), Duration.ofSeconds(15));
    try {
      ContextInternal root = (ContextInternal) vertx.getOrCreateContext();
      // the first request opens the connection, the second finds it open; Vert.x runs each
      // request on a duplicate of its connection's context
      for (ContextInternal caller : List.of(root.duplicate(), root.duplicate())) {
        CompletableFuture<Context> completedOn = new CompletableFuture<>();
        caller.runOnContext(
            v -> raw.get(key("k")).onComplete(r -> completedOn.complete(Vertx.currentContext())));
        assertSame(caller, completedOn.get(30, TimeUnit.SECONDS));
      }
      assertEquals(1, raw.heldConnections());
    } finally {
      await(raw.close());
    }
  }

  @Test
  void workerThreadsUseThePool() throws Exception {
    RedisStore raw = connect(RedisHarness.shared().url(), Duration.ofSeconds(15));
    try {
      Context loop = vertx.getOrCreateContext();
      CompletableFuture<Integer> held = new CompletableFuture<>();
      // executeBlocking's worker sees the event-loop context as current, but is no event loop
      loop.runOnContext(
          v ->
              loop.executeBlocking(() -> raw.get(key("k")).await())
                  .onComplete(r -> held.complete(raw.heldConnections())));
      assertEquals(0, held.get(30, TimeUnit.SECONDS));
      CompletableFuture<Integer> heldAfter = new CompletableFuture<>();
      loop.runOnContext(
          v -> raw.get(key("k")).onComplete(r -> heldAfter.complete(raw.heldConnections())));
      assertEquals(1, heldAfter.get(30, TimeUnit.SECONDS));
    } finally {
      await(raw.close());
    }
  }
}
