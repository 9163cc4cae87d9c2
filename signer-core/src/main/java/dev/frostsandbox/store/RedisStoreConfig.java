package dev.frostsandbox.store;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * How to reach Redis. {@code endpoints}: one URL for STANDALONE ({@code
 * redis://[:password@]host:port/db} or {@code rediss://}), sentinel URLs for SENTINEL, seed node
 * URLs for CLUSTER. {@code waitReplicas}: how many replicas must acknowledge the consuming delete
 * of a nonce record ({@code WAIT}) before it is used, 0 for none ({@link #defaultWaitReplicas}).
 * {@link #toString()} masks passwords.
 */
public record RedisStoreConfig(
    Mode mode,
    List<String> endpoints,
    String masterName,
    Duration timeout,
    int poolSize,
    int waitReplicas) {

  public enum Mode {
    STANDALONE,
    SENTINEL,
    CLUSTER
  }

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
  public static final int DEFAULT_POOL_SIZE = 16;
  public static final String DEFAULT_MASTER_NAME = "mymaster";
  public static final int MAX_WAIT_REPLICAS = 16;

  public RedisStoreConfig {
    Objects.requireNonNull(mode, "mode");
    endpoints = List.copyOf(Objects.requireNonNull(endpoints, "endpoints"));
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("at least one Redis endpoint is required");
    }
    if (mode == Mode.STANDALONE && endpoints.size() != 1) {
      throw new IllegalArgumentException("standalone mode takes exactly one Redis URL");
    }
    if (masterName == null || masterName.isBlank()) {
      masterName = DEFAULT_MASTER_NAME;
    }
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be positive");
    }
    if (waitReplicas < 0 || waitReplicas > MAX_WAIT_REPLICAS) {
      throw new IllegalArgumentException("waitReplicas must be between 0 and " + MAX_WAIT_REPLICAS);
    }
  }

  /** The mode's default {@code waitReplicas}. */
  public RedisStoreConfig(
      Mode mode, List<String> endpoints, String masterName, Duration timeout, int poolSize) {
    this(mode, endpoints, masterName, timeout, poolSize, defaultWaitReplicas(mode));
  }

  /**
   * 1 where Redis itself fails over (sentinel, cluster); 0 in standalone mode, whose one address
   * may still hide a replicated, failing-over Redis (a managed service): configure it there.
   */
  public static int defaultWaitReplicas(Mode mode) {
    return mode == Mode.STANDALONE ? 0 : 1;
  }

  /** A standalone config with default timeout and pool size. */
  public static RedisStoreConfig standalone(String url) {
    return new RedisStoreConfig(
        Mode.STANDALONE, List.of(url), DEFAULT_MASTER_NAME, DEFAULT_TIMEOUT, DEFAULT_POOL_SIZE);
  }

  public RedisStoreConfig withTimeout(Duration newTimeout) {
    return new RedisStoreConfig(mode, endpoints, masterName, newTimeout, poolSize, waitReplicas);
  }

  public RedisStoreConfig withWaitReplicas(int n) {
    return new RedisStoreConfig(mode, endpoints, masterName, timeout, poolSize, n);
  }

  @Override
  public String toString() {
    return "RedisStoreConfig[mode="
        + mode
        + ", endpoints="
        + endpoints.stream().map(RedisStoreConfig::redact).collect(Collectors.toList())
        + ", masterName="
        + masterName
        + ", timeout="
        + timeout.toMillis()
        + "ms"
        + ", poolSize="
        + poolSize
        + ", waitReplicas="
        + waitReplicas
        + "]";
  }

  /** redis://user:secret@host -> redis://***@host (logs must never show credentials). */
  static String redact(String url) {
    int scheme = url.indexOf("://");
    int at = url.lastIndexOf('@');
    if (scheme < 0 || at < scheme) {
      return url;
    }
    return url.substring(0, scheme + 3) + "***" + url.substring(at);
  }
}
