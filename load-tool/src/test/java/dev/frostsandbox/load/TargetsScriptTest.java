package dev.frostsandbox.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.frost.json.FrostJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * benchmarks/targets.py, the verdicts of a MODE=target run, over results written by the load tool's
 * own JSON writer (a renamed field fails here, not in a user's benchmark).
 */
class TargetsScriptTest {

  private static final Path SCRIPT = Path.of("..", "benchmarks", "targets.py");

  @TempDir Path out;

  /** One window's result: what targets.py reads of it (CPU per op, p99, errors, steal). */
  private static LoadTool.Result result(
      double cpuMicrosPerOp, double p99Ms, double stealMs, double seconds) {
    return new LoadTool.Result(
        "sign",
        "FROST-secp256k1-SHA256-v1",
        "rate",
        seconds,
        70_000,
        0,
        0,
        3500,
        1,
        2,
        p99Ms,
        2 * p99Ms,
        3 * p99Ms,
        0,
        Map.of(),
        new LoadTool.ProcessReport(
            cpuMicrosPerOp * 0.07, 0, cpuMicrosPerOp, 0.5, 1, 1, 1, List.of()),
        null,
        new Hiccups.Report(1000, 0.1, 1, 2, 3, 0, new StealWindow.Report(stealMs, 10, 0, 1)),
        null);
  }

  private void write(String name, LoadTool.Result r) throws IOException {
    Files.writeString(
        out.resolve(name + ".json"),
        FrostJson.MAPPER.writeValueAsString(r),
        StandardCharsets.UTF_8);
  }

  /** The four windows (a) and (b) compare; the half-rate ones with the given p99s and steal. */
  private String verdicts(double serviceP99, double floorP99, double serviceSteal)
      throws Exception {
    return verdicts(serviceP99, floorP99, serviceSteal, 20, 30);
  }

  /** Writes the windows (a) and (b) compare, runs the script over them and returns its output. */
  private String verdicts(
      double serviceP99, double floorP99, double serviceSteal, double seconds, double floorSteal)
      throws Exception {
    write("sign-c16", result(200, 6, 20, 20));
    write("baseline-peak", result(45, 4, 20, 20));
    write("sign-half", result(250, serviceP99, serviceSteal, seconds));
    write("baseline-half", result(60, floorP99, floorSteal, 20));
    return run();
  }

  private String run() throws Exception {
    Path text = out.resolve("verdicts.txt");
    ProcessBuilder pb =
        new ProcessBuilder("python3", SCRIPT.toString(), out.toString(), "150", "secp")
            .redirectErrorStream(true)
            .redirectOutput(text.toFile());
    pb.environment().remove("QUIET_STEAL_MS"); // the default limit, whatever the caller exported
    Process p = pb.start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("targets.py did not finish in 30 s");
    }
    String s = Files.readString(text, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), s);
    return s;
  }

  private static String line(String text, String prefix) {
    return text.lines()
        .filter(l -> l.startsWith(prefix))
        .findFirst()
        .orElseThrow(() -> new AssertionError(text));
  }

  @Test
  void bothTargetsOnAQuietHost() throws Exception {
    String text = verdicts(5, 3, 40);
    // (a): 200 <= 1.25 x (150 + 45) = 243.75
    assertTrue(line(text, "(a)").contains("= 243.8 us: met;"), text);
    assertTrue(line(text, "(b)").contains("met (ratio 1.67)"), text);
    assertTrue(!text.contains("not counted"), text);
  }

  @Test
  void aMissIsAMiss() throws Exception {
    String b = line(verdicts(7, 3, 40), "(b)");
    assertTrue(b.contains("missed (ratio 2.33)"), b);
  }

  @Test
  void aWindowWithStealOverTheLimitIsNotCountedEvenWhenMet() throws Exception {
    String text = verdicts(5, 3, 1550);
    String b = line(text, "(b)");
    assertTrue(b.contains("met, not counted (host not quiet"), b);
    assertTrue(b.contains("sign-half 1550 ms in 20 s"), b);
    // (a)'s windows were quiet: its verdict stands
    assertTrue(!line(text, "(a)").contains("not counted"), text);
  }

  @Test
  void theStealLimitScalesWithTheWindow() throws Exception {
    // 250 ms per 20 s: 200 ms is under it in a 20-s window, over it in a 10-s one
    assertTrue(!line(verdicts(5, 3, 200, 20, 30), "(b)").contains("not counted"));
    String b = line(verdicts(5, 3, 200, 10, 30), "(b)");
    assertTrue(b.contains("not counted") && b.contains("sign-half 200 ms in 10 s"), b);
  }

  @Test
  void stealOnTheFloorsSideCountsToo() throws Exception {
    String b = line(verdicts(5, 3, 40, 20, 900), "(b)");
    assertTrue(b.contains("not counted") && b.contains("baseline-half 900 ms in 20 s"), b);
  }

  @Test
  void theEngineFloorLineIsMarkedByItsOwnWindowToo() throws Exception {
    verdicts(5, 3, 40);
    write("engine-floor-half", result(230, 4.5, 40, 20));
    String quiet = line(run(), "    the engine floor");
    assertTrue(
        quiet.contains("p99 4.5 ms") && quiet.contains("service / engine floor 1.11"), quiet);
    assertTrue(!quiet.contains("not counted"), quiet);
    write("engine-floor-half", result(230, 4.5, 600, 20));
    String noisy = line(run(), "    the engine floor");
    assertTrue(noisy.contains("not counted") && noisy.contains("engine-floor-half 600 ms"), noisy);
  }

  @Test
  void theCpuTargetIsMarkedByItsOwnWindows() throws Exception {
    write("sign-c16", result(200, 6, 700, 20));
    write("baseline-peak", result(45, 4, 20, 20));
    write("sign-half", result(250, 5, 40, 20));
    write("baseline-half", result(60, 3, 30, 20));
    String text = run();
    assertTrue(
        line(text, "(a)")
            .contains(
                "met, not counted (host not quiet, steal over the limit: sign-c16 700 ms in 20 s);"),
        text);
    assertTrue(!line(text, "(b)").contains("not counted"), text);
  }

  /** Changes one field of a written result, as a run with that figure would have written it. */
  private void set(String name, String field, Object value) throws IOException {
    Path f = out.resolve(name + ".json");
    ObjectNode tree = (ObjectNode) FrostJson.MAPPER.readTree(f.toFile());
    tree.set(field, FrostJson.MAPPER.valueToTree(value));
    Files.writeString(f, FrostJson.MAPPER.writeValueAsString(tree), StandardCharsets.UTF_8);
  }

  @Test
  void windowsThatCannotBeComparedGiveNoVerdict() throws Exception {
    verdicts(5, 3, 40);
    set("baseline-half", "errors", 12);
    assertTrue(line(run(), "(b)").contains("invalid (baseline-half: 12 errors)"));
    verdicts(5, 3, 40);
    set("baseline-half", "ops", 0);
    assertTrue(line(run(), "(b)").contains("invalid (baseline-half: no operations)"));
    verdicts(5, 3, 40);
    set("baseline-half", "mode", "rate 900.0/s");
    String b = line(run(), "(b)");
    assertTrue(b.contains("invalid (the half-rate windows ran at different rates"), b);
  }

  @Test
  void theServicesErrorsMissTheTarget() throws Exception {
    verdicts(5, 3, 40);
    set("sign-half", "errors", 3);
    String b = line(run(), "(b)");
    assertTrue(b.contains("errors 3: missed (ratio 1.67)"), b);
  }

  @Test
  void aLimitThatIsNotANumberOfMillisecondsIsRefused() throws Exception {
    verdicts(5, 3, 40);
    ProcessBuilder pb =
        new ProcessBuilder("python3", SCRIPT.toString(), out.toString(), "150", "secp")
            .redirectErrorStream(true)
            .redirectOutput(out.resolve("refused.txt").toFile());
    pb.environment().put("QUIET_STEAL_MS", "nan");
    Process p = pb.start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(1, p.exitValue());
    assertTrue(Files.readString(out.resolve("refused.txt")).contains("QUIET_STEAL_MS is a number"));
  }
}
