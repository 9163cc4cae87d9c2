package dev.frostsandbox.junit.usage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The Redis a client team's test would use: {@code REDIS_URL} when set, else a {@code redis-server}
 * process started here on a free port (what this project's CI has; no Docker). Kept in this module,
 * so it depends on the extension's artifact alone.
 */
final class LocalRedis implements AutoCloseable {

  private final String url;
  private final Process process;

  private LocalRedis(String url, Process process) {
    this.url = url;
    this.process = process;
  }

  static LocalRedis start() throws IOException {
    String given = System.getenv("REDIS_URL");
    if (given != null && !given.isBlank()) {
      return new LocalRedis(given, null);
    }
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path dir = Files.createTempDirectory("local-redis");
    Process p =
        new ProcessBuilder(
                "redis-server",
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.log").toFile())
            .start();
    LocalRedis redis = new LocalRedis("redis://127.0.0.1:" + port, p);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!redis.answersPing(port)) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        redis.close();
        throw new IOException(
            "redis-server did not answer PING on port "
                + port
                + " (see "
                + dir.resolve("redis.log")
                + ")");
      }
      Thread.onSpinWait();
    }
    return redis;
  }

  private boolean answersPing(int port) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(1000);
      OutputStream out = s.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] b = new byte[7];
      int n = in.readNBytes(b, 0, 7);
      return n == 7 && new String(b, StandardCharsets.US_ASCII).equals("+PONG\r\n");
    } catch (IOException notYet) {
      return false;
    }
  }

  String url() {
    return url;
  }

  @Override
  public void close() {
    if (process != null) {
      process.destroy();
    }
  }
}
