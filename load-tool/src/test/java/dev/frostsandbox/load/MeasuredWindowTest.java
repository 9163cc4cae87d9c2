package dev.frostsandbox.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link LoadTool#inWindow}: which answers the window's histograms get. */
class MeasuredWindowTest {

  private static void check(long base) {
    long start = base + 1_000;
    long stop = base + 2_000;
    // scheduled before the window: not counted, wherever it ends
    assertEquals(0, LoadTool.inWindow(start - 1, start + 10, start, stop));
    // scheduled at or after the start and answered by the stop: counted
    assertEquals(1, LoadTool.inWindow(start, start + 10, start, stop));
    assertEquals(1, LoadTool.inWindow(start + 500, stop, start, stop));
    // answered after the stop: not counted
    assertEquals(0, LoadTool.inWindow(start + 500, stop + 1, start, stop));
    assertEquals(0, LoadTool.inWindow(stop + 1, stop + 5, start, stop));
  }

  @Test
  void countsWhatIsScheduledInTheWindowAndAnsweredBeforeItCloses() {
    check(0);
  }

  @Test
  void holdsForAnyOriginOfTheNanosecondClock() {
    // System.nanoTime may be negative or near either end of the range
    check(-5_000);
    check(Long.MIN_VALUE / 2);
    check(Long.MAX_VALUE - 10_000);
    // a window across the wrap of the long range: the start near the top, the stop past it
    check(Long.MAX_VALUE - 1_500);
  }
}
