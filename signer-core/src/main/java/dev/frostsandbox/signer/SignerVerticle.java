package dev.frostsandbox.signer;

import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.problem.Problem;
import dev.frostsandbox.problem.ProblemRenderer;
import dev.frostsandbox.signer.auth.Tenants;
import dev.frostsandbox.signer.console.ConsoleRoutes;
import dev.frostsandbox.signer.dkg.DkgRoutes;
import dev.frostsandbox.signer.fault.Faults;
import dev.frostsandbox.signer.http.InvalidRequests;
import dev.frostsandbox.signer.http.SignerProblems;
import dev.frostsandbox.signer.http.SlowClients;
import dev.frostsandbox.signer.keys.KeyRoutes;
import dev.frostsandbox.signer.ops.OpsRoutes;
import dev.frostsandbox.signer.ops.RequestLog;
import dev.frostsandbox.signer.ops.RouteTemplates;
import dev.frostsandbox.signer.ratelimit.RateLimiter;
import dev.frostsandbox.signer.relay.RelayRoutes;
import dev.frostsandbox.signer.signing.SigningRoutes;
import dev.frostsandbox.store.StoreException;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** One event loop's HTTP server: the routers of every feature on one root router. */
public final class SignerVerticle extends VerticleBase {

  private final SignerContext sc;
  private final Tenants tenants;
  private final RateLimiter rateLimiter;
  private SlowClients slowClients;
  private HttpServer server;

  public SignerVerticle(SignerContext sc, Tenants tenants, RateLimiter rateLimiter) {
    this.sc = sc;
    this.tenants = tenants;
    this.rateLimiter = rateLimiter;
  }

  private SlowClients slowClients() {
    if (slowClients == null) {
      slowClients = new SlowClients(vertx, sc.config().requestTimeout(), sc.config().idleTimeout());
    }
    return slowClients;
  }

  public Router router() {
    SignerConfig config = sc.config();
    String prefix = sc.definition().prefix();
    Router root = Router.router(vertx);
    AtomicReference<RouteTemplates> templates = new AtomicReference<>();
    root.route().order(-1_000_000).handler(SignerVerticle::rejectInvalidPath);
    root.route().order(-1_000_001).handler(new RequestLog(sc.journal(), sc.metrics(), templates::get, tenants.open()));
    root.route().order(-999_999).handler(slowClients().requestDeadline());
    ProblemRenderer.create(config.problemTypeBase(), t -> {
      if (t instanceof StoreException) {
        sc.metrics().storeError();
      }
      return SignerProblems.fromThrowable(t);
    }).install(root);
    root.route("/*").subRouter(new OpsRoutes(sc).router(vertx));
    // admin reads (a key listing decodes a page of keys) count against the tenant's rate like the API
    root.route("/admin/*").handler(tenants).handler(rateLimiter);
    root.route("/*").subRouter(new ConsoleRoutes(sc).router(vertx));
    BodyHandler body = BodyHandler.create(false).setBodyLimit(config.maxBodyBytes());
    // ahead of every BodyHandler: a request over the rate limit is answered without reading its body
    root.route(prefix + "/*").handler(tenants).handler(rateLimiter);
    String v1 = RelayRoutes.documentedMount(prefix);
    if (sc.definition().relays()) {
      // the relay's documented path is outside the prefix; it is guarded the same way
      root.route(v1 + "/*").handler(tenants).handler(rateLimiter);
    }
    Faults.install(vertx, root, sc, tenants);
    // the catch-all mount goes before the specific ones: a sub-router that matches nothing reports
    // its 404 to the root, and the last one to report wins, which would hide the 405/415 of /dkg, /keys
    Router signing = new SigningRoutes(sc).router(vertx, body);
    if (sc.definition().relays()) {
      // {prefix}/relay in the catch-all router, so no second catch-all hides its 405/415
      new RelayRoutes(sc, vertx, prefix).addTo(signing, body);
      root.route(v1 + "/*").subRouter(new RelayRoutes(sc, vertx, v1).addTo(Router.router(vertx), body));
    }
    root.route(prefix + "/*").subRouter(signing);
    root.route(prefix + "/dkg/*").subRouter(new DkgRoutes(sc).router(vertx, body));
    root.route(prefix + "/keys/*").subRouter(new KeyRoutes(sc).router(vertx));
    templates.set(RouteTemplates.of(root));
    return root;
  }

  private static void rejectInvalidPath(RoutingContext ctx) {
    if (RequestLog.normalizedPath(ctx) == null) {
      // route matching would fail on it with a status-less error, which renders as a 500
      ProblemRenderer.send(ctx, Problem.of(Catalogue.BAD_REQUEST, "The request path is not valid percent-encoding"));
      return;
    }
    ctx.next();
  }

  @Override
  public Future<?> start() {
    SignerConfig config = sc.config();
    HttpServerOptions options = new HttpServerOptions()
        .setHost(config.host())
        .setPort(config.httpPort())
        .setIdleTimeout((int) config.idleTimeout().toSeconds())
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        // no h2c: its protocol sniffing delays the connection (and its request-head deadline)
        // until the client has sent bytes, so a silent client would only meet the idle timeout
        .setHttp2ClearTextEnabled(false);
    return vertx.createHttpServer(options)
        .connectionHandler(slowClients()::connected)
        .invalidRequestHandler(InvalidRequests::handle)
        .requestHandler(slowClients().requests(router()))
        .listen()
        .onSuccess(s -> server = s);
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.shutdown(10, TimeUnit.SECONDS);
  }
}
