package dev.frostsandbox.load;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * How long this machine keeps a runnable thread from running (the idea of jHiccup): a thread sleeps
 * 1 ms in a loop and records by how much each wake-up is late. A request cannot be faster than the
 * pauses the host imposes on everything, so the report puts these next to the latencies.
 */
public final class Hiccups implements AutoCloseable {

  /**
   * Percentiles of the lateness, in ms; {@code over5ms} counts wake-ups late by more than 5 ms;
   * {@code steal}: the hypervisor's steal time over the same window (from /proc/stat).
   */
  public record Report(
      long samples,
      double p50Ms,
      double p99Ms,
      double p999Ms,
      double maxMs,
      long over5ms,
      StealWindow.Report steal) {}

  /** The wake-ups by {@link LoadTool#inWindow}'s index: the meter runs the same code throughout. */
  private final Histogram[] histograms = LoadTool.outsideAndWindow(TimeUnit.SECONDS.toMicros(60));

  private final Thread thread;
  private final Thread stealThread;

  /** Steal readings, likewise. */
  private final StealWindow[] steals = {new StealWindow(), new StealWindow()};

  /** {@link LoadTool#WINDOW} inside the measured window, else 0: the index into both pairs. */
  private volatile int window;

  private volatile boolean stopped;

  Hiccups() {
    this(true);
  }

  /** {@code meter}: start the two meter threads (tests record by hand without them). */
  Hiccups(boolean meter) {
    if (!meter) {
      thread = null;
      stealThread = null;
      return;
    }
    thread = new Thread(this::loop, "hiccup-meter");
    thread.setDaemon(true);
    thread.start();
    // its own thread: reading /proc/stat would delay the wake-ups this meter times
    stealThread = new Thread(this::stealLoop, "steal-meter");
    stealThread.setDaemon(true);
    stealThread.start();
  }

  /** /proc/stat counts in 10-ms ticks: a reading per tick is enough. */
  private void stealLoop() {
    while (!stopped) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        return;
      }
      long[] ticks = StealWindow.read();
      if (ticks != null) {
        steals[window].add(System.nanoTime(), ticks);
      }
    }
  }

  private void loop() {
    long last = System.nanoTime();
    while (!stopped) {
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      record(Math.max(0, (now - last) / 1000 - 1000));
      last = now;
    }
  }

  /** One wake-up late by {@code lateMicros}, into the window's histogram or the other. */
  void record(long lateMicros) {
    Histogram h = histograms[window];
    synchronized (h) {
      h.recordValue(Math.min(lateMicros, h.getHighestTrackableValue()));
    }
  }

  /** Only wake-ups inside the measured window count. */
  void recording(boolean on) {
    window = on ? LoadTool.WINDOW : 0;
  }

  Report report() {
    Histogram histogram = histograms[LoadTool.WINDOW];
    synchronized (histogram) {
      return new Report(
          histogram.getTotalCount(),
          ms(histogram.getValueAtPercentile(50)),
          ms(histogram.getValueAtPercentile(99)),
          ms(histogram.getValueAtPercentile(99.9)),
          ms(histogram.getMaxValue()),
          histogram.getCountBetweenValues(5001, histogram.getHighestTrackableValue()),
          steals[LoadTool.WINDOW].report());
    }
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }

  @Override
  public void close() {
    stopped = true;
    if (thread != null) {
      thread.interrupt();
      stealThread.interrupt();
    }
  }
}
