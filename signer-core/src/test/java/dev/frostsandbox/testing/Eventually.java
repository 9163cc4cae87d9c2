package dev.frostsandbox.testing;

import java.time.Duration;

/** Waits for a condition, not for time: retries a check until it passes or a deadline ends. */
public final class Eventually {
  private Eventually() {}

  /** Runs {@code check} until it passes; past {@code deadline} its last failure is thrown. */
  public static void eventually(Duration deadline, Runnable check) throws InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    while (true) {
      try {
        check.run();
        return;
      } catch (RuntimeException | AssertionError e) {
        if (System.nanoTime() > end) {
          throw e;
        }
        Thread.sleep(100); // between polls of the condition
      }
    }
  }
}
