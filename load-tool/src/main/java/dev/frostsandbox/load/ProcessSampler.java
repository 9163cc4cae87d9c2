package dev.frostsandbox.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Samples the service process: CPU time (utime + stime of /proc/PID/stat), that of its JIT compiler
 * threads, resident set size (VmRSS of /proc/PID/status) and JVM heap in use (the service's own
 * Prometheus {@code jvm_memory_used_bytes{area="heap"}}), periodically for a soak run.
 */
public final class ProcessSampler implements AutoCloseable {

  /**
   * One sample; heapBytes is -1 when the metrics endpoint did not answer; jitSeconds is the CPU of
   * the process's JIT compiler threads.
   */
  public record Sample(
      long nanoTime, double cpuSeconds, double jitSeconds, long rssBytes, long heapBytes) {}

  private final long pid;
  private final String metricsUrl;
  private final JitMeter jit;

  /** This process's own compiler threads, for {@link #machine}. */
  private static final JitMeter SELF_JIT = new JitMeter(ProcessHandle.current().pid());

  /** The kernel's clock ticks per second (getconf CLK_TCK), asked once per process. */
  static final long CLOCK_TICKS = clockTicks();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<Sample> samples = new ArrayList<>();
  private ScheduledExecutorService timer;
  private ScheduledFuture<?> sampling;

  public ProcessSampler(long pid, String metricsUrl) {
    this.pid = pid;
    this.metricsUrl = metricsUrl;
    this.jit = new JitMeter(pid);
  }

  private static long clockTicks() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      p.waitFor(2, TimeUnit.SECONDS);
      return Long.parseLong(out);
    } catch (IOException | NumberFormatException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }

  public Sample sample() {
    try {
      double cpu = cpuSeconds(pid);
      long rss = -1;
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
      return new Sample(System.nanoTime(), cpu, jit.seconds(), rss, heap());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc/" + pid + ": " + e.getMessage(), e);
    }
  }

  /** utime + stime of a process, in seconds. */
  static double cpuSeconds(long pid) throws IOException {
    return cpuSeconds(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
  }

  /** utime + stime of a /proc stat line (a process's or a thread's), in seconds. */
  static double cpuSeconds(String stat) {
    // fields after the command name "(...)": state is field 3, utime 14, stime 15
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) CLOCK_TICKS;
  }

  /**
   * CPU of a JVM's JIT compiler threads (HotSpot names them "C1 CompilerThread0", "C2
   * CompilerThread0", ...), in seconds, 0 for a process without them: a JIT still compiling takes a
   * core from whatever shares the machine, so a window in which either side compiled is not steady.
   * HotSpot starts and stops extra compiler threads with the load; the meter keeps the last reading
   * it took of every thread (by thread id), so one that ended keeps what it had used by then and
   * the total never goes back: a lower bound, sampled at the window's edges.
   */
  static final class JitMeter {
    private final Supplier<Map<String, Double>> threads;
    private final Map<String, Double> seen = new HashMap<>();

    JitMeter(long pid) {
      this(() -> compilerThreads(pid));
    }

    /** {@code threads}: the compiler threads now alive, CPU seconds by thread id. */
    JitMeter(Supplier<Map<String, Double>> threads) {
      this.threads = threads;
    }

    synchronized double seconds() {
      threads.get().forEach((tid, cpu) -> seen.merge(tid, cpu, Math::max));
      return seen.values().stream().mapToDouble(Double::doubleValue).sum();
    }
  }

  /** The compiler threads of a process now alive, CPU seconds by thread id; empty if none. */
  static Map<String, Double> compilerThreads(long pid) {
    Map<String, Double> cpu = new HashMap<>();
    try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path t : (Iterable<Path>) tasks::iterator) {
        try {
          String stat = Files.readString(t.resolve("stat")); // "tid (comm) state ..."
          if (isCompilerThread(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')))) {
            cpu.put(t.getFileName().toString(), cpuSeconds(stat));
          }
        } catch (IOException e) {
          // the thread ended while listed
        }
      }
    } catch (IOException e) {
      return Map.of();
    }
    return cpu;
  }

  static boolean isCompilerThread(String comm) {
    return comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre");
  }

  /**
   * Where the machine's CPU went: this process (the load tool), an optional other process (Redis,
   * with --redis-pid; -1 otherwise), and the whole machine from /proc/stat (busy includes the
   * kernel's interrupt and softirq time, which is where loopback networking is paid).
   */
  public record Machine(
      long nanoTime,
      double selfSeconds,
      double selfJitSeconds,
      double otherSeconds,
      double busySeconds,
      double idleSeconds) {}

  static Machine machine(long otherPid) {
    try {
      double self = cpuSeconds(ProcessHandle.current().pid());
      double other = otherPid > 0 ? cpuSeconds(otherPid) : -1;
      // cpu  user nice system idle iowait irq softirq steal ...
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+", -1);
      long busy = 0;
      for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
        busy += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
      return new Machine(
          System.nanoTime(),
          self,
          SELF_JIT.seconds(),
          other,
          busy / (double) CLOCK_TICKS,
          idle / (double) CLOCK_TICKS);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc: " + e.getMessage(), e);
    }
  }

  private long heap() {
    if (metricsUrl == null) {
      return -1;
    }
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(metricsUrl))
                  .timeout(Duration.ofSeconds(3))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return -1;
      }
      long sum = 0;
      boolean any = false;
      for (String line : r.body().split("\n", -1)) {
        if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
          sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
          any = true;
        }
      }
      return any ? sum : -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Samples every {@code period}, printing one line per sample. */
  public void start(Duration period, PrintStream out) {
    Sample first = sample();
    synchronized (samples) {
      samples.add(first);
    }
    out.printf("%8s %10s %8s %10s %10s%n", "t(s)", "cpu(s)", "cores", "rss(MB)", "heap(MB)");
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "process-sampler");
              t.setDaemon(true);
              return t;
            });
    sampling =
        timer.scheduleAtFixedRate(
            () -> {
              Sample s;
              try {
                s = sample();
              } catch (RuntimeException e) {
                // a periodic task that throws is silently never run again: say why the lines stop
                out.println("sampling stopped: " + e.getMessage());
                throw e;
              }
              Sample prev;
              synchronized (samples) {
                prev = samples.get(samples.size() - 1);
                samples.add(s);
              }
              double dt = (s.nanoTime() - prev.nanoTime()) / 1e9;
              out.printf(
                  "%8.1f %10.2f %8.2f %10.1f %10s%n",
                  (s.nanoTime() - first.nanoTime()) / 1e9,
                  s.cpuSeconds(),
                  (s.cpuSeconds() - prev.cpuSeconds()) / dt,
                  s.rssBytes() / 1048576.0,
                  s.heapBytes() < 0 ? "-" : String.format("%.1f", s.heapBytes() / 1048576.0));
            },
            period.toMillis(),
            period.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  public List<Sample> samples() {
    synchronized (samples) {
      return List.copyOf(samples);
    }
  }

  @Override
  public void close() {
    if (timer != null) {
      sampling.cancel(false);
      timer.shutdownNow();
    }
  }
}
