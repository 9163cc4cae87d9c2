package dev.frostsandbox.testing;

import java.util.Map;

/** Where a test signer keeps its state: the embedded store, or the shared real Redis. */
public enum StoreMode {
  MEMORY,
  REDIS;

  public Map<String, String> env() {
    return this == MEMORY ? Map.of() : Map.of("SIGNER_REDIS_URL", RedisHarness.shared().url());
  }
}
