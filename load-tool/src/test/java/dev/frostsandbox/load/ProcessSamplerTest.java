package dev.frostsandbox.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessSamplerTest {

  @Test
  void compilerThreadsAreToldByTheirHotSpotNames() {
    assertTrue(ProcessSampler.isCompilerThread("C2 CompilerThre"));
    assertTrue(ProcessSampler.isCompilerThread("C1 CompilerThre"));
    assertFalse(ProcessSampler.isCompilerThread("vert.x-eventloo"));
    assertFalse(ProcessSampler.isCompilerThread("VM Thread"));
  }

  @Test
  void jitCpuOfThisJvmIsSomeOfItsCpuAndNoneOfAnotherProcess() throws Exception {
    long me = ProcessHandle.current().pid();
    // this JVM has compiled the test framework by now: its compiler threads have run
    assertTrue(
        ManagementFactory.getCompilationMXBean().getTotalCompilationTime() > 0,
        "this JVM compiled nothing");
    double jit = new ProcessSampler.JitMeter(me).seconds();
    double all = ProcessSampler.cpuSeconds(me);
    assertTrue(jit > 0 && jit < all, "jit " + jit + " s of " + all + " s");
    assertEquals(0, new ProcessSampler.JitMeter(Long.MAX_VALUE).seconds(), "no such process");
    ProcessSampler.Machine m = ProcessSampler.machine(-1);
    assertTrue(m.selfJitSeconds() > 0 && m.selfJitSeconds() <= m.selfSeconds(), m.toString());
  }

  @Test
  void aCompilerThreadThatEndedKeepsWhatItUsed() {
    // HotSpot stops an extra compiler thread once idle: the total must not drop with it
    Deque<Map<String, Double>> readings =
        new ArrayDeque<>(
            java.util.List.of(
                Map.of("11", 1.0, "12", 0.5),
                Map.of("11", 1.25), // 12 ended
                Map.of("11", 1.5, "13", 0.25))); // 13 started
    ProcessSampler.JitMeter meter = new ProcessSampler.JitMeter(readings::poll);
    assertEquals(1.5, meter.seconds(), 1e-12);
    assertEquals(1.75, meter.seconds(), 1e-12);
    assertEquals(2.25, meter.seconds(), 1e-12);
  }

  @Test
  void cpuOfAStatLineIsInSecondsWhateverTheCommandName() throws Exception {
    // pid (comm) state ...: utime and stime are fields 14 and 15, in the kernel's clock ticks
    String stat = "42 (C2 Compiler) x) S 1 42 42 0 -1 4194304 0 0 0 0 150 50 0 0 20 0 1";
    assertEquals(200.0 / ProcessSampler.CLOCK_TICKS, ProcessSampler.cpuSeconds(stat), 1e-12);
    // and in seconds for a live process: this JVM's CPU as the JVM itself counts it
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    double before = os.getProcessCpuTime() / 1e9;
    double fromProc = ProcessSampler.cpuSeconds(ProcessHandle.current().pid());
    double after = os.getProcessCpuTime() / 1e9;
    assertTrue(
        fromProc > before - 0.1 && fromProc < after + 0.1,
        fromProc + " s from /proc, " + before + " to " + after + " s from the JVM");
  }
}
