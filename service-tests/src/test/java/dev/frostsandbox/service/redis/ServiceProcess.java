package dev.frostsandbox.service.redis;

import dev.frostsandbox.client.SignerHttp;
import dev.frostsandbox.ecdsaschnorr.Main;
import dev.frostsandbox.testing.Eventually;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** signer-ecdsa-schnorr's Main in a child JVM (the test classpath), killable with SIGKILL. */
final class ServiceProcess implements AutoCloseable {

  final Process process;
  final int port;
  final Path log;

  private ServiceProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  static ServiceProcess launch(Map<String, String> env) throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path log = Files.createTempFile("signer-child", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx160m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    Map<String, String> e = new HashMap<>(env);
    e.put("SIGNER_HTTP_PORT", Integer.toString(port));
    e.put("SIGNER_HTTP_HOST", "127.0.0.1");
    e.putIfAbsent("SIGNER_EVENT_LOOPS", "1");
    pb.environment().putAll(e);
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    return new ServiceProcess(pb.start(), port, log);
  }

  SignerHttp http() {
    return new SignerHttp("http://127.0.0.1:" + port);
  }

  /** Waits for /health/ready; fails with the child's log if it exits or takes too long. */
  ServiceProcess awaitReady() throws InterruptedException {
    try {
      Eventually.eventually(
          Duration.ofSeconds(60),
          () -> {
            if (!process.isAlive()) {
              throw new IllegalStateException(
                  "the service exited with " + process.exitValue() + ": " + log());
            }
            if (http().get("/health/ready").status() != 200) {
              throw new IllegalStateException("not ready");
            }
          });
    } catch (RuntimeException e) {
      if (!process.isAlive()) {
        throw e;
      }
      throw new IllegalStateException("the service was not ready within 60 s: " + log(), e);
    }
    return this;
  }

  /** kill -9: no shutdown hook, no graceful close. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log)";
    }
  }

  @Override
  public void close() throws IOException {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Files.deleteIfExists(log);
  }
}
