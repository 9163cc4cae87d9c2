package dev.frostsandbox.signer.ratelimit;

import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.problem.Problem;
import dev.frostsandbox.problem.ProblemRenderer;
import dev.frostsandbox.signer.auth.Tenants;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-tenant token buckets ({@code SIGNER_RATE_LIMIT_PER_SECOND} refill, {@code
 * SIGNER_RATE_LIMIT_BURST} capacity), in memory, per service instance; off when the rate is 0. Runs
 * after {@link Tenants}, so the bucket belongs to the API key's tenant. A request over the limit
 * answers 429 {@code rate-limited} with {@code Retry-After} before any of its body is read or
 * parsed: the limiter runs ahead of the routes' BodyHandlers, and a request whose body is still
 * arriving has its connection closed after the answer. One instance is shared by every event loop
 * of a service, so buckets are thread-safe; the map only holds configured tenants (or the open
 * tenant), so it cannot grow with traffic.
 */
public final class RateLimiter implements Handler<RoutingContext> {

  private final double perSecond;
  private final int burst;
  private final LongSupplier nanoClock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public RateLimiter(double perSecond, int burst) {
    this(perSecond, burst, System::nanoTime);
  }

  /** For tests: a controllable clock. */
  RateLimiter(double perSecond, int burst, LongSupplier nanoClock) {
    if (perSecond < 0 || burst < 1) {
      throw new IllegalArgumentException("rate must be >= 0 and burst >= 1");
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.nanoClock = nanoClock;
  }

  public boolean enabled() {
    return perSecond > 0;
  }

  /**
   * 0 when the tenant may proceed (a token is taken), else the nanoseconds until a token is due.
   */
  long acquire(String tenant) {
    if (!enabled()) {
      return 0;
    }
    return buckets
        .computeIfAbsent(tenant, t -> new Bucket(burst, nanoClock.getAsLong()))
        .take(nanoClock.getAsLong());
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (!enabled()) {
      ctx.next();
      return;
    }
    String tenant = ctx.get(Tenants.CONTEXT_KEY);
    long waitNanos = acquire(tenant == null ? Tenants.OPEN_TENANT : tenant);
    if (waitNanos == 0) {
      ctx.next();
      return;
    }
    // whole seconds, rounded up: a client that waits Retry-After finds a token
    long retryAfter = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    Problem limited =
        Problem.of(
                Catalogue.RATE_LIMITED,
                "More than "
                    + perSecond
                    + " requests per second (burst "
                    + burst
                    + ") for this API key; retry after "
                    + retryAfter
                    + " s")
            .withHeader("Retry-After", Long.toString(retryAfter));
    HttpServerRequest req = ctx.request();
    if (!req.isEnded() && req.version() != HttpVersion.HTTP_2) {
      // the body is never read or parsed: rather than drain what is still arriving, close the
      // connection once the answer is out
      limited = limited.withHeader("Connection", "close");
      ctx.addEndHandler(v -> req.connection().close());
    }
    ProblemRenderer.send(ctx, limited);
  }

  /** A token bucket; synchronized because the event loops of one service share it. */
  private final class Bucket {
    private double tokens;
    private long last;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.last = now;
    }

    synchronized long take(long now) {
      tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return (long) Math.ceil((1 - tokens) / perSecond * 1e9);
    }
  }
}
