package dev.frostsandbox.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Store configuration, read once from an environment map ({@code System.getenv()} in Main, a plain
 * map in tests):
 *
 * <ul>
 *   <li>{@code SIGNER_REDIS_URL}: unset/blank selects the in-memory store; otherwise a Redis URL,
 *       or a comma-separated list (sentinels or cluster seeds)
 *   <li>{@code SIGNER_REDIS_MODE}: standalone | sentinel | cluster (default standalone)
 *   <li>{@code SIGNER_REDIS_MASTER_NAME}: sentinel master name (default mymaster)
 *   <li>{@code SIGNER_REDIS_TIMEOUT_MS}: per-command timeout (default 2000)
 *   <li>{@code SIGNER_REDIS_POOL_SIZE}: connection pool size (default 16); standalone commands made
 *       on an event loop are pipelined on that event loop's held connection instead (RedisStore)
 *   <li>{@code SIGNER_REDIS_WAIT_REPLICAS}: replicas that must acknowledge the consuming delete of
 *       a nonce record before round 2 answers, 0..16 (default 0 in standalone mode, 1 otherwise)
 * </ul>
 *
 * Invalid values throw {@link IllegalArgumentException} naming the variable (never its value for
 * the URL, which may hold a password).
 */
public final class StoreConfig {
  public static final String URL = "SIGNER_REDIS_URL";
  public static final String MODE = "SIGNER_REDIS_MODE";
  public static final String MASTER_NAME = "SIGNER_REDIS_MASTER_NAME";
  public static final String TIMEOUT_MS = "SIGNER_REDIS_TIMEOUT_MS";
  public static final String POOL_SIZE = "SIGNER_REDIS_POOL_SIZE";
  public static final String WAIT_REPLICAS = "SIGNER_REDIS_WAIT_REPLICAS";

  private final RedisStoreConfig redis;

  private StoreConfig(RedisStoreConfig redis) {
    this.redis = redis;
  }

  public static StoreConfig memory() {
    return new StoreConfig(null);
  }

  public static StoreConfig redis(RedisStoreConfig redis) {
    return new StoreConfig(java.util.Objects.requireNonNull(redis));
  }

  public static StoreConfig fromEnv(Map<String, String> env) {
    // all variables are validated even when the URL is unset: a typo must not go unnoticed
    RedisStoreConfig.Mode mode = parseMode(env.get(MODE));
    String master = env.get(MASTER_NAME);
    if (master != null && !master.isBlank() && !master.strip().matches("\\S+")) {
      throw new IllegalArgumentException(MASTER_NAME + " is not a valid master name");
    }
    master =
        master == null || master.isBlank() ? RedisStoreConfig.DEFAULT_MASTER_NAME : master.strip();
    long timeoutMs = parseInt(env, TIMEOUT_MS, 2000, 1, 600_000);
    int pool = (int) parseInt(env, POOL_SIZE, RedisStoreConfig.DEFAULT_POOL_SIZE, 1, 1024);
    int waitReplicas =
        (int)
            parseInt(
                env,
                WAIT_REPLICAS,
                RedisStoreConfig.defaultWaitReplicas(mode),
                0,
                RedisStoreConfig.MAX_WAIT_REPLICAS);

    String url = env.get(URL);
    if (url == null || url.isBlank()) {
      return memory();
    }
    List<String> endpoints = new ArrayList<>();
    for (String part : url.split(",", -1)) {
      String u = part.strip();
      if (u.isEmpty()) {
        continue;
      }
      String lower = u.toLowerCase(Locale.ROOT);
      int hostStart = lower.startsWith("redis://") ? 8 : lower.startsWith("rediss://") ? 9 : -1;
      if (hostStart < 0 || u.length() == hostStart) {
        throw new IllegalArgumentException(URL + " must hold redis:// or rediss:// URLs");
      }
      endpoints.add(u);
    }
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException(URL + " holds no URL");
    }
    if (mode == RedisStoreConfig.Mode.STANDALONE && endpoints.size() != 1) {
      throw new IllegalArgumentException(
          URL + " must be a single URL in standalone mode (set " + MODE + " for lists)");
    }
    return new StoreConfig(
        new RedisStoreConfig(
            mode, endpoints, master, Duration.ofMillis(timeoutMs), pool, waitReplicas));
  }

  /** Empty when the in-memory store is configured. */
  public Optional<RedisStoreConfig> redis() {
    return Optional.ofNullable(redis);
  }

  public boolean isMemory() {
    return redis == null;
  }

  @Override
  public String toString() {
    return redis == null ? "StoreConfig[memory]" : "StoreConfig[" + redis + "]";
  }

  private static RedisStoreConfig.Mode parseMode(String s) {
    if (s == null || s.isBlank()) {
      return RedisStoreConfig.Mode.STANDALONE;
    }
    return switch (s.strip().toLowerCase(Locale.ROOT)) {
      case "standalone" -> RedisStoreConfig.Mode.STANDALONE;
      case "sentinel" -> RedisStoreConfig.Mode.SENTINEL;
      case "cluster" -> RedisStoreConfig.Mode.CLUSTER;
      default ->
          throw new IllegalArgumentException(
              MODE + " must be standalone, sentinel or cluster, not '" + s.strip() + "'");
    };
  }

  private static long parseInt(
      Map<String, String> env, String name, long dflt, long min, long max) {
    String s = env.get(name);
    if (s == null || s.isBlank()) {
      return dflt;
    }
    long v;
    try {
      v = Long.parseLong(s.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer");
    }
    if (v < min || v > max) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
    }
    return v;
  }
}
