package dev.frostsandbox.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The hiccup meter reports only what it recorded inside the window. */
class HiccupsTest {

  @Test
  void onlyTheWindowsWakeUpsAreReported() {
    try (Hiccups h = new Hiccups(false)) {
      h.record(9_000); // before the window
      h.recording(true);
      h.record(100);
      h.record(6_000);
      h.recording(false);
      h.record(20_000); // after it
      Hiccups.Report r = h.report();
      assertEquals(2, r.samples(), r.toString());
      assertEquals(1, r.over5ms(), r.toString());
      assertEquals(6.0, r.maxMs(), 0.01, r.toString());
    }
  }
}
