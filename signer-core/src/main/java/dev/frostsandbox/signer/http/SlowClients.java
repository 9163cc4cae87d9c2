package dev.frostsandbox.signer.http;

import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.problem.Problem;
import dev.frostsandbox.problem.ProblemRenderer;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
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
 * One instance per verticle: its connection map is confined to that verticle's event loop.
 */
public final class SlowClients {

  private final Vertx vertx;
  private final long headMs;
  private final long idleMs;
  private final long requestMs;
  private final Map<HttpConnection, Long> headTimers = new HashMap<>();

  public SlowClients(Vertx vertx, Duration requestTimeout, Duration idleTimeout) {
    this.vertx = vertx;
    this.headMs = requestTimeout.toMillis();
    this.requestMs = requestTimeout.toMillis();
    this.idleMs = idleTimeout.toMillis();
  }

  /** The server's connection handler: starts the first request-head deadline. */
  public void connected(HttpConnection conn) {
    arm(conn, headMs);
    conn.closeHandler(v -> cancel(conn));
  }

  /** Wraps the server's request handler: a request head arrived, so its deadline is met. */
  public Handler<HttpServerRequest> requests(Handler<HttpServerRequest> next) {
    return req -> {
      cancel(req.connection());
      next.handle(req);
    };
  }

  private void arm(HttpConnection conn, long ms) {
    cancel(conn);
    headTimers.put(
        conn,
        vertx.setTimer(
            ms,
            id -> {
              headTimers.remove(conn);
              conn.close();
            }));
  }

  private void cancel(HttpConnection conn) {
    Long id = headTimers.remove(conn);
    if (id != null) {
      vertx.cancelTimer(id);
    }
  }

  /**
   * A route handler bounding each request by the request timeout; re-arms the head deadline after
   * it.
   */
  public Handler<RoutingContext> requestDeadline() {
    return ctx -> {
      long id =
          vertx.setTimer(
              requestMs,
              t -> {
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
                            + requestMs
                            + " ms (SIGNER_REQUEST_TIMEOUT_MS)"));
                if (bodyPending) {
                  // the client is still sending: stop reading from it
                  ctx.request().connection().close();
                }
              });
      ctx.addEndHandler(
          v -> {
            vertx.cancelTimer(id);
            if (!ctx.response().closed()) {
              // kept alive: the next request head is due within the idle timeout
              arm(ctx.request().connection(), idleMs);
            }
          });
      ctx.next();
    };
  }
}
