package dev.frostsandbox.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateScheduleTest {

  private static final long S = 1_000_000_000L;

  @Test
  void withoutARampTheRateIsConstant() {
    RateSchedule r = new RateSchedule(1000, 0);
    assertEquals(0, r.due(0));
    assertEquals(1000, r.due(S));
    assertEquals(5000, r.due(5 * S));
    assertEquals(3 * S, r.intendedNanos(3000));
  }

  @Test
  void theRampIssuesHalfAsManyThenTheFullRate() {
    RateSchedule r = new RateSchedule(1000, 4 * S);
    // 4 s of ramp: 1000 * 4 / 2 = 2000 operations; a quarter of them in its first half
    assertEquals(500, r.due(2 * S));
    assertEquals(2000, r.due(4 * S));
    // then 1000/s: in any later second exactly 1000 more
    assertEquals(1000, r.due(10 * S) - r.due(9 * S));
    assertEquals(8000, r.due(10 * S));
  }

  @Test
  void intendedTimesInvertTheScheduleAndNeverGoBack() {
    RateSchedule r = new RateSchedule(3749, 5 * S);
    long last = -1;
    for (long i = 0; i < 60_000; i++) {
      long t = r.intendedNanos(i);
      assertTrue(t >= last, "operation " + i + " due before the one before it");
      last = t;
      // operation i is due by its intended time, and not 1 us before it (beyond rounding)
      assertTrue(r.due(t + 1_000) >= i, "operation " + i + " not due at its time");
      assertTrue(r.due(Math.max(0, t - 1_000)) <= i + 1, "operation " + i + " due early");
    }
  }

  @Test
  void theRampDefaultsToHalfTheWarmupAndFitsInIt() {
    String[] rate = {"--rate", "100", "--warmup", "10s"};
    assertEquals(Duration.ofSeconds(5), LoadOptions.parse(rate).effectiveRamp());
    assertEquals(
        Duration.ZERO,
        LoadOptions.parse(new String[] {"--rate", "100", "--warmup", "10s", "--ramp", "0s"})
            .effectiveRamp());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            LoadOptions.parse(new String[] {"--rate", "100", "--warmup", "10s", "--ramp", "20s"}));
  }
}
