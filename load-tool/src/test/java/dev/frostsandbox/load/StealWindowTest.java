package dev.frostsandbox.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class StealWindowTest {

  private static final long MS = 1_000_000L;

  @Test
  void parsesThePerCpuStealColumn() {
    List<String> stat =
        List.of(
            "cpu  133429 316308 54731 78780 400 0 1496 667 0 0",
            "cpu0 68661 156714 26190 40242 41 0 667 335 0 0",
            "cpu1 64767 159594 28540 38537 358 0 829 332 0 0",
            "intr 1 2 3",
            "ctxt 42");
    assertArrayEquals(new long[] {335, 332}, StealWindow.parse(stat));
    assertNull(StealWindow.parse(List.of("intr 1", "ctxt 2")));
  }

  @Test
  void reportsTheWorstHundredMillisecondsOfOneCpuAndTheTotal() {
    StealWindow w = new StealWindow();
    long t = 5_000 * MS;
    // 1 s of readings every 10 ms: cpu1 loses 7 ticks between 400 and 460 ms, cpu0 one tick
    // every 300 ms
    long cpu0 = 100;
    long cpu1 = 200;
    for (int i = 0; i <= 100; i++) {
      if (i > 0 && i % 30 == 0) {
        cpu0++;
      }
      if (i >= 40 && i < 47) {
        cpu1++;
      }
      w.add(t + i * 10 * MS, new long[] {cpu0, cpu1});
    }
    StealWindow.Report r = w.report();
    assertEquals((3 + 7) * StealWindow.MS_PER_TICK, r.totalMs());
    assertEquals(7 * StealWindow.MS_PER_TICK, r.maxMsPer100Ms());
    assertEquals(1, r.maxCpu());
    assertEquals(0.46, r.maxAtSeconds(), 1e-9);
  }

  @Test
  void stealSpreadThinlyNeverAddsUpWithinOneWindow() {
    StealWindow w = new StealWindow();
    long cpu0 = 0;
    // one tick every 200 ms for 2 s: 10 ticks in all, never more than 1 in any 100 ms
    for (int i = 0; i <= 200; i++) {
      if (i > 0 && i % 20 == 0) {
        cpu0++;
      }
      w.add(i * 10 * MS, new long[] {cpu0});
    }
    assertEquals(10 * StealWindow.MS_PER_TICK, w.report().totalMs());
    assertEquals(StealWindow.MS_PER_TICK, w.report().maxMsPer100Ms());
  }

  @Test
  void noReadingsReportNothing() {
    StealWindow.Report r = new StealWindow().report();
    assertEquals(0, r.totalMs());
    assertEquals(-1, r.maxCpu());
  }
}
