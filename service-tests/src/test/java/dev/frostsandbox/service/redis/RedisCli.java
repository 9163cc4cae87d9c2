package dev.frostsandbox.service.redis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostsandbox.testing.Eventually;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** redis-cli from the cluster and sentinel tests: run a command, or wait until a reply shows up. */
final class RedisCli {
  private RedisCli() {}

  static String run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "redis-cli did not finish: " + cmd);
    return out;
  }

  static String cli(int port, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(port)));
    cmd.addAll(List.of(args));
    return run(cmd);
  }

  /**
   * Polls {@code redis-cli -p port args} for up to a minute until its output contains {@code
   * expected}.
   */
  static void awaitReply(int port, String expected, String... args) throws Exception {
    Eventually.eventually(
        Duration.ofMinutes(1),
        () -> {
          String reply;
          try {
            reply = cli(port, args);
          } catch (IOException e) {
            throw new IllegalStateException(e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // Eventually's next wait then ends the poll
            throw new IllegalStateException(e);
          }
          assertTrue(
              reply.contains(expected),
              "port " + port + " answered " + reply + ", not " + expected);
        });
  }
}
