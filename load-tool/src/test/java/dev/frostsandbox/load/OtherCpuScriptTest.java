package dev.frostsandbox.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * benchmarks/other-cpu.py, the "other processes' CPU" line under http-bench's half-rate runs: it
 * must name a process whose short-lived child burned CPU between the snapshots (the idle RabbitMQ's
 * 60-s Erlang boots were such children, invisible once they had ended) and leave out the PIDs it is
 * given.
 */
class OtherCpuScriptTest {

  private static final Path SCRIPT = Path.of("..", "benchmarks", "other-cpu.py");

  @TempDir Path dir;

  private String run(String... args) throws Exception {
    Path text = dir.resolve("out-" + System.nanoTime());
    String[] cmd = new String[args.length + 2];
    cmd[0] = "python3";
    cmd[1] = SCRIPT.toString();
    System.arraycopy(args, 0, cmd, 2, args.length);
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(text.toFile()).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "other-cpu.py did not finish");
    String out = Files.readString(text, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  private Path snapshot(String name) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, run("snapshot"), StandardCharsets.UTF_8);
    return file;
  }

  @Test
  @Timeout(120)
  void aProcessWhoseEndedChildBurnedCpuIsNamedUnlessLeftOut() throws Exception {
    // once told to, the parent runs a child that burns 0.3 s of CPU, reaps it and stays
    Process parent =
        new ProcessBuilder(
                "sh",
                "-c",
                "while [ ! -e go ]; do sleep 0.05; done;"
                    + " python3 -c 'import time\nt = time.process_time()\n"
                    + "while time.process_time() - t < 0.3: pass';"
                    + " echo done; exec sleep 120")
            .directory(dir.toFile())
            .start();
    // and an idle process whose name holds the characters the snapshot's format must survive
    Path odd = Files.copy(Path.of("/bin/sleep"), dir.resolve("a) b|c"));
    odd.toFile().setExecutable(true);
    Process idle = new ProcessBuilder(odd.toString(), "120").start();
    try {
      Path before = snapshot("before");
      String rows = Files.readString(before);
      assertTrue(
          rows.contains(idle.pid() + ":") && rows.contains("|a) b|c|"), "the odd name's row");
      Files.createFile(dir.resolve("go"));
      try (BufferedReader said =
          new BufferedReader(
              new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
        assertEquals("done", said.readLine()); // blocks until the child has ended
      }
      Path after = snapshot("after");

      String all = run("diff", before.toString(), after.toString());
      Matcher m = Pattern.compile("\\((" + parent.pid() + ")\\) ([0-9.]+) s").matcher(all);
      assertTrue(m.find(), all);
      assertTrue(Double.parseDouble(m.group(2)) >= 0.25, all);

      String skipped =
          run("diff", before.toString(), after.toString(), Long.toString(parent.pid()));
      assertTrue(skipped.startsWith("  other processes' CPU in the run"), skipped);
      assertFalse(skipped.contains("(" + parent.pid() + ")"), skipped);
    } finally {
      parent.destroyForcibly();
      idle.destroyForcibly();
    }
  }
}
