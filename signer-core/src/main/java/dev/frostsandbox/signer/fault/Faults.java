package dev.frostsandbox.signer.fault;

import dev.frostsandbox.signer.SignerContext;
import dev.frostsandbox.signer.relay.RelayRoutes;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Fault injection on a service's root router. Off unless SIGNER_FAULTS_ENABLED: then nothing is
 * installed at all, so fault headers are plain unknown headers and /admin/faults is a 404.
 */
public final class Faults {
  private Faults() {}

  /**
   * Call right after the tenant check of the service prefix, before the feature routers: faults
   * apply to authenticated API requests, and the admin API needs the same credentials.
   */
  public static void install(Vertx vertx, Router root, SignerContext sc, Handler<RoutingContext> tenants) {
    if (!sc.config().faultsEnabled()) {
      return;
    }
    FaultRules rules = new FaultRules(vertx, sc.state().store(), sc.definition().name(), sc.config().limits().faultRules());
    FaultInjector injector = new FaultInjector(sc, vertx, rules);
    root.route(sc.definition().prefix() + "/*").handler(injector);
    if (sc.definition().relays()) {
      // the relay's documented path, /v1<prefix>/relay, is outside the prefix
      root.route(RelayRoutes.documentedMount(sc.definition().prefix()) + "/*").handler(injector);
    }
    root.route("/admin/*").handler(tenants);
    root.route("/admin/*").subRouter(new FaultAdminRoutes(rules).router(vertx));
  }
}
