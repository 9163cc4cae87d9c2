package dev.frostsandbox.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisRole;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreConfigTest {

  @Test
  void unsetUrlMeansMemory() {
    assertTrue(StoreConfig.fromEnv(Map.of()).isMemory());
    assertTrue(StoreConfig.fromEnv(Map.of(StoreConfig.URL, "  ")).isMemory());
  }

  @Test
  void standaloneDefaults() {
    RedisStoreConfig r =
        StoreConfig.fromEnv(Map.of(StoreConfig.URL, "redis://127.0.0.1:6379/0"))
            .redis()
            .orElseThrow();
    assertEquals(RedisStoreConfig.Mode.STANDALONE, r.mode());
    assertEquals(List.of("redis://127.0.0.1:6379/0"), r.endpoints());
    assertEquals(Duration.ofSeconds(2), r.timeout());
    assertEquals(16, r.poolSize());
    assertEquals("mymaster", r.masterName());
    RedisOptions o = RedisStore.options(r);
    assertEquals(RedisClientType.STANDALONE, o.getType());
    assertEquals(16, o.getMaxPoolSize());
    assertEquals(2000, o.getNetClientOptions().getConnectTimeout());
  }

  @Test
  void sentinelAndCluster() {
    RedisStoreConfig s =
        StoreConfig.fromEnv(
                Map.of(
                    StoreConfig.URL, "redis://s1:26379, redis://s2:26379",
                    StoreConfig.MODE, "Sentinel",
                    StoreConfig.MASTER_NAME, "frost",
                    StoreConfig.TIMEOUT_MS, "750",
                    StoreConfig.POOL_SIZE, "4"))
            .redis()
            .orElseThrow();
    assertEquals(RedisStoreConfig.Mode.SENTINEL, s.mode());
    assertEquals(List.of("redis://s1:26379", "redis://s2:26379"), s.endpoints());
    assertEquals("frost", s.masterName());
    assertEquals(Duration.ofMillis(750), s.timeout());
    assertEquals(4, s.poolSize());
    RedisOptions so = RedisStore.options(s);
    assertEquals(RedisClientType.SENTINEL, so.getType());
    assertEquals(RedisRole.MASTER, so.getRole());
    assertEquals("frost", so.getMasterName());
    assertEquals(2, so.getEndpoints().size());

    RedisStoreConfig c =
        StoreConfig.fromEnv(
                Map.of(
                    StoreConfig.URL, "redis://n1:7000,redis://n2:7001,redis://n3:7002",
                    StoreConfig.MODE, "cluster"))
            .redis()
            .orElseThrow();
    assertEquals(RedisStoreConfig.Mode.CLUSTER, c.mode());
    assertEquals(3, c.endpoints().size());
    assertEquals(RedisClientType.CLUSTER, RedisStore.options(c).getType());
  }

  @Test
  void waitReplicasDefaultsByModeAndCanBeSet() {
    String url = "redis://127.0.0.1:6379";
    assertEquals(
        0, StoreConfig.fromEnv(Map.of(StoreConfig.URL, url)).redis().orElseThrow().waitReplicas());
    assertEquals(
        1,
        StoreConfig.fromEnv(Map.of(StoreConfig.URL, url, StoreConfig.MODE, "sentinel"))
            .redis()
            .orElseThrow()
            .waitReplicas());
    assertEquals(
        1,
        StoreConfig.fromEnv(Map.of(StoreConfig.URL, url, StoreConfig.MODE, "cluster"))
            .redis()
            .orElseThrow()
            .waitReplicas());
    assertEquals(
        1,
        StoreConfig.fromEnv(Map.of(StoreConfig.URL, url, StoreConfig.WAIT_REPLICAS, " 1 "))
            .redis()
            .orElseThrow()
            .waitReplicas());
    assertEquals(
        0,
        StoreConfig.fromEnv(
                Map.of(
                    StoreConfig.URL,
                    url,
                    StoreConfig.MODE,
                    "cluster",
                    StoreConfig.WAIT_REPLICAS,
                    "0"))
            .redis()
            .orElseThrow()
            .waitReplicas());
    assertEquals(
        16,
        StoreConfig.fromEnv(Map.of(StoreConfig.URL, url, StoreConfig.WAIT_REPLICAS, "16"))
            .redis()
            .orElseThrow()
            .waitReplicas());
    assertBad(
        StoreConfig.WAIT_REPLICAS, Map.of(StoreConfig.URL, url, StoreConfig.WAIT_REPLICAS, "17"));
    assertBad(
        StoreConfig.WAIT_REPLICAS, Map.of(StoreConfig.URL, url, StoreConfig.WAIT_REPLICAS, "-1"));
    assertBad(
        StoreConfig.WAIT_REPLICAS,
        Map.of(StoreConfig.WAIT_REPLICAS, "one")); // checked without URL too
    assertTrue(
        StoreConfig.fromEnv(Map.of(StoreConfig.URL, url, StoreConfig.WAIT_REPLICAS, "2"))
            .toString()
            .contains("waitReplicas=2"));
  }

  @Test
  void invalidValuesNameTheVariable() {
    String url = "redis://127.0.0.1:6379";
    assertBad(StoreConfig.MODE, Map.of(StoreConfig.URL, url, StoreConfig.MODE, "replicated"));
    assertBad(StoreConfig.TIMEOUT_MS, Map.of(StoreConfig.URL, url, StoreConfig.TIMEOUT_MS, "abc"));
    assertBad(StoreConfig.TIMEOUT_MS, Map.of(StoreConfig.URL, url, StoreConfig.TIMEOUT_MS, "0"));
    assertBad(StoreConfig.POOL_SIZE, Map.of(StoreConfig.URL, url, StoreConfig.POOL_SIZE, "-3"));
    assertBad(StoreConfig.POOL_SIZE, Map.of(StoreConfig.POOL_SIZE, "x")); // checked without URL too
    assertBad(
        StoreConfig.MASTER_NAME,
        Map.of(
            StoreConfig.URL,
            url,
            StoreConfig.MODE,
            "sentinel",
            StoreConfig.MASTER_NAME,
            "my master"));
    assertBad(StoreConfig.URL, Map.of(StoreConfig.URL, "http://:hunter2@host:6379"));
    assertBad(StoreConfig.URL, Map.of(StoreConfig.URL, "redis://a:1,redis://b:2"));
    assertBad(StoreConfig.URL, Map.of(StoreConfig.URL, " , ", StoreConfig.MODE, "cluster"));
  }

  private static void assertBad(String variable, Map<String, String> env) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> StoreConfig.fromEnv(env));
    assertTrue(e.getMessage().contains(variable), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
  }

  @Test
  void passwordsNeverPrinted() {
    StoreConfig cfg =
        StoreConfig.fromEnv(Map.of(StoreConfig.URL, "rediss://:hunter2@redis.example:6380/1"));
    assertFalse(cfg.toString().contains("hunter2"), cfg.toString());
    assertTrue(cfg.toString().contains("rediss://***@redis.example:6380/1"), cfg.toString());
    assertEquals(
        "rediss://:hunter2@redis.example:6380/1", cfg.redis().orElseThrow().endpoints().get(0));
  }
}
