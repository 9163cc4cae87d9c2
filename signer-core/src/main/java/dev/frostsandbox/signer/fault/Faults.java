package dev.frostsandbox.signer.fault;

import dev.frostsandbox.problem.ProblemType;
import dev.frostsandbox.signer.ServiceDefinition;
import dev.frostsandbox.signer.SignerContext;
import dev.frostsandbox.signer.relay.RelayRoutes;
import dev.frostsandbox.signer.route.ApiRoute;
import dev.frostsandbox.signer.route.ApiRoutes;
import dev.frostsandbox.signer.service.Decoration;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * Fault injection on a service's root router. Off unless SIGNER_FAULTS_ENABLED: then nothing is
 * installed at all, so fault headers are plain unknown headers and /admin/faults is a 404.
 */
public final class Faults {
  private Faults() {}

  /**
   * Call right after the tenant check of the service prefix and of /admin, before the feature
   * routes are registered (in {@code api}, which may still be empty): faults apply to authenticated
   * API requests, and the admin API needs the same credentials.
   */
  public static void install(Vertx vertx, Router root, SignerContext sc, ApiRoutes api) {
    if (!sc.config().faultsEnabled()) {
      return;
    }
    FaultRules rules =
        new FaultRules(
            vertx, sc.state().store(), sc.definition().name(), sc.config().limits().faultRules());
    // the injector classifies requests by the endpoints registered in api (their fault points)
    FaultInjector injector = new FaultInjector(sc, vertx, rules, api);
    root.route(sc.definition().prefix() + "/*").handler(injector);
    if (sc.definition().relays()) {
      // the relay's documented path, /v1<prefix>/relay, is outside the prefix
      root.route(RelayRoutes.documentedMount(sc.definition().prefix()) + "/*").handler(injector);
    }
    FaultCatalogue catalogue =
        new FaultCatalogue(sc.definition(), api, sc.config().faultMaxDelay().toMillis());
    new FaultAdminRoutes(rules, catalogue).addTo(root, "/admin");
  }

  /**
   * The decoration a request on {@code route} gets when {@code fault} is injected on it (null when
   * the route has no such failure point and the fault is answered directly): for tests that drive a
   * service or the state below the HTTP layer.
   */
  public static Decoration decoration(
      ServiceDefinition service, ApiRoute<?> route, ProblemType fault, String keyid) {
    return FaultDecoration.arm(service, route, fault, keyid, null);
  }
}
