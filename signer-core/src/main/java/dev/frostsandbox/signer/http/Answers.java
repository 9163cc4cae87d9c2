package dev.frostsandbox.signer.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostsandbox.signer.route.ApiRoute;
import dev.frostsandbox.signer.route.FaultPoint;
import dev.frostsandbox.signer.service.RequestScope;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * The last step of every API route: the service's typed result, through the request's decoration (a
 * cosigner fault may replace an artefact; an after-commit abort may take the connection), rendered
 * and sent; any failure on the way goes to the failure handler, which renders the problem. Routes
 * parse, call their service, and end here.
 */
public final class Answers {
  private Answers() {}

  /**
   * Sends {@code result} rendered by {@code render} with {@code status}; a null rendering is an
   * empty answer (204).
   */
  public static <R> void send(
      RoutingContext ctx,
      RequestScope s,
      ApiRoute<R> route,
      int status,
      Future<R> result,
      Function<R, Future<ObjectNode>> render) {
    result
        .compose(r -> s.decoration().result(route, s.call(), r))
        .compose(
            r -> {
              if (route.offers(FaultPoint.AFTER_COMMIT) && s.decoration().afterCommit(route, ctx)) {
                return Future.succeededFuture();
              }
              return render
                  .apply(r)
                  .compose(
                      json ->
                          json == null
                              ? ctx.response().setStatusCode(status).end()
                              : Json.send(
                                  ctx, status, s.decoration().rendered(route, s.call(), json)));
            })
        .onFailure(ctx::fail);
  }
}
