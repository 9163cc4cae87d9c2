package dev.frostsandbox.load;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Command-line options of the load tool (see {@link #USAGE}). */
public record LoadOptions(
    String url,
    String suite,
    String op,
    int concurrency,
    double rate,
    Duration duration,
    Duration warmup,
    int keys,
    int minSigners,
    int maxSigners,
    int verifyEvery,
    int clientNoncePool,
    int connections,
    int maxInFlight,
    long pid,
    Duration sampleEvery,
    String jsonOut,
    Map<String, String> headers,
    String signUrl,
    long redisPid,
    int pools,
    Duration ramp,
    boolean heap) {

  public static final String USAGE =
      """
      java -jar load-tool/target/load-tool.jar [options]
        --url URL              service base URL (default http://127.0.0.1:8081)
        --suite NAME           FROST-secp256k1-SHA256-v1 (default), FROST-secp256k1-POSEIDON-v1,
                               FROST-secp256k1-SHA256-TR-v1, FROST-ED25519-SHA512-v1
        --op OP                sign (one round trip, default), sign2 (round1 + round2), dkg
        --concurrency N        N operations in flight at all times (closed loop; default 16)
        --rate R               instead: start R operations per second (open loop; latency counted from
                               the scheduled start, so queueing shows)
        --duration D           measured time, e.g. 30s, 10m (default 30s)
        --warmup D             unmeasured run before (default 5s)
        --keys K               keys created by DKG before the run, used round-robin (default 4)
        --threshold T/N        t-of-n keys (default 2/2)
        --verify-every V       aggregate and verify every V-th signature on the client (default 1 =
                               all, 0 = none; other answers are checked for status and shape)
        --client-nonces P      0 (default): fresh client nonces per signature; P > 0: a pool of P
                               pre-generated client nonce sets reused round-robin, to keep the
                               client's CPU off a shared machine. Load keys only: reusing a client's
                               nonces would expose a real client's share.
        --connections C        HTTP connections (default: concurrency, at most 64; 64 in rate mode)
        --pools P              spread the operations round-robin over P connection pools of C/P
                               connections each, like P independent clients (default: C in rate
                               mode, one connection each; 1 at a fixed concurrency; see
                               docs/benchmarks.md)
        --ramp D               rate mode: the rate climbs linearly from 0 over D at the start of the
                               warm-up (default: half the warm-up; 0s: none), so that connections,
                               the server and this tool warm up without a burst of overdue operations
        --max-in-flight M      rate mode: operations beyond M in flight count as errors (default 10000)
        --pid PID              sample CPU time, RSS (/proc/PID) and heap (URL/metrics) of the service
        --sample-every D       sampling period with --pid (default 5s)
        --heap yes|no          with --pid: scrape URL/metrics for the heap column (default yes; never
                               with --sign-url, whose server is not the one at URL). A scrape is
                               work for the service: rate runs compared with BaselineServer say no
        --redis-pid PID        with --pid: also the CPU time of Redis per operation
        --sign-url URL         send the signing requests there instead of --url (keys are still made
                               by DKG at --url): for BaselineServer, the HTTP + Redis floor
        --header NAME:VALUE    sent with every request (e.g. x-api-key:...)
        --json FILE            also write the result as JSON
      """;

  public static LoadOptions defaults() {
    return new LoadOptions(
        "http://127.0.0.1:8081",
        "FROST-secp256k1-SHA256-v1",
        "sign",
        16,
        0,
        Duration.ofSeconds(30),
        Duration.ofSeconds(5),
        4,
        2,
        2,
        1,
        0,
        0,
        10_000,
        0,
        Duration.ofSeconds(5),
        null,
        Map.of(),
        null,
        0,
        0,
        null,
        true);
  }

  public static LoadOptions parse(String[] args) {
    LoadOptions o = defaults();
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        throw new IllegalArgumentException("usage");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(a + " needs a value");
      }
      String v = args[++i];
      o =
          switch (a) {
            case "--url" -> o.with(b -> b.url = v);
            case "--suite" -> o.with(b -> b.suite = v);
            case "--op" -> o.with(b -> b.op = v);
            case "--concurrency" -> o.with(b -> b.concurrency = Integer.parseInt(v));
            case "--rate" -> o.with(b -> b.rate = Double.parseDouble(v));
            case "--duration" -> o.with(b -> b.duration = duration(v));
            case "--warmup" -> o.with(b -> b.warmup = duration(v));
            case "--keys" -> o.with(b -> b.keys = Integer.parseInt(v));
            case "--threshold" ->
                o.with(
                    b -> {
                      String[] tn = v.split("/", -1);
                      b.minSigners = Integer.parseInt(tn[0]);
                      b.maxSigners = Integer.parseInt(tn[1]);
                    });
            case "--verify-every" -> o.with(b -> b.verifyEvery = Integer.parseInt(v));
            case "--client-nonces" -> o.with(b -> b.clientNoncePool = Integer.parseInt(v));
            case "--connections" -> o.with(b -> b.connections = Integer.parseInt(v));
            case "--pools" -> o.with(b -> b.pools = Integer.parseInt(v));
            case "--max-in-flight" -> o.with(b -> b.maxInFlight = Integer.parseInt(v));
            case "--ramp" -> o.with(b -> b.ramp = duration(v));
            case "--pid" -> o.with(b -> b.pid = Long.parseLong(v));
            case "--sample-every" -> o.with(b -> b.sampleEvery = duration(v));
            case "--json" -> o.with(b -> b.jsonOut = v);
            case "--sign-url" -> o.with(b -> b.signUrl = v);
            case "--redis-pid" -> o.with(b -> b.redisPid = Long.parseLong(v));
            case "--heap" ->
                o.with(
                    b -> {
                      if (!v.equals("yes") && !v.equals("no")) {
                        throw new IllegalArgumentException("--heap takes yes or no");
                      }
                      b.heap = v.equals("yes");
                    });
            case "--header" -> {
              int c = v.indexOf(':');
              headers.put(v.substring(0, c).trim(), v.substring(c + 1).trim());
              yield o;
            }
            default -> throw new IllegalArgumentException("unknown option " + a);
          };
    }
    LoadOptions r = o.with(b -> b.headers = Map.copyOf(headers));
    r.validate();
    return r;
  }

  void validate() {
    if (!op.equals("sign") && !op.equals("sign2") && !op.equals("dkg")) {
      throw new IllegalArgumentException("--op must be sign, sign2 or dkg");
    }
    if (concurrency < 1 || keys < 1 || verifyEvery < 0 || clientNoncePool < 0 || rate < 0) {
      throw new IllegalArgumentException(
          "--concurrency and --keys must be positive, --verify-every not negative");
    }
    if (minSigners < 2 || maxSigners < minSigners) {
      throw new IllegalArgumentException("--threshold must be t/n with 2 <= t <= n");
    }
    if (ramp != null && (ramp.isNegative() || ramp.compareTo(warmup) > 0)) {
      throw new IllegalArgumentException("--ramp must be between 0s and the warm-up");
    }
  }

  /** The rate mode's ramp: as given, else half the warm-up. */
  public Duration effectiveRamp() {
    return ramp != null ? ramp : warmup.dividedBy(2);
  }

  public int effectiveConnections() {
    return connections > 0 ? connections : Math.min(64, Math.max(concurrency, rate > 0 ? 64 : 1));
  }

  /**
   * Connection pools the operations are spread over. One pool hands a request the first idle
   * connection it holds, so at a low rate a few connections carry nearly every request, and the
   * server serves them on the event loops those connections were accepted on (one loop did 73 % of
   * the work in a half-load run); several pools, used in turn, spread them like many clients. In
   * rate mode each connection is a pool of its own: with 16 pools the 16 connections that carried
   * nearly everything put 75 % of the bytes on one event loop (docs/benchmarks.md, sixth session);
   * with one per pool every connection carries the same share.
   */
  public int effectivePools() {
    int p = pools > 0 ? pools : rate > 0 ? effectiveConnections() : 1;
    return Math.max(1, Math.min(p, effectiveConnections()));
  }

  /**
   * Whether the sampler scrapes URL/metrics for the heap: with --pid and --heap yes, and never with
   * --sign-url (the scraped service would not be the server measured).
   */
  public boolean scrapesHeap() {
    return pid > 0 && heap && signUrl == null;
  }

  /** 30s, 10m, 500ms, 1h. */
  static Duration duration(String v) {
    String s = v.trim().toLowerCase(Locale.ROOT);
    if (s.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
    }
    long n = Long.parseLong(s.substring(0, s.length() - 1));
    return switch (s.charAt(s.length() - 1)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      default -> throw new IllegalArgumentException("durations look like 30s, 10m, 500ms");
    };
  }

  /** Copy with changes. */
  public LoadOptions with(java.util.function.Consumer<Builder> change) {
    Builder b = new Builder(this);
    change.accept(b);
    return b.build();
  }

  /** Mutable copy for {@link #with}. */
  public static final class Builder {
    public String url;
    public String suite;
    public String op;
    public int concurrency;
    public double rate;
    public Duration duration;
    public Duration warmup;
    public int keys;
    public int minSigners;
    public int maxSigners;
    public int verifyEvery;
    public int clientNoncePool;
    public int connections;
    public int maxInFlight;
    public long pid;
    public Duration sampleEvery;
    public String jsonOut;
    public Map<String, String> headers;
    public String signUrl;
    public long redisPid;
    public int pools;
    public Duration ramp;
    public boolean heap;

    Builder(LoadOptions o) {
      url = o.url;
      suite = o.suite;
      op = o.op;
      concurrency = o.concurrency;
      rate = o.rate;
      duration = o.duration;
      warmup = o.warmup;
      keys = o.keys;
      minSigners = o.minSigners;
      maxSigners = o.maxSigners;
      verifyEvery = o.verifyEvery;
      clientNoncePool = o.clientNoncePool;
      connections = o.connections;
      maxInFlight = o.maxInFlight;
      pid = o.pid;
      sampleEvery = o.sampleEvery;
      jsonOut = o.jsonOut;
      headers = o.headers;
      signUrl = o.signUrl;
      redisPid = o.redisPid;
      pools = o.pools;
      ramp = o.ramp;
      heap = o.heap;
    }

    LoadOptions build() {
      return new LoadOptions(
          url,
          suite,
          op,
          concurrency,
          rate,
          duration,
          warmup,
          keys,
          minSigners,
          maxSigners,
          verifyEvery,
          clientNoncePool,
          connections,
          maxInFlight,
          pid,
          sampleEvery,
          jsonOut,
          headers,
          signUrl,
          redisPid,
          pools,
          ramp,
          heap);
    }
  }
}
