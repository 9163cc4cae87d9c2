package dev.frostsandbox.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A local redis-server with given options, on a free loopback port, data in its own directory. */
final class RedisProcess implements AutoCloseable {

  final int port = Sandbox.freePort();
  final Path dir = Sandbox.tempDir("sandbox-redis-");
  private final List<String> options;
  private Process process;

  RedisProcess(List<String> options) {
    this.options = List.copyOf(options);
  }

  String url() {
    return "redis://127.0.0.1:" + port;
  }

  RedisProcess start() {
    List<String> cmd = new ArrayList<>();
    cmd.add(System.getenv().getOrDefault("REDIS_SERVER_BIN", "redis-server"));
    cmd.addAll(options);
    // what the container gives it: its port, an address, and the volume as the data directory
    cmd.addAll(
        List.of(
            "--port",
            Integer.toString(port),
            "--bind",
            "127.0.0.1",
            "--dir",
            dir.toString(),
            "--daemonize",
            "no"));
    try {
      process =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("redis.log").toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run redis-server (install redis-server)", e);
    }
    return this;
  }

  /** SIGTERM: Redis writes its AOF and exits. */
  void stop() {
    process.destroy();
    try {
      process.waitFor(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
