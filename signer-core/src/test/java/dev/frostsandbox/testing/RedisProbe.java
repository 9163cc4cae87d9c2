package dev.frostsandbox.testing;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Direct, blocking Redis access for tests that inspect or tamper with what a service wrote. */
public final class RedisProbe implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx();
  private final Redis redis;

  public RedisProbe(String url) {
    redis = Redis.createClient(vertx, url);
  }

  public Response send(Command cmd, Object... args) {
    Request r = Request.cmd(cmd);
    for (Object a : args) {
      if (a instanceof byte[] b) {
        r.arg(b);
      } else {
        r.arg(String.valueOf(a));
      }
    }
    try {
      return redis.send(r).await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("redis " + cmd + " failed", e);
    }
  }

  public List<String> keys(String pattern) {
    List<String> out = new ArrayList<>();
    for (Response k : send(Command.KEYS, pattern)) {
      out.add(k.toString());
    }
    return out;
  }

  public byte[] get(String key) {
    Response r = send(Command.GET, key);
    return r == null ? null : r.toBytes();
  }

  public void set(String key, byte[] value) {
    send(Command.SET, key, value);
  }

  @Override
  public void close() {
    redis.close();
    vertx.close();
  }
}
