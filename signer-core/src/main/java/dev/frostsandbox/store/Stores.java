package dev.frostsandbox.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** Builds the configured {@link Store}. */
public final class Stores {
  private Stores() {}

  /**
   * The memory store when no Redis URL is configured, else a {@link RedisStore}. Does not wait for
   * Redis to be reachable (the client reconnects on its own); use {@link Store#ping()} for
   * readiness.
   */
  public static Future<Store> create(Vertx vertx, StoreConfig config) {
    if (config.isMemory()) {
      return Future.succeededFuture(new MemoryStore(vertx));
    }
    return RedisStore.connect(vertx, config.redis().orElseThrow()).map(s -> s);
  }
}
