package dev.frostsandbox.signer.fault;

/**
 * The reproducible coin of X-Fault-Seed: a pure function of (seed, sequence number), so a replay
 * with a fresh X-Fault-Id and the same seed fails the same requests on any instance.
 */
public final class SeededDraw {
  private SeededDraw() {}

  /** True with probability {@code percentage}/100 over sequence numbers, deterministically. */
  public static boolean below(long seed, long n, double percentage) {
    return unit(seed, n) * 100.0 < percentage;
  }

  /**
   * A value in [0, 1): SplitMix64's finalizer over seed and n (well mixed even for n = 1, 2, 3...).
   */
  static double unit(long seed, long n) {
    long z = seed + n * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z = z ^ (z >>> 31);
    return (z >>> 11) * 0x1.0p-53;
  }
}
