package dev.frostsandbox.problem;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.impl.RoutingContextInternal;
import java.util.Objects;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Renders failures as RFC 9457 {@code application/problem+json}.
 *
 * <p>Install with {@link #install(Router)} (failure handler plus router error handlers, so that
 * unmatched routes, wrong methods and media types also answer problem+json), or by hand with {@code
 * router.route().failureHandler(renderer)} and {@code router.errorHandler(404, renderer)}.
 *
 * <p>Mapping: a {@link ProblemException} renders its problem; a vert.x-web {@link HttpException} or
 * a bare {@code ctx.fail(status)} renders the generic catalogue entry for that status; anything
 * else goes through the fallback function (default: 500 internal-error with a generic detail).
 * Exception messages never reach the body, they may hold secrets.
 */
public final class ProblemRenderer implements Handler<RoutingContext> {

  public static final String DEFAULT_TYPE_BASE =
      "https://docs.keyban.io/products/embedded-wallet/exceptions";
  public static final String CONTENT_TYPE = "application/problem+json";

  /**
   * RoutingContext data key under which {@link #install(Router)} exposes the renderer to {@link
   * #send}.
   */
  public static final String CONTEXT_KEY = ProblemRenderer.class.getName();

  /**
   * Default fallback: maps nothing. A fallback returns the problem for exceptions it expects
   * (logged as a one-line warning) and null for the rest, which are answered with a generic 500
   * that says nothing about the exception and logged as unexpected.
   */
  public static final Function<Throwable, Problem> DEFAULT_FALLBACK = t -> null;

  private static final Logger LOG = Logger.getLogger(ProblemRenderer.class.getName());

  private final String typeBase;
  private final Function<Throwable, Problem> fallback;

  private ProblemRenderer(String typeBase, Function<Throwable, Problem> fallback) {
    this.typeBase = Objects.requireNonNull(typeBase, "typeBase");
    this.fallback = Objects.requireNonNull(fallback, "fallback");
  }

  public static ProblemRenderer create() {
    return new ProblemRenderer(DEFAULT_TYPE_BASE, DEFAULT_FALLBACK);
  }

  public static ProblemRenderer create(String typeBase) {
    return new ProblemRenderer(typeBase, DEFAULT_FALLBACK);
  }

  public static ProblemRenderer create(String typeBase, Function<Throwable, Problem> fallback) {
    return new ProblemRenderer(typeBase, fallback);
  }

  public String typeBase() {
    return typeBase;
  }

  /**
   * Wires this renderer into a router: a first route exposing it to {@link #send}, a catch-all
   * failure handler, and error handlers for the statuses vert.x-web produces itself when no route
   * matches (404 path, 405 method, 406 produces, 415 consumes, 400 bad request) and for failures
   * the failure handler could not handle (500). Call once, on the root router.
   */
  public ProblemRenderer install(Router router) {
    router
        .route()
        .order(Integer.MIN_VALUE)
        .handler(
            ctx -> {
              ctx.put(CONTEXT_KEY, this);
              ctx.next();
            });
    router.route().failureHandler(this);
    for (int status : new int[] {400, 404, 405, 406, 413, 415, 500}) {
      router.errorHandler(status, this);
    }
    return this;
  }

  /** Failure handler and error handler entry point. */
  @Override
  public void handle(RoutingContext ctx) {
    Problem problem;
    try {
      problem = toProblem(ctx);
    } catch (RuntimeException e) {
      // a broken fallback must not leave the request hanging
      LOG.log(
          Level.SEVERE,
          "Problem mapping failed with " + e.getClass().getName() + " on " + route(ctx));
      problem = Problem.of(Catalogue.INTERNAL_ERROR);
    }
    if (UNREADABLE_BODY.equals(problem) && ctx.request().version() != HttpVersion.HTTP_2) {
      // the rest of the body cannot be framed: the connection ends with the answer, as its
      // Connection header says (vert.x has closed it already after a decoder failure)
      ctx.addEndHandler(v -> ctx.request().connection().close());
    }
    render(ctx, problem);
  }

  /** Maps the context's failure (or bare status code) to a Problem. */
  public Problem toProblem(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    int status = ctx.statusCode();
    if (failure instanceof ProblemException pe) {
      Problem p = pe.problem();
      if (p.status() >= 500) {
        LOG.log(
            Level.WARNING, "Problem " + p.type().slug() + " " + p.status() + " on " + route(ctx));
      }
      return p;
    }
    if (failure instanceof HttpException he) {
      Problem p = forStatus(he.getStatusCode());
      // vert.x-web payloads for 4xx are validation messages meant for the client; 5xx may not be
      if (he.getStatusCode() < 500 && he.getPayload() != null && !he.getPayload().isBlank()) {
        p = p.withDetail(he.getPayload());
      }
      if (p.status() >= 500) {
        logUnexpected(ctx, he.getCause() != null ? he.getCause() : he);
      }
      return p;
    }
    if (failure != null
        && (status == 200 || status == 400)
        && !ctx.request().isEnded()
        && ctx instanceof RoutingContextInternal internal
        && internal.seenHandler(RoutingContextInternal.BODY_HANDLER)) {
      return UNREADABLE_BODY;
    }
    if (failure == null || status != 500) {
      // ctx.fail(status[, cause]) or a router error handler: the status says it all; a cause's
      // message is not client-safe, so it is not used
      Problem p = status == 405 ? methodNotAllowed(ctx) : forStatus(status);
      if (p.status() >= 500) {
        logUnexpected(ctx, failure);
      }
      return p;
    }
    // an exception: ctx.fail(t) or a throw from a handler (vert.x reports 500). One the fallback
    // maps is an expected failure (a store outage, say) and logged as such; others are bugs.
    Problem p = fallback.apply(failure);
    if (p == null) {
      logUnexpected(ctx, failure);
      return Problem.of(Catalogue.INTERNAL_ERROR);
    }
    LOG.log(
        Level.WARNING,
        "Problem "
            + p.type().slug()
            + " "
            + p.status()
            + " on "
            + route(ctx)
            + " ("
            + failure.getClass().getSimpleName()
            + ")");
    return p;
  }

  /** Writes a problem as the response, with this renderer's type base. */
  public void render(RoutingContext ctx, Problem problem) {
    write(ctx, problem, typeBase);
  }

  /**
   * Where the bytes of the JSON body a response ended with are put in the routing context, so a
   * request journal can keep them (the signer's SIGNER_JOURNAL_BODIES).
   */
  public static final String RESPONSE_BODY_KEY = "responseBody";

  /**
   * Sends a problem directly from a handler. Uses the type base of the renderer installed on the
   * router with {@link #install(Router)}, else {@link #DEFAULT_TYPE_BASE}.
   */
  public static void send(RoutingContext ctx, Problem problem) {
    ProblemRenderer installed = ctx.get(CONTEXT_KEY);
    write(ctx, problem, installed != null ? installed.typeBase : DEFAULT_TYPE_BASE);
  }

  private static void write(RoutingContext ctx, Problem problem, String typeBase) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    if (response.headWritten()) {
      // status and headers are gone; all we can do is end and let the client see a truncated reply
      LOG.log(
          Level.WARNING,
          "Problem " + problem.type().slug() + " after response head was written on " + route(ctx));
      response.end();
      return;
    }
    Problem p = problem.instance() != null ? problem : problem.withInstance(ctx.request().path());
    response.setStatusCode(p.status());
    response.putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE);
    p.headers().forEach(response::putHeader);
    if (HttpMethod.HEAD.equals(ctx.request().method())) {
      response.end();
    } else {
      byte[] body = p.toJsonBytes(typeBase);
      ctx.put(RESPONSE_BODY_KEY, body);
      response.end(Buffer.buffer(body));
    }
  }

  /**
   * A failure of the request stream while a BodyHandler reads the body: it fails the request with
   * 400 and the cause of a DecoderException, or with 200 and anything else (the client closed the
   * connection, then nothing can be written; or the decoder could not read a chunk's size). Only
   * BodyHandler fails a request with those statuses before its body has ended and after it ran
   * (vert.x-web 5's own 400s, such as a missing Host, come before any handler). Neither is the
   * server's fault, so neither is logged. Also for handlers that hold a body back: {@link
   * #unreadableBody}.
   */
  private static final Problem UNREADABLE_BODY =
      Problem.of(Catalogue.BAD_REQUEST, "The request body could not be read.")
          .withHeader("Connection", "close");

  /**
   * The failure for a request stream that failed while a handler held its body back (before any
   * BodyHandler ran): answered as {@link #UNREADABLE_BODY}, and the connection closed after it.
   */
  public static ProblemException unreadableBody() {
    return UNREADABLE_BODY.toException();
  }

  private static Problem methodNotAllowed(RoutingContext ctx) {
    return Problem.of(
        Catalogue.METHOD_NOT_ALLOWED,
        "The method " + ctx.request().method().name() + " is not allowed on this resource.");
  }

  /**
   * The generic entry for a status. A 4xx/5xx status the catalogue lacks keeps its status and
   * standard reason phrase (about:blank) rather than turning into a 500, so clients still see e.g.
   * 406 or 502; anything else is an internal error.
   */
  static Problem forStatus(int status) {
    return Catalogue.genericForStatus(status)
        .map(Problem::of)
        .orElseGet(
            () -> {
              if (status >= 400 && status <= 599) {
                String phrase = HttpResponseStatus.valueOf(status).reasonPhrase();
                return Problem.of(ProblemType.aboutBlank("http-" + status, phrase, status, null));
              }
              return Problem.of(Catalogue.INTERNAL_ERROR);
            });
  }

  // One line, request-safe: exception class, route and the throwing frame; never the message
  // (it may quote secrets or bodies) and never the request body.
  private static void logUnexpected(RoutingContext ctx, Throwable t) {
    if (t == null) {
      LOG.log(Level.WARNING, "Failure " + ctx.statusCode() + " on " + route(ctx));
      return;
    }
    StackTraceElement[] trace = t.getStackTrace();
    String at = trace.length > 0 ? " at " + trace[0] : "";
    LOG.log(Level.SEVERE, "Unexpected " + t.getClass().getName() + " on " + route(ctx) + at);
  }

  private static String route(RoutingContext ctx) {
    String pattern = ctx.currentRoute() != null ? ctx.currentRoute().getPath() : null;
    return ctx.request().method().name() + " " + (pattern != null ? pattern : ctx.request().path());
  }
}
