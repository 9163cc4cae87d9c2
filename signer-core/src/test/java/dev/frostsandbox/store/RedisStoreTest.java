package dev.frostsandbox.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.testing.RedisHarness;
import dev.frostsandbox.testing.RedisProbe;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.impl.RequestImpl;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedisStoreTest extends StoreContractTest {

  @Override
  protected Store createStore(Vertx vertx) {
    // the contract is about semantics, not the command timeout (RedisStoreFailureTest owns that): a
    // generous bound keeps a first command on a busy host from failing the class
    return await(
        RedisStore.connect(
            vertx,
            RedisStoreConfig.standalone(RedisHarness.shared().url())
                .withTimeout(java.time.Duration.ofSeconds(15))));
  }

  @Test
  void closedStoreFails() {
    RedisStore s =
        await(RedisStore.connect(vertx, RedisStoreConfig.standalone(RedisHarness.shared().url())));
    await(s.ping());
    await(s.close());
    assertInstanceOf(StoreException.class, failure(s.get(key("k"))));
  }

  @Test
  void replaceKeepsTheTtl() {
    await(store.put(key("k"), new byte[] {1}, Duration.ofMinutes(10)));
    assertTrue(await(store.replace(key("k"), new byte[] {1}, new byte[] {2})));
    try (RedisProbe probe = new RedisProbe(RedisHarness.shared().url())) {
      long pttl = probe.send(Command.PTTL, key("k")).toLong();
      assertTrue(pttl > 0 && pttl <= 600_000, "TTL kept: " + pttl);
    }
  }

  @Test
  void viaStoresFactoryAndEnvironment() {
    StoreConfig cfg =
        StoreConfig.fromEnv(java.util.Map.of(StoreConfig.URL, RedisHarness.shared().url()));
    Store s = await(Stores.create(vertx, cfg));
    try {
      assertInstanceOf(RedisStore.class, s);
      await(s.put(key("k"), new byte[] {7}, Duration.ofMinutes(1)));
      assertEquals(7, await(s.get(key("k")))[0]);
    } finally {
      await(s.close());
    }
  }

  @Test
  void incrementScriptRoutesByItsKeyInClusterMode() {
    // the cluster client picks the node from Request keys: the script's KEYS[1] must be found
    Request req =
        Request.cmd(Command.EVAL)
            .arg(RedisStore.INCREMENT_SCRIPT)
            .arg(1)
            .arg("frost:fault:{x}")
            .arg(5);
    List<byte[]> keys = ((RequestImpl) req).keys();
    assertEquals(1, keys.size());
    assertEquals("frost:fault:{x}", new String(keys.get(0), StandardCharsets.UTF_8));
    // the bounded-set and slot-pool scripts name their one key the same way
    for (Request script :
        List.of(
            Request.cmd(Command.EVAL)
                .arg(RedisStore.ADD_BOUNDED_SCRIPT)
                .arg(1)
                .arg("frost:{t}:keys")
                .arg("k")
                .arg(5),
            Request.cmd(Command.EVAL)
                .arg(RedisStore.CLAIM_SLOT_SCRIPT)
                .arg(1)
                .arg("frost:{t}:keys")
                .arg("k")
                .arg(1000)
                .arg(5),
            Request.cmd(Command.EVAL)
                .arg(RedisStore.LIVE_SLOTS_SCRIPT)
                .arg(1)
                .arg("frost:{t}:keys"))) {
      List<byte[]> k = ((RequestImpl) script).keys();
      assertEquals(1, k.size());
      assertEquals("frost:{t}:keys", new String(k.get(0), StandardCharsets.UTF_8));
    }
    Request replace =
        Request.cmd(Command.EVAL)
            .arg(RedisStore.REPLACE_SCRIPT)
            .arg(1)
            .arg("frost:{t:k}:key")
            .arg(new byte[] {1})
            .arg(new byte[] {2});
    assertEquals(
        List.of("frost:{t:k}:key"),
        ((RequestImpl) replace)
            .keys().stream().map(k -> new String(k, StandardCharsets.UTF_8)).toList());
    for (Command c :
        List.of(Command.GETDEL, Command.SET, Command.SMEMBERS, Command.SCARD, Command.ZREM)) {
      assertTrue(
          ((RequestImpl) Request.cmd(c).arg("frost:{t:k}:key")).keys().size() >= 1, c.toString());
    }
  }

  @Test
  void standaloneWaitsForTheConfiguredNumberOfReplicas() {
    // a managed Redis behind one address may fail over: SIGNER_REDIS_WAIT_REPLICAS makes the
    // consuming delete reach a replica before the value is used, also in standalone mode
    try (RedisHarness master = RedisHarness.owned();
        RedisHarness replica = RedisHarness.replicaOf(master)) {
      RedisStoreConfig base =
          RedisStoreConfig.standalone(master.url()).withTimeout(Duration.ofSeconds(2));
      assertEquals(0, base.waitReplicas(), "standalone default");
      RedisStore waiting = await(RedisStore.connect(vertx, base.withWaitReplicas(1)));
      RedisStore plain = await(RedisStore.connect(vertx, base));
      try {
        byte[] v = {1, 2, 3};
        await(plain.put("a", v, Duration.ofMinutes(1)));
        assertArrayEquals(v, await(waiting.takeReplicated("a")), "the replica acknowledged");
        assertNull(await(waiting.takeReplicated("a")), "taken: nothing to wait for");

        await(plain.put("b", v, Duration.ofMinutes(1)));
        await(plain.put("c", v, Duration.ofMinutes(1)));
        replica.pause();
        try {
          long t0 = System.nanoTime();
          Throwable e = failure(waiting.takeReplicated("b"));
          long tookMs = (System.nanoTime() - t0) / 1_000_000;
          assertInstanceOf(ReplicationUnconfirmedException.class, e);
          assertTrue(tookMs < 2000, "within the command timeout: " + tookMs + " ms");
          assertNull(await(plain.get("b")), "deleted on the master all the same");
          // 0 replicas to wait for: a plain GETDEL, whatever the replica does
          assertArrayEquals(v, await(plain.takeReplicated("c")));
        } finally {
          replica.resume();
        }
      } finally {
        await(waiting.close());
        await(plain.close());
      }
    }
  }

  @Test
  void aMasterWithoutReplicaNeverConfirmsAConsumingDelete() {
    // WAIT 1 answers 0 at once when no replica is connected
    try (RedisHarness master = RedisHarness.owned()) {
      RedisStore waiting =
          await(
              RedisStore.connect(
                  vertx,
                  RedisStoreConfig.standalone(master.url())
                      .withTimeout(Duration.ofSeconds(1))
                      .withWaitReplicas(1)));
      try {
        await(waiting.put("a", new byte[] {9}, Duration.ofMinutes(1)));
        assertInstanceOf(
            ReplicationUnconfirmedException.class, failure(waiting.takeReplicated("a")));
        assertNull(await(waiting.get("a")));
        assertNull(await(waiting.takeReplicated("a")), "absent: nothing was consumed, no failure");
      } finally {
        await(waiting.close());
      }
    }
  }
}
