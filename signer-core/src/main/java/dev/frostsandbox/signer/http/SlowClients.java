package dev.frostsandbox.signer.http;

import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.problem.Problem;
import dev.frostsandbox.problem.ProblemRenderer;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Deadlines against slow and idle clients, on top of Vert.x's idle timeout (which a client defeats
 * by sending one byte now and then):
 *
 * <ul>
 *   <li>request head: a new connection must deliver a complete request line and headers within
 *       {@code SIGNER_REQUEST_TIMEOUT_MS}, a kept-alive connection its next request head within
 *       {@code SIGNER_IDLE_TIMEOUT_SECONDS} of the previous answer; otherwise it is closed
 *       (slowloris);
 *   <li>request: a request not answered within {@code SIGNER_REQUEST_TIMEOUT_MS} (slow body, or
 *       anything stuck) answers 503 {@code service-unavailable}; if its body is still arriving, the
 *       connection is closed.
 * </ul>
 *
 * One instance per verticle: its connection map is confined to that verticle's event loop. HTTP/1.x
 * only (h2c is off): a connection serves one request at a time.
 *
 * <p>Each connection has one deadline (of its next request head, or of the request it serves) and
 * at most one timer, which is not moved when the deadline is: a request only writes the new
 * deadline, and the timer, when it fires, either acts on a deadline that has passed or sleeps until
 * the deadline or for {@code period}, whichever is sooner. A timer armed for at most {@code
 * period}, the shorter of the two timeouts, always fires before any deadline set after it; so no
 * deadline is missed or late, and a request costs no timer set or cancelled (two of each per
 * request before: about 6 us of the event loop's time per sign at half rate).
 */
public final class SlowClients {

  private final Vertx vertx;
  private final long requestNanos;
  private final long idleNanos;
  private final long periodNanos;
  private final Map<HttpConnection, Watch> watches = new HashMap<>();

  /** A connection's deadline: of its next request head, or of the request under way. */
  private static final class Watch {
    final HttpConnection conn;
    long due; // System.nanoTime() value
    HttpServerRequest request; // the request under way, null between requests
    RoutingContext serving; // its routing context, once routed
    long timer;

    Watch(HttpConnection conn, long due) {
      this.conn = conn;
      this.due = due;
    }
  }

  public SlowClients(Vertx vertx, Duration requestTimeout, Duration idleTimeout) {
    this.vertx = vertx;
    this.requestNanos = requestTimeout.toNanos();
    this.idleNanos = idleTimeout.toNanos();
    this.periodNanos = Math.min(requestNanos, idleNanos);
  }

  /** The server's connection handler: starts the first request-head deadline. */
  public void connected(HttpConnection conn) {
    Watch w = new Watch(conn, System.nanoTime() + requestNanos);
    watches.put(conn, w);
    conn.closeHandler(
        v -> {
          if (watches.remove(conn) != null) {
            vertx.cancelTimer(w.timer);
          }
        });
    arm(w, periodNanos);
  }

  /** Wraps the server's request handler: a request head arrived, so the request's deadline runs. */
  public Handler<HttpServerRequest> requests(Handler<HttpServerRequest> next) {
    return req -> {
      Watch w = watches.get(req.connection());
      if (w != null) {
        w.request = req;
        w.serving = null;
        w.due = System.nanoTime() + requestNanos;
      }
      next.handle(req);
    };
  }

  /**
   * A route handler that answers a request not completed by its deadline; when the request ends on
   * a kept-alive connection, the next request head is due within the idle timeout. It acts on the
   * connections {@link #connected} and {@link #requests} watch.
   */
  public Handler<RoutingContext> requestDeadline() {
    return ctx -> {
      Watch w = watches.get(ctx.request().connection());
      if (w != null) {
        w.serving = ctx;
        ctx.addEndHandler(v -> ended(w, ctx));
      }
      ctx.next();
    };
  }

  private void ended(Watch w, RoutingContext ctx) {
    if (w.serving != ctx) {
      // Vert.x starts a pipelined next request inside response.end(), before its end handlers
      return;
    }
    betweenRequests(w, ctx.response());
  }

  private void betweenRequests(Watch w, HttpServerResponse answered) {
    w.request = null;
    w.serving = null;
    if (!answered.closed()) {
      w.due = System.nanoTime() + idleNanos;
    }
  }

  private void arm(Watch w, long nanos) {
    long ms = Math.max(1, (nanos + 999_999) / 1_000_000);
    w.timer = vertx.setTimer(ms, id -> wake(w));
  }

  private void wake(Watch w) {
    if (watches.get(w.conn) != w) {
      return; // closed
    }
    try {
      act(w);
    } finally {
      // re-armed even when acting failed, or the connection would be left without deadlines
      if (watches.get(w.conn) == w) {
        long left = w.due - System.nanoTime();
        arm(w, left > 0 ? Math.min(left, periodNanos) : periodNanos);
      }
    }
  }

  private void act(Watch w) {
    if (System.nanoTime() - w.due >= 0) {
      if (w.request == null) {
        watches.remove(w.conn);
        w.conn.close(); // no request head in time (slowloris), or idle
        return;
      }
      if (w.serving != null) {
        expired(w.serving); // its end, if it ends now, sets the next deadline
      } else if (w.request.response().ended()) {
        // answered without reaching the routes (e.g. Vert.x Web's 400 for a request without
        // Host): the next request head is due within the idle timeout, counted from now
        betweenRequests(w, w.request.response());
      } else {
        watches.remove(w.conn);
        w.conn.close(); // neither routed nor answered in time
      }
    }
  }

  private void expired(RoutingContext ctx) {
    if (ctx.response().ended()) {
      return;
    }
    boolean bodyPending = !ctx.request().isEnded();
    if (bodyPending) {
      ctx.response().putHeader("Connection", "close");
    }
    ProblemRenderer.send(
        ctx,
        Problem.of(
            Catalogue.SERVICE_UNAVAILABLE,
            "The request was not completed within "
                + requestNanos / 1_000_000
                + " ms (SIGNER_REQUEST_TIMEOUT_MS)"));
    if (bodyPending) {
      // the client is still sending: stop reading from it
      ctx.request().connection().close();
    }
  }
}
