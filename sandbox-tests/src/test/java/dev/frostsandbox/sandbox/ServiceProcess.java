package dev.frostsandbox.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A service jar run as its own process ({@code java -jar}), with exactly the environment given
 * (nothing inherited), stdout and stderr captured to files.
 */
final class ServiceProcess implements AutoCloseable {

  private final Process process;
  private final Path stdout;
  private final Path stderr;
  final int port;

  private ServiceProcess(Process process, Path stdout, Path stderr, int port) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
    this.port = port;
  }

  static ServiceProcess start(Path jar, Map<String, String> env, int port) {
    List<String> cmd = List.of(Sandbox.javaBin(), "-Xmx256m", "-jar", jar.toString());
    return start(cmd, env, port);
  }

  static ServiceProcess start(List<String> cmd, Map<String, String> env, int port) {
    Path dir = Sandbox.tempDir("sandbox-proc-");
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.redirectOutput(dir.resolve("stdout.log").toFile());
    pb.redirectError(dir.resolve("stderr.log").toFile());
    try {
      Process p = pb.start();
      ServiceProcess sp =
          new ServiceProcess(p, dir.resolve("stdout.log"), dir.resolve("stderr.log"), port);
      Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
      return sp;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Polls GET /health/ready until it answers 200. */
  ServiceProcess awaitReady(Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the service exited with " + process.exitValue() + ": " + output());
      }
      if (dev.frostsandbox.signer.ops.HealthProbe.check(
          baseUrl() + "/health/ready", Duration.ofSeconds(1))) {
        return this;
      }
      sleep(100);
    }
    throw new IllegalStateException("not ready within " + max + ": " + output());
  }

  /** SIGTERM, as Docker and Kubernetes send it. */
  void sigterm() {
    process.destroy();
  }

  int waitForExit(Duration max) {
    try {
      if (!process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("still running after " + max + ": " + output());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String stdout() {
    return read(stdout);
  }

  String output() {
    String s = read(stdout) + read(stderr);
    return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
  }

  /** Every stdout line parsed as JSON; fails on a line that is not a JSON object. */
  List<JsonNode> jsonLines() {
    List<JsonNode> out = new ArrayList<>();
    for (String line : stdout().split("\n", -1)) {
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode n = Sandbox.JSON.readTree(line);
        if (!n.isObject()) {
          throw new IllegalStateException("not a JSON object: " + line);
        }
        out.add(n);
      } catch (IOException e) {
        throw new IllegalStateException("stdout line is not JSON: " + line);
      }
    }
    return out;
  }

  /**
   * The lines of stdout and stderr that are not JSON objects: what {@code docker logs} would show
   * among the JSON log (e.g. the java launcher's "NOTE: Picked up JDK_JAVA_OPTIONS" on stderr).
   */
  List<String> nonJsonLines() {
    List<String> out = new ArrayList<>();
    for (String line : (read(stdout) + "\n" + read(stderr)).split("\n", -1)) {
      if (line.isBlank()) {
        continue;
      }
      try {
        if (!Sandbox.JSON.readTree(line).isObject()) {
          out.add(line);
        }
      } catch (IOException e) {
        out.add(line);
      }
    }
    return out;
  }

  private static String read(Path p) {
    try {
      return Files.exists(p) ? Files.readString(p) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
