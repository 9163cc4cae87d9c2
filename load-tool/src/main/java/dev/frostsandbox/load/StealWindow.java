package dev.frostsandbox.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The hypervisor's steal time per CPU ({@code /proc/stat}, in 10-ms ticks): the total over the
 * measured window and the most any one CPU lost within {@value #WINDOW_MS} ms, with when. A KVM
 * guest counts there the time its vCPU was runnable but not run; a stall of every thread of a
 * server (or of Redis alone, on one vCPU) that no GC or safepoint explains shows up here.
 */
final class StealWindow {

  static final int WINDOW_MS = 100;

  /** USER_HZ is 100 on Linux: one tick of /proc/stat is 10 ms. */
  static final double MS_PER_TICK = 10;

  /** Total steal over the window (all CPUs), and the worst {@value #WINDOW_MS}-ms stretch. */
  record Report(double totalMs, double maxMsPer100Ms, int maxCpu, double maxAtSeconds) {}

  private final ArrayDeque<long[]> recent = new ArrayDeque<>();
  private long startNanos;
  private long[] first;
  private long[] last;
  private long maxTicks;
  private int maxCpu = -1;
  private long maxAtNanos;

  /** One reading: {@code ticks[i]} is CPU i's steal counter at {@code nanos}. */
  synchronized void add(long nanos, long[] ticks) {
    if (first == null) {
      first = ticks;
      startNanos = nanos;
    }
    last = ticks;
    recent.addLast(prepend(nanos, ticks));
    // the oldest reading still at least WINDOW_MS before this one is the window's start
    while (recent.size() > 1) {
      long[] second = nth(1);
      if (nanos - second[0] >= WINDOW_MS * 1_000_000L) {
        recent.removeFirst();
      } else {
        break;
      }
    }
    long[] base = recent.peekFirst();
    for (int cpu = 0; cpu < ticks.length && cpu + 1 < base.length; cpu++) {
      long d = ticks[cpu] - base[cpu + 1];
      if (d > maxTicks) {
        maxTicks = d;
        maxCpu = cpu;
        maxAtNanos = nanos;
      }
    }
  }

  private long[] nth(int i) {
    var it = recent.iterator();
    long[] v = it.next();
    for (int k = 0; k < i; k++) {
      v = it.next();
    }
    return v;
  }

  private static long[] prepend(long nanos, long[] ticks) {
    long[] v = new long[ticks.length + 1];
    v[0] = nanos;
    System.arraycopy(ticks, 0, v, 1, ticks.length);
    return v;
  }

  synchronized Report report() {
    if (first == null) {
      return new Report(0, 0, -1, 0);
    }
    long total = 0;
    for (int i = 0; i < Math.min(first.length, last.length); i++) {
      total += last[i] - first[i];
    }
    return new Report(
        total * MS_PER_TICK,
        maxTicks * MS_PER_TICK,
        maxCpu,
        maxCpu < 0 ? 0 : (maxAtNanos - startNanos) / 1e9);
  }

  /** The per-CPU steal counters of a {@code /proc/stat} text (null when it has none). */
  static long[] parse(List<String> procStat) {
    long[] ticks =
        procStat.stream()
            .filter(l -> l.length() > 3 && l.startsWith("cpu") && Character.isDigit(l.charAt(3)))
            .mapToLong(
                l -> {
                  List<String> f = List.of(l.trim().split("\\s+", -1));
                  return f.size() > 8 ? Long.parseLong(f.get(8)) : 0;
                })
            .toArray();
    return ticks.length == 0 ? null : ticks;
  }

  /** This machine's per-CPU steal counters, or null where /proc/stat is not readable. */
  static long[] read() {
    try {
      return parse(Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.US_ASCII));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
