package dev.frostsandbox.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * benchmarks/cold-session.sh refuses to run when something already listens on its port (a stale
 * service would be measured in place of the one it launches, which cannot bind) or on the port of
 * its archives' training run: exit 2 at once, naming the port, nothing measured or built.
 */
class ColdSessionScriptIT {

  record Run(int exit, String output) {}

  @Test
  void aBusyServicePortStopsTheScriptBeforeAnythingRuns() throws Exception {
    int port = freePair();
    Path dir = Sandbox.tempDir("cold-session-");
    try (ServerSocket stale = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
      Run r = coldSession(port, dir);
      assertEquals(2, r.exit(), r.output());
      assertTrue(r.output().contains("port " + port + " on 127.0.0.1 is in use"), r.output());
    }
    assertEquals(List.of(), files(dir), "nothing measured or built");
  }

  @Test
  void aBusyTrainingPortStopsTheScriptBeforeTheArchivesAreMade() throws Exception {
    int port = freePair();
    Path dir = Sandbox.tempDir("cold-session-");
    try (ServerSocket stale = new ServerSocket(port + 1, 50, InetAddress.getLoopbackAddress())) {
      Run r = coldSession(port, dir);
      assertEquals(2, r.exit(), r.output());
      assertTrue(r.output().contains("port " + (port + 1) + " on 127.0.0.1 is in use"), r.output());
    }
    assertTrue(
        files(dir).stream().noneMatch(f -> f.endsWith(".jsa") || f.endsWith(".log")),
        "no archive made, no service launched: " + files(dir));
  }

  private static Run coldSession(int port, Path dir) throws IOException, InterruptedException {
    Sandbox.ecdsaJar();
    Sandbox.eddsaJar(); // present: the script checks them first
    Path out = dir.getParent().resolve(dir.getFileName() + ".out");
    ProcessBuilder pb =
        new ProcessBuilder(
                "bash", Sandbox.root().resolve("benchmarks/cold-session.sh").toString(), "1")
            .redirectErrorStream(true)
            .redirectOutput(out.toFile());
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv("PATH"));
    pb.environment().put("JAVA", Sandbox.javaBin());
    pb.environment().put("COLD_PORT", Integer.toString(port));
    pb.environment().put("COLD_DIR", dir.toString());
    pb.environment().put("SUITES", "FROST-ED25519-SHA512-v1");
    Process p = pb.start();
    p.getOutputStream().close();
    // the refusal is immediate; a script that went on would train and launch JVMs for longer
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("still running after 60 s:\n" + Files.readString(out));
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }

  /** A port p with p + 1 free too. */
  private static int freePair() throws IOException {
    for (int i = 0; i < 50; i++) {
      int p = Sandbox.freePort();
      try (ServerSocket next = new ServerSocket(p + 1, 1, InetAddress.getLoopbackAddress())) {
        return p;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no free pair of ports");
  }

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
