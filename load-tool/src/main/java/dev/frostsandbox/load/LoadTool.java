package dev.frostsandbox.load;

import dev.frostsandbox.client.FrostClient;
import dev.frostsandbox.ecdsaschnorr.EcdsaSchnorrService;
import dev.frostsandbox.eddsa.EddsaService;
import dev.frostsandbox.frost.Identifier;
import dev.frostsandbox.frost.Signature;
import dev.frostsandbox.frost.json.FrostJson;
import dev.frostsandbox.frost.signing.SigningNonces;
import dev.frostsandbox.signer.ServiceDefinition;
import dev.frostsandbox.signer.SuiteBinding;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Load against a running signer service: DKG, one-round or two-round signing at a fixed concurrency
 * (closed loop) or a fixed rate (open loop) for a duration; prints throughput, latency percentiles
 * and errors, and with {@code --pid} the service's CPU time per operation, RSS and heap over time.
 * Protocol steps come from {@link FrostClient} through {@link AsyncFrostClient}.
 */
public final class LoadTool {

  /** CPU, RSS and heap of the service over the measured window (null without --pid). */
  public record ProcessReport(
      double cpuSeconds,
      double jitSeconds,
      double cpuMicrosPerOp,
      double cores,
      long rssStartBytes,
      long rssEndBytes,
      long rssMaxBytes,
      List<ProcessSampler.Sample> samples) {}

  /**
   * Per operation over the measured window, in CPU microseconds: the load tool itself, Redis (with
   * --redis-pid, else -1) and the whole machine (every process plus the kernel's interrupt work);
   * busy and idle in cores; loadToolJitSeconds: the CPU the load tool's own JIT compiler threads
   * took in the window.
   */
  public record MachineReport(
      double loadToolMicrosPerOp,
      double loadToolJitSeconds,
      double redisMicrosPerOp,
      double machineMicrosPerOp,
      double busyCores,
      double idleCores) {}

  public record Result(
      String op,
      String suite,
      String mode,
      double seconds,
      long ops,
      long errors,
      long measuredErrors,
      double throughput,
      double p50Ms,
      double p90Ms,
      double p99Ms,
      double p999Ms,
      double maxMs,
      long verified,
      Map<String, Long> errorKinds,
      ProcessReport process,
      MachineReport machine,
      Hiccups.Report hiccups,
      SendLag sendLag) {}

  /**
   * Rate mode: how late the load tool itself issued the measured operations (issue time minus
   * scheduled time, of the operations in the latency histogram; its one event loop builds every
   * request and reads every answer). Latency counts from the scheduled time, so a late issue counts
   * against the server: this tells how much of a tail was the tool's. Null in concurrency mode.
   */
  public record SendLag(double p50Ms, double p99Ms, double p999Ms, double maxMs) {}

  private LoadTool() {}

  public static void main(String[] args) {
    LoadOptions o;
    try {
      o = LoadOptions.parse(args);
    } catch (IllegalArgumentException e) {
      if (!"usage".equals(e.getMessage())) {
        System.err.println(e.getMessage());
      }
      System.err.print(LoadOptions.USAGE);
      System.exit(2);
      return;
    }
    Result r = run(o, System.out);
    System.exit(r.errors() == 0 && r.ops() > 0 ? 0 : 1);
  }

  /** The services whose suites the tool knows. */
  static final List<ServiceDefinition> SERVICES =
      List.of(EcdsaSchnorrService.DEFINITION, EddsaService.DEFINITION);

  public static Result run(LoadOptions o, PrintStream out) {
    for (ServiceDefinition d : SERVICES) {
      SuiteBinding<?> s = d.suitesByName().get(o.suite());
      if (s != null) {
        return new Runner<>(s, d.prefix(), o, out).run();
      }
    }
    throw new IllegalArgumentException("unknown suite " + o.suite());
  }

  /**
   * 1 when an operation scheduled at {@code intended} and answered at {@code end} belongs to the
   * window [start, stop], else 0; computed without a branch, so that the window's start changes no
   * branch profile the JIT compiled the answer path with.
   */
  static int inWindow(long intended, long end, long start, long stop) {
    // each difference is negative exactly when its condition holds: both sign bits set
    return (int) (((start - 1 - intended) & (end - stop - 1)) >>> 63);
  }

  /** The index of the window's figures in a pair indexed by {@link #inWindow}; 0 is the others'. */
  static final int WINDOW = 1;

  /**
   * Two like histograms, [0] for what falls outside the window (recorded, never reported) and
   * [{@link #WINDOW}] for the window: every record takes the same code path, so the window's start
   * gives the JIT nothing to redo.
   */
  static Histogram[] outsideAndWindow(long highestTrackableMicros) {
    return new Histogram[] {
      new Histogram(highestTrackableMicros, 3), new Histogram(highestTrackableMicros, 3)
    };
  }

  /** One run; all driver state lives on a single Vert.x event loop. */
  private static final class Runner<E> {
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private final LoadOptions o;
    private final PrintStream out;
    private final Vertx vertx;
    private final Context ctx;
    private final FrostClient<E> client;

    /** The client of {@code --op dkg}'s load (signing goes through {@link #signers}). */
    private final AsyncFrostClient<E> async;

    /**
     * Where signing requests go: the service itself, or --sign-url; operation n uses pool n mod
     * --pools.
     */
    private final List<AsyncFrostClient<E>> signers = new ArrayList<>();

    private final List<FrostClient.Keys<E>> keys = new ArrayList<>();
    private final List<List<SortedMap<Identifier, SigningNonces<E>>>> noncePools =
        new ArrayList<>();

    /** Latency and issue lag, by {@link LoadTool#inWindow}. */
    private final Histogram[] latencies = outsideAndWindow(TimeUnit.SECONDS.toMicros(120));

    private final Histogram[] sendLags = outsideAndWindow(TimeUnit.SECONDS.toMicros(120));

    /** Answers counted, likewise. */
    private final long[] answered = new long[2];

    private final Map<String, Long> errorKinds = new LinkedHashMap<>();
    private long seq;
    private long errors;
    private long measuredErrors;
    private long verified;
    private long inFlight;

    /** Rate mode: operations of the schedule issued so far (event loop only). */
    private long scheduleIssued;

    private long measureStart;
    private long measureEnd;
    private CompletableFuture<Void> done = new CompletableFuture<>();

    /** The run has ended (or failed): the rate ticker and the window's edges stop. */
    private volatile boolean ended;

    Runner(SuiteBinding<E> suite, String prefix, LoadOptions o, PrintStream out) {
      this.o = o;
      this.out = out;
      this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2));
      this.ctx = vertx.getOrCreateContext();
      this.client = new FrostClient<>(suite.frost(), prefix, new SecureRandom());
      this.async =
          new AsyncFrostClient<>(vertx, client, o.url(), o.headers(), o.effectiveConnections());
      int pools = o.effectivePools();
      int perPool = Math.max(1, (o.effectiveConnections() + pools - 1) / pools);
      String url = o.signUrl() == null ? o.url() : o.signUrl();
      for (int i = 0; i < pools; i++) {
        signers.add(new AsyncFrostClient<>(vertx, client, url, o.headers(), perPool));
      }
    }

    Result run() {
      ProcessSampler sampler = null;
      Hiccups hiccups = new Hiccups();
      Thread edges = null;
      try {
        prepareKeys();
        // the machine's reading runs once before the window, so that its opening runs no new code
        ProcessSampler.machine(o.redisPid());
        if (o.pid() > 0) {
          // a scrape every few seconds is work the service does and BaselineServer does not
          sampler = new ProcessSampler(o.pid(), o.scrapesHeap() ? o.url() + "/metrics" : null);
          sampler.start(o.sampleEvery(), out);
        }
        long now = System.nanoTime();
        measureStart = now + o.warmup().toNanos();
        measureEnd = measureStart + o.duration().toNanos();
        CompletableFuture<ProcessSampler.Sample> atStart = new CompletableFuture<>();
        CompletableFuture<ProcessSampler.Sample> atEnd = new CompletableFuture<>();
        CompletableFuture<ProcessSampler.Machine> machineStart = new CompletableFuture<>();
        CompletableFuture<ProcessSampler.Machine> machineEnd = new CompletableFuture<>();
        ProcessSampler s = sampler;
        edges = windowEdges(hiccups, s, machineStart, atStart, machineEnd, atEnd);
        ctx.runOnContext(v -> start(now));
        done.get(o.warmup().toMillis() + o.duration().toMillis() + 60_000, TimeUnit.MILLISECONDS);
        ProcessReport process = null;
        if (s != null) {
          process =
              processReport(s, atStart.get(10, TimeUnit.SECONDS), atEnd.get(10, TimeUnit.SECONDS));
        }
        MachineReport machine =
            machineReport(
                machineStart.get(10, TimeUnit.SECONDS), machineEnd.get(10, TimeUnit.SECONDS));
        Result r = result(process, machine, hiccups.report());
        print(r);
        if (o.jsonOut() != null) {
          Files.writeString(
              Path.of(o.jsonOut()),
              FrostJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(r));
        }
        return r;
      } catch (Exception e) {
        throw new IllegalStateException("load run failed: " + e, e);
      } finally {
        ended = true;
        if (edges != null) {
          LockSupport.unpark(edges);
        }
        hiccups.close();
        if (sampler != null) {
          sampler.close();
        }
        for (AsyncFrostClient<E> signer : signers) {
          signer.close();
        }
        async.close();
        vertx.close().await();
      }
    }

    /**
     * The window's edges, on a thread of their own: at {@code measureStart} and {@code measureEnd}
     * the hiccup meter is switched and the machine's and the service's CPU are read. Not timers and
     * worker tasks of the event loop, whose first use at the window's start had its compiled code
     * thrown away; one thread, so the window cannot close before it opened.
     */
    private Thread windowEdges(
        Hiccups hiccups,
        ProcessSampler service,
        CompletableFuture<ProcessSampler.Machine> machineStart,
        CompletableFuture<ProcessSampler.Sample> serviceStart,
        CompletableFuture<ProcessSampler.Machine> machineEnd,
        CompletableFuture<ProcessSampler.Sample> serviceEnd) {
      Thread t =
          new Thread(
              () -> {
                try {
                  if (!parkUntil(measureStart)) {
                    return;
                  }
                  hiccups.recording(true);
                  read(service, machineStart, serviceStart);
                  if (!parkUntil(measureEnd)) {
                    return;
                  }
                  hiccups.recording(false);
                  read(service, machineEnd, serviceEnd);
                } catch (Throwable e) {
                  for (CompletableFuture<?> f :
                      List.of(machineStart, serviceStart, machineEnd, serviceEnd)) {
                    f.completeExceptionally(e);
                  }
                }
              },
              "window-edges");
      t.setDaemon(true);
      t.start();
      return t;
    }

    private void read(
        ProcessSampler service,
        CompletableFuture<ProcessSampler.Machine> machine,
        CompletableFuture<ProcessSampler.Sample> sample) {
      machine.complete(ProcessSampler.machine(o.redisPid()));
      if (service != null) {
        sample.complete(service.sample());
      }
    }

    /** False when the run ended first. */
    private boolean parkUntil(long nanos) {
      for (long wait; !ended && (wait = nanos - System.nanoTime()) > 0; ) {
        LockSupport.parkNanos(wait);
      }
      return !ended;
    }

    private void prepareKeys() throws Exception {
      if (o.op().equals("dkg")) {
        return;
      }
      // a client of its own, closed before the run: its connections would otherwise idle until
      // their 30-s keep-alive closed them, inside a window after a 30-s warm-up
      // (docs/benchmarks.md,
      // eighth session)
      AsyncFrostClient<E> preparation =
          new AsyncFrostClient<>(vertx, client, o.url(), o.headers(), o.effectiveConnections());
      List<Future<FrostClient.Keys<E>>> dkgs = new ArrayList<>();
      CompletableFuture<List<FrostClient.Keys<E>>> created = new CompletableFuture<>();
      ctx.runOnContext(
          v -> {
            for (int i = 0; i < o.keys(); i++) {
              dkgs.add(preparation.dkg(newKeyId(), o.minSigners(), o.maxSigners()));
            }
            Future.all(dkgs)
                .onComplete(
                    ar -> {
                      if (ar.failed()) {
                        created.completeExceptionally(ar.cause());
                      } else {
                        created.complete(dkgs.stream().map(Future::result).toList());
                      }
                    });
          });
      try {
        keys.addAll(created.get(60, TimeUnit.SECONDS));
      } finally {
        preparation.close();
      }
      for (FrostClient.Keys<E> k : keys) {
        List<SortedMap<Identifier, SigningNonces<E>>> pool = new ArrayList<>();
        for (int i = 0; i < o.clientNoncePool(); i++) {
          pool.add(client.newNonces(k, client.defaultSigners(k)));
        }
        noncePools.add(pool);
      }
      out.printf(
          "prepared %d %d-of-%d keys by DKG%s%n",
          keys.size(),
          o.minSigners(),
          o.maxSigners(),
          o.clientNoncePool() > 0 ? ", " + o.clientNoncePool() + " client nonce sets per key" : "");
    }

    private static String newKeyId() {
      return "load-" + UUID.randomUUID().toString().replace("-", "");
    }

    // ---- driver (event loop) ----

    private void start(long t0) {
      if (o.rate() > 0) {
        Thread ticker = new Thread(() -> tick(t0), "rate-ticker");
        ticker.setDaemon(true);
        ticker.start();
      } else {
        for (int i = 0; i < o.concurrency(); i++) {
          loop();
        }
      }
    }

    /**
     * Rate mode's clock, on a thread of its own: it parks between 1-ms ticks and, when the schedule
     * has moved on, posts a drain to the event loop, which issues every operation due by then. A
     * 1-ms timer on the event loop itself kept the loop from blocking half the time: Netty
     * (NioIoHandler.select) selects without waiting when its next timer is due within half a
     * millisecond, so the loop spun for half of every tick (the load tool took 2.7x the CPU per
     * operation of a closed loop at the same rate, taken from the server under test;
     * docs/benchmarks.md, fifth session). With no timer of its own, the event loop sleeps until an
     * answer or a drain.
     */
    private void tick(long t0) {
      try {
        RateSchedule schedule = new RateSchedule(o.rate(), o.effectiveRamp().toNanos());
        AtomicBoolean drainPending = new AtomicBoolean();
        long posted = 0;
        for (long next = t0 + TICK_NANOS; !ended; next += TICK_NANOS) {
          long now = System.nanoTime();
          if (now >= measureEnd) {
            ctx.runOnContext(v -> finishWhenDrained());
            return;
          }
          // at most one wake-up per tick, none while the schedule has not moved on, one drain
          // pending at a time: a loop that fell behind catches up in one go
          long due = schedule.due(now - t0);
          if (due > posted && drainPending.compareAndSet(false, true)) {
            posted = due;
            ctx.runOnContext(
                v -> {
                  drainPending.set(false);
                  issueDue(t0, schedule);
                });
          }
          long wait = next - System.nanoTime();
          if (wait > 0) {
            LockSupport.parkNanos(wait);
          } else {
            next = System.nanoTime(); // this thread was held up: no burst of ticks to catch up
          }
        }
      } catch (RuntimeException e) {
        done.completeExceptionally(e); // the run fails now instead of waiting for its deadline
      }
    }

    /** On the event loop: issues every operation due by now; nothing once the window has closed. */
    private void issueDue(long t0, RateSchedule schedule) {
      long now = System.nanoTime();
      if (now >= measureEnd) {
        return;
      }
      long due = schedule.due(now - t0);
      while (scheduleIssued < due) {
        long intended = t0 + schedule.intendedNanos(scheduleIssued);
        scheduleIssued++;
        if (inFlight >= o.maxInFlight()) {
          error(intended, "dropped: more than --max-in-flight operations outstanding");
          continue;
        }
        issue(intended, null);
      }
    }

    private void loop() {
      if (System.nanoTime() >= measureEnd) {
        finishWhenDrained();
        return;
      }
      issue(System.nanoTime(), this::loop);
    }

    private void finishWhenDrained() {
      if (inFlight == 0 && !done.isDone()) {
        done.complete(null);
      }
    }

    private void issue(long intended, Runnable next) {
      long issued = System.nanoTime();
      long n = seq++;
      inFlight++;
      Future<Runnable> op;
      try {
        op = operation(n);
      } catch (RuntimeException e) {
        op = Future.failedFuture(e);
      }
      op.onComplete(
          ar -> {
            long end = System.nanoTime();
            inFlight--;
            String failure = null;
            if (ar.failed()) {
              failure = describe(ar.cause());
            } else {
              try {
                ar.result().run();
              } catch (RuntimeException e) {
                failure = describe(e);
              }
            }
            if (failure != null) {
              error(intended, failure);
            } else {
              int w = LoadTool.inWindow(intended, end, measureStart, measureEnd);
              answered[w]++;
              Histogram h = latencies[w];
              h.recordValue(
                  Math.min(h.getHighestTrackableValue(), Math.max(1, (end - intended) / 1000)));
              Histogram lag = sendLags[w];
              lag.recordValue(
                  Math.min(
                      lag.getHighestTrackableValue(), Math.max(1, (issued - intended) / 1000)));
            }
            if (next != null) {
              if (failure != null) {
                ctx.runOnContext(v -> next.run()); // a failure may be synchronous: no recursion
              } else {
                next.run();
              }
            } else if (System.nanoTime() >= measureEnd) {
              finishWhenDrained();
            }
          });
    }

    /** Operations answered inside the window. */
    private long ops() {
      return answered[WINDOW];
    }

    private void error(long intended, String kind) {
      errors++;
      if (intended >= measureStart && intended <= measureEnd) {
        measuredErrors++;
      }
      if (errorKinds.size() < 20 || errorKinds.containsKey(kind)) {
        errorKinds.merge(kind, 1L, Long::sum);
      }
    }

    private static String describe(Throwable t) {
      String m = t.getMessage();
      return t.getClass().getSimpleName()
          + (m == null ? "" : ": " + (m.length() > 200 ? m.substring(0, 200) : m));
    }

    /**
     * Starts operation number n; its future completes when the service has answered, with the
     * client-side check to run after the latency is taken.
     */
    private Future<Runnable> operation(long n) {
      if (o.op().equals("dkg")) {
        return async.dkg(newKeyId(), o.minSigners(), o.maxSigners()).map(k -> () -> {});
      }
      int ki = (int) (n % keys.size());
      FrostClient.Keys<E> k = keys.get(ki);
      SortedMap<Identifier, SigningNonces<E>> nonces;
      if (o.clientNoncePool() > 0) {
        List<SortedMap<Identifier, SigningNonces<E>>> pool = noncePools.get(ki);
        nonces = pool.get((int) ((n / keys.size()) % pool.size()));
      } else {
        nonces = client.newNonces(k, client.defaultSigners(k));
      }
      byte[] message = new byte[32];
      ThreadLocalRandom.current().nextBytes(message);
      boolean verify = o.verifyEvery() > 0 && n % o.verifyEvery() == 0;
      AsyncFrostClient<E> signer = signers.get((int) (n % signers.size()));
      if (o.op().equals("sign2")) {
        return signer
            .signTwoRounds(k, message, nonces)
            .map(ss -> verify ? () -> check(k, message, nonces, ss) : () -> {});
      }
      FrostClient.OneRoundSign<E> request = client.signOneRoundRequest(k, message, nonces);
      if (verify) {
        return signer.signOneRound(k, request).map(ss -> () -> check(k, message, nonces, ss));
      }
      return signer.signOneRoundUnchecked(request).map(a -> () -> {});
    }

    private void check(
        FrostClient.Keys<E> k,
        byte[] message,
        SortedMap<Identifier, SigningNonces<E>> nonces,
        FrostClient.ServerShare<E> ss) {
      Signature<E> sig = client.aggregateLocally(k, ss.signingPackage(), nonces, ss.share());
      if (!client.verify(k, message, sig)) {
        throw new IllegalStateException("the aggregate signature does not verify");
      }
      verified++;
    }

    // ---- report ----

    private ProcessReport processReport(
        ProcessSampler s, ProcessSampler.Sample a, ProcessSampler.Sample b) {
      double cpu = b.cpuSeconds() - a.cpuSeconds();
      double secs = (b.nanoTime() - a.nanoTime()) / 1e9;
      long rssMax =
          s.samples().stream()
              .mapToLong(ProcessSampler.Sample::rssBytes)
              .max()
              .orElse(b.rssBytes());
      return new ProcessReport(
          cpu,
          b.jitSeconds() - a.jitSeconds(),
          ops() == 0 ? 0 : cpu * 1e6 / ops(),
          cpu / secs,
          a.rssBytes(),
          b.rssBytes(),
          Math.max(rssMax, b.rssBytes()),
          s.samples());
    }

    private MachineReport machineReport(ProcessSampler.Machine a, ProcessSampler.Machine b) {
      double secs = (b.nanoTime() - a.nanoTime()) / 1e9;
      double perOp = ops() == 0 ? 0 : 1e6 / ops();
      return new MachineReport(
          (b.selfSeconds() - a.selfSeconds()) * perOp,
          b.selfJitSeconds() - a.selfJitSeconds(),
          a.otherSeconds() < 0 ? -1 : (b.otherSeconds() - a.otherSeconds()) * perOp,
          (b.busySeconds() - a.busySeconds()) * perOp,
          (b.busySeconds() - a.busySeconds()) / secs,
          (b.idleSeconds() - a.idleSeconds()) / secs);
    }

    private Result result(ProcessReport process, MachineReport machine, Hiccups.Report hiccups) {
      double secs = o.duration().toNanos() / 1e9;
      String mode = o.rate() > 0 ? "rate " + o.rate() + "/s" : "concurrency " + o.concurrency();
      Histogram histogram = latencies[WINDOW];
      Histogram sendLag = sendLags[WINDOW];
      return new Result(
          o.op(),
          o.suite(),
          mode,
          secs,
          ops(),
          errors,
          measuredErrors,
          ops() / secs,
          ms(histogram.getValueAtPercentile(50)),
          ms(histogram.getValueAtPercentile(90)),
          ms(histogram.getValueAtPercentile(99)),
          ms(histogram.getValueAtPercentile(99.9)),
          ms(histogram.getMaxValue()),
          verified,
          Map.copyOf(errorKinds),
          process,
          machine,
          hiccups,
          o.rate() > 0
              ? new SendLag(
                  ms(sendLag.getValueAtPercentile(50)),
                  ms(sendLag.getValueAtPercentile(99)),
                  ms(sendLag.getValueAtPercentile(99.9)),
                  ms(sendLag.getMaxValue()))
              : null);
    }

    private static double ms(long micros) {
      return micros / 1000.0;
    }

    private void print(Result r) {
      out.printf(
          "op=%s suite=%s %s duration=%.1fs warmup=%ds%s verify-every=%d client-nonces=%s"
              + " connections=%d in %d pool(s)%n",
          r.op(),
          r.suite(),
          r.mode(),
          r.seconds(),
          o.warmup().toSeconds(),
          o.rate() > 0 ? " (ramp " + o.effectiveRamp().toMillis() + " ms)" : "",
          o.verifyEvery(),
          o.clientNoncePool() == 0 ? "fresh" : "pool of " + o.clientNoncePool(),
          o.effectiveConnections(),
          signers.size());
      out.printf(
          "ops=%d throughput=%.1f ops/s errors=%d (measured window %d) verified=%d%n",
          r.ops(), r.throughput(), r.errors(), r.measuredErrors(), r.verified());
      out.printf(
          "latency ms: p50=%.3f p90=%.3f p99=%.3f p99.9=%.3f max=%.3f%n",
          r.p50Ms(), r.p90Ms(), r.p99Ms(), r.p999Ms(), r.maxMs());
      r.errorKinds().forEach((k, v) -> out.printf("  error x%d: %s%n", v, k));
      SendLag lag = r.sendLag();
      if (lag != null) {
        out.printf(
            "load tool late to send (issued minus scheduled, included above): p50=%.3f p99=%.3f"
                + " p99.9=%.3f max=%.3f ms%n",
            lag.p50Ms(), lag.p99Ms(), lag.p999Ms(), lag.maxMs());
      }
      ProcessReport p = r.process();
      if (p != null) {
        out.printf(
            "service pid %d: cpu %.2f s in the window (%.2f cores), %.1f us cpu/op; rss start %.1f MB, end %.1f MB, max %.1f MB%n",
            o.pid(),
            p.cpuSeconds(),
            p.cores(),
            p.cpuMicrosPerOp(),
            p.rssStartBytes() / 1048576.0,
            p.rssEndBytes() / 1048576.0,
            p.rssMaxBytes() / 1048576.0);
      }
      MachineReport m = r.machine();
      out.printf(
          "machine: %.2f cores busy, %.2f idle; cpu/op: load tool %.1f us, redis %s, whole machine %.1f us%n",
          m.busyCores(),
          m.idleCores(),
          m.loadToolMicrosPerOp(),
          m.redisMicrosPerOp() < 0
              ? "(no --redis-pid)"
              : String.format("%.1f us", m.redisMicrosPerOp()),
          m.machineMicrosPerOp());
      out.printf(
          "JIT compiler threads' CPU in the window: %sload tool %.2f s%n",
          p == null ? "" : String.format("service %.2f s, ", p.jitSeconds()),
          m.loadToolJitSeconds());
      Hiccups.Report h = r.hiccups();
      out.printf(
          "host hiccups (1-ms sleeps woken late, %d samples): p50=%.3f p99=%.3f p99.9=%.3f max=%.3f ms, %d over 5 ms%n",
          h.samples(), h.p50Ms(), h.p99Ms(), h.p999Ms(), h.maxMs(), h.over5ms());
      StealWindow.Report st = h.steal();
      out.printf(
          "host steal (/proc/stat, 10-ms ticks): %.0f ms over the window; at most %.0f ms within"
              + " %d ms on one cpu (cpu%d, %.1f s into the window)%n",
          st.totalMs(), st.maxMsPer100Ms(), StealWindow.WINDOW_MS, st.maxCpu(), st.maxAtSeconds());
    }
  }
}
