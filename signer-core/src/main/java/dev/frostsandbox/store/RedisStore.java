package dev.frostsandbox.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.PromiseInternal;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisCluster;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisReplicas;
import io.vertx.redis.client.RedisRole;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import io.vertx.redis.client.impl.PooledRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link Store} on the pooled Vert.x Redis client (standalone, sentinel or cluster).
 *
 * <ul>
 *   <li>Standalone mode, called on an event loop: commands are pipelined on one connection per
 *       event-loop thread, opened on that event loop and held. Elsewhere (sentinel mode, whose
 *       failover resets the pool; cluster mode, which routes per slot; callers off an event loop;
 *       the GETDEL+WAIT pipeline, since WAIT blocks its connection) each command borrows a pooled
 *       connection. A pooled connection carries one command at a time, so with more requests in
 *       flight than connections, commands queued for a connection in one FIFO across the event
 *       loops, each hand-over a hop between them; under a burst that queue held the service's
 *       requests for tens of milliseconds at a rate it served in 0.3 ms (docs/benchmarks.md).
 *   <li>Broken connections are dropped (a held one when it ends or fails, when a command on it
 *       times out or finds it closed, and after {@value #PIPELINE_IDLE_MS} ms unused) and new ones
 *       are opened on demand, so the store recovers by itself after a Redis restart or failover.
 *   <li>Each command is bounded by the configured timeout. Every failure (refused connection,
 *       timeout, error reply, closed store) fails the future with a {@link StoreException} whose
 *       message names the command, never a value. A timeout means "outcome unknown": the command
 *       may still have been applied by Redis.
 *   <li>Nothing here blocks: {@link #connect} only builds the client, the first command connects.
 *   <li>Reconnect with backoff: after a connection failure (refused, reset, closed) commands fail
 *       at once for a backoff window ({@value #BACKOFF_BASE_MS} ms, doubling per consecutive
 *       failure up to {@value #BACKOFF_MAX_MS} ms); the first command after the window probes Redis
 *       again, and one success ends the backoff. An outage costs no connection storm and no
 *       waiting.
 * </ul>
 */
public final class RedisStore implements Store {

  /**
   * INCR and, only when it created the counter, PEXPIRE — in one script so a counter can never be
   * left without its TTL. One KEYS entry, so cluster mode routes it by the key's slot.
   */
  static final String INCREMENT_SCRIPT =
      "local v = redis.call('INCR', KEYS[1]) "
          + "if v == 1 and tonumber(ARGV[1]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end "
          + "return v";

  /**
   * SADD unless the set holds ARGV[2] members already (ARGV[2] <= 0: no limit): 1 added, 0 already
   * a member, -1 refused. One key, so cluster mode routes it by the key's slot.
   */
  static final String ADD_BOUNDED_SCRIPT =
      "if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 0 end "
          + "local limit = tonumber(ARGV[2]) "
          + "if limit > 0 and redis.call('SCARD', KEYS[1]) >= limit then return -1 end "
          + "redis.call('SADD', KEYS[1], ARGV[1]) "
          + "return 1";

  /**
   * {@link #ADD_BOUNDED_SCRIPT} answering also the set's size after it: {code, SCARD}. One write
   * (the SADD), so the size is exactly this call's.
   */
  private static final String ADD_COUNTED_SCRIPT =
      "if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return {0, redis.call('SCARD', KEYS[1])} end "
          + "local limit = tonumber(ARGV[2]) "
          + "local n = redis.call('SCARD', KEYS[1]) "
          + "if limit > 0 and n >= limit then return {-1, n} end "
          + "redis.call('SADD', KEYS[1], ARGV[1]) "
          + "return {1, n + 1}";

  /**
   * {@link #ADD_COUNTED_SCRIPT} only while KEYS[2] (the guard) exists: {-2, 0} and no write when it
   * does not.
   */
  static final String ADD_COUNTED_WHILE_SCRIPT =
      "if redis.call('EXISTS', KEYS[2]) == 0 then return {-2, 0} end " + ADD_COUNTED_SCRIPT;

  /**
   * A slot pool is a sorted set scored by expiry time (ms, by the Redis clock so every instance
   * agrees): drop the expired members, then ZADD the member unless the pool is full (same answers
   * as {@link #ADD_BOUNDED_SCRIPT}); the key lives as long as its longest-lived member.
   */
  static final String CLAIM_SLOT_SCRIPT =
      "local t = redis.call('TIME') "
          + "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) "
          + "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now) "
          + "local ttl = tonumber(ARGV[2]) "
          + "local limit = tonumber(ARGV[3]) "
          + "local present = redis.call('ZSCORE', KEYS[1], ARGV[1]) "
          + "if not present and limit > 0 and redis.call('ZCARD', KEYS[1]) >= limit then return -1 end "
          + "redis.call('ZADD', KEYS[1], string.format('%.0f', now + ttl), ARGV[1]) "
          + "if redis.call('PTTL', KEYS[1]) < ttl then redis.call('PEXPIRE', KEYS[1], ttl) end "
          + "if present then return 0 end "
          + "return 1";

  /** The live members of a slot pool, by the Redis clock (read only). */
  static final String LIVE_SLOTS_SCRIPT =
      "local t = redis.call('TIME') "
          + "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) "
          + "return redis.call('ZCOUNT', KEYS[1], '(' .. string.format('%.0f', now), '+inf')";

  /**
   * SET with KEEPTTL only if the key holds exactly ARGV[1]: a compare-and-set, so a concurrent
   * write or delete is never overwritten.
   */
  static final String REPLACE_SCRIPT =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL') return 1 end "
          + "return 0";

  static final long BACKOFF_BASE_MS = 100;
  static final long BACKOFF_MAX_MS = 2000;

  private final Redis client;

  /**
   * Standalone mode: the client whose connections are held, one per event-loop thread, and never
   * returned (so each is opened on the event loop that asked for it); null otherwise.
   */
  private final Redis pipelineClient;

  /**
   * Keyed by thread, not by context: each HTTP request runs on its own (duplicated) context of its
   * connection's event loop.
   */
  private final Map<Thread, Pipeline> pipelines = new ConcurrentHashMap<>();

  /** Event loops beyond this many (Vert.x starts 2 per core) use the pool. */
  static final int MAX_PIPELINES = 64;

  /**
   * Commands in flight on one pipelined connection before it refuses more (as many as the pool lets
   * wait: a Redis that stopped answering is not sent a long backlog to replay).
   */
  static final int PIPELINE_DEPTH = 1024;

  /**
   * A held connection unused for this long is replaced before its next command, as the pool
   * recycles its idle connections (a NAT or load balancer may have dropped an idle one silently).
   */
  static final long PIPELINE_IDLE_MS = 60_000;

  private final long timeoutMs;

  /** Replicas that must acknowledge a consuming delete ({@link #takeReplicated}); 0: none. */
  private final int waitReplicas;

  private final AtomicBoolean closed = new AtomicBoolean();
  private final java.util.concurrent.atomic.AtomicInteger connectFailures =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * System.nanoTime() before which commands fail without trying; meaningful while connectFailures >
   * 0.
   */
  private volatile long retryAt;

  private final boolean cluster;

  private RedisStore(
      Redis client, Redis pipelineClient, long timeoutMs, int waitReplicas, boolean cluster) {
    this.client = client;
    this.pipelineClient = pipelineClient;
    this.cluster = cluster;
    this.timeoutMs = timeoutMs;
    this.waitReplicas = waitReplicas;
  }

  /** Builds the client; does not wait for Redis (use {@link #ping()} for readiness). */
  public static Future<RedisStore> connect(Vertx vertx, RedisStoreConfig config) {
    try {
      Redis client = Redis.createClient(vertx, options(config));
      Redis pipelineClient =
          config.mode() == RedisStoreConfig.Mode.STANDALONE
              ? Redis.createClient(vertx, pipelineOptions(config))
              : null;
      return Future.succeededFuture(
          new RedisStore(
              client,
              pipelineClient,
              config.timeout().toMillis(),
              config.waitReplicas(),
              config.mode() == RedisStoreConfig.Mode.CLUSTER));
    } catch (RuntimeException e) {
      return Future.failedFuture(
          new StoreException("invalid Redis configuration: " + e.getClass().getSimpleName(), e));
    }
  }

  static RedisOptions options(RedisStoreConfig config) {
    int timeoutMs = (int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis());
    NetClientOptions net =
        new NetClientOptions()
            .setConnectTimeout(timeoutMs)
            .setTcpKeepAlive(true)
            .setTcpNoDelay(true)
            // only used with rediss://: check the server certificate matches the host
            .setHostnameVerificationAlgorithm("HTTPS");
    RedisOptions o =
        new RedisOptions()
            .setNetClientOptions(net)
            .setEndpoints(new ArrayList<>(config.endpoints()))
            .setMaxPoolSize(config.poolSize())
            // requests queue for a free connection; the command timeout bounds the wait, this
            // bound only sheds load when far more requests are waiting than the pool can serve
            .setMaxPoolWaiting(Math.max(256, config.poolSize() * 64))
            .setPoolName("frost-store-" + Integer.toHexString(System.identityHashCode(config)));
    switch (config.mode()) {
      case STANDALONE -> o.setType(RedisClientType.STANDALONE);
      case SENTINEL ->
          o.setType(RedisClientType.SENTINEL)
              .setMasterName(config.masterName())
              .setRole(RedisRole.MASTER)
              // follow +switch-master so pooled connections stop talking to a demoted master
              .setAutoFailover(true);
      // commands are routed by key slot; all keys of one operation share a hash tag (StoreKeys)
      case CLUSTER -> o.setType(RedisClientType.CLUSTER).setUseReplicas(RedisReplicas.NEVER);
      default -> throw new IllegalArgumentException("unknown mode");
    }
    return o;
  }

  /** The held connections' client: one per event loop, never queued for. */
  static RedisOptions pipelineOptions(RedisStoreConfig config) {
    return options(config)
        .setMaxPoolSize(MAX_PIPELINES)
        .setMaxPoolWaiting(MAX_PIPELINES)
        .setMaxWaitingHandlers(PIPELINE_DEPTH)
        .setPoolName(
            "frost-store-pipelines-" + Integer.toHexString(System.identityHashCode(config)));
  }

  @Override
  public Future<Void> put(String key, byte[] value, Duration ttl) {
    Request req;
    try {
      req = Request.cmd(Command.SET).arg(key).arg(value);
      if (ttl != null) {
        req.arg("PX").arg(ttlMillis(ttl));
      }
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return send("SET", req).mapEmpty();
  }

  @Override
  public Future<Boolean> putIfAbsent(String key, byte[] value, Duration ttl) {
    Request req;
    try {
      req = Request.cmd(Command.SET).arg(key).arg(value).arg("NX");
      if (ttl != null) {
        req.arg("PX").arg(ttlMillis(ttl));
      }
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    // OK when set, nil when the key existed
    return send("SET NX", req).map(r -> !isNull(r));
  }

  @Override
  public Future<byte[]> get(String key) {
    return send("GET", Request.cmd(Command.GET).arg(key)).map(RedisStore::bytes);
  }

  @Override
  public Future<byte[]> take(String key) {
    // GETDEL (Redis >= 6.2) is atomic: of concurrent takers exactly one sees the value
    return send("GETDEL", Request.cmd(Command.GETDEL).arg(key)).map(RedisStore::bytes);
  }

  /**
   * With {@code waitReplicas} n > 0 (by default in sentinel and cluster mode; configurable in
   * standalone mode, whose one address may hide a managed Redis that fails over), GETDEL and {@code
   * WAIT n <ms>} in one pipeline on one connection (cluster mode routes it by the key's slot):
   * replication is asynchronous, so without the wait a failover right after the GETDEL could
   * promote a replica that still holds the value. The wait is half the command timeout, so Redis
   * answers how many replicas acknowledged before the command times out; a value that fewer than n
   * replicas acknowledged deleting is not returned ({@link ReplicationUnconfirmedException}). With
   * several replicas and n below their number, the one promoted may not be one that acknowledged. n
   * = 0: a plain GETDEL.
   */
  @Override
  public Future<byte[]> takeReplicated(String key) {
    if (waitReplicas == 0) {
      return take(key);
    }
    long waitMs = replicaWaitMillis();
    int n = waitReplicas;
    List<Request> pipeline =
        List.of(Request.cmd(Command.GETDEL).arg(key), Request.cmd(Command.WAIT).arg(n).arg(waitMs));
    return send("GETDEL+WAIT", () -> client.batch(pipeline))
        .map(
            r -> {
              byte[] v = bytes(r.get(0));
              long acked = r.get(1).toLong();
              if (v != null && acked < n) {
                throw new ReplicationUnconfirmedException(
                    "redis GETDEL was acknowledged by "
                        + acked
                        + " of "
                        + n
                        + " replicas within "
                        + waitMs
                        + " ms");
              }
              return v;
            });
  }

  /** How long a consuming take waits for a replica: half the command timeout, at least 1 ms. */
  long replicaWaitMillis() {
    return Math.max(1, timeoutMs / 2);
  }

  @Override
  public Future<Boolean> replace(String key, byte[] expected, byte[] value) {
    Request req =
        Request.cmd(Command.EVAL).arg(REPLACE_SCRIPT).arg(1).arg(key).arg(expected).arg(value);
    return send("REPLACE", req).map(r -> r.toLong() == 1);
  }

  @Override
  public Future<Boolean> delete(String key) {
    return send("DEL", Request.cmd(Command.DEL).arg(key)).map(r -> r.toLong() > 0);
  }

  @Override
  public Future<Long> increment(String key, Duration ttl) {
    long ms;
    try {
      ms = ttl == null ? 0 : ttlMillis(ttl);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    Request req = Request.cmd(Command.EVAL).arg(INCREMENT_SCRIPT).arg(1).arg(key).arg(ms);
    return send("INCREMENT", req).map(Response::toLong);
  }

  @Override
  public Future<Void> addToSet(String key, String member) {
    return send("SADD", Request.cmd(Command.SADD).arg(key).arg(member)).mapEmpty();
  }

  @Override
  public Future<Void> removeFromSet(String key, String member) {
    return send("SREM", Request.cmd(Command.SREM).arg(key).arg(member)).mapEmpty();
  }

  @Override
  public Future<List<String>> members(String key) {
    return send("SMEMBERS", Request.cmd(Command.SMEMBERS).arg(key))
        .map(
            r -> {
              if (isNull(r)) {
                return List.of();
              }
              List<String> out = new ArrayList<>(r.size());
              for (Response m : r) {
                out.add(m.toString());
              }
              return List.copyOf(out);
            });
  }

  @Override
  public Future<Claim> addToSetBounded(String key, String member, long limit) {
    Request req =
        Request.cmd(Command.EVAL).arg(ADD_BOUNDED_SCRIPT).arg(1).arg(key).arg(member).arg(limit);
    return send("SADD BOUNDED", req).map(RedisStore::claim);
  }

  @Override
  public Future<Long> setSize(String key) {
    return send("SCARD", Request.cmd(Command.SCARD).arg(key)).map(Response::toLong);
  }

  @Override
  public Future<CountedClaim> addToSetCountedWhile(
      String key, String member, long limit, String guard) {
    Request req =
        Request.cmd(Command.EVAL)
            .arg(ADD_COUNTED_WHILE_SCRIPT)
            .arg(2)
            .arg(key)
            .arg(guard)
            .arg(member)
            .arg(limit);
    return send("SADD COUNTED WHILE", req)
        .map(
            r -> {
              if (r == null || r.size() != 2) {
                throw new StoreException(
                    "redis SADD COUNTED WHILE returned an unexpected reply", null);
              }
              return r.get(0).toLong() == -2
                  ? null
                  : new CountedClaim(claim(r.get(0)), r.get(1).toLong());
            });
  }

  @Override
  public Future<Boolean> isMember(String key, String member) {
    return send("SISMEMBER", Request.cmd(Command.SISMEMBER).arg(key).arg(member))
        .map(r -> r.toLong() == 1);
  }

  @Override
  public Future<Claim> claimSlot(String key, String member, Duration ttl, long limit) {
    long ms;
    try {
      if (ttl == null) {
        throw new IllegalArgumentException("a slot needs a ttl");
      }
      ms = ttlMillis(ttl);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    Request req =
        Request.cmd(Command.EVAL)
            .arg(CLAIM_SLOT_SCRIPT)
            .arg(1)
            .arg(key)
            .arg(member)
            .arg(ms)
            .arg(limit);
    return send("CLAIM SLOT", req).map(RedisStore::claim);
  }

  @Override
  public Future<Void> releaseSlot(String key, String member) {
    return send("ZREM", Request.cmd(Command.ZREM).arg(key).arg(member)).mapEmpty();
  }

  @Override
  public Future<Long> liveSlots(String key) {
    return send("LIVE SLOTS", Request.cmd(Command.EVAL).arg(LIVE_SLOTS_SCRIPT).arg(1).arg(key))
        .map(Response::toLong);
  }

  private static Claim claim(Response r) {
    long v = r.toLong();
    return v > 0 ? Claim.ADDED : v == 0 ? Claim.PRESENT : Claim.REFUSED;
  }

  @Override
  public Future<Long> deleteByPrefix(String prefix) {
    String pattern = globEscape(prefix) + "*";
    Future<List<String>> keys;
    if (cluster) {
      // one KEYS per master: SCAN's cursor belongs to one node, and the reset is a sandbox
      // operation
      keys =
          send(
                  "KEYS",
                  () ->
                      RedisCluster.create(client)
                          .onAllMasterNodes(Request.cmd(Command.KEYS).arg(pattern)))
              .map(
                  replies -> {
                    List<String> all = new ArrayList<>();
                    replies.forEach(r -> r.forEach(k -> all.add(k.toString())));
                    return all;
                  });
    } else {
      keys = scan(pattern, "0", new ArrayList<>());
    }
    // one DEL per key: in cluster mode the keys of a tenant live in many slots
    return keys.compose(
        ks ->
            Future.all(ks.stream().map(k -> send("DEL", Request.cmd(Command.DEL).arg(k))).toList())
                .map(
                    all -> {
                      long n = 0;
                      for (int i = 0; i < all.size(); i++) {
                        n += all.<Response>resultAt(i).toLong();
                      }
                      return n;
                    }));
  }

  private Future<List<String>> scan(String pattern, String cursor, List<String> found) {
    Request req =
        Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(pattern).arg("COUNT").arg(1000);
    return send("SCAN", req)
        .compose(
            r -> {
              r.get(1).forEach(k -> found.add(k.toString()));
              String next = r.get(0).toString();
              return "0".equals(next) ? Future.succeededFuture(found) : scan(pattern, next, found);
            });
  }

  /** Escapes Redis glob metacharacters, so a prefix matches itself only. */
  static String globEscape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }

  @Override
  public Future<Void> ping() {
    return send("PING", Request.cmd(Command.PING)).mapEmpty();
  }

  @Override
  public Future<Void> close() {
    if (!closed.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    Future<Void> pooled = client.close().recover(e -> Future.succeededFuture());
    if (pipelineClient == null) {
      return pooled;
    }
    List.copyOf(pipelines.values()).forEach(Pipeline::drop);
    return Future.join(pooled, pipelineClient.close())
        .<Void>mapEmpty()
        .recover(e -> Future.succeededFuture());
  }

  /** Sends with the configured timeout and maps every failure to a value-free StoreException. */
  private Future<Response> send(String op, Request req) {
    // dispatch bounds the command itself: a held connection must see its own command time out
    return guard(op, () -> dispatch(req));
  }

  /** {@code command} failing with a TimeoutException past the configured timeout. */
  private <T> Future<T> bounded(Future<T> command) {
    return command.timeout(timeoutMs, TimeUnit.MILLISECONDS);
  }

  /** Held connections, open or opening (for tests). */
  int heldConnections() {
    return pipelines.size();
  }

  /** On the calling event loop's held connection when there is one to be had, else pooled. */
  private Future<Response> dispatch(Request req) {
    Context ctx = Vertx.currentContext();
    // an event-loop context seen from a worker (executeBlocking) is not an event loop
    if (pipelineClient == null
        || ctx == null
        || !ctx.isEventLoopContext()
        || !Context.isOnEventLoopThread()) {
      return bounded(client.send(req));
    }
    Thread loop = Thread.currentThread();
    long now = System.nanoTime();
    // entries are added on their own event loop only, and removed only conditionally
    Pipeline p = pipelines.get(loop);
    if (p != null && p.idleSince(now) > TimeUnit.MILLISECONDS.toNanos(PIPELINE_IDLE_MS)) {
      p.drop();
      p = null;
    }
    if (p == null) {
      if (pipelines.size() >= MAX_PIPELINES) {
        return bounded(client.send(req));
      }
      p = new Pipeline(loop);
      pipelines.put(loop, p);
      try {
        p.open();
      } catch (RuntimeException e) {
        pipelines.remove(loop, p); // never left half made: the next command tries again
        throw e; // guard turns it into this command's failure
      }
    }
    return p.send(req, (ContextInternal) ctx, now);
  }

  /**
   * One event loop's held connection: dropped, its socket closed, when it ends, fails, a command on
   * it times out or finds it closed, or it idles too long; the next command opens another.
   */
  private final class Pipeline {
    private final Thread loop;
    private Future<RedisConnection> opening;
    private volatile RedisConnection open;
    private volatile long lastUsed = System.nanoTime();

    Pipeline(Thread loop) {
      this.loop = loop;
    }

    void open() {
      opening = pipelineClient.connect();
      opening.onComplete(
          r -> {
            if (r.failed()) {
              pipelines.remove(loop, this);
              return;
            }
            RedisConnection c = r.result();
            c.exceptionHandler(e -> drop());
            c.endHandler(v -> drop());
            open = c;
            if (closed.get() || pipelines.get(loop) != this) {
              drop();
            }
          });
    }

    long idleSince(long now) {
      return open == null ? 0 : now - lastUsed;
    }

    Future<Response> send(Request req, ContextInternal caller, long now) {
      lastUsed = now;
      RedisConnection c = open;
      if (c != null) {
        // the reply completes on the caller's context: the connection makes its promise there
        return watch(c.send(req));
      }
      PromiseInternal<Response> reply = caller.promise();
      // the handshake after the TCP connect has no bound of its own (a stopped Redis, a proxy
      // whose backend is down): a command waits for it no longer than its own timeout, and is
      // never sent late
      bounded(opening)
          .onComplete(
              r -> {
                if (r.succeeded()) {
                  watch(r.result().send(req)).onComplete(reply);
                  return;
                }
                if (r.cause() instanceof TimeoutException) {
                  pipelines.remove(loop, this); // open() closes it if it ever completes
                }
                reply.fail(r.cause());
              });
      // the whole wait, opening and answer, within one timeout (rare: only while opening)
      return bounded(reply.future());
    }

    private Future<Response> watch(Future<Response> reply) {
      return bounded(reply)
          .onFailure(
              e -> {
                if (e instanceof TimeoutException || isConnectionFailure(e) || foundClosed(e)) {
                  drop();
                }
              });
    }

    /** Forgets this connection and closes its socket (a pooled close would keep it open). */
    void drop() {
      pipelines.remove(loop, this);
      RedisConnection c = open;
      if (c == null) {
        return; // open() drops it when it completes
      }
      if (c instanceof PooledRedisConnection pooled) {
        pooled.actual().forceClose();
      } else {
        c.close();
      }
    }
  }

  private <T> Future<T> send(String op, java.util.function.Supplier<Future<T>> command) {
    return guard(op, () -> bounded(command.get()));
  }

  /**
   * Runs a command unless the store is closed or backing off, and maps its failure. The command
   * must come bounded ({@link #bounded}, or a held connection's watch): nothing here times it out.
   */
  private <T> Future<T> guard(String op, java.util.function.Supplier<Future<T>> command) {
    if (closed.get()) {
      return Future.failedFuture(
          new StoreException("redis " + op + " failed: store is closed", null));
    }
    if (connectFailures.get() > 0) {
      long wait = retryAt - System.nanoTime();
      if (wait > 0) {
        return Future.failedFuture(
            new StoreException(
                "redis "
                    + op
                    + " failed: unreachable, next attempt in "
                    + TimeUnit.NANOSECONDS.toMillis(wait)
                    + " ms",
                null));
      }
    }
    Future<T> f;
    try {
      f = command.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(failure(op, e));
    }
    return f.onSuccess(r -> connectFailures.set(0))
        .recover(
            e -> {
              if (isConnectionFailure(e)) {
                int n = connectFailures.incrementAndGet();
                long delay = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS << Math.min(n - 1, 16));
                retryAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
              }
              return Future.failedFuture(failure(op, e));
            });
  }

  /**
   * The Vert.x client's words for a command on a connection it saw close: reason to drop a held
   * connection, not to back off (a drop that fails the commands in flight on it is no outage).
   */
  static boolean foundClosed(Throwable e) {
    String m = e.getMessage();
    return m != null && (m.contains("Connection is closed") || m.contains("CONNECTION_CLOSED"));
  }

  /** Redis could not be reached at all (as opposed to an error reply or a slow answer). */
  static boolean isConnectionFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.net.ConnectException
          || t instanceof java.nio.channels.ClosedChannelException
          || t instanceof java.net.SocketException) {
        return true;
      }
      String m = t.getMessage();
      if (m != null
          && (m.contains("Connection refused")
              || m.contains("Connection reset")
              || m.contains("onnection closed"))) {
        return true;
      }
    }
    return false;
  }

  private StoreException failure(String op, Throwable e) {
    if (e instanceof StoreException se) {
      return se;
    }
    if (e instanceof TimeoutException) {
      return new StoreException("redis " + op + " timed out after " + timeoutMs + " ms", e);
    }
    // Redis error replies and connection errors name the problem, not our arguments
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (detail.length() > 200) {
      detail = detail.substring(0, 200);
    }
    return new StoreException("redis " + op + " failed: " + detail, e);
  }

  private static boolean isNull(Response r) {
    return r == null;
  }

  private static byte[] bytes(Response r) {
    if (isNull(r)) {
      return null;
    }
    if (r.type() != ResponseType.BULK && r.type() != ResponseType.SIMPLE) {
      throw new StoreException("redis returned an unexpected reply type " + r.type(), null);
    }
    return r.toBytes();
  }

  /** TTL in whole milliseconds, rounded up so a tiny positive TTL never means "no expiry". */
  static long ttlMillis(Duration ttl) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive");
    }
    long ms = ttl.toMillis();
    if (ttl.minusMillis(ms).isZero()) {
      return ms;
    }
    return ms + 1;
  }
}
