package dev.frostsandbox.signer.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JsonLogFormatterTest {

  @Test
  void timestampsAreWhatInstantPrints() {
    JsonLogFormatter f = new JsonLogFormatter();
    SplittableRandom random = new SplittableRandom(20261202);
    long[] edges = {
      0,
      1,
      999,
      1000,
      1001,
      -1,
      -1000,
      -1001,
      1_796_000_000_000L,
      1_796_000_000_010L,
      1_796_000_000_100L,
      253_402_300_799_999L,
      253_402_300_800_000L,
      -62_135_596_800_001L
    };
    for (long millis : edges) {
      assertEquals(Instant.ofEpochMilli(millis).toString(), f.timestamp(millis), "" + millis);
    }
    long t = 1_796_000_000_000L;
    for (int i = 0; i < 20_000; i++) {
      // mostly consecutive (the cached second is reused), sometimes far away
      t =
          i % 100 == 0
              ? random.nextLong(-100_000_000_000_000L, 300_000_000_000_000L)
              : t + random.nextInt(0, 700);
      assertEquals(Instant.ofEpochMilli(t).toString(), f.timestamp(t), "" + t);
    }
  }
}
