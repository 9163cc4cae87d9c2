package dev.frostsandbox.signer.ops;

import dev.frostsandbox.signer.auth.Tenants;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * First handler of every request: gives it a request id (the caller's {@code X-Request-Id} when
 * well-formed, else a new one; echoed in the response), and when it ends writes one access-log
 * line, a journal entry and the injected-fault count. Only metadata is recorded: no bodies, no
 * header values other than the request id and the fault name.
 */
public final class RequestLog implements Handler<RoutingContext> {

  public static final String REQUEST_ID = "X-Request-Id";
  public static final String FAULT_HEADER = "X-Fault-Injected";
  public static final String CONTEXT_KEY = "requestId";

  static final Logger ACCESS = Logger.getLogger("dev.frostsandbox.signer.access");
  // a caller's id goes into logs as is: restrict it so it cannot forge log structure
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private final RequestJournal journal;

  public RequestLog(RequestJournal journal) {
    this.journal = journal;
  }

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    String given = ctx.request().getHeader(REQUEST_ID);
    String id = given != null && SAFE_ID.matcher(given).matches() ? given : newId();
    ctx.put(CONTEXT_KEY, id);
    ctx.response().putHeader(REQUEST_ID, id);
    ctx.addEndHandler(v -> ended(ctx, id, start));
    ctx.next();
  }

  /**
   * A random (version 4) UUID. Request ids only need to be unique, not unguessable, so they come
   * from ThreadLocalRandom rather than the SecureRandom behind {@link UUID#randomUUID()}, which
   * the nonces need more.
   */
  static String newId() {
    java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
    long msb = (r.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long lsb = (r.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48); // IETF variant
    return new UUID(msb, lsb).toString();
  }

  private void ended(RoutingContext ctx, String id, long start) {
    double latencyMs = (System.nanoTime() - start) / 1_000_000.0;
    int status = ctx.response().getStatusCode();
    String method = ctx.request().method().name();
    String path = ctx.request().path();
    String keyid = ctx.pathParam("keyid");
    // the fault injector counts what it injects; here it is only logged and journaled
    String fault = ctx.response().headers().get(FAULT_HEADER);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("request_id", id);
    fields.put("method", method);
    fields.put("route", route(ctx, keyid));
    fields.put("path", path);
    fields.put("status", status);
    fields.put("latency_ms", Math.round(latencyMs * 1000) / 1000.0);
    if (fault != null) {
      fields.put("fault", fault);
    }
    ACCESS.log(Level.INFO, "request", fields);
    if (journaled(path)) {
      journal.add(new RequestJournal.Entry(
          id, Instant.now(), method, path, keyid, status, latencyMs, fault, ctx.get(Tenants.CONTEXT_KEY)));
    }
  }

  /** The route template: the keyid folded into {keyid}, unmatched paths as "unmatched". */
  static String route(RoutingContext ctx, String keyid) {
    String path = ctx.normalizedPath();
    if (ctx.currentRoute() == null || ctx.response().getStatusCode() == 404 && keyid == null) {
      return "unmatched";
    }
    if (keyid != null && path.endsWith("/" + keyid)) {
      return path.substring(0, path.length() - keyid.length()) + "{keyid}";
    }
    return path;
  }

  /** Probes, scrapes, the console and the journal itself would drown the requests worth seeing. */
  private static boolean journaled(String path) {
    return !(path.startsWith("/health/") || path.equals("/metrics") || path.startsWith("/console")
        || path.equals("/admin/requests"));
  }
}
