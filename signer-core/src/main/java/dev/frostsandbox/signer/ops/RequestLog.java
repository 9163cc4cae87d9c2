package dev.frostsandbox.signer.ops;

import dev.frostsandbox.problem.ProblemRenderer;
import dev.frostsandbox.signer.auth.Tenants;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * First handler of every request: gives it a request id (the caller's {@code X-Request-Id} when
 * well-formed, else a new one; echoed in the response), and when it ends writes one access-log
 * line, its request metric and a journal entry. The log line and metric hold metadata only: no
 * bodies, no header values other than the request id and the fault name; the journal keeps the
 * bodies when SIGNER_JOURNAL_BODIES is on (sandbox mode). Metrics are labelled by route template
 * and standard method only ({@link RouteTemplates}), so clients cannot grow the series.
 */
public final class RequestLog implements Handler<RoutingContext> {

  public static final String REQUEST_ID = "X-Request-Id";
  public static final String FAULT_HEADER = "X-Fault-Injected";
  public static final String CONTEXT_KEY = "requestId";

  /**
   * What the fault injector injected, for the journal: the X-Fault-Injected value, kept here too
   * because an abort writes no answer (hence no header).
   */
  public static final String FAULT_KEY = "journalFault";

  /**
   * Where a route whose keyid is not in its path (the relay: in the body) puts it for the journal.
   */
  public static final String KEYID_KEY = "journalKeyid";

  // where endNow finds the request's ending
  private static final String ENDING_KEY = "requestLogEnding";

  static final Logger ACCESS = Logger.getLogger("dev.frostsandbox.signer.access");
  // a caller's id goes into logs as is: restrict it so it cannot forge log structure
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private final RequestJournal journal;
  private final Metrics metrics;
  private final Supplier<RouteTemplates> templates;
  private final boolean openTenancy;

  /**
   * {@code templates} is asked when a request ends (the router is complete by then); {@code
   * openTenancy}: without API keys every request belongs to the one open tenant.
   */
  public RequestLog(
      RequestJournal journal,
      Metrics metrics,
      Supplier<RouteTemplates> templates,
      boolean openTenancy) {
    this.journal = journal;
    this.metrics = metrics;
    this.templates = templates;
    this.openTenancy = openTenancy;
  }

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    String given = ctx.request().getHeader(REQUEST_ID);
    String id = given != null && SAFE_ID.matcher(given).matches() ? given : newId();
    ctx.put(CONTEXT_KEY, id);
    ctx.response().putHeader(REQUEST_ID, id);
    Ending ending = new Ending(ctx, id, start);
    ctx.put(ENDING_KEY, ending);
    ctx.addEndHandler(ending);
    ctx.next();
  }

  /**
   * Logs and journals the request now, not when Vert.x sees its connection closed: an abort calls
   * this before it breaks the connection, so a client that sees the reset and then reads the
   * journal finds the entry. Either way the request is logged once.
   */
  public static void endNow(RoutingContext ctx) {
    Ending ending = ctx.get(ENDING_KEY);
    if (ending != null) {
      ending.handle(null);
    }
  }

  private final class Ending implements Handler<AsyncResult<Void>> {
    private final RoutingContext ctx;
    private final String id;
    private final long start;
    private boolean done; // the event loop's only

    Ending(RoutingContext ctx, String id, long start) {
      this.ctx = ctx;
      this.id = id;
      this.start = start;
    }

    @Override
    public void handle(AsyncResult<Void> ignored) {
      if (!done) {
        done = true;
        ended(ctx, id, start);
      }
    }
  }

  /**
   * A random (version 4) UUID. Request ids only need to be unique, not unguessable, so they come
   * from ThreadLocalRandom rather than the SecureRandom behind {@link UUID#randomUUID()}, which the
   * nonces need more.
   */
  static String newId() {
    java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
    long msb = (r.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long lsb = (r.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48); // IETF variant
    return new UUID(msb, lsb).toString();
  }

  private void ended(RoutingContext ctx, String id, long start) {
    long nanos = System.nanoTime() - start;
    double latencyMs = nanos / 1_000_000.0;
    int status = ctx.response().getStatusCode();
    // in the log line and journal, 0: no answer at all (an abort reset or closed the connection
    // before the status line); the metric keeps Vert.x's status, as it always has
    int answered = ctx.response().headWritten() ? status : 0;
    String method = RouteTemplates.method(ctx.request().method());
    String path = ctx.request().path();
    String keyid = ctx.pathParam("keyid");
    if (keyid == null) {
      keyid = ctx.get(KEYID_KEY);
    }
    String route = templates.get().label(normalizedPath(ctx));
    metrics.request(route, method, status, Duration.ofNanos(nanos));
    // the fault injector counts what it injects; here it is only logged and journaled
    String fault = ctx.response().headers().get(FAULT_HEADER);
    if (fault == null) {
      fault = ctx.get(FAULT_KEY);
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("request_id", id);
    fields.put("method", method);
    fields.put("route", route);
    fields.put("path", path);
    fields.put("status", answered);
    fields.put("latency_ms", Math.round(latencyMs * 1000) / 1000.0);
    if (fault != null) {
      fields.put("fault", fault);
    }
    ACCESS.log(Level.INFO, "request", fields);
    // unauthenticated requests are journaled for no tenant: they could not evict a tenant's entries
    String tenant = openTenancy ? Tenants.OPEN_TENANT : ctx.get(Tenants.CONTEXT_KEY);
    if (tenant != null && journaled(method, path)) {
      journal.add(
          new RequestJournal.Entry(
              id,
              Instant.now(),
              method,
              path,
              keyid,
              answered,
              latencyMs,
              fault,
              tenant,
              journal.bodies() ? journal.keep(requestBody(ctx)) : null,
              journal.keep(ctx.get(ProblemRenderer.RESPONSE_BODY_KEY))));
    }
  }

  /** The body a BodyHandler read, or null (no body, or none read: e.g. refused before reading). */
  private static byte[] requestBody(RoutingContext ctx) {
    if (!ctx.body().available()) {
      return null;
    }
    io.vertx.core.buffer.Buffer b = ctx.body().buffer();
    return b == null ? null : b.getBytes();
  }

  /** The normalized path, or null when its percent-encoding is invalid (e.g. "%zz"). */
  public static String normalizedPath(RoutingContext ctx) {
    try {
      return ctx.normalizedPath();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Probes, scrapes, the console and the journal itself would drown the requests worth seeing; a
   * reset starts an empty journal. The admin reads the console polls every 3 s (keys, fault rules,
   * the fault catalogue) would evict the API requests from the journal within minutes.
   */
  private static boolean journaled(String method, String path) {
    if (method.equals("GET")
        && (path.equals("/admin/keys")
            || path.equals("/admin/faults")
            || path.startsWith("/admin/faults/"))) {
      return false;
    }
    return !(path.startsWith("/health/")
        || path.equals("/metrics")
        || path.startsWith("/console")
        || path.equals("/admin/requests")
        || path.startsWith("/admin/requests/")
        || path.startsWith("/admin/transcripts/")
        || path.equals("/admin/reset"));
  }
}
