package dev.frostsandbox.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
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
    assertTrue(ManagementFactory.getCompilationMXBean().getTotalCompilationTime() > 0);
    double jit = ProcessSampler.jitSeconds(me);
    double all = ProcessSampler.cpuSeconds(me);
    assertTrue(jit > 0 && jit < all, "jit " + jit + " s of " + all + " s");
    assertEquals(0, ProcessSampler.jitSeconds(Long.MAX_VALUE), "no such process");
    ProcessSampler.Machine m = ProcessSampler.machine(-1);
    assertTrue(m.selfJitSeconds() > 0 && m.selfJitSeconds() <= m.selfSeconds());
  }

  @Test
  void cpuOfAStatLineWhoseCommandHasSpacesAndParentheses() {
    // pid (comm) state ...: utime and stime are fields 14 and 15, in the kernel's clock ticks
    String twoHundredTicks = "42 (C2 Compiler) x) S 1 42 42 0 -1 4194304 0 0 0 0 150 50 0 0 20 0 1";
    String oneTick = "1 (a) S 1 1 1 0 -1 0 0 0 0 0 1 0 0 0 0 0 1";
    assertEquals(
        200.0,
        ProcessSampler.cpuSeconds(twoHundredTicks) / ProcessSampler.cpuSeconds(oneTick),
        1e-9);
  }
}
