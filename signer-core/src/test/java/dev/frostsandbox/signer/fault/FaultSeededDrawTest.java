package dev.frostsandbox.signer.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultSeededDrawTest {

  private static List<Boolean> sequence(long seed, double pct, int n) {
    List<Boolean> out = new ArrayList<>();
    for (long i = 1; i <= n; i++) {
      out.add(SeededDraw.below(seed, i, pct));
    }
    return out;
  }

  @Test
  void aPureFunctionOfSeedAndSequenceNumber() {
    assertEquals(sequence(7, 25, 200), sequence(7, 25, 200));
    assertNotEquals(sequence(7, 25, 200), sequence(8, 25, 200));
  }

  @Test
  void hitsTheGivenProportion() {
    for (double pct : new double[] {1, 10, 50, 90}) {
      long hits = sequence(123, pct, 100_000).stream().filter(b -> b).count();
      // 100000 draws: the standard deviation is at most 158, far inside 1 %
      assertTrue(Math.abs(hits - pct * 1000) < 1000, pct + "%: " + hits);
    }
    assertEquals(0, sequence(5, 0, 1000).stream().filter(b -> b).count());
    assertEquals(1000, sequence(5, 100, 1000).stream().filter(b -> b).count());
  }

  @Test
  void timesGateTheFirstN() {
    FaultSpec spec = new FaultSpec(null, 10L, null, null, null, 3);
    assertTrue(spec.counted());
    assertEquals(
        List.of(true, true, true, false, false),
        List.of(spec.hits(1), spec.hits(2), spec.hits(3), spec.hits(4), spec.hits(5)));
  }
}
