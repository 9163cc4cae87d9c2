package dev.frostsandbox.testing;

import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.net.ssl.SSLSocketFactory;

/**
 * A real Redis for tests, from the first source that works:
 *
 * <ol>
 *   <li>env {@code REDIS_URL} (only for {@link #shared()}: tests cannot stop a server they do not
 *       own)
 *   <li>Testcontainers {@code redis:7-alpine} with appendonly, when a Docker engine is available
 *   <li>a {@code redis-server} process (binary from env {@code REDIS_SERVER_BIN}, else PATH) on a
 *       free port with its own temp dir, AOF on
 * </ol>
 *
 * {@link #stop()}/{@link #start()} restart the server on the same port and keep the data (AOF), so
 * a client can prove it reconnects. Reused by other modules through signer-core's test-jar.
 */
public abstract class RedisHarness implements AutoCloseable {

  private static RedisHarness shared;

  /**
   * One instance per JVM, started lazily, closed by a shutdown hook. {@link #close()} is a no-op on
   * it.
   */
  public static synchronized RedisHarness shared() {
    if (shared == null) {
      String url = System.getenv("REDIS_URL");
      RedisHarness h = url != null && !url.isBlank() ? new External(url.strip()) : fresh();
      h.isShared = true;
      shared = h;
    }
    return shared;
  }

  /** A new server the caller controls (stop/start/close); never {@code REDIS_URL}. */
  public static RedisHarness owned() {
    return fresh();
  }

  /**
   * A {@code redis-server} process replicating {@code master} ({@code replicaof}), started and
   * connected: the master's {@code WAIT 1} counts it. For pause/resume (a frozen replica) and
   * close.
   */
  public static RedisHarness replicaOf(RedisHarness master) {
    URI m = URI.create(master.url());
    ProcessServer h =
        new ProcessServer(
            List.of(
                "--replicaof",
                m.getHost() == null ? "127.0.0.1" : m.getHost(),
                Integer.toString(m.getPort() < 0 ? 6379 : m.getPort())));
    h.start();
    Runtime.getRuntime().addShutdownHook(new Thread(h::destroy, "redis-harness-shutdown"));
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!command(master.url(), Duration.ofSeconds(5), "WAIT", "1", "200").equals(":1")) {
      if (System.nanoTime() > deadline) {
        h.destroy();
        throw new IllegalStateException("the replica did not connect to its master within 30 s");
      }
    }
    return h;
  }

  private static RedisHarness fresh() {
    RedisHarness h = dockerAvailable() ? new ContainerServer() : new ProcessServer();
    h.start();
    RedisHarness target = h;
    Runtime.getRuntime().addShutdownHook(new Thread(target::destroy, "redis-harness-shutdown"));
    return h;
  }

  private static boolean dockerAvailable() {
    if (Boolean.getBoolean("redis.harness.noDocker")) {
      return false;
    }
    try {
      return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
    } catch (Throwable t) {
      return false;
    }
  }

  private boolean isShared;

  /** redis://host:port (or the configured external URL). */
  public abstract String url();

  /** Starts the server (again, on the same port, with the data written before {@link #stop()}). */
  public abstract void start();

  /** Stops the server gracefully (AOF flushed); connections are refused until {@link #start()}. */
  public abstract void stop();

  /**
   * Freezes the server (SIGSTOP / docker pause): connections stay open but nothing answers, the
   * case a command timeout exists for. Undo with {@link #resume()}.
   */
  public abstract void pause();

  /** Undoes {@link #pause()}. */
  public abstract void resume();

  /** Stops the server for good and removes its data. */
  protected abstract void destroy();

  /** FLUSHALL. */
  public void flushAll() {
    String reply = command(url(), Duration.ofSeconds(10), "FLUSHALL");
    if (!reply.startsWith("+OK")) {
      throw new IllegalStateException("FLUSHALL failed: " + reply);
    }
  }

  @Override
  public void close() {
    if (!isShared) {
      destroy();
    }
  }

  // ---------------------------------------------------------------- sources

  /** A server somebody else runs. */
  private static final class External extends RedisHarness {
    private final String url;

    External(String url) {
      this.url = url;
    }

    @Override
    public String url() {
      return url;
    }

    @Override
    public void start() {
      awaitPing(url, Duration.ofSeconds(30));
    }

    @Override
    public void stop() {
      throw new UnsupportedOperationException("REDIS_URL is not owned by the tests");
    }

    @Override
    public void pause() {
      throw new UnsupportedOperationException("REDIS_URL is not owned by the tests");
    }

    @Override
    public void resume() {
      throw new UnsupportedOperationException("REDIS_URL is not owned by the tests");
    }

    @Override
    protected void destroy() {}
  }

  /** Testcontainers; a fixed host port so a restarted container keeps its address. */
  private static final class ContainerServer extends RedisHarness {
    private final int hostPort = freePort();
    private org.testcontainers.containers.GenericContainer<?> container;

    @Override
    public String url() {
      return "redis://127.0.0.1:" + hostPort;
    }

    @Override
    @SuppressWarnings("resource")
    public synchronized void start() {
      if (container == null) {
        container =
            new org.testcontainers.containers.GenericContainer<>(
                    org.testcontainers.utility.DockerImageName.parse("redis:7-alpine"))
                .withCommand("redis-server", "--appendonly", "yes", "--save", "")
                .withExposedPorts(6379)
                .withCreateContainerCmdModifier(
                    cmd ->
                        cmd.getHostConfig()
                            .withPortBindings(
                                new com.github.dockerjava.api.model.PortBinding(
                                    com.github.dockerjava.api.model.Ports.Binding.bindPort(
                                        hostPort),
                                    new com.github.dockerjava.api.model.ExposedPort(6379))));
        container.start();
      } else {
        // restart the same container: same port binding, /data (AOF) kept
        org.testcontainers.DockerClientFactory.instance()
            .client()
            .startContainerCmd(container.getContainerId())
            .exec();
      }
      awaitPing(url(), Duration.ofSeconds(60));
    }

    @Override
    public synchronized void stop() {
      // not container.stop(): that removes the container and its data
      org.testcontainers.DockerClientFactory.instance()
          .client()
          .stopContainerCmd(container.getContainerId())
          .withTimeout(10)
          .exec();
    }

    @Override
    public synchronized void pause() {
      org.testcontainers.DockerClientFactory.instance()
          .client()
          .pauseContainerCmd(container.getContainerId())
          .exec();
    }

    @Override
    public synchronized void resume() {
      org.testcontainers.DockerClientFactory.instance()
          .client()
          .unpauseContainerCmd(container.getContainerId())
          .exec();
    }

    @Override
    protected synchronized void destroy() {
      if (container != null) {
        container.stop();
        container = null;
      }
    }
  }

  /** A local redis-server child process. */
  private static final class ProcessServer extends RedisHarness {
    private final int port = freePort();
    private final Path dir;
    private final List<String> extraArgs;
    private java.lang.Process process;

    ProcessServer() {
      this(List.of());
    }

    ProcessServer(List<String> extraArgs) {
      this.extraArgs = List.copyOf(extraArgs);
      try {
        dir = Files.createTempDirectory("redis-harness-");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public String url() {
      return "redis://127.0.0.1:" + port;
    }

    @Override
    public synchronized void start() {
      if (process != null && process.isAlive()) {
        return;
      }
      String bin = System.getenv().getOrDefault("REDIS_SERVER_BIN", "redis-server");
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  bin,
                  "--port",
                  Integer.toString(port),
                  "--bind",
                  "127.0.0.1",
                  "--save",
                  "",
                  "--appendonly",
                  "yes",
                  "--dir",
                  dir.toString(),
                  "--daemonize",
                  "no"));
      cmd.addAll(extraArgs);
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      pb.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()));
      try {
        process = pb.start();
      } catch (IOException e) {
        throw new IllegalStateException(
            "no Docker and cannot run " + bin + " (install redis-server or set REDIS_URL)", e);
      }
      try {
        awaitPing(url(), Duration.ofSeconds(30));
      } catch (RuntimeException e) {
        process.destroyForcibly();
        throw new IllegalStateException(
            e.getMessage() + "; log: " + tail(dir.resolve("redis.log")), e);
      }
    }

    @Override
    public synchronized void stop() {
      if (process == null) {
        return;
      }
      if (process.isAlive()) {
        signal("CONT"); // a paused process would not act on SIGTERM
      }
      process.destroy(); // SIGTERM: redis flushes the AOF and exits
      try {
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
      process = null;
    }

    @Override
    public synchronized void pause() {
      signal("STOP");
    }

    @Override
    public synchronized void resume() {
      signal("CONT");
    }

    private void signal(String sig) {
      if (process == null) {
        throw new IllegalStateException("not running");
      }
      try {
        java.lang.Process kill =
            new ProcessBuilder("kill", "-" + sig, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
          throw new IllegalStateException("kill -" + sig + " failed");
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    @Override
    protected synchronized void destroy() {
      stop();
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      } catch (IOException ignored) {
        // temp dir: best effort
      }
    }

    private static String tail(Path log) {
      try {
        String s = Files.readString(log);
        return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
      } catch (IOException e) {
        return "(no log)";
      }
    }
  }

  // ---------------------------------------------------------------- a minimal RESP client

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void awaitPing(String url, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (command(url, Duration.ofSeconds(2), "PING").startsWith("+PONG")) {
          return;
        }
      } catch (RuntimeException e) {
        last = e;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    throw new IllegalStateException("redis did not answer PING within " + max, last);
  }

  /**
   * Sends one command (after AUTH/SELECT taken from the URL) and returns the first reply line, e.g.
   * "+PONG". Enough for PING and FLUSHALL; TLS for rediss:// uses the JVM default trust store.
   */
  static String command(String url, Duration timeout, String... args) {
    URI uri = URI.create(url);
    boolean tls = "rediss".equalsIgnoreCase(uri.getScheme());
    String host = uri.getHost() == null ? "127.0.0.1" : uri.getHost();
    int port = uri.getPort() < 0 ? 6379 : uri.getPort();
    List<String[]> cmds = new ArrayList<>();
    Map.Entry<String, String> auth = userInfo(uri);
    if (auth != null) {
      cmds.add(
          auth.getKey().isEmpty()
              ? new String[] {"AUTH", auth.getValue()}
              : new String[] {"AUTH", auth.getKey(), auth.getValue()});
    }
    String path = uri.getPath();
    if (path != null && path.length() > 1) {
      cmds.add(new String[] {"SELECT", path.substring(1)});
    }
    cmds.add(args);
    int ms = (int) timeout.toMillis();
    try (Socket raw = new Socket()) {
      raw.connect(new InetSocketAddress(host, port), ms);
      raw.setSoTimeout(ms);
      Socket s =
          tls
              ? ((SSLSocketFactory) SSLSocketFactory.getDefault())
                  .createSocket(raw, host, port, true)
              : raw;
      OutputStream out = s.getOutputStream();
      InputStream in = new BufferedInputStream(s.getInputStream());
      String reply = null;
      for (String[] c : cmds) {
        StringBuilder sb = new StringBuilder("*").append(c.length).append("\r\n");
        for (String a : c) {
          byte[] b = a.getBytes(StandardCharsets.UTF_8);
          sb.append('$').append(b.length).append("\r\n").append(a).append("\r\n");
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        reply = readLine(in);
        if (reply.startsWith("-")) {
          return reply;
        }
      }
      return reply;
    } catch (IOException e) {
      throw new IllegalStateException("redis " + args[0] + " failed: " + e.getMessage(), e);
    }
  }

  private static Map.Entry<String, String> userInfo(URI uri) {
    String info = uri.getRawUserInfo();
    if (info == null || info.isEmpty()) {
      return null;
    }
    int colon = info.indexOf(':');
    String user = colon < 0 ? "" : info.substring(0, colon);
    String pass = colon < 0 ? info : info.substring(colon + 1);
    return Map.entry(
        URLDecoder.decode(user, StandardCharsets.UTF_8),
        URLDecoder.decode(pass, StandardCharsets.UTF_8));
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\r') {
        in.read(); // '\n'
        return sb.toString();
      }
      sb.append((char) c);
    }
    throw new IOException("connection closed");
  }
}
