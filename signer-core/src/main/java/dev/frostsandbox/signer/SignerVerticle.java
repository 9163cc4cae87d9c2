package dev.frostsandbox.signer;

import dev.frostsandbox.problem.Catalogue;
import dev.frostsandbox.problem.Problem;
import dev.frostsandbox.problem.ProblemRenderer;
import dev.frostsandbox.signer.auth.Tenants;
import dev.frostsandbox.signer.console.ConsoleRoutes;
import dev.frostsandbox.signer.dkg.DkgRoutes;
import dev.frostsandbox.signer.fault.Faults;
import dev.frostsandbox.signer.http.InvalidRequests;
import dev.frostsandbox.signer.http.MethodNotAllowed;
import dev.frostsandbox.signer.http.SignerProblems;
import dev.frostsandbox.signer.http.SlowClients;
import dev.frostsandbox.signer.keys.KeyLifecycleRoutes;
import dev.frostsandbox.signer.keys.KeyRoutes;
import dev.frostsandbox.signer.ops.OpsRoutes;
import dev.frostsandbox.signer.ops.RequestLog;
import dev.frostsandbox.signer.ops.RouteTemplates;
import dev.frostsandbox.signer.ratelimit.RateLimiter;
import dev.frostsandbox.signer.relay.RelayRoutes;
import dev.frostsandbox.signer.route.ApiRoutes;
import dev.frostsandbox.signer.service.DkgService;
import dev.frostsandbox.signer.service.KeyLifecycleService;
import dev.frostsandbox.signer.service.KeyService;
import dev.frostsandbox.signer.service.SigningService;
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

  /**
   * The root router. Every route is registered on it directly, in the order requests meet them:
   * Vert.x tries routes in registration order, so this method is the whole routing table. With no
   * sub-routers, an unmatched request is reported once, by the root: 405 (with {@code Allow}) when
   * a route has the path but not the method, 415 when it has both but not the content type, else
   * 404; the problem renderer answers each as Problem Details.
   */
  public Router router() {
    SignerConfig config = sc.config();
    String prefix = sc.definition().prefix();
    Router root = Router.router(vertx);
    AtomicReference<RouteTemplates> templates = new AtomicReference<>();
    // 0. failures and unmatched requests, whatever matched before, are rendered as problems
    ProblemRenderer renderer =
        ProblemRenderer.create(
                config.problemTypeBase(),
                t -> {
                  if (t instanceof StoreException) {
                    sc.metrics().storeError();
                  }
                  return SignerProblems.fromThrowable(t);
                })
            .install(root);
    root.errorHandler(405, new MethodNotAllowed(root, renderer));
    // 1. every request: logged and measured (its label once the table below is complete), given
    //    its deadline, and refused when its path is not valid percent-encoding
    root.route()
        .handler(new RequestLog(sc.journal(), sc.metrics(), templates::get, tenants.open()));
    root.route().handler(slowClients().requestDeadline());
    root.route().handler(SignerVerticle::rejectInvalidPath);
    // 2. health, metrics and the OpenAPI document: no credentials
    new OpsRoutes(sc).addTo(root);
    // 3. credentials and the tenant's rate, ahead of every BodyHandler: a request over the rate
    //    limit is answered without reading its body. Admin reads (a key listing decodes a page of
    //    keys) count against the tenant's rate like the API.
    root.route("/admin/*").handler(tenants).handler(rateLimiter);
    new ConsoleRoutes(sc).addTo(root);
    root.route(prefix + "/*").handler(tenants).handler(rateLimiter);
    String v1 = RelayRoutes.documentedMount(prefix);
    if (sc.definition().relays()) {
      // the relay's documented path is outside the prefix; it is guarded the same way
      root.route(v1 + "/*").handler(tenants).handler(rateLimiter);
    }
    // 4. the API endpoints, declared with their fault points; the fault injector (when enabled)
    //    runs ahead of them and classifies a request by the same declarations
    ApiRoutes api = new ApiRoutes(prefix, root);
    Faults.install(vertx, root, sc, api);
    BodyHandler body = BodyHandler.create(false).setBodyLimit(config.maxBodyBytes());
    KeyService keys = new KeyService(sc.definition().keyKind());
    new SigningRoutes(sc, new SigningService(keys, sc.metrics(), sc.protocolRandom()))
        .addTo(api, body);
    if (sc.definition().relays()) {
      new RelayRoutes(sc, vertx, prefix).addTo(api, body);
      new RelayRoutes(sc, vertx, v1).addTo(api, body);
    }
    new DkgRoutes(sc, new DkgService(sc.metrics(), sc.protocolRandom())).addTo(api, body);
    new KeyRoutes(sc, keys).addTo(api);
    KeyLifecycleRoutes lifecycle =
        new KeyLifecycleRoutes(sc, new KeyLifecycleService(keys, sc.random(), sc.metrics()));
    lifecycle.addTo(api, body);
    if (config.faultsEnabled()) {
      // sandbox mode only, like /admin/reset: dropping a server share is a test of the repair flow
      lifecycle.addAdminTo(root);
    }
    templates.set(RouteTemplates.of(root));
    return root;
  }

  private static void rejectInvalidPath(RoutingContext ctx) {
    if (RequestLog.normalizedPath(ctx) == null) {
      // route matching would fail on it with a status-less error, which renders as a 500
      ProblemRenderer.send(
          ctx, Problem.of(Catalogue.BAD_REQUEST, "The request path is not valid percent-encoding"));
      return;
    }
    ctx.next();
  }

  @Override
  public Future<?> start() {
    SignerConfig config = sc.config();
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(config.host())
            .setPort(config.httpPort())
            .setIdleTimeout((int) config.idleTimeout().toSeconds())
            .setIdleTimeoutUnit(TimeUnit.SECONDS)
            // no h2c: its protocol sniffing delays the connection (and its request-head deadline)
            // until the client has sent bytes, so a silent client would only meet the idle timeout
            .setHttp2ClearTextEnabled(false);
    return vertx
        .createHttpServer(options)
        .connectionHandler(
            conn -> {
              InvalidRequests.connected(conn);
              slowClients().connected(conn);
            })
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
