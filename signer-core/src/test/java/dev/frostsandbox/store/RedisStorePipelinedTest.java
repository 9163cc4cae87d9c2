package dev.frostsandbox.store;

import static dev.frostsandbox.testing.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.testing.EventLoopStore;
import dev.frostsandbox.testing.RedisHarness;
import dev.frostsandbox.testing.RedisProbe;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The store contract with every call made on an event loop, as the service makes them: in
 * standalone mode RedisStore then pipelines the commands on one held connection per event-loop
 * context instead of borrowing pooled connections (RedisStoreTest covers the pooled path).
 */
class RedisStorePipelinedTest extends StoreContractTest {

  @Override
  protected Store createStore(Vertx vertx) {
    return EventLoopStore.on(
        vertx,
        await(
            RedisStore.connect(
                vertx,
                RedisStoreConfig.standalone(RedisHarness.shared().url())
                    .withTimeout(Duration.ofSeconds(15)))));
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
      int n = 2000;
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
  void aKilledConnectionIsReplaced() throws InterruptedException {
    await(store.put(key("k"), utf8("v"), Duration.ofMinutes(1)));
    try (RedisProbe probe = new RedisProbe(RedisHarness.shared().url())) {
      // every other normal client, the held pipeline among them (the probe itself is skipped)
      assertTrue(probe.send(Command.CLIENT, "KILL", "TYPE", "normal").toLong() >= 1);
    }
    // the ended connection is dropped; a command on the same event loop opens another
    eventually(
        Duration.ofSeconds(15), () -> assertArrayEquals(utf8("v"), await(store.get(key("k")))));
    assertEquals(1L, await(store.increment(key("n"), Duration.ofMinutes(1))));
  }
}
